"""Password reset by single-use, expiring link; the link goes to the log without SMTP."""

import logging
import re
from datetime import timedelta

from sqlmodel import select

from app.accounts.models import AuthSession, PasswordReset
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

    monkeypatch.setattr("app.accounts.views.send", fake_send)
    post(client, "/password/forgot", {"email": "bob@example.org"})
    assert sent and sent[0][0] == "bob@example.org"
    assert "/password/reset/" in sent[0][2]
