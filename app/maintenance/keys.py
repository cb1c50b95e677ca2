"""`recourse rotate-key`: re-encrypt every encrypted field and file under a new key.

Resumable: the new key is written to `encryption.key.next` before anything is re-encrypted, and a
value is re-encrypted only when the new key cannot already open it (AES-GCM refuses a wrong key),
so running the command again after an interruption carries on where it stopped. Only when every
value opens with the new key does `encryption.key.next` replace `encryption.key`; the old key is
kept as `encryption.key.retired-<time>` until you delete it (after a fresh backup).

Run it with Recourse stopped (every worker, the scheduler and cron's `recourse remind`): a value
written meanwhile under the old key would be found by the final check and re-encrypted, but a
running worker would keep writing with the old key.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import LargeBinary, String, Table, column, select, table, update
from sqlalchemy.engine import Engine

from app import crypto
from app.config import Settings

NEXT_FILE = "encryption.key.next"
BATCH = 200


class RotationError(RuntimeError):
    pass


@dataclass
class RotationReport:
    fields: int = 0  # values re-encrypted now
    files: int = 0
    already: int = 0  # values and files already under the new key (a resumed run)
    retired_key: Path | None = None
    new_key_b64: str | None = None  # only when the key comes from the environment
    tables: list[str] = field(default_factory=list)


def encrypted_columns() -> dict[str, list[str]]:
    """{table: [column, ...]} for every column stored encrypted (from the models' metadata)."""
    import app.models  # noqa: F401 - every model registered
    from app.db import metadata

    found: dict[str, list[str]] = {}
    for tbl in metadata.sorted_tables:
        for col in tbl.columns:
            if isinstance(col.type, crypto.Encrypted | crypto.EncryptedBytes):
                found.setdefault(tbl.name, []).append(col.name)
    return found


def _opens(aead: AESGCM, blob: bytes, associated: bytes | None = None) -> bool:
    try:
        aead.decrypt(blob[:12], blob[12:], associated)
        return True
    except InvalidTag:
        return False


def _reseal(value, new: AESGCM, old: AESGCM) -> tuple[object, bool]:
    """(value under the new key, changed?) for a stored text ("v1:...") or bytes value."""
    if isinstance(value, str):
        blob = base64.urlsafe_b64decode(value[len("v1:"):].encode())
        if _opens(new, blob):
            return value, False
        plain = old.decrypt(blob[:12], blob[12:], None)
        nonce = os.urandom(12)
        return "v1:" + base64.urlsafe_b64encode(nonce + new.encrypt(nonce, plain, None)).decode(), True
    blob = bytes(value)
    if _opens(new, blob):
        return value, False
    plain = old.decrypt(blob[:12], blob[12:], None)
    nonce = os.urandom(12)
    return nonce + new.encrypt(nonce, plain, None), True


def _raw_table(name: str, columns: list[str], binary: set[str]) -> Table:
    # Plain types, so values pass through untouched by the Encrypted type decorators.
    return table(name, column("id"), *(column(c, LargeBinary if c in binary else String) for c in columns))


def _batches(engine: Engine, raw: Table, columns: list[str]) -> Iterator[list]:
    last = None
    while True:
        query = select(raw.c.id, *(raw.c[c] for c in columns)).order_by(raw.c.id).limit(BATCH)
        if last is not None:
            query = query.where(raw.c.id > last)
        with engine.connect() as conn:
            rows = conn.execute(query).all()
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def _rotate_table(engine: Engine, name: str, columns: list[str], new: AESGCM, old: AESGCM,
                  report: RotationReport) -> None:
    import app.models  # noqa: F401
    from app.db import metadata

    binary = {c for c in columns if isinstance(metadata.tables[name].c[c].type, crypto.EncryptedBytes)}
    raw = _raw_table(name, columns, binary)
    for rows in _batches(engine, raw, columns):
        with engine.begin() as conn:  # one short transaction per batch: an interruption loses little
            for row in rows:
                changes = {}
                for col_name, value in zip(columns, row[1:], strict=True):
                    if value is None:
                        continue
                    try:
                        resealed, changed = _reseal(value, new, old)
                    except (InvalidTag, ValueError):
                        raise RotationError(f"{name} #{row[0]} ({col_name}) opens with neither the old nor "
                                            "the new key: was it written with another key?") from None
                    if changed:
                        changes[col_name] = resealed
                    else:
                        report.already += 1
                if changes:
                    conn.execute(update(raw).where(raw.c.id == row[0]).values(**changes))
                    report.fields += len(changes)


def _rotate_files(settings: Settings, new: AESGCM, old: AESGCM, report: RotationReport) -> None:
    from app.documents import storage

    root = storage.root(settings)
    if not root.exists():
        return
    for path in sorted(root.iterdir()):
        if not storage._KEY_PATTERN.fullmatch(path.name):
            continue
        blob, aad = path.read_bytes(), path.name.encode()
        if _opens(new, blob, aad):
            report.already += 1
            continue
        try:
            plain = old.decrypt(blob[:12], blob[12:], aad)
        except InvalidTag:
            raise RotationError(f"document file {path.name} opens with neither the old nor the new key") from None
        nonce = os.urandom(12)
        partial = path.with_name(path.name + ".tmp")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(nonce + new.encrypt(nonce, plain, aad))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(partial, path)  # atomic: the file is either all old or all new
        report.files += 1


def _new_key(settings: Settings, given: bytes | None) -> bytes:
    if settings.encryption_key:
        if given is None:
            raise RotationError("the key comes from RECOURSE_ENCRYPTION_KEY: pass the new one with --new-key "
                                "(base64 of 32 random bytes) and run again with the same value if interrupted")
        return given
    path = settings.data_dir / NEXT_FILE
    if path.exists():  # an interrupted rotation: carry on with the same new key
        existing = base64.urlsafe_b64decode(path.read_bytes().strip())
        if given is not None and given != existing:
            raise RotationError(f"a rotation to another key is under way ({path}); finish it first")
        return existing
    key = given or AESGCM.generate_key(bit_length=256)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(base64.urlsafe_b64encode(key))
        fh.flush()
        os.fsync(fh.fileno())
    return key


def rotate(settings: Settings, *, new_key: bytes | None = None) -> RotationReport:
    from app.bootstrap import open_engine

    if new_key is not None and len(new_key) != 32:
        raise RotationError("the new key must be 32 bytes (base64 of 32 random bytes)")
    engine = open_engine(settings, migrate=True)
    old_key = crypto.load_or_create_key(settings.data_dir, settings.encryption_key)
    new_key = _new_key(settings, new_key)
    if new_key == old_key:
        raise RotationError("the new key is the current key")
    new, old = AESGCM(new_key), AESGCM(old_key)
    report = RotationReport()
    try:
        columns = encrypted_columns()
        for name, cols in columns.items():
            _rotate_table(engine, name, cols, new, old, report)
            report.tables.append(name)
        _rotate_files(settings, new, old, report)
    finally:
        engine.dispose()
    crypto.set_key(new_key)
    if settings.encryption_key:
        report.new_key_b64 = base64.urlsafe_b64encode(new_key).decode()
        return report
    current = settings.data_dir / "encryption.key"
    retired = settings.data_dir / f"encryption.key.retired-{datetime.now(UTC):%Y%m%d%H%M%S}"
    fd = os.open(retired, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(current.read_bytes())
    os.replace(settings.data_dir / NEXT_FILE, current)  # atomic: the installation switches keys here
    report.retired_key = retired
    return report
