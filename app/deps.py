"""Request dependencies: the DB session (one transaction per request), the signed-in user, and the
workspace context. Views declare what they need; the error handlers turn the exceptions below
into redirects or error pages."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from app.accounts.models import User
from app.accounts.service import user_for_token
from app.config import Settings
from app.db import get_engine
from app.tenancy import Context
from app.web import SAFE_METHODS, app_settings, client_ip, csrf_valid, form_data
from app.workspaces.service import context_for

SESSION_COOKIE = "recourse_session"


class SignInRequired(Exception):
    pass


class WorkspaceRequired(Exception):
    pass


class CSRFFailed(Exception):
    pass


def get_session(request: Request) -> Iterator[Session]:
    with Session(get_engine(), expire_on_commit=False) as session:
        if request.method not in SAFE_METHODS:
            # SQLite: take the write lock now, not halfway through (see app/db.py).
            session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
        try:
            yield session
            session.commit()
        except Exception:
            # Detach first: the error page may still read the user and workspace, and a rollback
            # would expire them (and detached-expired objects cannot be read).
            session.expunge_all()
            session.rollback()
            raise


# scope="function": commit before the response is sent, so a redirect never outruns its data.
DB = Annotated[Session, Depends(get_session, scope="function")]


def optional_user(request: Request, session: DB) -> User | None:
    token = request.cookies.get(SESSION_COOKIE)
    user = (user_for_token(session, token, app_settings(request), touch_apart=request.method in SAFE_METHODS)
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
