"""The proceeding passes the rules engine what changes a period: the letter's §612(a)(3) fact and
the dates of added information and extension notices (issue 17, point 2 and the 45-day rule)."""

from datetime import timedelta

from sqlmodel import select

from app.clock import today
from app.proceedings.models import Proceeding, ProceedingDeadline
from tests.conftest import post
from tests.proceedings.test_journeys import ITEMS, _bureau


def _sent(alice, session, case_id, *, days_ago: int, **facts) -> int:
    on = (today() - timedelta(days=days_ago)).isoformat()
    r = post(alice, f"/cases/{case_id}/letters/new?kind=us.dispute-cra", {
        "recipient_id": _bureau(session), "lang": "en", "sending_method": "certified", "letter_date": on,
        **ITEMS, **facts})
    assert r.status_code == 303, r.text
    letter_id = int(r.headers["location"].rsplit("/", 1)[1])
    assert post(alice, f"/letters/{letter_id}/finalise").status_code == 303
    r = post(alice, f"/letters/{letter_id}/sent", {"on": on, "channel": "certified", "tracking": ""})
    assert r.status_code == 303
    pid = int(r.headers["location"].rsplit("/", 1)[1])
    r = post(alice, f"/proceedings/{pid}/events", {"kind": "delivered", "on": on})
    assert r.status_code == 303
    return pid


def _deadlines(session, pid) -> dict[str, ProceedingDeadline]:
    session.rollback()
    rows = session.exec(select(ProceedingDeadline).where(ProceedingDeadline.proceeding_id == pid)).all()
    return {d.key: d for d in rows}


def test_dispute_after_the_annual_report_gets_45_days(make_client, world, session):
    # FCRA §612(a)(3): a dispute made after the §612(a) free report: 45 days after receipt.
    alice = make_client("alice@example.org")
    pid = _sent(alice, session, world.ids["case1"], days_ago=3, **{"facts.after_annual_report": "on"})
    response = _deadlines(session, pid)["response"]
    assert response.due == today() - timedelta(days=3) + timedelta(days=45)
    assert "612(a)(3)" in response.citation
    assert session.get(Proceeding, pid).next_due == response.due


def test_without_the_fact_the_dispute_keeps_30_days(make_client, world, session):
    # FCRA §611(a)(1)(A): 30-day period beginning on receipt (day 30 = receipt + 29).
    alice = make_client("alice@example.org")
    pid = _sent(alice, session, world.ids["case1"], days_ago=3)
    response = _deadlines(session, pid)["response"]
    assert response.due == today() - timedelta(days=3) + timedelta(days=29)
    assert "611(a)(1)(A)" in response.citation


def test_information_added_after_day_30_gives_no_extension(make_client, world, session):
    # §611(a)(1)(B): only information received "during that 30-day period" adds 15 days. The date
    # the person records for "I sent more information" reaches the engine.
    alice = make_client("alice@example.org")
    pid = _sent(alice, session, world.ids["case1"], days_ago=40)
    normal_due = session.get(Proceeding, pid).next_due
    post(alice, f"/proceedings/{pid}/events", {"kind": "info_provided", "on": today().isoformat()})  # day 41
    deadlines = _deadlines(session, pid)
    assert deadlines["extended-response"].applies is False and deadlines["response"].applies is True
    assert "gives no extra time" in deadlines["extended-response"].explanation
    assert session.get(Proceeding, pid).next_due == normal_due


def test_information_added_in_time_extends(make_client, world, session):
    alice = make_client("alice@example.org")
    pid = _sent(alice, session, world.ids["case2"], days_ago=12)
    post(alice, f"/proceedings/{pid}/events", {"kind": "info_provided", "on": today().isoformat()})  # day 13
    deadlines = _deadlines(session, pid)
    assert deadlines["extended-response"].applies is True
    assert session.get(Proceeding, pid).next_due == deadlines["extended-response"].due
