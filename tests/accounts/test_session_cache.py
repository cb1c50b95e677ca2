"""Issue 15: a worker remembers a signed-in session for a few seconds (app/accounts/session_cache.py),
and every change to who may do what ends that at once: the very next request reads the database.

Each test first shows the page is served from the cache (no query on the sessions or members
tables), so it would fail if a change did not invalidate it."""

import logging
import re
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import event
from sqlmodel import select

from app.accounts import session_cache
from app.accounts.models import AuthSession
from app.workspaces.models import Member
from tests.conftest import PASSWORD, post, sign_in
from tests.factories import bump_in_another_process


@contextmanager
def statements(engine):
    seen: list[str] = []

    def before(conn, cursor, statement, params, context, executemany):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", before)


def assert_served_from_cache(engine, client, path="/cases"):
    client.get(path)  # the first read fills the cache
    with statements(engine) as seen:
        assert client.get(path).status_code == 200
    assert not [s for s in seen if "auth_sessions" in s or "FROM members" in s], seen


def test_a_removed_member_loses_access_on_the_very_next_request(make_client, world, engine):
    alice, bob = make_client("alice@example.org"), make_client("bob@example.org")
    assert_served_from_cache(engine, bob)
    assert post(alice, f"/members/{world.ids['bob_member']}/remove").status_code == 303
    response = bob.get("/cases")
    assert response.status_code == 303 and response.headers["location"] == "/workspaces/new"


def test_a_role_change_takes_effect_on_the_very_next_request(make_client, world, engine):
    alice, bob = make_client("alice@example.org"), make_client("bob@example.org")
    assert_served_from_cache(engine, bob)
    assert 'id="no-cases"' not in bob.get("/cases").text  # an advocate sees every case
    assert post(alice, f"/members/{world.ids['bob_member']}/role", {"role": "volunteer"}).status_code == 303
    assert 'id="no-cases"' in bob.get("/cases").text  # a volunteer with no assignments


def test_a_member_removed_outside_a_request_is_seen_too(make_client, world, engine, session):
    bob = make_client("bob@example.org")
    assert_served_from_cache(engine, bob)
    session.delete(session.get(Member, world.ids["bob_member"]))  # e.g. from the command line
    session.commit()
    assert bob.get("/cases").headers["location"] == "/workspaces/new"


def test_signing_out_ends_the_session_for_a_copied_cookie(make_client, world, engine, app):
    from fastapi.testclient import TestClient

    alice = make_client("alice@example.org")
    assert_served_from_cache(engine, alice)
    copy = TestClient(app, follow_redirects=False)
    copy.cookies.set("recourse_session", alice.cookies["recourse_session"])
    assert copy.get("/cases").status_code == 200
    assert post(alice, "/signout").status_code == 303
    response = copy.get("/cases")
    assert response.status_code == 303 and response.headers["location"].startswith("/signin")


def test_a_password_reset_signs_out_a_device_served_from_the_cache(client, make_client, world, engine, caplog):
    other_device = make_client("alice@example.org")
    assert_served_from_cache(engine, other_device)
    caplog.set_level(logging.WARNING, logger="recourse.mail")
    post(client, "/password/forgot", {"email": "alice@example.org"})
    link = re.search(r"/password/reset/[\w-]+", caplog.text).group(0)
    assert post(client, link, {"password": "brand new passphrase"}).status_code == 303
    assert other_device.get("/cases").status_code == 303


def test_another_worker_invalidating_is_seen_through_the_shared_file(make_client, world, engine, settings):
    alice = make_client("alice@example.org")
    assert_served_from_cache(engine, alice)
    # invalidate() in another process: it appends to the file every worker checks.
    bump_in_another_process(settings.data_dir, "session-cache.epoch")
    with statements(engine) as seen:
        assert alice.get("/cases").status_code == 200
    assert [s for s in seen if "auth_sessions" in s]


def test_what_was_read_before_a_change_is_not_stored_after_it(world, engine, session):
    from app.accounts.models import User
    from app.workspaces.service import memberships

    before = session_cache.epoch()
    row = session.exec(select(AuthSession)).first() or AuthSession(id="x" * 64, user_id=world.ids["alice"])
    user = session.get(User, world.ids["alice"])
    rows = memberships(session, user)
    session_cache.invalidate()  # a change committed while the request was reading
    session_cache.put("probe", epoch_before=before, row=row, user=user, memberships=rows)
    assert session_cache.get("probe") is None


def test_last_seen_is_refreshed_once_a_minute_even_when_served_from_the_cache(make_client, world, engine, monkeypatch):
    import app.accounts.service as service
    import app.deps as deps

    alice = make_client("alice@example.org")
    assert_served_from_cache(engine, alice)
    later = service.utcnow() + timedelta(minutes=2)
    monkeypatch.setattr(service, "utcnow", lambda: later)
    monkeypatch.setattr(deps, "utcnow", lambda: later)
    with statements(engine) as seen:
        for _ in range(3):
            assert alice.get("/cases").status_code == 200
    writes = [s for s in seen if s.lstrip().upper().startswith("UPDATE")]
    assert len(writes) == 1 and "auth_sessions" in writes[0]


def test_the_cache_can_be_turned_off(make_client, world, engine, settings):
    session_cache.configure(settings.data_dir, 0)
    alice = make_client("alice@example.org")
    alice.get("/cases")
    with statements(engine) as seen:
        assert alice.get("/cases").status_code == 200
    assert [s for s in seen if "auth_sessions" in s]


def test_signing_in_again_still_works_after_sign_out(make_client, world):
    alice = make_client("alice@example.org")
    assert alice.get("/cases").status_code == 200
    post(alice, "/signout")
    assert alice.get("/cases").status_code == 303
    sign_in(alice, "alice@example.org", PASSWORD)
    assert alice.get("/cases").status_code == 200
