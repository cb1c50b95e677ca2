"""Signed-in sessions remembered per worker for a few seconds (issue 15).

Every signed-in page needs the session, its user and the user's memberships: two queries and a trip
to the thread pool before the page does anything. A page view that only reads (GET) takes them from
here instead; a request that writes always reads them from the database.

What is kept is plain column values, never ORM objects: each request gets its own fresh copies,
attached to its own database session without a query (`attach`), so nothing one request changes
can leak into another.

Invalidation is what makes this safe. Any commit, in any process, that changes a user, a
membership, a workspace (its case counter aside) or a client record, or that deletes a session
(sign-out, password change or reset, account deletion), bumps an epoch; every entry stored under an
older epoch is ignored (app/worker_cache.py, app/shared_epoch.py: a counter in this process and a
small file in the data directory that every worker of the installation checks with one `stat`).
An entry is also dropped after
`seconds` (RECOURSE_SESSION_CACHE_SECONDS), which bounds how long a change made outside Recourse
(by hand in the database) can go unseen; 0 turns the cache off (several servers sharing one
database without a shared data directory must do that).

The epoch is read *before* the database is, and the entry is stored under that reading: a change
committed while the entry was being read is never hidden behind a newer epoch.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.instrumentation import manager_of_class
from sqlmodel import Session

from app.accounts.models import AuthSession, User
from app.consumers.models import Consumer
from app.worker_cache import WorkerCache
from app.workspaces.models import Member, Workspace

MAX_ENTRIES = 10_000
# Changes that do not alter who may do what: the case counter moves with every new case, and the
# last-seen time only ever moves forward (an older copy makes the next check sooner, never later).
HARMLESS = {Workspace: {"case_seq"}, AuthSession: {"last_seen_at"}}
WATCHED = (User, Member, Workspace, AuthSession)
WATCHED_TABLES = {m.__tablename__ for m in (*WATCHED, Consumer)}

_cache = WorkerCache("session-cache.epoch", max_entries=MAX_ENTRIES)
configure, enabled, clear, epoch = _cache.configure, _cache.enabled, _cache.clear, _cache.epoch
invalidate, forget, get = _cache.invalidate, _cache.forget, _cache.get


@dataclass(frozen=True)
class Entry:
    user: dict
    memberships: tuple[tuple[dict, dict], ...]  # (member, workspace) column values, by workspace name
    created_at: datetime
    last_seen_at: datetime


def put(session_id: str, *, epoch_before: tuple, row: AuthSession, user: User,
        memberships: list[tuple[Member, Workspace]]) -> None:
    """Store what a read found; `epoch_before` is epoch() as it was before the database was read."""
    if enabled():
        _cache.put(session_id, Entry(_values(user), tuple((_values(m), _values(w)) for m, w in memberships),
                                     row.created_at, row.last_seen_at), epoch_before=epoch_before)


def attach(session: Session, entry: Entry) -> tuple[User, list[tuple[Member, Workspace]]]:
    """Fresh copies of the entry's rows, persistent in `session` as if just loaded, with no query."""
    user = _attached(session, User, entry.user)
    return user, [(_attached(session, Member, m), _attached(session, Workspace, w)) for m, w in entry.memberships]


def _values(obj) -> dict:
    return {attr.key: getattr(obj, attr.key) for attr in inspect(type(obj)).column_attrs}


def _attached(session: Session, model, values: dict):
    # The identity map may hold this row already (a second lookup in one request): use it.
    key = session.identity_key(model, values["id"])
    if (present := session.identity_map.get(key)) is not None:
        return present
    # Built the way the ORM builds a row it loads (no __init__, values straight into the instance's
    # dict): a table model's __init__ costs about 100 microseconds, three of them a request.
    obj = manager_of_class(model).new_instance()
    obj.__dict__.update(values)
    make_transient_to_detached(obj)
    session.add(obj)
    return obj


# ---- invalidation: listen to every ORM session, in the web server, the CLI and the scheduler alike --

def _changes_access(obj) -> bool:
    harmless = HARMLESS.get(type(obj), set())
    state = inspect(obj)
    return any(attr.history.has_changes() for attr in state.attrs if attr.key not in harmless)


@event.listens_for(OrmSession, "after_flush")
def _after_flush(session, flush_context) -> None:
    for obj in session.deleted:
        if isinstance(obj, (*WATCHED, Consumer)):
            session.info["auth_changed"] = True
    for obj in session.new:
        if isinstance(obj, (User, Member, Workspace)):
            session.info["auth_changed"] = True
    for obj in session.dirty:
        if isinstance(obj, AuthSession):
            session.info.setdefault("auth_touched", set()).add(obj.id)
        if isinstance(obj, WATCHED) and _changes_access(obj):
            session.info["auth_changed"] = True


@event.listens_for(OrmSession, "do_orm_execute")
def _bulk(state) -> None:
    if not (state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    if getattr(table, "name", None) in WATCHED_TABLES:
        state.session.info["auth_changed"] = True


@event.listens_for(OrmSession, "after_commit")
def _after_commit(session) -> None:
    if session.info.pop("auth_changed", False):
        invalidate()
    for session_id in session.info.pop("auth_touched", ()):
        forget(session_id)


@event.listens_for(OrmSession, "after_rollback")
def _after_rollback(session) -> None:
    session.info.pop("auth_changed", None)
    session.info.pop("auth_touched", None)
