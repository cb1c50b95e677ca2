"""No account enumeration: sign-up, sign-in and password reset answer the same way, doing the same
work, whether or not an address has an account."""

import logging
import re

import pytest
from bs4 import BeautifulSoup
from sqlmodel import func, select

from app.accounts import passwords
from app.accounts.models import PasswordReset, SignupRequest, User
from tests.conftest import PASSWORD, mail_links, post

TAKEN, FREE = "alice@example.org", "newcomer@example.org"


def _signup(client, email: str, password: str = PASSWORD):
    return post(client, "/signup", {"name": "Someone", "email": email, "password": password, "kind": "personal"})


def _shape(response) -> tuple:
    """What a visitor can observe: status, where it leads, which cookies it sets, and the page's
    structure (tag names and ids), leaving out the per-browser CSRF token."""
    cookies = sorted(h.split("=", 1)[0] for h in response.headers.get_list("set-cookie"))
    soup = BeautifulSoup(response.text, "html.parser")
    for hidden in soup.select('input[name="csrf_token"]'):
        hidden.decompose()
    return response.status_code, response.headers.get("location"), cookies, str(soup.main)


def _count(session, model, *where) -> int:
    session.rollback()
    return session.exec(select(func.count()).select_from(model).where(*where)).one()


def test_signup_looks_the_same_for_a_taken_and_a_free_address(make_client, world, session, caplog):
    caplog.set_level(logging.WARNING, logger="recourse.mail")
    users_before = _count(session, User)
    taken, free = make_client(), make_client()
    answers = [_signup(taken, TAKEN), _signup(free, FREE)]
    assert _shape(answers[0]) == _shape(answers[1])
    assert answers[0].headers["location"] == "/signup/sent"
    pages = [taken.get("/signup/sent"), free.get("/signup/sent")]
    assert _shape(pages[0]) == _shape(pages[1])
    assert 'id="signup-sent"' in pages[0].text
    assert _count(session, User) == users_before  # nobody signed in, nothing changed for alice


def test_a_taken_address_gets_an_email_with_a_sign_in_and_a_working_reset_link(client, world, session, caplog):
    caplog.set_level(logging.WARNING, logger="recourse.mail")
    _signup(client, TAKEN)
    assert "Subject: You already have a Recourse account" in caplog.text
    assert "To: alice@example.org" in caplog.text
    assert re.search(r"http://127\.0\.0\.1:8000/signin\s", caplog.text)
    assert mail_links(caplog, "/signup/confirm/") == []
    assert _count(session, SignupRequest) == 0
    [reset] = mail_links(caplog, "/password/reset/")
    assert post(client, reset, {"password": "brand new passphrase"}).status_code == 303
    assert post(client, "/signin", {"email": TAKEN, "password": "brand new passphrase"}).status_code == 303


def test_a_free_address_gets_a_confirmation_email(client, world, caplog):
    caplog.set_level(logging.WARNING, logger="recourse.mail")
    _signup(client, FREE)
    assert "Subject: Confirm your email for Recourse" in caplog.text and f"To: {FREE}" in caplog.text
    assert len(mail_links(caplog, "/signup/confirm/")) == 1
    assert mail_links(caplog, "/password/reset/") == []


def test_signup_emails_follow_the_page_language(client, world, caplog):
    caplog.set_level(logging.WARNING, logger="recourse.mail")
    client.headers["accept-language"] = "es"
    _signup(client, FREE)
    assert "Subject: Confirma tu correo para Recourse" in caplog.text


def test_signup_is_limited_like_reset_and_the_limit_says_nothing(make_client, world):
    for email in (TAKEN, FREE):
        statuses = [_signup(make_client(), email).status_code for _ in range(4)]
        assert statuses == [303, 303, 303, 429]


def test_signin_looks_the_same_for_a_wrong_password_and_an_unknown_address(make_client, world):
    wrong = post(make_client(), "/signin", {"email": TAKEN, "password": "not her password"})
    unknown = post(make_client(), "/signin", {"email": "nobody@example.org", "password": "not her password"})
    assert wrong.status_code == unknown.status_code == 400
    assert _shape(wrong)[:3] == _shape(unknown)[:3]
    text = [BeautifulSoup(r.text, "html.parser").select_one("#signin-error").get_text() for r in (wrong, unknown)]
    assert text[0] == text[1]


def test_reset_looks_the_same_for_a_taken_and_a_free_address(make_client, world, session):
    answers = [post(make_client(), "/password/forgot", {"email": e}) for e in (TAKEN, "nobody@example.org")]
    assert _shape(answers[0]) == _shape(answers[1])
    assert _count(session, PasswordReset) == 1


class _Spy:
    def __init__(self, hasher):
        self.hasher, self.calls = hasher, []

    def hash(self, password, **kw):
        self.calls.append("hash")
        return self.hasher.hash(password, **kw)

    def verify(self, stored, password):
        self.calls.append("verify")
        return self.hasher.verify(stored, password)

    def check_needs_rehash(self, stored):
        return self.hasher.check_needs_rehash(stored)


@pytest.mark.parametrize(("route", "data"), [
    ("/signup", {"name": "Someone", "password": PASSWORD, "kind": "personal"}),
    ("/signin", {"password": "not her password"}),
])
def test_the_password_hash_runs_whether_or_not_the_account_exists(make_client, world, monkeypatch, route, data):
    """Equal work, so equal time: Argon2 runs once on either path (sign-in compares against a dummy
    hash when there is no account; sign-up hashes the password it may throw away)."""
    spy = _Spy(passwords._hasher)
    monkeypatch.setattr(passwords, "_hasher", spy)
    passwords._dummy_hash()  # made once per hasher, not per request
    calls = {}
    for email in (TAKEN, FREE):
        spy.calls = []
        post(make_client(), route, {**data, "email": email})
        calls[email] = spy.calls
    assert calls[TAKEN] == calls[FREE] and len(calls[TAKEN]) == 1
