"""The audit log's key and where its files live (the data directory).

Which key. Each entry's hash and the head file are HMACs under an audit key that never enters the
database. That key is derived (HKDF) from the encryption key, so every worker that shares the
encryption key, even through RECOURSE_ENCRYPTION_KEY on hosts with data directories of their own,
arrives at the same audit key with nothing new to distribute. A key kept only in memory would,
however, change with the encryption key (`recourse rotate-key`), and every earlier entry would then
fail to verify. So the first write pins the derived key in `audit.key` (mode 0600) beside the
encryption key, and from then on the file is the key: rotating the encryption key leaves the log
verifiable. A host added after a rotation needs a copy of `audit.key` (verify tells, through the
key id in the head file, when the key in use is not the one the log was written with).

`verify` never creates the file: without it, it checks with the key derived from the current
encryption key.
"""

import base64
import hashlib
import hmac
import logging
import os
from pathlib import Path

from app import crypto

log = logging.getLogger("recourse.audit")

KEY_FILE = "audit.key"
_PURPOSE = "audit-key/v1"

_data_dir: Path | None = None
_cached: tuple[Path, bytes] | None = None


def configure(data_dir: Path) -> None:
    """Where the audit key and head file live: call it where the encryption key is loaded."""
    global _data_dir, _cached
    _data_dir, _cached = Path(data_dir), None


def data_dir() -> Path:
    if _data_dir is None:
        raise RuntimeError("audit log not configured (call app.audit.keys.configure with the data dir)")
    return _data_dir


def audit_key(*, create: bool = False) -> bytes:
    global _cached
    path = data_dir() / KEY_FILE
    if _cached and _cached[0] == path:
        return _cached[1]
    try:
        key = base64.urlsafe_b64decode(path.read_bytes().strip())
    except FileNotFoundError:
        key = crypto.derived_key(_PURPOSE)
        if not create:
            return key
        key = _pin(path, key)
    _cached = (path, key)
    return key


def _pin(path: Path, key: bytes) -> bytes:
    # O_EXCL: two workers starting together write the same derived key once, never two keys.
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return base64.urlsafe_b64decode(path.read_bytes().strip())
    except OSError:
        log.warning("audit key could not be saved to %s; using the key derived from the encryption key", path)
        return key
    with os.fdopen(fd, "wb") as fh:
        fh.write(base64.urlsafe_b64encode(key))
    return key


def mac(domain: bytes, message: bytes, *, create: bool = False) -> str:
    """HMAC-SHA256 under the audit key; `domain` keeps entry, head and key-id MACs apart."""
    return hmac.new(audit_key(create=create), domain + b"\x00" + message, hashlib.sha256).hexdigest()


def key_id() -> str:
    """A short public name for the audit key in use (never enough to recover it)."""
    return mac(b"recourse-audit-key-id", b"")[:16]
