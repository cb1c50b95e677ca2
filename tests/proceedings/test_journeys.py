"""Full journeys: draft -> send -> no answer -> overdue -> follow-up -> complaint; an answer with
mixed outcomes; an extension; a voided event. Dates are relative to today, as a user lives them."""

import re
from datetime import timedelta

from bs4 import BeautifulSoup
from sqlmodel import select

from app.clock import today
from app.proceedings.models import Proceeding, ProceedingDeadline
from app.recipients.models import Recipient
from tests.conftest import post

ITEMS = {
    "facts.items.0.furnisher": "Acme Collections LLC", "facts.items.0.account": "XXXX4321",
    "facts.items.0.what_is_wrong": "A collection I do not owe.", "facts.items.0.why": "Never my account.",
    "facts.items.0.action": "delete",
    "facts.items.1.furnisher": "First Example Bank", "facts.items.1.account": "XXXX9876",
    "facts.items.1.what_is_wrong": "Late payment shown.", "facts.items.1.why": "Paid on time.",
    "facts.items.1.action": "correct", "facts.items.1.correct_to": "Paid as agreed",
}


def _bureau(session) -> int:
    row = Recipient(name="Test Bureau", kind="cra", jurisdictions="US", postal_address="P.O. Box 1\nAtlanta, GA",
                    verified=True)
    session.add(row)
    session.commit()
    return row.id


def _sent_dispute(alice, session, case_id, *, days_ago: int) -> int:
    r = post(alice, f"/cases/{case_id}/letters/new?kind=us.dispute-cra", {
        "recipient_id": _bureau(session), "lang": "en", "sending_method": "certified",
        "letter_date": (today() - timedelta(days=days_ago)).isoformat(), **ITEMS})
    assert r.status_code == 303, r.text
    letter_id = int(r.headers["location"].rsplit("/", 1)[1])
    assert post(alice, f"/letters/{letter_id}/finalise").status_code == 303
    r = post(alice, f"/letters/{letter_id}/sent", {"on": (today() - timedelta(days=days_ago)).isoformat(),
                                                   "channel": "certified", "tracking": "9400 1000 0000 0000 0001"})
    assert r.status_code == 303 and "/proceedings/" in r.headers["location"]
    return int(r.headers["location"].rsplit("/", 1)[1])


def _today_rows(client, **params) -> dict[str, str]:
    soup = BeautifulSoup(client.get("/today", params=params).text, "html.parser")
    return {tr["data-proceeding-id"]: tr["data-bucket"] for tr in soup.select("#today-table tbody tr")}


def test_no_answer_overdue_follow_up_then_complaint(make_client, world, session):
    alice = make_client("alice@example.org")
    pid = _sent_dispute(alice, session, world.ids["case1"], days_ago=60)
    page = alice.get(f"/proceedings/{pid}").text
    assert 'data-key="response"' in page and "estimated" in page  # receipt estimated from the mailing date
    assert "9400 1000 0000 0000 0001" in page
    assert _today_rows(alice)[str(pid)] == "overdue"
    # The next steps the law offers, each with a letter.
    soup = BeautifulSoup(page, "html.parser")
    kinds = [li["data-letter-kind"] for li in soup.select("#next-steps li")]
    assert kinds == ["us.dispute-follow-up", "us.dispute-furnisher", "us.cfpb-complaint"]
    assert "§611(a)(1)(A)" in soup.select_one("#next-steps").text
    # Follow-up round: a new proceeding linked to its parent, the letter pre-filled from it.
    r = post(alice, f"/proceedings/{pid}/follow-up", {"letter_kind": "us.dispute-follow-up"})
    assert r.status_code == 303 and "proceeding=" in r.headers["location"]
    child_id = int(re.search(r"proceeding=(\d+)", r.headers["location"]).group(1))
    form = alice.get(r.headers["location"]).text
    assert "Acme Collections LLC" in form and "First Example Bank" in form
    session.rollback()
    assert session.get(Proceeding, child_id).parent_id == pid
    # The CFPB complaint is the next step too; it becomes its own round.
    r = post(alice, f"/proceedings/{pid}/follow-up", {"letter_kind": "us.cfpb-complaint"})
    assert r.status_code == 303
    case_page = alice.get(f"/cases/{world.ids['case1']}").text
    assert case_page.count("data-proceeding-id") == 3
    # A step that does not follow from this proceeding is refused.
    assert post(alice, f"/proceedings/{pid}/follow-up", {"letter_kind": "eu.complaint"}).status_code == 400


def test_answer_with_mixed_outcomes_suggests_verification_request(make_client, world, session):
    alice = make_client("alice@example.org")
    pid = _sent_dispute(alice, session, world.ids["case1"], days_ago=20)
    assert _today_rows(alice)[str(pid)] in ("waiting", "due-soon")
    soup = BeautifulSoup(alice.get(f"/proceedings/{pid}").text, "html.parser")
    item_ids = [tr["data-item-id"] for tr in soup.select("#item-table tbody tr")]
    carol = make_client("carol@example.org")  # a volunteer records the answer; staff must review it
    r = post(carol, f"/proceedings/{pid}/events", {"kind": "answered", "on": today().isoformat(),
                                                  f"outcome_{item_ids[0]}": "deleted",
                                                  f"outcome_{item_ids[1]}": "verified"})
    assert r.status_code == 303
    assert _today_rows(alice)[str(pid)] == "needs-review"
    page = alice.get(f"/proceedings/{pid}").text
    assert "us.method-of-verification" in page and "us.statement-of-dispute" in page
    assert post(alice, f"/proceedings/{pid}/reviewed").status_code == 303
    # Reviewed, but the verified item is still in dispute: it needs action until a next step is chosen.
    assert _today_rows(alice)[str(pid)] == "needs-review"
    r = post(alice, f"/proceedings/{pid}/follow-up", {"letter_kind": "us.method-of-verification"})
    assert r.status_code == 303
    assert str(pid) not in _today_rows(alice)


def test_extension_moves_the_deadline(make_client, world, session):
    alice = make_client("alice@example.org")
    pid = _sent_dispute(alice, session, world.ids["case1"], days_ago=10)
    r = post(alice, f"/proceedings/{pid}/events", {"kind": "delivered", "on": (today() - timedelta(days=8)).isoformat()})
    assert r.status_code == 303
    session.rollback()
    before = session.get(Proceeding, pid).next_due
    assert session.get(Proceeding, pid).next_due_estimated is False  # confirmed delivery replaces the estimate
    post(alice, f"/proceedings/{pid}/events", {"kind": "info_provided", "on": today().isoformat()})
    session.rollback()
    after = session.get(Proceeding, pid).next_due
    assert after > before  # FCRA §611(a)(1)(B): 45 days when the consumer adds information
    deadlines = session.exec(select(ProceedingDeadline).where(ProceedingDeadline.proceeding_id == pid)).all()
    assert {d.key for d in deadlines} >= {"response", "extended-response"}


def test_voided_event_is_kept_and_ignored(make_client, world, session):
    alice = make_client("alice@example.org")
    pid = _sent_dispute(alice, session, world.ids["case1"], days_ago=10)
    post(alice, f"/proceedings/{pid}/events", {"kind": "closed", "on": today().isoformat(), "note": "oops"})
    session.rollback()
    assert session.get(Proceeding, pid).state == "closed"
    soup = BeautifulSoup(alice.get(f"/proceedings/{pid}").text, "html.parser")
    closed_id = soup.select_one('#timeline li[data-kind="closed"]')["data-event-id"]
    bad = post(alice, f"/proceedings/{pid}/events/{closed_id}/void", {"reason": ""})
    assert bad.status_code == 400 and 'id="void-error"' in bad.text
    assert post(alice, f"/proceedings/{pid}/events/{closed_id}/void", {"reason": "Clicked the wrong entry"}).status_code == 303
    session.rollback()
    assert session.get(Proceeding, pid).state == "waiting"
    soup = BeautifulSoup(alice.get(f"/proceedings/{pid}").text, "html.parser")
    assert "voided" in soup.select_one(f'#timeline li[data-event-id="{closed_id}"]')["class"]
    assert soup.select_one('#timeline li[data-kind="voided"]') is not None


def test_event_form_errors_and_visibility(make_client, world, session):
    alice = make_client("alice@example.org")
    pid = _sent_dispute(alice, session, world.ids["case2"], days_ago=5)
    r = post(alice, f"/proceedings/{pid}/events", {"kind": "extension_notified", "on": "2999-01-01", "new_due": ""})
    assert r.status_code == 400 and 'id="on-error"' in r.text and 'id="new_due-error"' in r.text
    assert make_client("carol@example.org").get(f"/proceedings/{pid}").status_code == 404  # not assigned
    assert make_client("erin@example.org").get(f"/proceedings/{pid}").status_code == 404
    assert str(pid) not in _today_rows(make_client("carol@example.org"))


def test_today_filters(make_client, world, session):
    alice = make_client("alice@example.org")
    late = _sent_dispute(alice, session, world.ids["case1"], days_ago=60)
    fresh = _sent_dispute(alice, session, world.ids["case2"], days_ago=1)
    rows = _today_rows(alice)
    assert list(rows)[0] == str(late)  # most urgent first
    assert set(_today_rows(alice, bucket="overdue")) == {str(late)}
    assert set(_today_rows(alice, member=world.ids["carol_member"])) == {str(late)}  # carol is on case 1
    assert _today_rows(alice, jurisdiction="EU") == {}
    assert set(_today_rows(alice, recipient="test bureau")) == {str(late), str(fresh)}


def test_case_page_shows_items_and_outcomes_across_rounds(make_client, world, session):
    alice = make_client("alice@example.org")
    pid = _sent_dispute(alice, session, world.ids["case1"], days_ago=60)
    soup = BeautifulSoup(alice.get(f"/proceedings/{pid}").text, "html.parser")
    first_item = soup.select("#item-table tbody tr")[0]["data-item-id"]
    post(alice, f"/proceedings/{pid}/events", {"kind": "answered", "on": today().isoformat(),
                                               f"outcome_{first_item}": "verified"})
    post(alice, f"/proceedings/{pid}/follow-up", {"letter_kind": "us.method-of-verification"})
    page = BeautifulSoup(alice.get(f"/cases/{world.ids['case1']}").text, "html.parser")
    rows = page.select("#item-history-table tbody tr")
    assert len(rows) == 2  # Acme and First Example Bank, each followed across both rounds
    acme = next(r for r in rows if "Acme Collections LLC" in r.text)
    rounds = acme.select("li")
    assert len(rounds) == 2 and "verified" in rounds[0].text and "no answer yet" in rounds[1].text


def test_answer_document_is_attached_to_its_timeline_entry(make_client, world, session):
    from tests.conftest import csrf
    from tests.documents.conftest import pdf_bytes

    alice = make_client("alice@example.org")
    pid = _sent_dispute(alice, session, world.ids["case1"], days_ago=20)
    post(alice, f"/proceedings/{pid}/events", {"kind": "answered", "on": today().isoformat()})
    soup = BeautifulSoup(alice.get(f"/proceedings/{pid}").text, "html.parser")
    answered = soup.select_one('#timeline li[data-kind="answered"]')
    link = answered.find("a", href=re.compile(r"/documents\?event_id="))["href"]
    form = BeautifulSoup(alice.get(link).text, "html.parser")
    assert form.select_one("#event_id option[selected]")["value"] == answered["data-event-id"]
    r = alice.post(f"/cases/{world.ids['case1']}/documents",
                   data={"csrf_token": csrf(alice), "kind": "bureau-answer", "event_id": answered["data-event-id"]},
                   files={"file": ("answer.pdf", pdf_bytes(), "application/pdf")})
    assert r.status_code == 303
    soup = BeautifulSoup(alice.get(f"/proceedings/{pid}").text, "html.parser")
    assert "answer.pdf" in soup.select_one('#timeline li[data-kind="answered"]').text
