"""Emails leave only after the transaction that made them commits, and after the response; a request
that rolls back sends nothing. Their texts are templates in templates/emails/ (English and Spanish)."""

import threading
import time

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlmodel import func, select

from app import mail
from app.config import ROOT
from app.i18n import LANGUAGES
from app.workspaces.models import Invitation
from tests.conftest import post, sign_in

KINDS = {
    "password_reset": {"link": "https://x.example/r", "minutes": 60},
    "invitation": {"name": "Ana", "workspace": "Clinic", "role": "advocate", "days": 14, "link": "https://x.example/i"},
    "account_exists": {"signin_link": "https://x.example/s", "reset_link": "https://x.example/r", "minutes": 60},
    "signup_confirm": {"link": "https://x.example/c", "hours": 24},
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_email_has_a_subject_and_its_values(kind, lang):
    email = mail.compose(kind, lang, to="p@example.org", **KINDS[kind])
    assert email.to == "p@example.org" and email.subject and "\n" not in email.subject
    for value in KINDS[kind].values():
        assert str(value) in email.body
    assert "{{" not in email.body and "{%" not in email.body


def test_every_template_has_both_languages():
    # The account emails (the reminder emails are checked in tests/reminders).
    names = {p.name for p in (ROOT / "templates" / "emails").glob("*.txt")
             if not p.name.startswith(("reminder_", "_reminder"))}
    assert names == {f"{kind}.{lang}.txt" for kind in KINDS for lang in LANGUAGES}


def test_an_unknown_language_falls_back_to_english():
    assert mail.compose("signup_confirm", "xx", to="p@example.org", link="l", hours=1).subject == \
        mail.compose("signup_confirm", "en", to="p@example.org", link="l", hours=1).subject


@pytest.fixture
def outbox(monkeypatch, settings):
    sent: list[tuple[str, str, str]] = []

    def fake_send(settings_, *, to, subject, body):
        sent.append((to, subject, body))
        return True

    settings.smtp_host = "smtp.invalid"  # "configured": the invitation page then says "sent"
    monkeypatch.setattr("app.mail.send", fake_send)
    return sent


def test_an_invitation_is_sent_once_its_transaction_commits(make_client, world, outbox, session):
    alice = make_client("alice@example.org")
    r = post(alice, "/members/invite", {"email": "friend@example.org", "role": "advocate"})
    assert r.status_code == 303
    assert [(to, subject) for to, subject, _ in outbox] == [("friend@example.org", "You are invited to Recourse")]
    assert "/invite/" in outbox[0][2]
    assert session.exec(select(func.count()).select_from(Invitation)).one() == 1


def test_a_request_that_rolls_back_sends_nothing(app, world, outbox, session, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("something broke after the invitation was made")

    monkeypatch.setattr("app.workspaces.views.redirect", fail)
    with TestClient(app, follow_redirects=False, raise_server_exceptions=False) as alice:
        sign_in(alice, "alice@example.org")
        r = post(alice, "/members/invite", {"email": "friend@example.org", "role": "advocate"})
    assert r.status_code == 500
    assert outbox == []
    assert session.exec(select(func.count()).select_from(Invitation)).one() == 0


def test_a_reset_email_that_fails_to_send_never_fails_the_page(client, world, monkeypatch, caplog):
    def broken(settings_, *, to, subject, body):
        raise mail.MailError("connection refused")

    monkeypatch.setattr("app.mail.send", broken)
    r = post(client, "/password/forgot", {"email": "alice@example.org"})
    assert r.status_code == 200 and 'id="reset-sent"' in r.text


def test_the_answer_does_not_wait_for_the_mail_server(world, live_server, monkeypatch):
    """A slow mail server: the reset page for an existing account answers as fast as for an unknown one,
    and the email still goes out, after the response."""
    delivered = threading.Event()

    def slow_send(settings_, *, to, subject, body):
        time.sleep(1.5)
        delivered.set()
        return True

    monkeypatch.setattr("app.mail.send", slow_send)
    with httpx.Client(base_url=live_server, timeout=30) as client:
        client.get("/signin")
        timings = {}
        for email in ("nobody@example.org", "alice@example.org"):
            start = time.monotonic()
            r = client.post("/password/forgot", data={"email": email, "csrf_token": client.cookies["recourse_csrf"]})
            timings[email] = time.monotonic() - start
            assert r.status_code == 200 and 'id="reset-sent"' in r.text
    assert timings["alice@example.org"] < 1.0, timings
    assert delivered.wait(10)


def test_no_view_sends_mail_itself():
    """Views queue email on the session (app.mail.queue); only app.mail sends."""
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "app").rglob("*.py")
                 if "views" in p.name and ("mail.send" in p.read_text() or "import send" in p.read_text())]
    assert offenders == []
