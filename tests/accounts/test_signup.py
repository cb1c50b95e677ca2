"""First-run setup (signed in at once), open sign-up with a confirmed address, open sign-up off."""

import logging
from datetime import timedelta

from sqlmodel import select

from app.accounts.models import SignupRequest, User
from app.accounts.service import create_user
from app.deps import SESSION_COOKIE
from app.workspaces.models import Member, Workspace
from tests.conftest import PASSWORD, mail_links, post, sign_up


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


def test_personal_signup_confirms_the_address_then_leads_to_what_do_you_need(client, world, session, caplog):
    caplog.set_level(logging.WARNING, logger="recourse.mail")
    r = post(client, "/signup", {"name": "Pat Person", "email": "pat@example.org", "password": PASSWORD,
                                 "kind": "personal"})
    assert r.status_code == 303 and r.headers["location"] == "/signup/sent"
    assert SESSION_COOKIE not in "".join(r.headers.get_list("set-cookie"))  # not signed in yet
    assert session.exec(select(User).where(User.email == "pat@example.org")).first() is None
    page = client.get("/signup/sent")
    assert page.status_code == 200 and 'id="signup-sent"' in page.text
    [link] = mail_links(caplog, "/signup/confirm/")
    form = client.get(link)
    assert form.status_code == 200 and 'id="signup-confirm-form"' in form.text
    # Whoever holds the mailbox must also know the password chosen at sign-up.
    wrong = post(client, link, {"password": "not the password I chose"})
    assert wrong.status_code == 400 and 'id="password-error"' in wrong.text
    assert session.exec(select(User).where(User.email == "pat@example.org")).first() is None
    r = post(client, link, {"password": PASSWORD})
    assert r.status_code == 303 and r.headers["location"] == "/start"
    page = client.get("/start")
    assert page.status_code == 200 and 'id="journeys"' in page.text
    session.rollback()  # a fresh snapshot
    user = session.exec(select(User).where(User.email == "pat@example.org")).one()
    assert user.password_hash.startswith("$argon2id$")
    assert session.exec(select(Workspace).join(Member).where(Member.user_id == user.id)).one().kind == "personal"
    # The link works once.
    again = client.get(link)
    assert again.status_code == 400 and 'id="signup-invalid"' in again.text


def test_clinic_signup_confirmed_lands_on_members(client, world, session, caplog):
    r = sign_up(client, caplog, name="Cleo", email="cleo@example.org", kind="clinic", workspace_name="Cleo Clinic")
    assert r.headers["location"] == "/members"
    assert session.exec(select(Workspace).where(Workspace.name == "Cleo Clinic")).one().kind == "clinic"


def test_expired_signup_link_is_refused(client, world, session, caplog):
    caplog.set_level(logging.WARNING, logger="recourse.mail")
    post(client, "/signup", {"name": "Pat", "email": "pat@example.org", "password": PASSWORD, "kind": "personal"})
    [link] = mail_links(caplog, "/signup/confirm/")
    for row in session.exec(select(SignupRequest)).all():
        row.expires_at -= timedelta(days=2)
    session.commit()
    assert client.get(link).status_code == 400
    assert post(client, link, {"password": PASSWORD}).status_code == 400
    session.rollback()
    assert session.exec(select(User).where(User.email == "pat@example.org")).first() is None


def test_an_account_made_meanwhile_wins_over_a_pending_signup(client, world, session, caplog):
    caplog.set_level(logging.WARNING, logger="recourse.mail")
    post(client, "/signup", {"name": "Pat", "email": "pat@example.org", "password": PASSWORD, "kind": "personal"})
    [link] = mail_links(caplog, "/signup/confirm/")
    create_user(session, email="pat@example.org", name="Pat Invited", password=PASSWORD)
    session.commit()
    r = post(client, link, {"password": PASSWORD})
    assert r.status_code == 303 and r.headers["location"] == "/signin"
    session.rollback()
    assert len(session.exec(select(User).where(User.email == "pat@example.org")).all()) == 1


def test_clinic_signup_needs_a_clinic_name(client, world):
    r = post(client, "/signup", {"name": "Cleo", "email": "cleo@example.org", "password": PASSWORD,
                                 "kind": "clinic", "workspace_name": ""})
    assert r.status_code == 400 and 'id="workspace_name-error"' in r.text


def test_common_password_is_refused_and_a_taken_address_is_not_mentioned(client, world):
    r = post(client, "/signup", {"name": "Al", "email": "alice@example.org", "password": "password123",
                                 "kind": "personal"})
    assert r.status_code == 400
    assert "too common" in r.text
    assert 'id="email-error"' not in r.text and "already exists" not in r.text


def test_closed_signup_refuses_strangers_but_not_invitees(client, world, settings, session, caplog):
    caplog.set_level(logging.WARNING, logger="recourse.mail")
    post(client, "/signup", {"name": "X", "email": "x@example.org", "password": PASSWORD, "kind": "personal"})
    [link] = mail_links(caplog, "/signup/confirm/")
    settings.open_signup = False
    assert client.get("/signup").status_code == 403
    r = post(client, "/signup", {"name": "X", "email": "x@example.org", "password": PASSWORD, "kind": "personal"})
    assert r.status_code == 403
    # A link sent while sign-up was open does not open it again.
    assert post(client, link, {"password": PASSWORD}).status_code == 403
    session.rollback()
    assert session.exec(select(User).where(User.email == "x@example.org")).first() is None
