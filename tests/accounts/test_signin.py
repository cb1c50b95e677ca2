"""Sign-in, throttling, sign-out."""

from datetime import timedelta

from sqlmodel import select

from app.accounts.models import AuthSession, LoginAttempt
from app.audit.models import AuditEntry
from tests.conftest import PASSWORD, post


def test_sign_in_and_out(client, world, session):
    r = post(client, "/signin", {"email": "ALICE@example.org", "password": PASSWORD, "next": "/consumers"})
    assert r.status_code == 303 and r.headers["location"] == "/consumers"
    assert client.get("/consumers").status_code == 200
    assert session.exec(select(AuditEntry).where(AuditEntry.action == "signin")).first() is not None
    r = post(client, "/signout")
    assert r.status_code == 303
    assert client.get("/consumers").status_code == 303
    session.rollback()  # end the test's read snapshot, see what the app committed since
    assert session.exec(select(AuthSession)).all() == []
    signout = session.exec(select(AuditEntry).where(AuditEntry.action == "signout")).one()
    assert signout.actor_user_id == signout.object_id == world.ids["alice"]
    assert signout.ip == "testclient"
    # Signing out again (an old tab) records nothing more.
    post(client, "/signout")
    session.rollback()
    assert len(session.exec(select(AuditEntry).where(AuditEntry.action == "signout")).all()) == 1


def test_next_never_leaves_the_site(client, world):
    r = post(client, "/signin", {"email": "alice@example.org", "password": PASSWORD, "next": "//evil.example/x"})
    assert r.headers["location"] == "/"


def test_wrong_password_is_recorded_and_explained(client, world, session):
    r = post(client, "/signin", {"email": "alice@example.org", "password": "wrong password!"})
    assert r.status_code == 400
    assert "Wrong email or password." in r.text
    assert 'value="alice@example.org"' in r.text
    failed = session.exec(select(AuditEntry).where(AuditEntry.action == "signin.failed")).all()
    assert len(failed) == 1 and failed[0].actor_user_id == world.ids["alice"]


def test_five_failures_then_a_wait_with_a_clear_message(client, world, session):
    for _ in range(5):
        assert post(client, "/signin", {"email": "alice@example.org", "password": "nope nope nope"}).status_code == 400
    r = post(client, "/signin", {"email": "alice@example.org", "password": PASSWORD})
    assert r.status_code == 400
    assert "Too many failed sign-ins" in r.text and "minute" in r.text
    # Once the delay has passed, the right password works again.
    for attempt in session.exec(select(LoginAttempt)).all():
        attempt.at -= timedelta(minutes=5)
    session.commit()
    assert post(client, "/signin", {"email": "alice@example.org", "password": PASSWORD}).status_code == 303


def test_throttle_is_also_per_ip_address(make_client, world):
    guesser = make_client()
    for i in range(5):
        post(guesser, "/signin", {"email": f"nobody{i}@example.org", "password": "guess guess guess"})
    r = post(guesser, "/signin", {"email": "bob@example.org", "password": PASSWORD})
    assert r.status_code == 400 and "Too many failed sign-ins" in r.text


def test_delay_grows_with_each_failure():
    from app.accounts.service import BASE_DELAY, MAX_DELAY, _delay_for

    assert _delay_for(4) == timedelta(0)
    assert _delay_for(5) == BASE_DELAY
    assert _delay_for(6) == BASE_DELAY * 2
    assert _delay_for(50) == MAX_DELAY


def test_a_get_refreshes_last_seen_apart_and_never_fails_when_the_db_is_busy(make_client, world, session, engine):
    """A GET refreshes the session's last-seen time at most once a minute, in its own short write;
    if another writer holds the database, the page is still served (the refresh waits for next time)."""
    alice = make_client("alice@example.org")
    row = session.exec(select(AuthSession)).one()
    row.last_seen_at -= timedelta(minutes=5)
    session.add(row)
    session.commit()
    before = row.last_seen_at

    def last_seen():
        session.rollback()  # a fresh snapshot, read past the identity map
        return session.exec(select(AuthSession.last_seen_at).where(AuthSession.id == row.id)).one()

    if engine.dialect.name == "sqlite":
        # Another writer holds the write lock throughout the request.
        with engine.connect() as other, other.execution_options(sqlite_begin="IMMEDIATE").begin():
            assert alice.get("/account").status_code == 200
        assert last_seen() == before
    assert alice.get("/account").status_code == 200
    refreshed = last_seen()
    assert refreshed > before
    assert alice.get("/account").status_code == 200  # within the minute: no second write
    assert last_seen() == refreshed
