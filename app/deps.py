"""Request dependencies: the DB session (one transaction per request), the signed-in user, and the
workspace context. Views declare what they need; the error handlers turn the exceptions below
into redirects or error pages."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from app import mail
from app.accounts.models import User
from app.accounts.service import user_for_token
from app.config import Settings
from app.db import get_engine
from app.tenancy import Context
from app.web import SAFE_METHODS, SESSION_COOKIE, app_settings, client_ip, csrf_valid, form_data
from app.workspaces.service import context_for


class SignInRequired(Exception):
    pass


class WorkspaceRequired(Exception):
    pass


class CSRFFailed(Exception):
    pass


def audited_read(endpoint):
    """Marks a GET route that writes (an audit entry for a view or download): its transaction takes
    the write lock up front like a POST's, so on SQLite it never fails to upgrade a read to a write."""
    endpoint.audited_read = True
    return endpoint


def writes(request: Request) -> bool:
    return request.method not in SAFE_METHODS or getattr(request.scope.get("endpoint"), "audited_read", False)


def get_session(request: Request) -> Iterator[Session]:
    with Session(get_engine(), expire_on_commit=False) as session:
        session.info["reads_only"] = not writes(request)  # see app/credit_reports/stored.py
        if writes(request):
            # SQLite: take the write lock now, not halfway through (see app/db.py).
            session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
        try:
            yield session
            session.commit()
        except Exception:
            mail.take_queued(session)  # nothing was saved, so nothing is sent
            # Detach first: the error page may still read the user and workspace, and a rollback
            # would expire them (and detached-expired objects cannot be read).
            session.expunge_all()
            session.rollback()
            raise
        # Committed: the emails it queued leave after the response (app.main.MailAfterResponse).
        if outbox := mail.take_queued(session):
            request.state.outbox = [*getattr(request.state, "outbox", []), *outbox]


# scope="function": commit before the response is sent, so a redirect never outruns its data.
DB = Annotated[Session, Depends(get_session, scope="function")]


def optional_user(request: Request, session: DB) -> User | None:
    token = request.cookies.get(SESSION_COOKIE)
    # A request that writes anyway refreshes the session in its own transaction; a read does it apart.
    user = (user_for_token(session, token, app_settings(request), touch_apart=not writes(request))
            if token else None)
    request.state.user = user
    return user


def require_user(user: Annotated[User | None, Depends(optional_user)]) -> User:
    if user is None:
        raise SignInRequired()
    return user


def require_ctx(request: Request, session: DB, user: Annotated[User, Depends(require_user)]) -> Context:
    ctx = context_for(session, user, client_ip(request))
    if ctx is None:
        raise WorkspaceRequired()
    request.state.ctx = ctx
    return ctx


async def verify_csrf(request: Request) -> None:
    if request.method in SAFE_METHODS:
        return
    submitted = request.headers.get("x-csrf-token")
    if submitted is None:
        submitted = (await form_data(request)).get("csrf_token")
    if not csrf_valid(request, submitted):
        raise CSRFFailed()


SettingsDep = Annotated[Settings, Depends(app_settings)]
OptionalUser = Annotated[User | None, Depends(optional_user)]
CurrentUser = Annotated[User, Depends(require_user)]
Ctx = Annotated[Context, Depends(require_ctx)]
