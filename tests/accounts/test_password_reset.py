"""Password reset by single-use, expiring link; the link goes to the log without SMTP."""

import logging
import re
from datetime import timedelta

import pytest
from sqlmodel import select

from app.accounts.models import AuthSession, MailRequest, PasswordReset
from app.accounts.service import MAIL_PER_ADDRESS, MAIL_PER_IP, MAIL_WINDOW
from tests.conftest import PASSWORD, post, sign_in


def _link_from_log(caplog) -> str:
    match = re.search(r"/password/reset/([\w-]+)", caplog.text)
    assert match, caplog.text
    return match.group(0)


def test_reset_link_is_logged_when_no_smtp_and_works_once(client, world, caplog, make_client, session):
    other_device = make_client("alice@example.org")
    caplog.set_level(logging.WARNING, logger="recourse.mail")
    r = post(client, "/password/forgot", {"email": "alice@example.org"})
    assert r.status_code == 200 and 'id="reset-sent"' in r.text
    link = _link_from_log(caplog)
    assert client.get(link).status_code == 200
    r = post(client, link, {"password": "brand new passphrase"})
    assert r.status_code == 303
    # Old password fails, new one works; other signed-in devices are signed out.
    assert post(client, "/signin", {"email": "alice@example.org", "password": PASSWORD}).status_code == 400
    sign_in(client, "alice@example.org", "brand new passphrase")
    assert other_device.get("/cases").status_code == 303
    # Single use.
    again = post(client, link, {"password": "another new passphrase"})
    assert again.status_code == 400 and 'id="reset-invalid"' in again.text
    assert len(session.exec(select(AuthSession)).all()) == 1


def test_unknown_email_gets_the_same_answer_and_no_email(client, world, caplog):
    caplog.set_level(logging.WARNING, logger="recourse.mail")
    r = post(client, "/password/forgot", {"email": "nobody@example.org"})
    assert r.status_code == 200 and 'id="reset-sent"' in r.text
    assert "/password/reset/" not in caplog.text


def test_expired_link_is_refused(client, world, caplog, session):
    caplog.set_level(logging.WARNING, logger="recourse.mail")
    post(client, "/password/forgot", {"email": "bob@example.org"})
    link = _link_from_log(caplog)
    for reset in session.exec(select(PasswordReset)).all():
        reset.expires_at -= timedelta(hours=2)
    session.commit()
    assert client.get(link).status_code == 400
    assert post(client, link, {"password": "brand new passphrase"}).status_code == 400


def test_weak_new_password_is_refused_and_link_stays_usable(client, world, caplog):
    caplog.set_level(logging.WARNING, logger="recourse.mail")
    post(client, "/password/forgot", {"email": "bob@example.org"})
    link = _link_from_log(caplog)
    r = post(client, link, {"password": "short"})
    assert r.status_code == 400 and 'id="password-error"' in r.text
    assert post(client, link, {"password": "brand new passphrase"}).status_code == 303


def test_reset_email_is_sent_through_smtp_when_configured(client, world, settings, monkeypatch):
    sent = []

    def fake_send(settings_, *, to, subject, body):
        sent.append((to, subject, body))
        return True

    monkeypatch.setattr("app.mail.send", fake_send)
    post(client, "/password/forgot", {"email": "bob@example.org"})
    assert sent and sent[0][0] == "bob@example.org"
    assert "/password/reset/" in sent[0][2]


def test_reset_email_is_in_the_account_language(client, world, session, caplog):
    from app.accounts.models import User

    session.get(User, world.ids["bob"]).language = "es"
    session.commit()
    caplog.set_level(logging.WARNING, logger="recourse.mail")
    post(client, "/password/forgot", {"email": "bob@example.org"})
    assert "Subject: Restablece tu contraseña de Recourse" in caplog.text
    assert "/password/reset/" in caplog.text


@pytest.mark.parametrize("email", ["alice@example.org", "nobody@example.org"])
def test_reset_requests_are_limited_per_address_whether_or_not_it_exists(make_client, world, caplog, email):
    caplog.set_level(logging.WARNING, logger="recourse.mail")
    answers = []
    for _ in range(60):  # 60 in a few seconds went through before
        client = make_client()  # a fresh browser each time changes nothing
        answers.append(post(client, "/password/forgot", {"email": email}))
    statuses = [r.status_code for r in answers]
    assert statuses[:MAIL_PER_ADDRESS] == [200] * MAIL_PER_ADDRESS
    assert set(statuses[MAIL_PER_ADDRESS:]) == {429}
    refused = answers[-1].text
    assert 'id="too-many-emails"' in refused and 'id="reset-sent"' not in refused
    sent = len(re.findall(r"/password/reset/[\w-]+", caplog.text))
    assert sent == (MAIL_PER_ADDRESS if email.startswith("alice") else 0)


def test_reset_requests_are_limited_per_ip_address(client, world, caplog):
    statuses = [post(client, "/password/forgot", {"email": f"person{n}@example.org"}).status_code
                for n in range(MAIL_PER_IP + 2)]
    assert statuses == [200] * MAIL_PER_IP + [429, 429]
    # The limit is per IP: another address (a trusted proxy's client, here) still gets through.
    other = post(client, "/password/forgot", {"email": "alice@example.org"},
                 headers={"x-forwarded-for": "203.0.113.9"})
    assert other.status_code == 429  # no trusted proxy configured: the header is ignored


def test_the_limit_window_passes(client, world, session):
    for _ in range(MAIL_PER_ADDRESS):
        post(client, "/password/forgot", {"email": "bob@example.org"})
    assert post(client, "/password/forgot", {"email": "bob@example.org"}).status_code == 429
    for row in session.exec(select(MailRequest)).all():
        row.at -= MAIL_WINDOW
    session.commit()
    assert post(client, "/password/forgot", {"email": "bob@example.org"}).status_code == 200
