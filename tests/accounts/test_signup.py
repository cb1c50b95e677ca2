"""First-run setup, sign-up with the two workspace kinds, open sign-up off."""

from sqlmodel import select

from app.accounts.models import User
from app.workspaces.models import Member, Workspace
from tests.conftest import PASSWORD, post


def test_fresh_instance_sends_visitors_to_setup(client):
    assert client.get("/").headers["location"] == "/setup"
    assert client.get("/signin").headers["location"] == "/setup"
    page = client.get("/setup")
    assert page.status_code == 200
    assert 'id="setup-form"' in page.text


def test_setup_creates_the_admin_and_their_clinic(client, session):
    r = post(client, "/setup", {"name": "Ana Owner", "email": "Ana@Example.org", "password": PASSWORD,
                                "kind": "clinic", "workspace_name": "Legal Aid North"})
    assert r.status_code == 303 and r.headers["location"] == "/members"
    user = session.exec(select(User)).one()
    assert user.email == "ana@example.org" and user.is_admin
    assert user.password_hash.startswith("$argon2id$")
    ws = session.exec(select(Workspace)).one()
    assert (ws.name, ws.kind) == ("Legal Aid North", "clinic")
    assert session.exec(select(Member.role)).one() == "owner"
    # Signed in straight away, and setup is closed from now on.
    assert client.get("/cases").status_code == 200
    assert client.get("/setup").headers["location"] == "/signin"


def test_setup_with_bad_input_keeps_what_was_typed(client, session):
    r = post(client, "/setup", {"name": "Ana", "email": "not-an-email", "password": "short", "kind": "clinic",
                                "workspace_name": ""})
    assert r.status_code == 400
    assert 'id="email-error"' in r.text and 'id="password-error"' in r.text and 'id="workspace_name-error"' in r.text
    assert 'value="Ana"' in r.text and 'value="not-an-email"' in r.text
    assert PASSWORD not in r.text
    assert session.exec(select(User)).first() is None


def test_personal_signup_leads_to_the_self_profile(client, world):
    r = post(client, "/signup", {"name": "Pat Person", "email": "pat@example.org", "password": PASSWORD,
                                 "kind": "personal"})
    assert r.status_code == 303 and r.headers["location"] == "/consumers/new?self=1"
    page = client.get("/consumers/new?self=1")
    assert 'value="Pat Person"' in page.text and 'value="pat@example.org"' in page.text


def test_clinic_signup_needs_a_clinic_name(client, world):
    r = post(client, "/signup", {"name": "Cleo", "email": "cleo@example.org", "password": PASSWORD,
                                 "kind": "clinic", "workspace_name": ""})
    assert r.status_code == 400 and 'id="workspace_name-error"' in r.text


def test_duplicate_email_and_common_password_are_refused(client, world):
    r = post(client, "/signup", {"name": "Al", "email": "alice@example.org", "password": "password123",
                                 "kind": "personal"})
    assert r.status_code == 400
    assert "already exists" in r.text and "too common" in r.text


def test_closed_signup_refuses_strangers_but_not_invitees(client, world, settings, session):
    settings.open_signup = False
    assert client.get("/signup").status_code == 403
    r = post(client, "/signup", {"name": "X", "email": "x@example.org", "password": PASSWORD, "kind": "personal"})
    assert r.status_code == 403
    assert session.exec(select(User).where(User.email == "x@example.org")).first() is None
