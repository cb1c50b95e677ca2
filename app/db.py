"""Database engine and the per-request session (one transaction per request).

SQLite runs in WAL mode with foreign keys on; write requests take the write lock up front
(BEGIN IMMEDIATE) so the audit hash chain is never forked by two writers.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, SQLModel, create_engine

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata.naming_convention = NAMING_CONVENTION
metadata: MetaData = SQLModel.metadata

_engine: Engine | None = None


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, connect_args={"options": _pg_options(url)})


# PostgreSQL: psycopg prepares a statement on its fifth run, and from then on the server may reuse
# one plan for any parameters (a "generic plan"), estimated for an average workspace. Workspaces
# differ in size by orders of magnitude: with 200 workspaces and one big clinic, the Today page's
# queries went from 3 ms to 800 ms each after the fifth view (docs/performance.md). Always plan
# with the real values; planning these queries costs well under a millisecond.
PG_OPTIONS = "-c plan_cache_mode=force_custom_plan"


def _pg_options(url: str) -> str:
    """PG_OPTIONS added to any `options` the URL already gives (connect_args would replace them)."""
    given = make_url(url).query.get("options")
    given = given[-1] if isinstance(given, tuple) else given
    return f"{given} {PG_OPTIONS}" if given else PG_OPTIONS


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Take transaction control from the sqlite3 module so BEGIN can be IMMEDIATE.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        mode = conn.get_execution_options().get("sqlite_begin", "")
        conn.exec_driver_sql(f"BEGIN {mode}".strip())


def set_engine(engine: Engine) -> None:
    global _engine
    _engine = engine


def get_engine() -> Engine:
    if _engine is None:
        raise RuntimeError("database engine not configured")
    return _engine


def is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


@contextmanager
def write_session(engine: Engine | None = None) -> Iterator[Session]:
    """A session for work outside a request (CLI, scheduler): commit on success."""
    with Session(engine or get_engine(), expire_on_commit=False) as session:
        session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
        try:
            yield session
            session.commit()
        except Exception:
            session.rollback()
            raise
