"""Removing a report item names it first, and can be undone for a while (issue 13)."""

import json
from datetime import timedelta

from bs4 import BeautifulSoup
from sqlmodel import Session

from app.clock import utcnow
from app.credit_reports import service, undo
from app.credit_reports.models import CreditReport
from tests.conftest import post


def _report(engine, report_id):
    with Session(engine) as s:
        return service.parsed(s.get(CreditReport, report_id))


def _midland(engine, report_id):
    return next(a for a in _report(engine, report_id).accounts if a.furnisher == "MIDLAND CREDIT MANAGEMENT")


def test_the_confirm_page_names_the_item(make_client, report_id, engine):
    client = make_client("alice@example.org")
    account = _midland(engine, report_id)
    page = BeautifulSoup(client.get(f"/reports/{report_id}/items/{account.key}/delete").text, "html.parser")
    question = page.select_one("#confirm-question").get_text(" ", strip=True)
    # The account is named as everywhere else: its company and the digits the report printed.
    assert question == f"Remove {account.label} from this report?"
    assert "(account ending" in account.label or "(account starting" in account.label
    inquiry = _report(engine, report_id).inquiries[0]
    page = BeautifulSoup(client.get(f"/reports/{report_id}/items/{inquiry.key}/delete").text, "html.parser")
    assert f"Remove the inquiry by {inquiry.who}" in page.select_one("#confirm-question").get_text(" ", strip=True)
    assert client.get(f"/reports/{report_id}/items/nope/delete").status_code == 404


def test_a_removed_item_can_be_put_back_in_its_place(make_client, report_id, engine):
    client = make_client("alice@example.org")
    before = [a.key for a in _report(engine, report_id).accounts]
    account = _midland(engine, report_id)
    r = post(client, f"/reports/{report_id}/items/{account.key}/delete")
    assert r.status_code == 303 and r.headers["location"].endswith("#recently-removed")
    assert account.key not in [a.key for a in _report(engine, report_id).accounts]
    page = BeautifulSoup(client.get(f"/reports/{report_id}").text, "html.parser")
    offer = page.select_one(f'#recently-removed li[data-removed="{account.key}"]')
    assert "MIDLAND CREDIT MANAGEMENT" in offer.get_text()
    form = offer.select_one("form.undo-form")
    assert form["method"] == "post" and form["action"] == f"/reports/{report_id}/items/{account.key}/restore"
    assert form.select_one('input[name="csrf_token"]')
    # Without the CSRF token nothing happens.
    assert client.post(f"/reports/{report_id}/items/{account.key}/restore").status_code in (400, 403)
    assert post(client, form["action"]).status_code == 303
    assert [a.key for a in _report(engine, report_id).accounts] == before  # back in its place
    assert not BeautifulSoup(client.get(f"/reports/{report_id}").text, "html.parser").select_one("#recently-removed")
    # The download holds the report alone, never the undo stash.
    assert "removed" not in json.loads(client.get(f"/reports/{report_id}/report.json").content)


def test_undo_ends_after_the_window(make_client, report_id, engine):
    alice = make_client("alice@example.org")
    account = _midland(engine, report_id)
    assert post(alice, f"/reports/{report_id}/items/{account.key}/delete").status_code == 303
    assert post(make_client("erin@example.org"), f"/reports/{report_id}/items/{account.key}/restore").status_code == 404
    with Session(engine) as s:  # the window passes
        row = s.get(CreditReport, report_id)
        data = json.loads(row.data)
        data[undo.STASH][0]["until"] = (utcnow() - timedelta(seconds=1)).isoformat()
        row.data = json.dumps(data)
        s.add(row)
        s.commit()
    assert 'id="recently-removed"' not in alice.get(f"/reports/{report_id}").text
    r = post(alice, f"/reports/{report_id}/items/{account.key}/restore")
    assert r.status_code == 303
    assert account.key not in [a.key for a in _report(engine, report_id).accounts]
    # Saving the report again drops the expired entry from the stored data.
    assert post(alice, f"/reports/{report_id}/edit", {"bureau": "Experian", "pulled": "2025-03-15"}).status_code == 303
    with Session(engine) as s:
        assert undo.STASH not in json.loads(s.get(CreditReport, report_id).data)


def test_the_member_confirm_page_names_the_person_and_workspace(make_client, world):
    alice = make_client("alice@example.org")
    page = BeautifulSoup(alice.get(f"/members/{world.ids['bob_member']}/remove").text, "html.parser")
    question = page.select_one("#confirm-question").get_text(" ", strip=True)
    assert "bob@example.org" in question and "advocate" in question.lower() and question.endswith("?")
    assert "Clinic" in question and not question.startswith("Leave")  # not the "leave" question (it was, before)
    own = BeautifulSoup(alice.get(f"/members/{world.ids['alice_member']}/remove").text, "html.parser")
    assert own.select_one("#confirm-question").get_text(strip=True).startswith("Leave ")
