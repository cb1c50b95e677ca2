"""Shared web plumbing: templates, render(), redirects with flash messages, CSRF, form parsing."""

import hmac
import json
import secrets
from typing import Annotated
from urllib.parse import quote, unquote

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse, Response
from jinja2 import pass_context
from starlette.datastructures import UploadFile
from starlette.templating import Jinja2Templates

from app import i18n
from app.config import ROOT, Settings
from app.crypto import mask, mask_date

CSRF_COOKIE = "recourse_csrf"
FLASH_COOKIE = "recourse_flash"
LANG_COOKIE = "recourse_lang"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

templates = Jinja2Templates(directory=str(ROOT / "templates"))
env = templates.env
env.globals["LANGUAGES"] = i18n.LANGUAGES
env.filters["mask"] = mask
env.filters["mask_date"] = mask_date


@pass_context
def _gettext(context, message: str, **params):
    return i18n.translate(context.get("lang", i18n.DEFAULT), message, **params)


env.globals["_"] = _gettext


@pass_context
def _words(context, codes: str) -> str:
    """A comma-separated list of stored codes ("dispute,file-request") as words, translated."""
    lang = context.get("lang", i18n.DEFAULT)
    return ", ".join(i18n.translate(lang, c.strip()) for c in (codes or "").split(",") if c.strip())


env.filters["words"] = _words


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


def csrf_token(request: Request) -> str:
    token = getattr(request.state, "csrf_token", None)
    if token is None:
        token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)
        request.state.csrf_token = token
    return token


def csrf_valid(request: Request, submitted: str | None) -> bool:
    cookie = request.cookies.get(CSRF_COOKIE)
    return bool(cookie and submitted and hmac.compare_digest(cookie, submitted))


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


def client_ip(request: Request) -> str:
    return request.client.host if request.client else ""
