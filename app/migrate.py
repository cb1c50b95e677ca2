"""Apply Alembic migrations from code (used by `recourse serve`, `recourse migrate`,
`recourse remind` and tests), then load the seeded reference data (the recipients directory) and
recompute deadlines stored before their explanations were kept as messages.

Several commands may start at once on a new installation (cron's `recourse remind` next to
`recourse serve`), so each step holds the database's write lock (SQLite: BEGIN IMMEDIATE;
PostgreSQL: an advisory lock): the second process waits, then finds everything done."""

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session

from app.config import ROOT

_PG_MIGRATE_LOCK = 0x5245_4D47
# The revision that added proceeding_deadlines.explanation_parts: rows stored before it are
# recomputed once, by the upgrade that applies it (see refresh_explanations).
EXPLANATION_PARTS_REVISION = "d3a7e5b1c9f4"


def alembic_config(url: str | None = None) -> Config:
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    if url:
        cfg.attributes["url"] = url
    return cfg


def _lock(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATE_LOCK})


def upgrade(engine: Engine) -> None:
    from app.recipients import directory

    cfg = alembic_config()
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # SQLite rebuilds a table to change it; with foreign keys on, dropping the old copy would
            # cascade into its children. The pragma only works outside a transaction.
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.execution_options(sqlite_begin="IMMEDIATE").begin():
                _lock(conn)
                cfg.attributes["connection"] = conn
                applied = _applied(cfg, conn)
                command.upgrade(cfg, "head")
                if sqlite and (broken := conn.exec_driver_sql("PRAGMA foreign_key_check").all()):
                    raise RuntimeError(f"a migration left rows pointing nowhere: {broken[:5]}")
        finally:
            if sqlite:
                conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")
    with Session(engine) as session:
        _lock(session.connection(execution_options={"sqlite_begin": "IMMEDIATE"}))
        directory.sync(session)
        session.commit()
    if EXPLANATION_PARTS_REVISION not in applied:
        refresh_explanations(engine)


def _applied(cfg: Config, conn: Connection) -> set[str]:
    """The revisions the database already has, before this upgrade."""
    heads = MigrationContext.configure(conn).get_current_heads()
    if not heads:
        return set()
    return {r.revision for r in ScriptDirectory.from_config(cfg).iterate_revisions(heads, "base")}


def refresh_explanations(engine: Engine) -> None:
    """Deadlines stored before they were kept as messages (migration d3a7e5b1c9f4) hold only English
    text: recompute their proceedings once, so every page can show them in the reader's language."""
    from app.proceedings.service import refresh_stored_explanations

    with Session(engine) as session:
        _lock(session.connection(execution_options={"sqlite_begin": "IMMEDIATE"}))
        if refresh_stored_explanations(session):
            session.commit()
