"""The audit log's head: where the chain must end, kept where the database cannot reach it.

A hash chain proves that the entries it holds are unchanged, not that none are missing at its end:
someone who can write to the database could delete the last entries, or all of them, and what
remains is still a valid chain. So the head (the last entry's id and keyed hash, how many entries
lead up to it, and the first keyed entry) is also kept in `audit-head.json` in the data directory,
signed with the audit key (app/audit/keys.py). An attacker with only the database can neither
rewrite that file nor make entries that match it.

Several writers (workers on PostgreSQL, processes on SQLite). The chain is ordered by a lock
held until the transaction commits (PostgreSQL: an advisory lock; SQLite: the write lock). The head
file is NOT written under that lock but just after the commit, because a head written before the
commit would name an entry that a failed commit never stored, and `verify` would cry truncation.
So the head may lag behind the database, and the design makes that safe:

- It only moves forward: under an exclusive file lock, a process writes its head only if the file
  does not already name a later entry (a writer that commits entry 10 after another wrote 11 leaves
  11). The file is replaced atomically (temporary file, fsync, rename), so readers see a whole head.
- `verify` reads the head before it reads the database. Every entry a head names was committed
  before the head was written, so verify never sees a head ahead of its rows: no false alarm.
- `verify` accepts entries after the head when their keyed hashes and links are intact: only the
  key holder can make those, so they are genuine, merely not yet recorded in the head.
- What stays open: entries committed but not yet in the head (the moment between a commit and its
  file write, or a process that died there) could be deleted unnoticed. Any truncation that reaches
  an entry the head has recorded is always detected.
- `record` (after its insert, holding the chain lock) checks that the entry the head names is still
  there with the same hash. If it is not (the end was cut off; on SQLite new entries may even reuse
  the freed ids), the head is left as it is, so the evidence stays until someone investigates.

If the file is missing, the next write starts it from the database as it stands ("trust on first
use"); that is also how to start afresh after investigating a reported tampering: move the file away.
Workers on several hosts should share the data directory; a host with its own directory keeps a
head of its own writes only (never a false alarm, but it protects only what that host recorded).
"""

import fcntl
import hmac
import json
import logging
import os
import tempfile
from contextlib import suppress
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from app.audit import keys

log = logging.getLogger("recourse.audit")

FILE_NAME = "audit-head.json"
_LOCK_NAME = "audit-head.lock"
_PENDING = "recourse.audit_heads"


@dataclass(frozen=True)
class Head:
    last_id: int
    last_hash: str
    count: int
    anchor_id: int  # the first entry with a keyed hash; earlier ones are legacy


class HeadDamaged(Exception):
    """The head file exists but is unreadable, or not signed with the audit key in use."""

    def __init__(self, message: str, *, wrong_key: bool = False):
        super().__init__(message)
        self.wrong_key = wrong_key


def path() -> Path:
    return keys.data_dir() / FILE_NAME


def _mac(head: Head) -> str:
    return keys.mac(b"recourse-audit-head", json.dumps([head.last_id, head.last_hash, head.count,
                                                         head.anchor_id]).encode())


def read() -> Head | None:
    """The recorded head, or None when there is no head file yet."""
    file = path()
    try:
        data = json.loads(file.read_bytes())
        head = Head(int(data["last_id"]), str(data["last_hash"]), int(data["count"]), int(data["anchor_id"]))
        mac, key_id = str(data["mac"]), str(data["key_id"])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise HeadDamaged(f"{file} cannot be read ({exc.__class__.__name__})") from exc
    if key_id != keys.key_id():
        raise HeadDamaged(f"{file} was signed with another audit key: put back the {keys.KEY_FILE} the log was "
                          "written with (it is missing or was replaced, e.g. on a host set up after a key rotation)",
                          wrong_key=True)
    if not hmac.compare_digest(mac, _mac(head)):
        raise HeadDamaged(f"{file} was edited: its signature does not match its contents")
    return head


def advance(new: Head) -> bool:
    """Record `new` unless the file already names a later entry (or is damaged: kept as evidence)."""
    file = path()
    file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(file.parent / _LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        current = read()
        if current is not None and current.last_id >= new.last_id:
            return False
        _replace(file, new)
        return True
    finally:
        os.close(fd)  # releases the lock


def _replace(file: Path, head: Head) -> None:
    body = json.dumps({**asdict(head), "key_id": keys.key_id(), "mac": _mac(head)}).encode()
    fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=".audit-head.", suffix=".tmp")  # mode 0600
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(body)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, file)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def remember(session: Session, entry: object, head: Head) -> None:
    """Move the head to `head` once `entry` is committed (see the module docstring)."""
    session.info.setdefault(_PENDING, []).append((entry, head))


def pending(session: Session) -> Head | None:
    """The head after this transaction's own entries so far (None before its first one)."""
    stored = [head for entry, head in session.info.get(_PENDING, ()) if inspect(entry).persistent]
    return max(stored, key=lambda h: h.last_id, default=None)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    # An entry written inside a savepoint that was rolled back is transient again: never recorded.
    latest = pending(session)
    session.info.pop(_PENDING, None)
    if latest is None:
        return
    try:
        advance(latest)
    except HeadDamaged as exc:
        log.error("audit head not updated: %s; run `recourse audit verify`", exc)
    except OSError:
        # The commit stands; the head just lags (verify still checks the newer entries' keyed hashes).
        log.exception("audit head file %s could not be written", path())


@event.listens_for(Session, "after_soft_rollback")
def _after_rollback(session: Session, previous_transaction) -> None:
    if not previous_transaction.nested:
        session.info.pop(_PENDING, None)
