"""The web application: middleware, routers (listed explicitly) and error pages."""

import logging
import secrets

import anyio
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import DataError, SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from app import crypto, mail, page_cache
from app.accounts import session_cache
from app.accounts import views as accounts_views
from app.api import views as api_views
from app.api.app import create_api
from app.audit import keys as audit_keys
from app.audit import views as audit_views
from app.body_limit import BodyLimit
from app.cases import views as cases_views
from app.config import ROOT, Settings, get_settings
from app.consumers import views as consumers_views
from app.credit_reports import views as credit_reports_views
from app.db import make_engine, set_engine
from app.deps import CSRFFailed, SignInRequired, WorkspaceRequired, verify_csrf
from app.documents import views as documents_views
from app.errors import Forbidden, Invalid, NotFound
from app.journeys import views as journeys_views
from app.letters import views as letters_views
from app.outcomes import views as outcomes_views
from app.proceedings import views as proceedings_views
from app.recipients import views as recipients_views
from app.reminders import scheduler
from app.reminders import views as reminders_views
from app.web import CSRF_COOKIE, SESSION_COOKIE, expected_csrf, redirect, render
from app.web import env as web_env
from app.workspaces import views as workspaces_views

log = logging.getLogger("recourse")

# No inline script or style anywhere: everything comes from /static.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityHeaders:
    """Adds security headers and, when a page handed out a new CSRF token, the matching cookie."""

    def __init__(self, app, secure_cookies: bool = False):
        self.app = app
        self.secure_cookies = secure_cookies

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        # Every visitor gets a CSRF token cookie on their first response, whatever the page; a
        # signed-in browser's is derived from its session (app.web), and the cookie follows it.
        csrf_cookie = _cookie(scope, CSRF_COOKIE)
        expected = expected_csrf(_cookie(scope, SESSION_COOKIE), csrf_cookie)
        if (expected != csrf_cookie or not expected) and not scope.get("path", "").startswith("/api/"):
            scope.setdefault("state", {})["csrf_token"] = expected or secrets.token_urlsafe(32)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                # A route may set its own policy (the letter preview does); never send two.
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                if scope["scheme"] == "https":
                    headers.append((b"strict-transport-security", b"max-age=31536000"))
                path = scope.get("path", "")
                if not path.startswith("/static/"):
                    headers.append((b"cache-control", b"no-store"))
                state = scope.get("state", {})
                token, cookie_header = state.get("csrf_token"), _cookie(scope, CSRF_COOKIE)
                if token and token != cookie_header:
                    https = scope["scheme"] == "https" or self.secure_cookies
                    secure = "; Secure" if https else ""
                    headers.append((b"set-cookie", f"{CSRF_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax{secure}".encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class MailAfterResponse:
    """Sends the emails a request queued (app.mail) once its transaction committed and its response
    went out, in a worker thread: how long the answer takes never depends on whether mail was sent."""

    def __init__(self, app, settings: Settings):
        self.app = app
        self.settings = settings

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        try:
            await self.app(scope, receive, send)
        finally:
            outbox = scope.get("state", {}).pop("outbox", None)
            if outbox:
                await anyio.to_thread.run_sync(mail.deliver, self.settings, outbox)


def _cookie(scope, name: str) -> str | None:
    for key, value in scope.get("headers", []):
        if key == b"cookie":
            for part in value.decode("latin-1").split(";"):
                k, _, v = part.strip().partition("=")
                if k == name:
                    return v
    return None


def create_app(settings: Settings | None = None, *, configure_db: bool = True) -> FastAPI:
    settings = settings or get_settings()
    if configure_db:
        settings.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        set_engine(make_engine(settings.sqlalchemy_url))
        crypto.load_keys(settings.data_dir, settings.encryption_key)
        audit_keys.configure(settings.data_dir)
    session_cache.configure(settings.data_dir, settings.session_cache_seconds)
    page_cache.configure(settings.data_dir, settings.page_cache_seconds)
    web_env.auto_reload = settings.template_reload
    app = FastAPI(title="Recourse", docs_url=None, redoc_url=None, openapi_url=None,
                  dependencies=[Depends(verify_csrf)], lifespan=scheduler.lifespan(settings))
    app.state.settings = settings
    app.mount("/static", StaticFiles(directory=ROOT / "static"), name="static")
    app.mount("/api/v1", create_api(settings), name="api")  # bearer tokens only: no cookies, no CSRF
    for module in (accounts_views, workspaces_views, consumers_views, cases_views, letters_views,
                   proceedings_views, documents_views, credit_reports_views, recipients_views, reminders_views,
                   audit_views, api_views, outcomes_views, journeys_views):
        app.include_router(module.router)
    _error_handlers(app)
    app.add_middleware(SecurityHeaders, secure_cookies=settings.secure_cookies)
    app.add_middleware(MailAfterResponse, settings=settings)
    app.add_middleware(BodyLimit, settings=settings)
    return app


def _error_page(request: Request, status: int, title: str, message: str):
    context = {"status": status, "title": title, "message": message}
    try:
        return render(request, "errors/error.html", context, status=status)
    except SQLAlchemyError:
        # A failed flush expired the signed-in user's rows: show the page without them.
        request.state.user = request.state.ctx = None
        return render(request, "errors/error.html", context, status=status)


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(SignInRequired)
    async def _signin(request: Request, exc):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return redirect(request, f"/signin?next={target}" if request.method == "GET" else "/signin")

    @app.exception_handler(WorkspaceRequired)
    async def _workspace(request: Request, exc):
        return redirect(request, "/workspaces/new")

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc):
        return _error_page(request, 404, "Page not found", "We could not find that page. It may have been removed, or you may not have access to it.")

    @app.exception_handler(RequestValidationError)
    async def _bad_path(request: Request, exc):
        # Only path and query parameters are validated by FastAPI here (forms are parsed by hand),
        # so a malformed id is simply a page that does not exist.
        return _error_page(request, 404, "Page not found", "We could not find that page. It may have been removed, or you may not have access to it.")

    @app.exception_handler(Invalid)
    async def _invalid(request: Request, exc):
        # Bad input a view did not turn into a form error (e.g. an unknown field name): a 400, not a 500.
        return _error_page(request, 400, "Something went wrong", "Some of what was sent is not valid. Go back, reload the page and try again.")

    @app.exception_handler(DataError)
    async def _bad_data(request: Request, exc: DataError):
        # What PostgreSQL refuses and SQLite stores: NUL bytes, an over-long value, an id out of range.
        if getattr(exc.orig, "sqlstate", "") == "22003":  # numeric value out of range: no such id
            return _error_page(request, 404, "Page not found", "We could not find that page. It may have been removed, or you may not have access to it.")
        return _error_page(request, 400, "Something went wrong", "Some of what was sent is not valid. Go back, reload the page and try again.")

    @app.exception_handler(OverflowError)
    async def _too_big(request: Request, exc: OverflowError):
        # SQLite cannot bind integers beyond 64 bits: an id like /cases/99999999999999999999 does not exist.
        if "SQLite INTEGER" in str(exc):
            return _error_page(request, 404, "Page not found", "We could not find that page. It may have been removed, or you may not have access to it.")
        return await _crash(request, exc)

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, exc):
        return _error_page(request, 403, "Not allowed", "Your role in this workspace does not allow this. Ask the workspace owner if you need it.")

    @app.exception_handler(CSRFFailed)
    async def _csrf(request: Request, exc):
        return _error_page(request, 403, "Form expired", "This form was open too long or came from another site. Go back, reload the page and try again. Nothing was saved.")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 404:
            return _error_page(request, 404, "Page not found", "We could not find that page. It may have been removed, or you may not have access to it.")
        if exc.status_code == 413:
            return _error_page(request, 413, "Too large", "What you sent is too large for this site. Upload a smaller file. Nothing was saved.")
        if exc.status_code == 405:
            return _error_page(request, 405, "Not allowed", "This address does not accept that kind of request.")
        return _error_page(request, exc.status_code, "Something went wrong", str(exc.detail))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception):
        log.exception("Unhandled error on %s %s", request.method, request.url.path)
        response = _error_page(request, 500, "Something went wrong", "This is our fault, not yours. Nothing you entered was lost on our side: go back and try again. If it keeps happening, tell the person who runs this site.")
        # Starlette answers unhandled errors from its outermost middleware, outside SecurityHeaders.
        for name, value in SECURITY_HEADERS:
            response.headers[name.decode()] = value.decode()
        response.headers["cache-control"] = "no-store"
        return response
