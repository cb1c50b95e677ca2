"""The rendered middle of a page, remembered per worker until anything is written (issue 15).

The Today page of a busy clinic counts and orders thousands of proceedings; advocates reload it all
day, and most views see exactly what the view before saw. A worker keeps the rendered middle of
such a page (never the frame around it: the menu, the CSRF token, the messages) under a key naming
everything that middle depends on: the workspace, the member and their role (what they may see),
the language, the day, and the address with its query.

Invalidation is what makes this safe, and it is deliberately blunt. Any committed write to the
database through this process (a page, the API, the CLI, the scheduler, a migration) moves the
data epoch on, here and, through a file in the data directory (app/shared_epoch.py), in every
other worker; whatever was stored under an older epoch is never used again. A write is any
statement that is not a plain read; it is noticed as it runs, and the epoch moves when its
transaction commits: once just before the COMMIT, and again when the connection goes back to the
pool, which is after the commit and before the response leaves. So a person who saves something
never sees the page as it was before. An entry is stored under the epoch read *before* the
database was, and only if the epoch has not moved since. Entries also lapse after `seconds`
(RECOURSE_PAGE_CACHE_SECONDS), which bounds how long a change made outside Recourse, by hand in
the database, can go unseen; 0 turns the cache off. Several servers sharing one database but not
one data directory must turn it off.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable

from markupsafe import Markup
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import Pool

from app.worker_cache import WorkerCache

MAX_ENTRIES = 256  # a Today page's middle is 20 to 60 KB: at most about 15 MB a worker
# Statements that change nothing. Anything else (INSERT, UPDATE, DELETE, DDL, a CTE that may
# write...) counts as a write: a needless invalidation costs one slower view, a missed one a wrong page.
READS = ("SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT", "SHOW", "EXPLAIN", "PRAGMA")
# Tables no kept page shows, written by reads themselves: the session's last-seen time (once a
# minute per person), the audit log (a page that shows a client's file records that it was seen)
# and sign-in attempts. Were they to count, every active person would end everyone's kept pages
# once a minute. A page that shows one of these tables must not be kept, or this set must shrink.
NOT_SHOWN = frozenset({"auth_sessions", "audit_entries", "login_attempts"})
_TARGET = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?[\s(]', re.IGNORECASE)
WROTE, COMMITTED = "recourse.page_cache.wrote", "recourse.page_cache.committed"

_cache = WorkerCache("page-cache.epoch", max_entries=MAX_ENTRIES)
configure, enabled, clear, epoch = _cache.configure, _cache.enabled, _cache.clear, _cache.epoch
invalidate, get, put = _cache.invalidate, _cache.get, _cache.put


def cached(key: Hashable, build: Callable[[], Markup]) -> Markup:
    """The value stored under `key`, or `build()`'s, stored for the next view."""
    if (hit := get(key)) is not None:
        return hit
    before = epoch()
    value = build()
    put(key, value, epoch_before=before)
    return value


# ---- invalidation: every engine and pool of the process, whoever opened it ----------------------

@event.listens_for(Engine, "before_cursor_execute")
def _note_write(conn, cursor, statement, parameters, context, executemany) -> None:
    if statement.lstrip()[:10].upper().startswith(READS):
        return
    target = _TARGET.match(statement)
    if target is None or target.group(1).lower() not in NOT_SHOWN:
        conn.info[WROTE] = True


@event.listens_for(Engine, "commit")
def _before_commit(conn) -> None:
    if conn.info.pop(WROTE, False):
        conn.info[COMMITTED] = True
        invalidate()  # for a connection kept open after its commit; again at check-in, below


@event.listens_for(Engine, "rollback")
def _rolled_back(conn) -> None:
    conn.info.pop(WROTE, None)


@event.listens_for(Pool, "checkin")
def _after_commit(dbapi_connection, record) -> None:
    if record is None:
        return
    # COMMITTED: the data changed, and a page read between the two moves may have stored the old
    # view under the first. WROTE still set: a write outside a transaction (autocommit).
    if record.info.pop(COMMITTED, False) | record.info.pop(WROTE, False):
        invalidate()
