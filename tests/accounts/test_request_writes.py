"""Issue 15: a signed-in page does not write on every request. The session's last-seen time is
refreshed at most once a minute; reading pages in between issues no write at all. (Speed itself is
measured in benchmarks/, never in a test.)"""

from datetime import timedelta

from sqlalchemy import event
from sqlmodel import select

from app.accounts.models import AuthSession


def _writes(engine, client, paths) -> list[str]:
    statements: list[str] = []

    def before(conn, cursor, statement, params, context, executemany):
        if statement.lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE")):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        for path in paths:
            assert client.get(path).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", before)
    return statements


def test_signed_in_pages_write_last_seen_at_most_once_a_minute(make_client, world, session, engine):
    alice = make_client("alice@example.org")
    assert _writes(engine, alice, ["/account", "/today", "/account", "/cases", "/account"]) == []
    row = session.exec(select(AuthSession)).one()
    row.last_seen_at -= timedelta(minutes=2)
    session.add(row)
    session.commit()
    writes = _writes(engine, alice, ["/account", "/today", "/account", "/cases", "/account"])
    assert len(writes) == 1 and "auth_sessions" in writes[0]
