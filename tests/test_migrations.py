"""Migrations build the schema the models describe, on SQLite and on PostgreSQL."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

import app.models  # noqa: F401
from app.db import metadata


def test_upgrade_to_head_creates_every_table(engine):
    tables = set(inspect(engine).get_table_names())
    assert set(metadata.tables) <= tables
    assert "alembic_version" in tables


def test_autogenerate_finds_no_difference(engine):
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, metadata)
    assert diff == []


def test_sqlite_runs_in_wal_mode_with_foreign_keys(engine):
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def _note_as_of_c531737fd9b7(session, ctx, case, *, body):
    """A case note written as that schema knows it (case_notes.shared_with_client came later)."""
    from types import SimpleNamespace

    from sqlalchemy import text

    result = session.execute(text(
        "INSERT INTO case_notes (case_id, workspace_id, author_id, body, created_at) "
        "VALUES (:case, :workspace, :author, :body, CURRENT_TIMESTAMP)"),
        {"case": case.id, "workspace": ctx.workspace.id, "author": ctx.user.id, "body": body})
    return SimpleNamespace(id=result.lastrowid)


def test_the_autoincrement_rebuild_keeps_every_row_and_child(tmp_path, key, monkeypatch):
    """Upgrading an existing SQLite installation rebuilds its tables; with foreign keys on, dropping a
    parent would cascade into its children, so migrate runs it with them off. Nothing may be lost."""
    from alembic import command
    from sqlmodel import Session

    monkeypatch.setattr("app.cases.service.add_note", _note_as_of_c531737fd9b7)

    from app.db import make_engine
    from app.migrate import alembic_config, upgrade
    from tests.factories import build_world

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "c531737fd9b7")  # before the rebuild
    build_world(engine)
    tables = ("users", "workspaces", "members", "consumers", "addresses", "cases", "case_notes",
              "case_assignments", "audit_entries")
    with Session(engine) as s:
        before = {t: s.connection().exec_driver_sql(f"SELECT count(*) FROM {t}").scalar() for t in tables}  # noqa: S608
    upgrade(engine)
    with engine.connect() as conn:
        after = {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar() for t in tables}  # noqa: S608
        ddl = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'consumers'").scalar()
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    assert after == before and all(before.values())
    assert "AUTOINCREMENT" in ddl
    engine.dispose()


def test_deadlines_stored_before_explanation_parts_are_recomputed(tmp_path, key):
    """Migration d3a7e5b1c9f4 adds proceeding_deadlines.explanation_parts; the upgrade that applies it
    recomputes the deadlines stored before, so no page is left with English-only text."""
    import json
    from datetime import date

    from alembic import command
    from sqlmodel import Session, select

    from app.audit import keys as audit_keys
    from app.db import make_engine
    from app.migrate import alembic_config, upgrade
    from app.proceedings import service
    from app.proceedings.models import Proceeding, ProceedingDeadline, ProceedingEvent
    from tests.factories import build_world

    audit_keys.configure(tmp_path / "data")
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine)
    world = build_world(engine)
    with Session(engine) as s:
        p = Proceeding(workspace_id=world.ids["ws_a"], case_id=world.ids["case1"], procedure_id="us.fcra.dispute-cra")
        s.add(p)
        s.flush()
        s.add(ProceedingEvent(workspace_id=p.workspace_id, proceeding_id=p.id, kind="delivered", on=date(2025, 12, 20)))
        s.flush()
        service.recompute(s, p)
        s.commit()
        pid = p.id
    cfg = alembic_config()
    with engine.begin() as conn:  # back to the schema without parts: the rows keep only English text
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "8a4d2c6e1f03")
    upgrade(engine)
    with Session(engine) as s:
        rows = s.exec(select(ProceedingDeadline).where(ProceedingDeadline.proceeding_id == pid)).all()
    assert rows and all(json.loads(r.explanation_parts) for r in rows)
    response = next(r for r in rows if r.key == "response")
    assert json.loads(response.explanation_parts)[0][1]["day"] == {"date": "2026-01-18"}
    engine.dispose()
