"""The attacker's tools for the audit tests: write access to the database, no key.

They bypass the append-only triggers (as a database superuser could), change rows with plain SQL
and, where an attack needs it, recompute the hash chain the way the code before the keyed chain
did (plain SHA-256 over the row, which anyone reading the source can do).
"""

import hashlib
import json

from sqlalchemy import text
from sqlmodel import Session, col, select

from app.audit import service as audit
from app.audit.models import AuditEntry

GENESIS = "0" * 64


def disable_guard(conn):
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_entries_no_update")
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_entries_no_delete")
    else:
        conn.exec_driver_sql("ALTER TABLE audit_entries DISABLE TRIGGER USER")


def tamper(engine, statement: str, **params) -> None:
    with engine.begin() as conn:
        disable_guard(conn)
        conn.execute(text(statement), params)


def plain_sha256(entry: AuditEntry, prev_hash: str) -> str:
    # What an attacker reading the source would compute: the row's fields and the previous hash.
    payload = json.dumps(
        [entry.at.isoformat(timespec="microseconds"), entry.workspace_id, entry.actor_user_id, entry.action,
         entry.object_type, entry.object_id, entry.ip, entry.detail, prev_hash],
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def recompute_chain(engine, from_id: int = 0) -> None:
    """Re-link every row from `from_id` on to the one before it and rewrite its hash with plain SHA-256."""
    with Session(engine) as s:
        entries = s.exec(select(AuditEntry).order_by(col(AuditEntry.id))).all()
        disable_guard(s.connection())
        before = [e for e in entries if e.id < from_id]
        prev = before[-1].hash if before else GENESIS
        for entry in entries[len(before):]:
            new = plain_sha256(entry, prev)
            s.execute(text("UPDATE audit_entries SET prev_hash = :p, hash = :h WHERE id = :i"),
                      {"p": prev, "h": new, "i": entry.id})
            prev = new
        s.commit()


def ids(engine) -> list[int]:
    with Session(engine) as s:
        return list(s.exec(select(AuditEntry.id).order_by(col(AuditEntry.id))).all())


def verify(engine):
    with Session(engine) as s:
        return audit.verify(s)
