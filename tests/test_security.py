"""Security behaviour of the web layer: headers, CSRF, session cookies and expiry, error pages,
junk input never causing a 500, and invalid forms re-rendered with the user's input."""

from datetime import timedelta
from string import Formatter

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st
from sqlalchemy import func
from sqlmodel import select

from app.accounts.models import AuthSession, LoginAttempt, User
from app.cases.models import Case, CaseNote
from app.clock import today
from app.config import Settings
from app.consumers.models import Consumer
from app.deps import DB, SESSION_COOKIE, CurrentUser
from app.main import create_app
from app.web import CSRF_COOKIE
from app.workspaces.models import Workspace
from tests.conftest import PASSWORD, csrf, post, sign_in

ALICE = "alice@example.org"
JAR_DOMAIN = "testserver.local"  # where the test client files cookies set by "testserver"


def _count(session, model, *where) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(model).where(*where)).one()


def _csp(response) -> dict[str, list[str]]:
    header = response.headers["content-security-policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def _set_cookie(response, name: str) -> str:
    found = [h for h in response.headers.get_list("set-cookie") if h.startswith(f"{name}=")]
    assert len(found) == 1, response.headers.get_list("set-cookie")
    return found[0]


def _assert_error_page(response, status: int, title: str):
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    assert '<main id="main"' in response.text
    assert 'class="site-header"' in response.text  # the site layout, not a bare error string
    soup = BeautifulSoup(response.text, "html.parser")
    assert soup.select_one(f'.error-page[data-status="{status}"]') is not None
    assert title in soup.h1.get_text()
    assert "Traceback" not in response.text


def _assert_security_headers(response):
    csp = _csp(response)
    assert csp["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    assert "'unsafe-inline'" not in csp.get("default-src", [])
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] in {"same-origin", "no-referrer", "strict-origin-when-cross-origin"}


# ---- 500 pages: throwaway routes that fail ------------------------------------------------------

@pytest.fixture
def crashing_client(app):
    def boom():
        raise RuntimeError("secret internals: kaboom")

    def boom_after_write(session: DB, user: CurrentUser):
        session.add(Workspace(name="Half written", kind="clinic"))
        session.flush()
        raise RuntimeError("failed halfway")

    app.add_api_route("/test-boom", boom, methods=["GET"])
    app.add_api_route("/test-boom-write", boom_after_write, methods=["GET"])
    with TestClient(app, follow_redirects=False, raise_server_exceptions=False) as c:
        yield c


# ---- security headers ---------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/signin", "/no/such/page", "/cases/abc", "/healthz", "/static/css/recourse.css"])
def test_security_headers(client, world, path):
    response = client.get(path)
    _assert_security_headers(response)
    assert "strict-transport-security" not in response.headers  # plain http


def test_security_headers_on_signed_in_pages_and_errors(make_client, world):
    alice = make_client(ALICE)
    for path, status in (("/cases", 200), (f"/cases/{world.ids['case3']}", 404), ("/signout", 405)):
        response = alice.get(path)
        assert response.status_code == status
        _assert_security_headers(response)
        assert response.headers["cache-control"] == "no-store"  # pages with client data are never cached
    carol = make_client("carol@example.org")
    response = post(carol, f"/cases/{world.ids['case1']}/close", {"reason": "x"})
    assert response.status_code == 403
    _assert_security_headers(response)


def test_security_headers_on_500_page(crashing_client):
    response = crashing_client.get("/test-boom")
    assert response.status_code == 500
    _assert_security_headers(response)


def test_hsts_only_over_https(app, world):
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as c:
        assert c.get("/signin").headers["strict-transport-security"].startswith("max-age=")


# ---- CSRF ---------------------------------------------------------------------------------------

def _csrf_target(name: str, make_client, world, session):
    """(client, url, valid form data without token, a count of what a success would add)."""
    if name == "signin":
        client = make_client(None)
        client.get("/signin")  # gets the CSRF cookie, like a browser would
        return client, "/signin", {"email": ALICE, "password": PASSWORD}, lambda: _count(session, LoginAttempt)
    client = make_client(ALICE)
    if name == "consumer":
        return client, "/consumers/new", {"legal_name": "Csrf Victim"}, lambda: _count(session, Consumer)
    case1 = world.ids["case1"]
    return (client, f"/cases/{case1}/notes", {"body": "Forged note"},
            lambda: _count(session, CaseNote, CaseNote.case_id == case1))


@pytest.mark.parametrize("target", ["signin", "consumer", "note"])
@pytest.mark.parametrize("token", ["missing", "empty", "wrong", "other_visitors"])
def test_csrf_refused(make_client, world, session, target, token):
    client, url, data, count = _csrf_target(target, make_client, world, session)
    before = count()
    session_cookie = client.cookies.get(SESSION_COOKIE)
    if token == "empty":
        data["csrf_token"] = ""
    elif token == "wrong":
        data["csrf_token"] = "x" * 43
    elif token == "other_visitors":
        data["csrf_token"] = csrf(make_client(None))  # a real token, but another browser's
    response = client.post(url, data=data)
    _assert_error_page(response, 403, "Form expired")
    assert "Nothing was saved" in response.text
    assert count() == before
    assert SESSION_COOKIE not in "".join(response.headers.get_list("set-cookie"))
    assert client.cookies.get(SESSION_COOKIE) == session_cookie
    if target == "signin":  # still signed out
        assert client.get("/cases").headers["location"].startswith("/signin")


def test_csrf_refused_without_cookie(app, world, session):
    # A cross-site form post from a browser that never visited: no cookie to compare with.
    with TestClient(app, follow_redirects=False) as c:
        response = c.post("/signin", data={"email": ALICE, "password": PASSWORD, "csrf_token": "anything"})
        _assert_error_page(response, 403, "Form expired")
    assert _count(session, LoginAttempt) == 0


def test_csrf_header_for_htmx(make_client, world, session):
    alice = make_client(ALICE)
    case1 = world.ids["case1"]
    token = csrf(alice)
    r = alice.post(f"/cases/{case1}/notes", data={"body": "Via htmx"}, headers={"X-CSRF-Token": token, "HX-Request": "true"})
    assert r.status_code == 303
    assert _count(session, CaseNote, CaseNote.body == "Via htmx") == 1
    # The header, when sent, is what counts: a wrong header is refused even with a right form token.
    r = alice.post(f"/cases/{case1}/notes", data={"body": "Wrong header", "csrf_token": token},
                   headers={"X-CSRF-Token": "nope"})
    _assert_error_page(r, 403, "Form expired")
    assert _count(session, CaseNote, CaseNote.body == "Wrong header") == 0
    # htmx reveal of a sensitive field works with the header alone.
    r = alice.post(f"/consumers/{world.ids['consumer1']}/reveal", data={"field": "national_id"},
                   headers={"X-CSRF-Token": token, "HX-Request": "true"})
    assert r.status_code == 200 and "123-45-6789" in r.text


def _note(client, session, case_id, body, token):
    response = client.post(f"/cases/{case_id}/notes", data={"body": body, "csrf_token": token})
    session.rollback()  # a fresh snapshot
    return response, _count(session, CaseNote, CaseNote.body == body)


def test_csrf_token_is_rotated_at_sign_in_and_bound_to_the_session(make_client, world, session):
    case1 = world.ids["case1"]
    client = make_client(None)
    client.get("/signin")
    before = client.cookies.get(CSRF_COOKIE)
    sign_in(client, ALICE)
    after = client.cookies.get(CSRF_COOKIE)
    assert before and after and before != after
    page = BeautifulSoup(client.get(f"/cases/{case1}").text, "html.parser")
    assert page.select_one('#note-form input[name="csrf_token"]')["value"] == after
    # The token from before sign-in is refused, even with the cookie set back to it (a planted cookie).
    response, saved = _note(client, session, case1, "Old token", before)
    _assert_error_page(response, 403, "Form expired")
    client.cookies.set(CSRF_COOKIE, before, domain=JAR_DOMAIN)
    response, saved = _note(client, session, case1, "Old token", before)
    _assert_error_page(response, 403, "Form expired")
    assert saved == 0
    # Another signed-in browser's token (and cookie) is refused too.
    bob = make_client("bob@example.org")
    bobs = bob.cookies.get(CSRF_COOKIE)
    assert bobs != after
    client.cookies.set(CSRF_COOKIE, bobs, domain=JAR_DOMAIN)
    response, saved = _note(client, session, case1, "Bob's token", bobs)
    _assert_error_page(response, 403, "Form expired")
    assert saved == 0
    # The session's own token works, and the next page puts the cookie right again.
    client.get("/cases")
    assert client.cookies.get(CSRF_COOKIE) == after
    response, saved = _note(client, session, case1, "Right token", after)
    assert response.status_code == 303 and saved == 1


def test_csrf_token_is_rotated_at_sign_out(make_client, world, session):
    alice = make_client(ALICE)
    signed_in = alice.cookies.get(CSRF_COOKIE)
    assert post(alice, "/signout").status_code == 303
    signed_out = alice.cookies.get(CSRF_COOKIE)
    assert signed_out and signed_out != signed_in
    # The signed-in token is worth nothing now.
    response = alice.post("/signin", data={"email": ALICE, "password": PASSWORD, "csrf_token": signed_in})
    _assert_error_page(response, 403, "Form expired")
    assert post(alice, "/signin", {"email": ALICE, "password": PASSWORD}).status_code == 303


def test_safe_methods_need_no_token(make_client, world):
    alice = make_client(ALICE)
    alice.cookies.delete(CSRF_COOKIE)
    assert alice.get("/cases").status_code == 200
    # ...and the page hands out a fresh CSRF cookie for the next form.
    assert alice.cookies.get(CSRF_COOKIE)


# ---- session cookies ----------------------------------------------------------------------------

def test_cookie_flags_over_http(make_client, world):
    client = make_client(None)
    first = client.get("/signin")
    csrf_cookie = _set_cookie(first, CSRF_COOKIE).lower()
    response = post(client, "/signin", {"email": ALICE, "password": PASSWORD})
    assert response.status_code == 303
    cookie = _set_cookie(response, SESSION_COOKIE).lower()
    for header in (cookie, csrf_cookie):
        assert "httponly" in header
        assert "samesite=lax" in header
        assert "secure" not in header
        assert "path=/" in header
    assert "max-age=" in cookie


def test_cookie_flags_over_https(app, world):
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as c:
        csrf_cookie = _set_cookie(c.get("/signin"), CSRF_COOKIE).lower()
        response = post(c, "/signin", {"email": ALICE, "password": PASSWORD})
        assert response.status_code == 303
        cookie = _set_cookie(response, SESSION_COOKIE).lower()
        for header in (cookie, csrf_cookie):
            assert "; secure" in header and "httponly" in header and "samesite=lax" in header
        assert c.get("/cases").status_code == 200


def test_secure_cookies_setting_applies_over_http(settings, engine, world, monkeypatch):
    secure = Settings(**{**settings.model_dump(), "secure_cookies": True})
    for module in ("app.config", "app.web", "app.accounts.views", "app.deps"):
        monkeypatch.setattr(f"{module}.get_settings", lambda: secure, raising=False)
    with TestClient(create_app(secure, configure_db=False), follow_redirects=False) as c:
        header = _set_cookie(c.get("/signin"), CSRF_COOKIE)
        assert "; secure" in header.lower()
        # The test client will not send a Secure cookie over http, so send it by hand.
        token = header.split(";")[0].split("=", 1)[1]
        response = c.post("/signin", data={"email": ALICE, "password": PASSWORD, "csrf_token": token},
                          headers={"cookie": f"{CSRF_COOKIE}={token}"})
        assert response.status_code == 303
        assert "; secure" in _set_cookie(response, SESSION_COOKIE).lower()


def test_session_rotates_on_sign_in(make_client, world, session):
    client = make_client(None)
    client.cookies.set(SESSION_COOKIE, "attacker-chosen-value", domain=JAR_DOMAIN)  # session fixation attempt
    sign_in(client, ALICE)
    first = client.cookies.get(SESSION_COOKIE)
    assert first and first != "attacker-chosen-value"
    assert client.get("/cases").status_code == 200

    sign_in(client, ALICE)  # again, with a valid session already set
    second = client.cookies.get(SESSION_COOKIE)
    assert second and second != first
    assert client.get("/cases").status_code == 200
    assert _count(session, AuthSession, AuthSession.user_id == world.ids["alice"]) == 1

    stale = make_client(None)
    stale.cookies.set(SESSION_COOKIE, first, domain=JAR_DOMAIN)
    response = stale.get("/cases")
    assert response.status_code == 303 and response.headers["location"].startswith("/signin")


def test_signout_ends_the_session_on_the_server(make_client, world):
    alice = make_client(ALICE)
    token = alice.cookies.get(SESSION_COOKIE)
    assert post(alice, "/signout").status_code == 303
    replay = make_client(None)
    replay.cookies.set(SESSION_COOKIE, token, domain=JAR_DOMAIN)
    assert replay.get("/cases").headers["location"].startswith("/signin")


@pytest.mark.parametrize(("idle_minutes", "still_signed_in"), [(-5, True), (1, False), (60 * 24, False)])
def test_session_expires_after_inactivity(make_client, world, session, settings, idle_minutes, still_signed_in):
    alice = make_client(ALICE)
    assert alice.get("/cases").status_code == 200
    row = session.exec(select(AuthSession).where(AuthSession.user_id == world.ids["alice"])).one()
    row.last_seen_at = row.last_seen_at - timedelta(minutes=settings.session_idle_minutes + idle_minutes)
    session.add(row)
    session.commit()
    response = alice.get("/cases")
    if still_signed_in:
        assert response.status_code == 200
    else:
        assert response.status_code == 303
        assert response.headers["location"] == "/signin?next=/cases"
        assert alice.get("/account").headers["location"].startswith("/signin")


def test_session_expires_after_max_age_even_if_active(make_client, world, session, settings):
    alice = make_client(ALICE)
    row = session.exec(select(AuthSession).where(AuthSession.user_id == world.ids["alice"])).one()
    row.created_at = row.created_at - timedelta(days=settings.session_max_days, minutes=1)
    session.add(row)
    session.commit()
    assert alice.get("/cases").headers["location"].startswith("/signin")


# ---- error pages --------------------------------------------------------------------------------

def test_404_for_unknown_url(client, make_client, world):
    _assert_error_page(client.get("/no/such/page"), 404, "Page not found")
    _assert_error_page(make_client(ALICE).get("/no/such/page"), 404, "Page not found")


@pytest.mark.parametrize("path", ["/cases/abc", "/consumers/1.5", "/cases/-1", "/cases/99999999999999999999",
                                  "/consumers/%00", "/cases/1%20OR%201=1"])
def test_404_for_malformed_or_missing_ids(make_client, world, path):
    _assert_error_page(make_client(ALICE).get(path), 404, "Page not found")


def test_403_for_a_role_forbidden_action(make_client, world, session):
    carol = make_client("carol@example.org")
    response = post(carol, f"/cases/{world.ids['case1']}/close", {"reason": "Not mine to close"})
    _assert_error_page(response, 403, "Not allowed")
    session.expire_all()
    assert session.get(Case, world.ids["case1"]).status == "open"


def test_405_page(make_client, world):
    _assert_error_page(make_client(ALICE).get("/signout"), 405, "Not allowed")


def test_500_page(crashing_client, world):
    response = crashing_client.get("/test-boom")
    _assert_error_page(response, 500, "Something went wrong")
    assert "kaboom" not in response.text and "RuntimeError" not in response.text


def test_500_rolls_back_the_request(crashing_client, world, session):
    sign_in(crashing_client, ALICE)
    response = crashing_client.get("/test-boom-write")
    _assert_error_page(response, 500, "Something went wrong")
    assert "Sign out" in response.text  # the layout still knows who is signed in
    assert _count(session, Workspace, Workspace.name == "Half written") == 0


# ---- junk input never produces a 500 ------------------------------------------------------------

JUNK = [
    "", " ", "\t\n", "a" * 20_000, "9" * 400, "ünïcødé ☃ 中文 𝔘 \u202e\u200b", "' OR 1=1 --",
    "'; DROP TABLE users; --", '"><script>alert(1)</script>', "{{7*7}} %s %n {0}", "abc", "-1", "0",
    "99999999999999999999", "1.5", "NaN", "\x00", "a\x00b", "\r\nSet-Cookie: x=y", "../../etc/passwd",
    "2024-02-30", "9999-12-31", "0001-01-01", "[]", "null",
]
# Junk for one field at a time inside an otherwise valid form (reaches the database).
FIELD_JUNK = ["a" * 20_000, "x\x00y", "ünïcødé ☃ 中文 𝔘", "' OR 1=1 --", "99999999999999999999", "-1"]
ADDRESS = ("line1", "line2", "city", "region", "postal_code", "country", "from_date", "to_date")
ALL_FIELDS = [
    "email", "name", "password", "kind", "workspace_name", "next", "language", "confirm", "workspace_id",
    "role", "consumer_id", "legal_name", "other_names", "phone", "preferred_language", "date_of_birth",
    "national_id", "national_id_kind", "field", "body", "member_id", "reason", "title", "invite_token",
    *(f"current_{f}" for f in ADDRESS), *(f"prior_{i}_{f}" for i in range(3) for f in ADDRESS),
]
VALID_CONSUMER = {
    "legal_name": "Fuzz Person", "other_names": "F. P.", "email": "fp@example.org", "phone": "+1 555 0100",
    "preferred_language": "en", "date_of_birth": "1970-01-01", "national_id": "111-22-3333",
    "national_id_kind": "ssn", "current_line1": "1 Main St", "current_line2": "Apt 2", "current_city": "Town",
    "current_region": "IL", "current_postal_code": "62701", "current_country": "US",
    "current_from_date": "2020-01-01", "prior_0_line1": "2 Old Rd", "prior_0_city": "Oldtown",
    "prior_0_country": "US", "prior_0_from_date": "2015-01-01", "prior_0_to_date": "2019-12-31",
}
VALID = {  # a valid submission per POST route; path parameters are filled from alice's objects
    "/setup": {"email": "root@example.org", "name": "Root", "password": "fuzz pass phrase", "kind": "clinic",
               "workspace_name": "Root clinic"},
    "/signup": {"email": "fuzz@example.org", "name": "Fuzz", "password": "fuzz pass phrase", "kind": "clinic",
                "workspace_name": "Fuzz clinic"},
    "/signin": {"email": ALICE, "password": PASSWORD, "next": "/cases"},
    "/password/forgot": {"email": ALICE},
    "/password/reset/{token}": {"password": "fuzz pass phrase"},
    "/language": {"language": "es", "next": "/cases"},
    "/account/language": {"language": "es"},
    "/account/delete": {"password": "wrong password", "confirm": "DELETE"},
    "/workspaces/new": {"kind": "clinic", "workspace_name": "Fuzz clinic"},
    "/workspaces/switch": {"workspace_id": "{ws_a}"},
    "/members/invite": {"email": "invitee@example.org", "role": "client", "consumer_id": "{consumer1}"},
    "/members/{member_id}/role": {"role": "client", "consumer_id": "{consumer1}"},
    "/consumers/new": VALID_CONSUMER,
    "/consumers/{consumer_id}/edit": VALID_CONSUMER,
    "/consumers/{consumer_id}/reveal": {"field": "national_id"},
    "/consumers/{consumer_id}/delete": {"confirm": "Not the name"},
    "/cases/new": {"consumer_id": "{consumer1}", "title": "Fuzz case"},
    "/cases/{case_id}/notes": {"body": "Fuzz note"},
    "/cases/{case_id}/assign": {"member_id": "{bob_member}"},
    "/cases/{case_id}/close": {"reason": "Fuzz"},
}
PATH_VALUES = {"case_id": "{case1}", "consumer_id": "{consumer1}", "member_id": "{bob_member}",
               "invitation_id": "1", "token": "not-a-token"}
PATH_JUNK = ["abc", "-1", "0", "99999999999999999999", "1.5", "%00", "%20", "1%27%20OR%201=1"]


def _post_routes() -> list[str]:
    from fastapi.routing import iter_route_contexts

    dummy = create_app(Settings(database_url="sqlite://", encryption_key=None), configure_db=False)
    paths = {r.path for r in iter_route_contexts(dummy.routes) if "POST" in (getattr(r, "methods", None) or ())}
    # Sign-in failures are throttled per address, so the sign-in fuzz runs last.
    return sorted(paths, key=lambda p: (p == "/signin", p))


POST_ROUTES = _post_routes()


def _path_names(template: str) -> list[str]:
    return [name for _text, name, _spec, _conv in Formatter().parse(template) if name]


def _fill(template: str, ids: dict, **overrides) -> str:
    """Alice's own objects in the path (or "1" for a parameter this file does not know yet)."""
    values = {n: PATH_VALUES.get(n, "1").format(**ids) for n in _path_names(template)}
    values.update(overrides)
    return template.format(**values)


def test_fuzz_covers_the_form_routes():
    assert len(POST_ROUTES) >= 25
    assert set(VALID) <= set(POST_ROUTES)


@pytest.mark.parametrize("template", POST_ROUTES)
def test_no_junk_input_produces_a_500(make_client, world, template):
    ids = world.ids
    alice = make_client(ALICE)
    url = _fill(template, ids)
    failures = []

    def send(target, data):
        if alice.cookies.get(SESSION_COOKIE) is None and template != "/signin":
            sign_in(alice, ALICE)
        try:
            status = post(alice, target, data).status_code
        except Exception as exc:  # the test client re-raises what the app did not handle
            status = repr(exc)[:120]
        if not isinstance(status, int) or status >= 500:
            failures.append((target, {k: v[:30] for k, v in data.items() if v != base.get(k)}, status))

    base = {k: v.format(**ids) for k, v in VALID.get(template, {}).items()}
    for junk in JUNK:  # every field junk at once
        send(url, dict.fromkeys(ALL_FIELDS, junk))
    for field in base:  # one junk field in an otherwise valid form
        for junk in FIELD_JUNK:
            send(url, {**base, field: junk})
    for name in _path_names(template):  # junk in the path
        for junk in PATH_JUNK:
            send(_fill(template, ids, **{name: junk}), base)
    assert not failures, failures


def test_junk_query_strings_never_produce_a_500(make_client, world):
    alice = make_client(ALICE)
    failures = []
    for junk in JUNK:
        for path, params in (("/cases", ["q", "status", "mine", "page"]), ("/audit", ["action", "actor", "since", "until", "page"]),
                             ("/cases/new", ["consumer_id"]), ("/consumers/new", ["self"]), ("/signin", ["next"]),
                             ("/signup", ["invite"])):
            try:
                status = alice.get(path, params=dict.fromkeys(params, junk[:2000])).status_code
            except Exception as exc:  # the test client re-raises what the app did not handle
                status = repr(exc)[:120]
            if not isinstance(status, int) or status >= 500:
                failures.append((path, junk[:40], status))
    assert not failures, failures


@hyp_settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.text(max_size=300), title=st.text(max_size=300), name=st.text(max_size=300))
def test_random_text_in_forms(make_client, world, body, title, name):
    alice = make_client(ALICE)
    for url, data in ((f"/cases/{world.ids['case1']}/notes", {"body": body}),
                      ("/cases/new", {"consumer_id": str(world.ids["consumer1"]), "title": title}),
                      ("/consumers/new", {**VALID_CONSUMER, "legal_name": name, "other_names": body})):
        response = post(alice, url, data)
        assert response.status_code in (303, 400), (url, response.status_code)


# ---- invalid forms: 400, the input kept, the message beside the field ---------------------------

def _field(html: str, name: str):
    soup = BeautifulSoup(html, "html.parser")
    element = soup.find(id=name)
    assert element is not None, f"no element #{name}"
    return soup, element


def _assert_invalid_field(html: str, name: str, *, value: str | None = None, message: str = ""):
    soup, element = _field(html, name)
    assert element.get("aria-invalid") == "true", element
    error = soup.find(id=f"{name}-error")
    assert error is not None, f"no #{name}-error"
    assert f"{name}-error" in element.get("aria-describedby", "").split()
    if message:
        assert message in error.get_text()
    if value is not None:
        shown = element.get_text() if element.name == "textarea" else element.get("value")
        assert shown == value


def test_invalid_consumer_form(make_client, world, session):
    alice = make_client(ALICE)
    before = _count(session, Consumer)
    future = (today() + timedelta(days=400)).isoformat()
    response = post(alice, "/consumers/new", {
        "legal_name": "Jane Roe", "national_id": "12345", "national_id_kind": "ssn", "date_of_birth": future,
        "email": "not-an-email", "current_line1": "5 Elm St", "current_city": "Springfield"})
    assert response.status_code == 400
    _assert_invalid_field(response.text, "national_id", value="12345", message="9 digits")
    _assert_invalid_field(response.text, "date_of_birth", value=future, message="not possible")
    _assert_invalid_field(response.text, "email", value="not-an-email")
    soup, legal_name = _field(response.text, "legal_name")
    assert legal_name.get("value") == "Jane Roe" and legal_name.get("aria-invalid") is None
    assert soup.find(id="current_line1").get("value") == "5 Elm St"
    assert soup.select_one("#error-summary a[href='#national_id']") is not None
    assert _count(session, Consumer) == before


def test_invalid_consumer_edit_keeps_the_stored_record(make_client, world, session):
    alice = make_client(ALICE)
    consumer1 = world.ids["consumer1"]
    response = post(alice, f"/consumers/{consumer1}/edit", {"legal_name": "", "phone": "call me maybe"})
    assert response.status_code == 400
    _assert_invalid_field(response.text, "legal_name", value="")
    _assert_invalid_field(response.text, "phone", value="call me maybe")
    session.expire_all()
    assert session.get(Consumer, consumer1).legal_name == "Dave Client"


@pytest.mark.parametrize(("password", "message"), [("short", "at least 10"), ("password123", "too common")])
def test_invalid_signup(client, world, session, password, message):
    response = post(client, "/signup", {"name": "Sam Signup", "email": "sam@example.org", "password": password,
                                        "kind": "personal"})
    assert response.status_code == 400
    _assert_invalid_field(response.text, "password", value="", message=message)  # never echoed back
    assert password not in response.text
    soup, name = _field(response.text, "name")
    assert name.get("value") == "Sam Signup"
    assert soup.find(id="email").get("value") == "sam@example.org"
    assert soup.find(id="kind-personal").has_attr("checked")
    assert _count(session, User, User.email == "sam@example.org") == 0
    assert SESSION_COOKIE not in "".join(response.headers.get_list("set-cookie"))


@pytest.mark.parametrize(("body", "shown", "message"), [
    ("", "", "Write something"), ("   \n  ", "", "Write something"), ("x" * 10_001, "x" * 10_001, "10,000"),
])
def test_invalid_case_note(make_client, world, session, body, shown, message):
    alice = make_client(ALICE)
    case1 = world.ids["case1"]
    before = _count(session, CaseNote, CaseNote.case_id == case1)
    response = post(alice, f"/cases/{case1}/notes", {"body": body})
    assert response.status_code == 400
    _assert_invalid_field(response.text, "body", value=shown, message=message)
    assert "First call done." in response.text  # the rest of the case page is still there
    assert _count(session, CaseNote, CaseNote.case_id == case1) == before
