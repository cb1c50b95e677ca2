"""The audit log: append-only, hash-chained.

Each entry stores the hash of the previous entry and its own hash over its fields, so editing
or deleting any row breaks the chain at that point (`recourse audit verify`).
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlmodel import Session, col, func, or_, select

from app.audit.models import AuditEntry
from app.clock import utcnow
from app.db import is_postgres
from app.workspaces.models import Member

GENESIS = "0" * 64
# Any constant works; it names the advisory lock that serialises chain appends on PostgreSQL.
_PG_LOCK_KEY = 0x5245_434F


def entry_hash(entry: AuditEntry) -> str:
    payload = json.dumps(
        [
            entry.at.isoformat(timespec="microseconds"), entry.workspace_id, entry.actor_user_id,
            entry.action, entry.object_type, entry.object_id, entry.ip, entry.detail,
            entry.prev_hash,
        ],
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def record(
    session: Session,
    *,
    action: str,
    actor_id: int | None = None,
    workspace_id: int | None = None,
    object_type: str = "",
    object_id: int | None = None,
    ip: str = "",
    detail: dict | None = None,
) -> AuditEntry:
    """Append one entry in the caller's transaction (so it commits or rolls back with the change)."""
    if is_postgres(session):
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
    last = session.exec(select(AuditEntry.hash).order_by(col(AuditEntry.id).desc()).limit(1)).first()
    entry = AuditEntry(
        at=utcnow(), workspace_id=workspace_id, actor_user_id=actor_id, action=action,
        object_type=object_type, object_id=object_id, ip=ip[:64],
        detail=json.dumps(detail or {}, sort_keys=True, separators=(",", ":")),
        prev_hash=last or GENESIS,
    )
    entry.hash = entry_hash(entry)
    session.add(entry)
    session.flush()
    return entry


@dataclass
class Verification:
    checked: int
    broken_at: int | None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def verify(session: Session, batch: int = 1000) -> Verification:
    prev, checked, last_id = GENESIS, 0, 0
    while True:
        rows = session.exec(
            select(AuditEntry).where(AuditEntry.id > last_id).order_by(col(AuditEntry.id)).limit(batch)
        ).all()
        if not rows:
            return Verification(checked, None)
        for entry in rows:
            if entry.prev_hash != prev:
                return Verification(checked, entry.id, "previous-hash link broken (a row was removed or reordered)")
            if entry_hash(entry) != entry.hash:
                return Verification(checked, entry.id, "contents changed after writing")
            prev, last_id, checked = entry.hash, entry.id, checked + 1


@dataclass
class AuditPage:
    entries: list[AuditEntry]
    total: int
    page: int
    pages: int


def browse(
    session: Session,
    *,
    workspace_id: int,
    action: str = "",
    actor_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    page: int = 1,
    page_size: int = 50,
) -> AuditPage:
    # The workspace's own entries, plus account-level ones (sign-ins, password resets) of its members.
    members = select(Member.user_id).where(Member.workspace_id == workspace_id)
    query = select(AuditEntry).where(or_(
        AuditEntry.workspace_id == workspace_id,
        col(AuditEntry.workspace_id).is_(None) & col(AuditEntry.actor_user_id).in_(members),
    ))
    if action:
        query = query.where(col(AuditEntry.action).startswith(action))
    if actor_id:
        query = query.where(AuditEntry.actor_user_id == actor_id)
    if since:
        query = query.where(AuditEntry.at >= since)
    if until:
        query = query.where(AuditEntry.at < until)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    pages = max(1, -(-total // page_size))
    page = min(max(page, 1), pages)
    entries = session.exec(
        query.order_by(col(AuditEntry.id).desc()).offset((page - 1) * page_size).limit(page_size)
    ).all()
    return AuditPage(list(entries), total, page, pages)
