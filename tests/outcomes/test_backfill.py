"""The migration that adds the Outcomes columns fills them from the timeline: down and up again on
a seeded database gives the values the service keeps."""

from alembic import command
from sqlalchemy import text

from app.migrate import alembic_config, upgrade

COLUMNS = ("sent_on", "answered_on", "answer_due", "closed_on", "items_total", "items_deleted", "items_corrected",
           "items_verified", "items_other")


def _values(engine):
    with engine.connect() as conn:
        return conn.execute(text(f"SELECT id, {', '.join(COLUMNS)} FROM proceedings ORDER BY id")).all()  # noqa: S608


def test_down_and_up_again_gives_the_same_figures(seeded, engine):
    before = _values(engine)
    assert any(row.items_deleted for row in before) and any(row.closed_on for row in before)
    cfg = alembic_config()
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:  # as app.migrate.upgrade does: a table rebuild must not cascade into its children
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")
        with conn.begin():
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "7c3e9a1f4b2d")
        if sqlite:
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")
    upgrade(engine)
    assert _values(engine) == before
