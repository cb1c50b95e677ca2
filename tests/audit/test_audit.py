"""The audit log: recorded actions, hash chain, append-only, browsing (tampering: test_tampering.py)."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlmodel import select

from app.audit import service as audit
from app.audit.models import AuditEntry
from tests.conftest import post


def _actions(session) -> list[str]:
    return [e.action for e in session.exec(select(AuditEntry).order_by(AuditEntry.id)).all()]


def test_world_building_is_audited_and_chain_verifies(world, session):
    actions = _actions(session)
    for expected in ("user.created", "workspace.created", "consumer.created", "case.created", "case.assigned",
                     "note.created"):
        assert expected in actions
    result = audit.verify(session)
    assert result.ok and result.checked == len(actions)


def test_entries_link_to_the_previous_hash(world, session):
    entries = session.exec(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert entries[0].prev_hash == audit.GENESIS
    for before, after in zip(entries, entries[1:], strict=False):
        assert after.prev_hash == before.hash


def test_database_refuses_update_and_delete(world, engine):
    for statement in ("UPDATE audit_entries SET action = 'x'", "DELETE FROM audit_entries"):
        with pytest.raises(DBAPIError), engine.begin() as conn:
            conn.execute(text(statement))


def test_owner_browses_and_filters(make_client, world):
    alice = make_client("alice@example.org")
    page = alice.get("/audit")
    assert page.status_code == 200 and 'data-action="signin"' in page.text
    filtered = alice.get("/audit?action=case.")
    assert 'data-action="case.created"' in filtered.text and 'data-action="signin"' not in filtered.text
    # Clinic B's actions never show in clinic A's log.
    assert 'data-action="workspace.created"' in alice.get("/audit?action=workspace").text
    bad = alice.get("/audit?since=yesterday")
    assert bad.status_code == 400 and 'id="since-error"' in bad.text


def test_audit_log_is_for_owners_only(make_client, world):
    assert make_client("bob@example.org").get("/audit").status_code == 403
    assert make_client("dave@example.org").get("/audit").status_code == 403


def test_failed_signin_and_reveal_are_recorded(make_client, client, world, session):
    post(client, "/signin", {"email": "bob@example.org", "password": "wrong wrong wrong"})
    alice = make_client("alice@example.org")
    post(alice, f"/consumers/{world.ids['consumer1']}/reveal", {"field": "date_of_birth"})
    session.rollback()
    actions = _actions(session)
    assert "signin.failed" in actions and "consumer.revealed" in actions
    assert audit.verify(session).ok


@pytest.mark.parametrize("query", ["until=9999-12-31", "since=9999-12-31&until=9999-12-31", "since=0001-01-01",
                                   "until=0001-01-01", "page=99999999999999999999"])
def test_dates_at_the_ends_of_the_calendar_are_not_a_500(make_client, world, query):
    # 9999-12-31 is the last day there is: "until" then means no end (issue 10: it gave a 500).
    response = make_client("alice@example.org").get(f"/audit?{query}")
    assert response.status_code in (200, 400, 422)
    if query == "until=9999-12-31":
        assert response.status_code == 200 and 'data-action="signin"' in response.text
