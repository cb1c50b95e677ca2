"""Request dependencies: the DB session (one transaction per request), the signed-in user, and the
workspace context. Views declare what they need; the error handlers turn the exceptions below
into redirects or error pages."""

from collections.abc import AsyncIterator
from typing import Annotated

import anyio
from fastapi import Depends, Request
from sqlalchemy import event
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from app import mail
from app.accounts import session_cache
from app.accounts.models import User
from app.accounts.service import session_state, signed_in_session, token_hash
from app.clock import utcnow
from app.config import Settings
from app.db import get_engine
from app.tenancy import Context
from app.web import SAFE_METHODS, SESSION_COOKIE, app_settings, client_ip, csrf_valid, form_data
from app.workspaces.models import Member, Workspace
from app.workspaces.service import context_from, memberships


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


# Issue 15: every plain `def` dependency is a trip to the thread pool, and under load each trip waits
# for a thread and the GIL. So the dependencies below are `async def` and go to the thread pool only
# for database work: a signed-in GET found in app.accounts.session_cache pays one trip (the view) and
# one more to commit, instead of six; and when the view read nothing from the database (a page kept
# by app/page_cache.py), not even that one.

async def get_session(request: Request) -> AsyncIterator[Session]:
    session = Session(get_engine(), expire_on_commit=False)  # no connection yet: nothing blocks
    session.info["reads_only"] = not writes(request)  # see app/credit_reports/stored.py
    try:
        if writes(request):
            # SQLite: take the write lock now, not halfway through (see app/db.py). It may wait.
            await run_in_threadpool(session.connection, execution_options={"sqlite_begin": "IMMEDIATE"})
        yield session
        if session.info.get(CONNECTED) or session.new or session.dirty or session.deleted:
            await run_in_threadpool(_commit, session)
        else:
            session.close()  # it never used a connection: nothing to commit or give back, no trip
    except BaseException:
        with anyio.CancelScope(shield=True):
            await run_in_threadpool(_abandon, session)
        raise
    # Committed: the emails it queued leave after the response (app.main.MailAfterResponse).
    if outbox := mail.take_queued(session):
        request.state.outbox = [*getattr(request.state, "outbox", []), *outbox]


CONNECTED = "recourse.connected"


@event.listens_for(OrmSession, "after_begin")
def _connected(session, transaction, connection) -> None:
    session.info[CONNECTED] = True


def _commit(session: Session) -> None:
    session.commit()
    session.close()  # returns the connection to the pool (a rollback on the wire): not on the event loop


def _abandon(session: Session) -> None:
    mail.take_queued(session)  # nothing was saved, so nothing is sent
    # Detach first: the error page may still read the user and workspace, and a rollback would expire
    # them (and detached-expired objects cannot be read).
    session.expunge_all()
    session.rollback()
    session.close()


# scope="function": commit before the response is sent, so a redirect never outruns its data.
DB = Annotated[Session, Depends(get_session, scope="function")]


def _signed_in(session: Session, token: str, settings: Settings,
               reads_only: bool) -> tuple[User, list[tuple[Member, Workspace]]] | None:
    """The user and their memberships from the database (in the thread pool), remembered for the
    next GETs when this request only reads."""
    before = session_cache.epoch()  # before reading: see app/accounts/session_cache.py
    # A request that writes anyway refreshes the session in its own transaction; a read does it apart.
    found = signed_in_session(session, token, settings, touch_apart=reads_only)
    if found is None:
        return None
    row, user = found
    rows = memberships(session, user)
    if reads_only:
        session_cache.put(row.id, epoch_before=before, row=row, user=user, memberships=rows)
    return user, rows


async def optional_user(request: Request, session: DB) -> User | None:
    token = request.cookies.get(SESSION_COOKIE)
    found = None
    if token:
        settings, reads_only = app_settings(request), not writes(request)
        entry = session_cache.get(token_hash(token)) if reads_only else None
        if entry is not None and session_state(entry.created_at, entry.last_seen_at, settings, utcnow()) == "fresh":
            found = session_cache.attach(session, entry)
        else:  # not remembered, or its last-seen time is due a refresh: ask the database
            found = await run_in_threadpool(_signed_in, session, token, settings, reads_only)
    user, rows = found or (None, [])
    request.state.user, request.state.memberships = user, rows
    return user


async def require_user(user: Annotated[User | None, Depends(optional_user)]) -> User:
    if user is None:
        raise SignInRequired()
    return user


async def require_ctx(request: Request, user: Annotated[User, Depends(require_user)]) -> Context:
    ctx = context_from(user, request.state.memberships, client_ip(request))
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
