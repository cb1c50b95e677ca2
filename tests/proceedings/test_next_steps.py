"""After an answer: a proceeding with items still in dispute needs action until someone chooses
the next step, and the follow-up letters carry only what is still in dispute (issue 17)."""

import re
from datetime import timedelta

from bs4 import BeautifulSoup
from sqlmodel import select

from app.clock import today
from app.proceedings.models import Proceeding, ProceedingItem
from tests.conftest import post
from tests.proceedings.test_journeys import _sent_dispute, _today_rows


def _answer(client, pid, outcomes: dict[str, str]):
    soup = BeautifulSoup(client.get(f"/proceedings/{pid}").text, "html.parser")
    ids = {tr.select("td")[0].get_text(" ", strip=True).split(" ")[0]: tr["data-item-id"]
           for tr in soup.select("#item-table tbody tr")}
    form = {"kind": "answered", "on": today().isoformat()}
    form.update({f"outcome_{ids[name]}": outcome for name, outcome in outcomes.items()})
    assert post(client, f"/proceedings/{pid}/events", form).status_code == 303


def _text(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def test_a_verified_answer_needs_action_until_a_next_step_is_chosen(make_client, world, session):
    alice = make_client("alice@example.org")  # staff: the answer needs no review, but a decision
    pid = _sent_dispute(alice, session, world.ids["case1"], days_ago=20)
    _answer(alice, pid, {"Acme": "deleted", "First": "verified"})
    assert _today_rows(alice)[str(pid)] == "needs-review"
    page = BeautifulSoup(alice.get(f"/proceedings/{pid}").text, "html.parser")
    assert page.select_one("#mark-reviewed") is None  # nothing to review: a step to choose
    assert page.select_one("#no-further-step") is not None
    # Choosing "no further step" closes it.
    form = page.select_one("#no-further-step")
    post(alice, form["action"], {i["name"]: i["value"] for i in form.select("input[type=hidden]")
                                 if i["name"] != "csrf_token"})
    assert str(pid) not in _today_rows(alice)
    session.rollback()
    assert session.get(Proceeding, pid).state == "closed"


def test_the_follow_up_carries_only_what_is_still_in_dispute(make_client, world, session):
    alice = make_client("alice@example.org")
    pid = _sent_dispute(alice, session, world.ids["case1"], days_ago=20)
    _answer(alice, pid, {"Acme": "deleted", "First": "verified"})
    r = post(alice, f"/proceedings/{pid}/follow-up", {"letter_kind": "us.method-of-verification"})
    assert r.status_code == 303
    assert str(pid) not in _today_rows(alice)  # a next step was chosen
    child = int(re.search(r"proceeding=(\d+)", r.headers["location"]).group(1))
    session.rollback()
    assert [i.furnisher for i in session.exec(select(ProceedingItem).where(ProceedingItem.proceeding_id == child))] \
        == ["First Example Bank"]
    form = BeautifulSoup(alice.get(r.headers["location"]).text, "html.parser")
    values = {i["name"]: i.get("value", "") for i in form.select("#letter-form input") if i.get("name")}
    assert values["facts.items.0.furnisher"] == "First Example Bank"
    assert values["facts.items.0.result"] == "Verified as reported"
    assert values.get("facts.items.1.furnisher", "") == ""
    assert values["facts.resolved.0.furnisher"] == "Acme Collections LLC"
    assert form.select_one('select[name="facts.resolved.0.outcome"] option[selected]')["value"] == "deleted"
    assert values["facts.results_date"] == today().isoformat()
    # The letter asks only about the verified item and says the other was resolved.
    submitted = {k: v for k, v in values.items() if k != "csrf_token"}
    submitted.update(lang="en", sending_method="certified", letter_date=today().isoformat(),
                     recipient_id=form.select_one("#recipient_id option[selected]")["value"])
    submitted["facts.resolved.0.outcome"] = "deleted"
    r = post(alice, r.headers["location"].replace("/letters/new", "/letters/new"), submitted)
    assert r.status_code == 303, re.findall(r'<li><a href="#[^"]*">[^<]*', r.text)
    letter = BeautifulSoup(alice.get(r.headers["location"] + "/view").text, "html.parser")
    concerned = [dt.get_text(" ", strip=True) for dt in letter.select("dl.item dt")]
    assert concerned == ["1. First Example Bank, account XXXX9876"]
    assert "Acme Collections LLC, account XXXX4321: deleted" in _text(str(letter))


def test_the_complaint_says_what_was_resolved(make_client, world, session):
    alice = make_client("alice@example.org")
    pid = _sent_dispute(alice, session, world.ids["case1"], days_ago=20)
    _answer(alice, pid, {"Acme": "deleted", "First": "verified"})
    r = post(alice, f"/proceedings/{pid}/follow-up", {"letter_kind": "us.cfpb-complaint"})
    form = BeautifulSoup(alice.get(r.headers["location"]).text, "html.parser")
    events = " ".join(t.get_text() for t in form.select('textarea[name^="facts.events."]'))
    assert "Acme Collections LLC XXXX4321: deleted" in events and "First Example Bank XXXX9876: verified" in events
    assert form.select_one('input[name="facts.company"]')["value"] == "Test Bureau"


def test_nothing_left_to_dispute_means_no_follow_up(make_client, world, session):
    alice = make_client("alice@example.org")
    pid = _sent_dispute(alice, session, world.ids["case1"], days_ago=20)
    _answer(alice, pid, {"Acme": "deleted", "First": "corrected"})
    assert str(pid) not in _today_rows(alice)  # all resolved: nothing to decide
    r = post(alice, f"/proceedings/{pid}/follow-up", {"letter_kind": "us.method-of-verification"})
    assert r.status_code == 400 and "nothing is left to dispute" in r.text


def test_an_overdue_follow_up_keeps_the_earlier_reasons(make_client, world, session):
    alice = make_client("alice@example.org")
    pid = _sent_dispute(alice, session, world.ids["case1"], days_ago=60)
    r = post(alice, f"/proceedings/{pid}/follow-up", {"letter_kind": "us.dispute-follow-up"})
    form = BeautifulSoup(alice.get(r.headers["location"]).text, "html.parser")
    values = {i["name"]: i.get("value", "") for i in form.select("#letter-form input") if i.get("name")}
    texts = {t["name"]: t.get_text() for t in form.select("#letter-form textarea")}
    assert values["facts.items.1.correct_to"] == "Paid as agreed"  # the correction asked for before
    assert texts["facts.items.0.why"] == "Never my account."
    assert values["facts.prior_letter_date"] == (today() - timedelta(days=60)).isoformat()


def test_the_next_step_note_is_shown_in_the_readers_language(make_client, world, session):
    from app import i18n
    from app.letters.catalog import get_kind

    alice = make_client("alice@example.org")
    pid = _sent_dispute(alice, session, world.ids["case1"], days_ago=20)
    _answer(alice, pid, {"Acme": "deleted", "First": "verified"})
    assert post(alice, f"/proceedings/{pid}/follow-up", {"letter_kind": "us.method-of-verification"}).status_code == 303
    title = get_kind("us.method-of-verification").title
    assert f"Next step: {title}" in _text(alice.get(f"/proceedings/{pid}").text)
    alice.cookies.set("recourse_lang", "es")
    post(alice, "/language", {"language": "es", "next": "/"})
    spanish = _text(alice.get(f"/proceedings/{pid}").text)
    assert f"Siguiente paso: {i18n.translate('es', title)}" in spanish
    assert i18n.translate("es", title) != title and "Next step" not in spanish
