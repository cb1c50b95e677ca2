"""How an audit entry's hash is made.

Each entry's `hash` is an HMAC-SHA256 under the audit key (app/audit/keys.py, derived from the
encryption key and pinned in the data directory) over the entry's fields and the previous entry's hash. Someone who can
write to the database but does not hold the key cannot make a valid hash, so they can neither
change an entry nor re-link the chain around a removed one.

Entries written before the key was used ("legacy" entries) carry a plain SHA-256 over the same
fields. They are accepted only before the first keyed entry: the first write after the upgrade
appends an `audit.anchored` entry whose keyed hash covers the last legacy hash, so from then on
the legacy part can no longer be rewritten unnoticed either (see `verify`).
"""

import hashlib
import hmac
import json
from enum import StrEnum

from app.audit import keys
from app.audit.models import AuditEntry

GENESIS = "0" * 64
ANCHOR_ACTION = "audit.anchored"


class Kind(StrEnum):
    keyed = "keyed"
    legacy = "legacy"
    invalid = "invalid"


def _payload(entry: AuditEntry) -> bytes:
    return json.dumps(
        [
            entry.at.isoformat(timespec="microseconds"), entry.workspace_id, entry.actor_user_id,
            entry.action, entry.object_type, entry.object_id, entry.ip, entry.detail,
            entry.prev_hash,
        ],
        separators=(",", ":"),
    ).encode()


def entry_hash(entry: AuditEntry) -> str:
    """The keyed hash (HMAC-SHA256) every new entry carries."""
    return keys.mac(b"recourse-audit-entry", _payload(entry))


def legacy_hash(entry: AuditEntry) -> str:
    """The unkeyed hash entries carried before the audit key existed (anyone can compute it)."""
    return hashlib.sha256(_payload(entry)).hexdigest()


def kind(entry: AuditEntry) -> Kind:
    if hmac.compare_digest(entry.hash, entry_hash(entry)):
        return Kind.keyed
    if hmac.compare_digest(entry.hash, legacy_hash(entry)):
        return Kind.legacy
    return Kind.invalid
