"""Every API error is a problem details document (RFC 9457, media type application/problem+json):
never an HTML page, never a 500 for bad input."""

import logging
from http import HTTPStatus

import anyio
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import DataError
from sqlmodel import Session
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.audit import service as audit
from app.db import get_engine
from app.errors import Conflict, Forbidden, Invalid, NotFound

log = logging.getLogger("recourse.api")
MEDIA_TYPE = "application/problem+json"


class Problem(BaseModel):
    """RFC 9457 problem details. `errors` (an extension member) maps a field to what is wrong with it."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str = ""
    instance: str = ""
    errors: dict[str, str] | None = None


class Unauthorized(Exception):
    pass


class ScopeMissing(Exception):
    pass


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        super().__init__("rate limited")
        self.retry_after = retry_after


def problem(request: Request | None, status: int, detail: str = "", *, errors: dict[str, str] | None = None,
            headers: dict[str, str] | None = None) -> JSONResponse:
    body = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status, "detail": detail}
    if request is not None:
        body["instance"] = request.url.path
    if errors:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


# Documented on every route, so clients (and the property-based test) know what errors look like.
RESPONSES = {code: {"model": Problem, "content": {MEDIA_TYPE: {}}, "description": HTTPStatus(code).phrase}
             for code in (400, 401, 403, 404, 422, 429)}

NOT_FOUND = "No such object in this workspace, or you may not see it."


def _validation_errors(exc: RequestValidationError) -> dict[str, str]:
    out: dict[str, str] = {}
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path"))
        out.setdefault(where or "body", str(error.get("msg", "invalid"))[:300])
    return out


def _record_refusal(use: dict, status: int) -> None:
    # The request's own transaction rolled back with the error (and its "api.used" entry with it):
    # the refusal is recorded on its own, so every use of a token shows in the audit log.
    with Session(get_engine(), expire_on_commit=False) as session:
        audit.record(session, action="api.used", actor_id=use["user_id"], workspace_id=use["workspace_id"],
                     object_type="api_token", object_id=use["token_id"], ip=use["ip"],
                     detail={"method": use["method"], "path": use["path"], "status": status})
        session.commit()


async def answer(request: Request, status: int, detail: str = "", **kwargs) -> JSONResponse:
    use = getattr(request.state, "api_use", None)
    if use is not None and status not in (401, 429):  # 429: a runaway script must not flood the log
        try:
            await anyio.to_thread.run_sync(_record_refusal, use, status)
        except Exception:
            log.exception("could not audit a refused API request")
    return problem(request, status, detail, **kwargs)


def install(app: FastAPI) -> None:
    @app.exception_handler(Unauthorized)
    async def _unauthorized(request: Request, exc):
        return await answer(request, 401, "Send a valid API token: Authorization: Bearer rcs_...",
                       headers={"www-authenticate": 'Bearer realm="recourse"'})

    @app.exception_handler(ScopeMissing)
    async def _scope(request: Request, exc):
        return await answer(request, 403, "This token may only read. Create a token with the write scope.")

    @app.exception_handler(RateLimited)
    async def _rate(request: Request, exc: RateLimited):
        return await answer(request, 429, "Too many requests with this token. Wait a little.",
                       headers={"retry-after": str(exc.retry_after)})

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc):
        return await answer(request, 404, NOT_FOUND)

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, exc):
        return await answer(request, 403, "Your role in this workspace does not allow this.")

    @app.exception_handler(Conflict)
    async def _conflict(request: Request, exc):
        return await answer(request, 409, str(exc))

    @app.exception_handler(Invalid)
    async def _invalid(request: Request, exc: Invalid):
        # A reader's message (app/messages.py Message) is given in English, like the rest of the API.
        errors = {k: str(v) for k, v in exc.errors.items()}
        return await answer(request, 422, "Some of what was sent is not valid.", errors=errors)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        # A malformed id in the path is an object that does not exist, as on the pages.
        if any(e.get("loc", ("",))[0] == "path" for e in exc.errors()):
            return await answer(request, 404, NOT_FOUND)
        return await answer(request, 422, "Some of what was sent is not valid.", errors=_validation_errors(exc))

    @app.exception_handler(DataError)
    async def _bad_data(request: Request, exc: DataError):
        # What PostgreSQL refuses and SQLite stores: NUL bytes, an over-long value, an id out of range.
        if getattr(exc.orig, "sqlstate", "") == "22003":
            return await answer(request, 404, NOT_FOUND)
        return await answer(request, 422, "Some of what was sent cannot be stored (a NUL character, or a value too long).")

    @app.exception_handler(OverflowError)
    async def _too_big(request: Request, exc: OverflowError):
        if "SQLite INTEGER" in str(exc):
            return await answer(request, 404, NOT_FOUND)
        raise exc

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        detail = {404: "There is no such address in the API.", 405: "This address does not accept that method."}
        return await answer(request, exc.status_code, detail.get(exc.status_code, str(exc.detail)),
                       headers=getattr(exc, "headers", None))


class CatchAll:
    """The last line: an unexpected error is a 500 problem document, logged, and not raised further
    (the main app around this mounted one would otherwise answer it again with an HTML page)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            log.exception("Unhandled API error on %s %s", scope.get("method"), scope.get("path"))
            if not started:
                use = scope.get("state", {}).get("api_use")
                if use is not None:
                    try:
                        await anyio.to_thread.run_sync(_record_refusal, use, 500)
                    except Exception:
                        log.exception("could not audit a failed API request")
                response = problem(None, 500, "This is our fault, not yours. Nothing was saved.")
                await response(scope, receive, send)
