"""The audit log: append-only, hash-chained, keyed, with its head kept outside the database.

Each entry stores the previous entry's hash and its own keyed hash (app/audit/chain.py), and the
last entry is also recorded in a signed file in the data directory (app/audit/head.py), so changing,
removing or re-linking any entry, or cutting off the end of the log, shows in `recourse audit verify`
(app/audit/verify.py).
"""

import json
import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlmodel import Session, col, func, or_, select

from app.audit import chain, keys
from app.audit import head as head_file
from app.audit.chain import GENESIS
from app.audit.models import AuditEntry
from app.audit.verify import Verification, verify
from app.clock import utcnow
from app.db import is_postgres
from app.workspaces.models import Member

__all__ = ["GENESIS", "Verification", "browse", "record", "verify"]

log = logging.getLogger("recourse.audit")
# Any constant works; it names the advisory lock that serialises chain appends on PostgreSQL.
_PG_LOCK_KEY = 0x5245_434F


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
    keys.audit_key(create=True)  # pinned in the data dir by the first write (see app/audit/keys.py)
    # The head file first, the rows after: whatever entry it names is already committed. An entry
    # this transaction already wrote is a later head than the file's.
    try:
        base, damaged = head_file.read(), False
    except head_file.HeadDamaged as exc:
        log.error("audit head not updated: %s; run `recourse audit verify`", exc)
        base, damaged = None, True
    base = head_file.pending(session) or base
    last = session.exec(select(AuditEntry).order_by(col(AuditEntry.id).desc()).limit(1)).first()
    anchor_id = None
    if base is None and not damaged and last is not None and chain.kind(last) is chain.Kind.legacy:
        last = _anchor(session, last)
        anchor_id = last.id
    entry = _append(session, last, action=action, workspace_id=workspace_id, actor_user_id=actor_id,
                    object_type=object_type, object_id=object_id, ip=ip[:64], detail=detail or {})
    if not damaged:
        _move_head(session, entry, base, anchor_id)
    return entry


def _append(session: Session, last: AuditEntry | None, *, detail: dict, **fields) -> AuditEntry:
    entry = AuditEntry(at=utcnow(), detail=json.dumps(detail, sort_keys=True, separators=(",", ":")),
                       prev_hash=last.hash if last else GENESIS, **fields)
    entry.hash = chain.entry_hash(entry)
    session.add(entry)
    session.flush()
    return entry


def _anchor(session: Session, last_legacy: AuditEntry) -> AuditEntry:
    """The first write after the upgrade: a keyed entry that covers the legacy chain's last hash."""
    legacy = session.exec(select(func.count()).select_from(AuditEntry)).one()
    log.warning("audit log: anchoring %d entries written before the audit key (up to #%d)", legacy, last_legacy.id)
    return _append(session, last_legacy, action=chain.ANCHOR_ACTION,
                   detail={"legacy_entries": legacy, "legacy_last_id": last_legacy.id})


def _move_head(session: Session, entry: AuditEntry, base: head_file.Head | None, anchor_id: int | None) -> None:
    """Work out the head after `entry` (called after the insert, so this sees every committed entry)."""
    if base is None:
        count = session.exec(select(func.count()).select_from(AuditEntry)).one()
        if count > 1 and anchor_id is None:
            log.warning("audit head file missing: starting it from the database as it stands (%d entries)", count)
        anchor_id = anchor_id or _first_keyed_id(session) or entry.id
    else:
        recorded = session.exec(select(AuditEntry.hash).where(AuditEntry.id == base.last_id)).first()
        if recorded != base.last_hash:
            state = "missing" if recorded is None else "changed"
            log.error("audit log: entry #%d, the last one the head file records, is %s; the head is kept as "
                      "evidence; run `recourse audit verify`", base.last_id, state)
            return
        count = base.count + session.exec(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.id > base.last_id)).one()
        anchor_id = base.anchor_id
    head_file.remember(session, entry, head_file.Head(entry.id, entry.hash, count, anchor_id))


def _first_keyed_id(session: Session) -> int | None:
    """Where the keyed chain starts: the first entry, or the anchor after legacy entries."""
    first = session.exec(select(AuditEntry).order_by(col(AuditEntry.id)).limit(1)).first()
    if first is not None and chain.kind(first) is chain.Kind.keyed:
        return first.id
    anchors = session.exec(select(AuditEntry).where(AuditEntry.action == chain.ANCHOR_ACTION)
                           .order_by(col(AuditEntry.id))).all()
    return next((a.id for a in anchors if chain.kind(a) is chain.Kind.keyed), None)


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
