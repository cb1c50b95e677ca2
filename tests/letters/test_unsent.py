"""A drafted, unsent letter shows on Today ("not sent yet") until it is sent or discarded."""

from bs4 import BeautifulSoup
from sqlmodel import select

from app.clock import today
from app.letters.models import Letter
from app.proceedings.models import Proceeding
from app.recipients.models import Recipient
from tests.conftest import post


def _unsent(client) -> dict[int, str]:
    soup = BeautifulSoup(client.get("/today").text, "html.parser")
    return {int(tr["data-letter-id"]): tr["data-status"] for tr in soup.select("#unsent-table tbody tr")}


def _freeze_letters(client, session, case_id) -> list[int]:
    assert post(client, f"/cases/{case_id}/freeze").status_code == 303
    session.rollback()
    return [letter.id for letter in session.exec(select(Letter).where(Letter.case_id == case_id).order_by(Letter.id))]


def test_unsent_letters_stay_on_today_until_sent_or_discarded(make_client, world, session):
    alice = make_client("alice@example.org")
    first, second, third = _freeze_letters(alice, session, world.ids["case1"])
    assert _unsent(alice) == {first: "draft", second: "draft", third: "draft"}
    # Finalised is still not sent.
    assert post(alice, f"/letters/{first}/finalise").status_code == 303
    assert _unsent(alice)[first] == "final"
    # Sent: it leaves the list (its deadline is on Today instead).
    assert post(alice, f"/letters/{first}/sent", {"on": today().isoformat(), "channel": "certified"}).status_code == 303
    assert first not in _unsent(alice)
    # Discarded: it leaves the list, its round is closed, and it can no longer be finalised or sent.
    assert post(alice, f"/letters/{second}/discard").status_code == 303
    assert set(_unsent(alice)) == {third}
    session.rollback()
    letter = session.get(Letter, second)
    assert letter.status == "discarded"
    closed = session.exec(select(Proceeding).where(Proceeding.state == "closed")).all()
    assert len(closed) == 1
    post(alice, f"/letters/{second}/finalise")
    assert alice.get(f"/letters/{second}/pdf").status_code == 303
    session.rollback()
    assert session.get(Letter, second).status == "discarded"
    page = BeautifulSoup(alice.get(f"/letters/{second}").text, "html.parser")
    assert page.select_one("#letter-discarded") and not page.select_one("#discard-letter")
    # A letter recorded as sent cannot be discarded.
    assert post(alice, f"/letters/{first}/discard").status_code == 303
    session.rollback()
    assert session.get(Letter, first).status == "final"
    # Volunteers see the letters of their cases only; clients cannot discard.
    assert set(_unsent(make_client("carol@example.org"))) == {third}
    assert post(make_client("dave@example.org"), f"/letters/{third}/discard").status_code == 403


def test_today_counts_unsent_letters_of_visible_cases_only(make_client, world, session):
    alice = make_client("alice@example.org")
    _freeze_letters(alice, session, world.ids["case2"])  # carol is not assigned to case 2
    soup = BeautifulSoup(alice.get("/today").text, "html.parser")
    assert soup.select_one('#today-counts [data-bucket="not-sent"] strong').text == "3"
    carol = BeautifulSoup(make_client("carol@example.org").get("/today").text, "html.parser")
    assert carol.select_one('#today-counts [data-bucket="not-sent"] strong').text == "0"
    assert carol.select_one("#unsent-empty") is not None
    assert make_client("erin@example.org").get("/today").text.count("data-letter-id") == 0


def test_freeze_addresses_must_exist(make_client, world, session):
    session.delete(session.exec(select(Recipient).where(Recipient.slug == "us-transunion-freeze")).one())
    session.commit()
    alice = make_client("alice@example.org")
    r = post(alice, f"/cases/{world.ids['case1']}/freeze")
    assert r.status_code == 303 and "error" in r.headers.get("set-cookie", "")
    session.rollback()
    assert session.exec(select(Letter)).first() is None
