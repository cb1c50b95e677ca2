"""Shared web plumbing: templates, render(), redirects with flash messages, CSRF, form parsing."""

import base64
import hashlib
import hmac
import ipaddress
import json
import secrets
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Annotated
from urllib.parse import quote, unquote

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal
from fastapi import Depends, Request
from fastapi.responses import RedirectResponse, Response
from jinja2 import pass_context
from markupsafe import Markup
from starlette.datastructures import UploadFile
from starlette.templating import Jinja2Templates

from app import glossary, i18n, messages
from app.clock import today
from app.config import ROOT, Settings
from app.crypto import mask, mask_date
from app.proceedings import notes

CSRF_COOKIE = "recourse_csrf"
SESSION_COOKIE = "recourse_session"
FLASH_COOKIE = "recourse_flash"
LANG_COOKIE = "recourse_lang"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

templates = Jinja2Templates(directory=str(ROOT / "templates"))
env = templates.env
env.globals["LANGUAGES"] = i18n.LANGUAGES
env.filters["mask"] = mask
env.filters["mask_date"] = mask_date


def reading(value: str, field: str, lang: str) -> str:
    """One candidate reading of a value that reads two ways (a date "2021-03-04" or an amount
    "1.234"), written so it cannot be misread in the page's language: the month by name, and an
    amount with a word for its size."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        day = None
    if day is not None:
        return format_date(day, format="long", locale=lang)
    try:
        amount = Decimal(value)
    except InvalidOperation:
        return value
    text = format_decimal(amount, format="#,##0.00##", locale=lang)
    if abs(amount) >= 1000:
        return i18n.translate(lang, "%(amount)s (more than a thousand)", amount=text)
    if abs(amount) < 10:
        return i18n.translate(lang, "%(amount)s (less than ten)", amount=text)
    return text


env.filters["reading"] = reading


# Dates on pages are written for the reader's language, with the month as a word ("2 Dec 2026",
# "2 dic 2026"), never as ISO text that reads differently in different countries. The machine
# form stays in <time datetime="..."> and in form values.
_DAY = {"en": "d MMM y", "es": "d MMM y"}
_DAY_LONG = {"en": "d MMMM y", "es": "d 'de' MMMM 'de' y"}
_DAY_SHORT = {"en": "d MMM", "es": "d MMM"}
_MOMENT = {"en": "d MMM y, HH:mm", "es": "d MMM y, HH:mm"}


def _lang(context) -> str:
    lang = context.get("lang", i18n.DEFAULT)
    return lang if lang in i18n.LANGUAGES else i18n.DEFAULT


def format_day(value, lang: str, patterns: dict[str, str] = _DAY) -> str:
    """A date (or the date of a datetime) in the reader's language; "" for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime):
        value = value.date()
    return _formatted_day(value, patterns.get(lang, patterns[i18n.DEFAULT]), lang)


@lru_cache(maxsize=16)
def _locale(lang: str) -> Locale:
    """Babel's Locale for a language, parsed once (Locale.parse cost a twelfth of the Today page)."""
    return Locale.parse(lang)


@lru_cache(maxsize=4096)
def _formatted_day(day: date, pattern: str, lang: str) -> str:
    # A page writes the same few dates over and over (50 deadlines on Today): the text is a pure
    # function of (day, pattern, language), so it is written once.
    return format_date(day, pattern, locale=_locale(lang))


@pass_context
def _day(context, value) -> str:
    return format_day(value, _lang(context))


@pass_context
def _day_long(context, value) -> str:
    return format_day(value, _lang(context), _DAY_LONG)


@pass_context
def _day_short(context, value) -> str:
    """Day and month only ("2 Dec") for a date in this year, for sentences; with the year otherwise."""
    year = value.year if isinstance(value, date) else None
    return format_day(value, _lang(context), _DAY_SHORT if year == today().year else _DAY)


@pass_context
def _moment(context, value) -> str:
    """A date and time (stored in UTC) in the reader's language: "2 Dec 2026, 14:05"."""
    if value is None:
        return ""
    lang = _lang(context)
    return format_datetime(value, _MOMENT.get(lang, _MOMENT[i18n.DEFAULT]), locale=_locale(lang))


@pass_context
def _number(context, value, decimals: int | None = None) -> str:
    """A number with the reader's separators ("1,234.50" / "1234,50"); money uses decimals=2."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    pattern = "#,##0.00" if decimals == 2 else "#,##0.###"
    return format_decimal(amount, format=pattern, locale=_lang(context))


env.tests["day"] = lambda value: isinstance(value, date)
env.filters["day"] = _day
env.filters["day_long"] = _day_long
env.filters["day_short"] = _day_short
env.filters["moment"] = _moment
env.filters["number"] = _number


@pass_context
def _gettext(context, message: str | messages.Message, **params):
    """`_("English text", **params)`; an engine message (app/messages.py), e.g. a file reader's
    error shown as a form error, is rendered with its own parameters."""
    lang = context.get("lang", i18n.DEFAULT)
    if isinstance(message, messages.Message):
        return message.render(lang)
    if isinstance(message, list | tuple):  # several engine messages, one after the other
        return messages.render(message, lang)
    return i18n.translate(lang, message, **params)


env.globals["_"] = _gettext
env.globals["GLOSSARY"] = glossary  # legal words in plain sentences (templates/_glossary.html)


@pass_context
def _words(context, codes: str) -> str:
    """A comma-separated list of stored codes ("dispute,file-request") as words, translated."""
    lang = context.get("lang", i18n.DEFAULT)
    return ", ".join(i18n.translate(lang, c.strip()) for c in (codes or "").split(",") if c.strip())


env.filters["words"] = _words


@pass_context
def _message(context, value) -> str:
    """An engine message (app/messages.py: a Message, a list of them, or their stored JSON) in the
    page's language."""
    lang = context.get("lang", i18n.DEFAULT)
    if isinstance(value, str) and value.startswith("["):
        value = messages.load(value)
    return messages.render(value, lang)


env.filters["msg"] = _message


@pass_context
def _event_note(context, event) -> str:
    """A timeline event's note: in the page's language when Recourse wrote it
    (app/proceedings/notes.py), exactly as typed otherwise."""
    written = notes.message(event.kind, event.note or "")
    return written.render(context.get("lang", i18n.DEFAULT)) if written else (event.note or "")


env.filters["event_note"] = _event_note


def language(request: Request) -> str:
    user = getattr(request.state, "user", None)
    if user is not None and user.language in i18n.LANGUAGES:
        return user.language
    cookie = request.cookies.get(LANG_COOKIE)
    if cookie in i18n.LANGUAGES:
        return cookie
    return i18n.negotiate(request.headers.get("accept-language"))


def t(request: Request, message: str, **params) -> str:
    return i18n.translate(language(request), message, **params)


# CSRF: a visitor who is not signed in gets a random token (cookie + form field, compared). A signed-in
# browser's token is derived from its session token, so it is bound to that session: it changes at
# every sign-in and sign-out, a token from before sign-in is refused after it, and a token from
# another browser's session is worth nothing here. The cookie then carries the same derived value.

def session_csrf_token(session_token: str) -> str:
    digest = hmac.new(session_token.encode(), b"recourse-csrf-v1", hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def expected_csrf(session_cookie: str | None, csrf_cookie: str | None) -> str | None:
    """The token a form must carry: the session's when there is a session cookie, else the cookie's."""
    return session_csrf_token(session_cookie) if session_cookie else csrf_cookie


def csrf_token(request: Request) -> str:
    token = getattr(request.state, "csrf_token", None)
    if token is None:
        cookies = request.cookies
        token = expected_csrf(cookies.get(SESSION_COOKIE), cookies.get(CSRF_COOKIE)) or secrets.token_urlsafe(32)
        request.state.csrf_token = token
    return token


def rotate_csrf(request: Request, session_token: str | None) -> None:
    """After sign-in (the new session's token) or sign-out (None: a fresh random one); the response
    sets the cookie (app.main.SecurityHeaders)."""
    request.state.csrf_token = session_csrf_token(session_token) if session_token else secrets.token_urlsafe(32)


def csrf_valid(request: Request, submitted: str | None) -> bool:
    expected = expected_csrf(request.cookies.get(SESSION_COOKIE), request.cookies.get(CSRF_COOKIE))
    return bool(expected and submitted and hmac.compare_digest(expected.encode(), submitted.encode()))


def app_settings(request: Request) -> Settings:
    """The settings the app was created with (so `--data-dir` reaches every corner)."""
    return request.app.state.settings


def is_https(request: Request) -> bool:
    return request.url.scheme == "https" or app_settings(request).secure_cookies


def set_cookie(request: Request, response, name: str, value: str, max_age: int | None = None):
    response.set_cookie(
        name, value, max_age=max_age, httponly=True, samesite="lax", secure=is_https(request), path="/"
    )


def render(request: Request, template: str, context: dict | None = None, status: int = 200):
    ctx = {
        "request": request,
        "lang": language(request),
        "csrf_token": csrf_token(request),
        "ctx": getattr(request.state, "ctx", None),
        "current_user": getattr(request.state, "user", None),
        "flashes": _read_flashes(request),
        "errors": {},
        "form": {},
    }
    ctx.update(context or {})
    response = templates.TemplateResponse(request, template, ctx, status_code=status)
    if request.cookies.get(FLASH_COOKIE):
        response.delete_cookie(FLASH_COOKIE, path="/")
    return response


def render_fragment(request: Request, template: str, context: dict) -> Markup:
    """Part of a page as HTML, with the language and the request but none of the session's own
    values (no CSRF token, no user, no messages): a part kept by app/page_cache.py is shown again
    to other views of the same page."""
    ctx = {"request": request, "lang": language(request), "errors": {}, "form": {}}
    ctx.update(context)
    return Markup(templates.get_template(template).render(ctx))  # noqa: S704  (Jinja autoescapes)


def redirect(request: Request, url: str, flash: str | None = None, level: str = "success"):
    response = RedirectResponse(url, status_code=303)
    if flash:
        payload = quote(json.dumps([[level, t(request, flash)]]))
        set_cookie(request, response, FLASH_COOKIE, payload, max_age=60)
    return response


def _read_flashes(request: Request) -> list[list[str]]:
    raw = request.cookies.get(FLASH_COOKIE)
    if not raw:
        return []
    try:
        data = json.loads(unquote(raw))
    except ValueError:
        return []
    return [[str(level), str(text)] for level, text in data if level in {"success", "error", "info"}][:5]


# Starlette's default is 1,000 fields; a credit report preview has about 22 per account.
MAX_FORM_FIELDS = 20_000


async def _form(request: Request):
    # Starlette caches the parsed form on the request: the CSRF check and these share one parse.
    return await request.form(max_fields=MAX_FORM_FIELDS)


async def form_data(request: Request) -> dict[str, str]:
    """The submitted form as plain strings (first value per field), trimmed."""
    form = await _form(request)
    return {k: v.strip() for k, v in form.items() if isinstance(v, str)}


async def form_lists(request: Request) -> dict[str, list[str]]:
    """Every value of every text field, trimmed."""
    form = await _form(request)
    out: dict[str, list[str]] = {}
    for key, value in form.multi_items():
        if isinstance(value, str):
            out.setdefault(key, []).append(value.strip())
    return out


async def form_files(request: Request) -> dict[str, UploadFile]:
    """The uploaded files, first one per field (only parts that really are files)."""
    form = await _form(request)
    out: dict[str, UploadFile] = {}
    for key, value in form.multi_items():
        if isinstance(value, UploadFile) and key not in out:
            out[key] = value
    return out


# Route handlers that touch the database are plain `def` (FastAPI runs them in its threadpool), so
# they cannot await the form: these dependencies read it first, on the event loop, where reading the
# request body belongs.
FormData = Annotated[dict[str, str], Depends(form_data)]
FormLists = Annotated[dict[str, list[str]], Depends(form_lists)]
FormFiles = Annotated[dict[str, UploadFile], Depends(form_files)]


def read_upload(upload: UploadFile | None, limit: int) -> tuple[str, bytes]:
    """An uploaded file's name and at most limit + 1 bytes: enough to tell it is too large without
    reading it all. ("", b"") when no file was sent. Blocking: call it from a plain `def` handler."""
    if upload is None:
        return "", b""
    upload.file.seek(0)
    return upload.filename or "", upload.file.read(limit + 1)


def attachment(content: bytes, media_type: str, filename: str) -> Response:
    """A download: a safe ASCII name plus the UTF-8 one, never sniffed, never run when opened."""
    ascii_name = "".join(ch if ch.isascii() and ch.isprintable() and ch not in '"\\;' else "_" for ch in filename)
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"
    return Response(content, media_type=media_type, headers={
        "content-disposition": disposition, "x-content-type-options": "nosniff",
        "content-security-policy": "default-src 'none'; sandbox",
    })


def _network(value: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    try:
        return ipaddress.ip_network(value.strip(), strict=False)
    except ValueError:
        return None


def _trusted(host: str, networks) -> bool:
    try:
        address = ipaddress.ip_address(host.strip())
    except ValueError:
        return False
    return any(address in net for net in networks)


def forwarded_client(peer: str, forwarded_for: list[str], trusted: str) -> str:
    """The client's address: the peer's own, unless the peer is a proxy named in `trusted`
    (RECOURSE_TRUSTED_PROXIES); then the right-most X-Forwarded-For address that is not itself a
    trusted proxy (the left-most ones are whatever the client chose to send)."""
    networks = [n for n in (_network(v) for v in trusted.split(",") if v.strip()) if n is not None]
    if not networks or not _trusted(peer, networks):
        return peer
    hops = [h.strip() for value in forwarded_for for h in value.split(",") if h.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, networks):
            return hop if _network(hop) is not None else peer
    return hops[0] if hops else peer


def client_ip(request: Request) -> str:
    """The address the throttles and the audit log record (X-Forwarded-For only from trusted proxies)."""
    peer = request.client.host if request.client else ""
    return forwarded_client(peer, request.headers.getlist("x-forwarded-for"), app_settings(request).trusted_proxies)
