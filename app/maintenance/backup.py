"""One-file backups of an installation, and restoring them.

A backup is a gzipped tar archive:

    MANIFEST.json             what is inside, with a SHA-256 per file
    database/recourse.db      SQLite, copied with the online backup API (safe while the app runs)
    database/recourse.pgdump  or PostgreSQL, from `pg_dump --format=custom`
    data/...                  everything else in the data directory (uploaded documents ...)
    data/encryption.key       only with --include-key

The encryption key is left out unless asked for: a backup without it is useless to a thief, and the
key should be kept somewhere else. Restoring checks every file against the manifest, refuses to
overwrite an installation, applies migrations, then checks the audit log and that every document
can be decrypted.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from sqlalchemy.engine import make_url

from app.config import Settings

FORMAT = "recourse-backup"
VERSION = 1
KEY_FILE = "encryption.key"
AUDIT_HEAD = "audit-head.json"  # app/audit/head.py
SQLITE_FILE = "recourse.db"
# Never copied as data: the live database (copied through the backup API instead), its WAL
# files, and the key (only with --include-key).
_SKIP = {SQLITE_FILE, f"{SQLITE_FILE}-wal", f"{SQLITE_FILE}-shm", f"{SQLITE_FILE}-journal", KEY_FILE}


class BackupError(RuntimeError):
    """A backup or restore that cannot go ahead; the message says why, in one line."""


@dataclass
class RestoreReport:
    documents: int = 0
    documents_unreadable: list[str] = field(default_factory=list)
    audit_ok: bool = False
    audit_message: str = ""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_args(url: str) -> tuple[str, dict[str, str]]:
    """A libpq connection string for pg_dump/pg_restore, with the password passed in the environment
    (never on the command line, where other users could read it)."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = parsed.password
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _is_sqlite(settings: Settings) -> bool:
    return settings.sqlalchemy_url.startswith("sqlite")


def _sqlite_path(settings: Settings) -> Path:
    return Path(make_url(settings.sqlalchemy_url).database or "")


def _dump_database(settings: Settings, into: Path) -> tuple[str, Path]:
    if _is_sqlite(settings):
        source = _sqlite_path(settings)
        if not source.exists():
            raise BackupError(f"there is no database at {source}: nothing to back up")
        target = into / SQLITE_FILE
        src, dst = sqlite3.connect(source), sqlite3.connect(target)
        try:
            src.backup(dst)  # a consistent copy, even while the app writes
        finally:
            dst.close()
            src.close()
        return "sqlite", target
    if not shutil.which("pg_dump"):
        raise BackupError("pg_dump is not installed (Debian: apt-get install postgresql-client)")
    target = into / "recourse.pgdump"
    dsn, env = _pg_args(settings.sqlalchemy_url)
    done = subprocess.run(["pg_dump", "--format=custom", "--no-owner", f"--file={target}", f"--dbname={dsn}"],  # noqa: S603, S607
                          env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"pg_dump failed: {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}")
    return "postgresql", target


def _snapshot_audit_head(data_dir: Path, tmp: Path) -> Path | None:
    source = data_dir / AUDIT_HEAD
    if not source.is_file():
        return None
    shutil.copyfile(source, tmp / AUDIT_HEAD)
    return tmp / AUDIT_HEAD


def _data_files(data_dir: Path, *, include_key: bool) -> list[tuple[Path, str]]:
    files = []
    for path in sorted(data_dir.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        relative = path.relative_to(data_dir).as_posix()
        if relative in _SKIP and not (include_key and relative == KEY_FILE):
            continue
        if path.name.endswith(".tmp"):
            continue
        files.append((path, f"data/{relative}"))
    return files


def _revision(settings: Settings) -> str | None:
    from sqlalchemy import text

    from app.db import make_engine

    engine = make_engine(settings.sqlalchemy_url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # noqa: BLE001 - an empty or foreign database: the manifest just says so
        return None
    finally:
        engine.dispose()


def backup(settings: Settings, out: Path, *, include_key: bool = False) -> dict:
    """Write one archive with the database and the data directory; returns its manifest."""
    data_dir = settings.data_dir
    out = out.resolve()
    if out.is_relative_to(data_dir.resolve()):
        raise BackupError("write the backup outside the data directory")
    if include_key and settings.encryption_key:
        raise BackupError("the key comes from RECOURSE_ENCRYPTION_KEY, not a file: keep that value safe yourself")
    with tempfile.TemporaryDirectory(prefix="recourse-backup-") as tmp:
        # The audit log's head before the database: a head newer than the dump would name entries
        # the dump lacks, and the restored log would rightly be reported as cut short.
        head = _snapshot_audit_head(data_dir, Path(tmp))
        kind, dump = _dump_database(settings, Path(tmp))
        members = [(dump, f"database/{dump.name}"), *_data_files(data_dir, include_key=include_key)]
        members = [(head, name) if head and name == f"data/{AUDIT_HEAD}" else (path, name) for path, name in members]
        manifest = {
            "format": FORMAT, "version": VERSION, "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "database": kind, "alembic_revision": _revision(settings), "includes_key": include_key,
            "files": {name: {"sha256": _sha256(path), "size": path.stat().st_size} for path, name in members},
        }
        partial = out.with_name(out.name + ".tmp")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            blob = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("MANIFEST.json")
            info.size, info.mode = len(blob), 0o600
            tar.addfile(info, io.BytesIO(blob))
            for path, name in members:
                tar.add(path, arcname=name, recursive=False)
            raw.flush()
        os.replace(partial, out)
    return manifest


# ---- restore --------------------------------------------------------------------------------------

def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == path.as_posix()


def _read_archive(archive: Path, into: Path) -> dict:
    try:
        tar = tarfile.open(archive, mode="r:gz")  # noqa: SIM115 - closed by the `with tar` below
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"{archive} is not a Recourse backup ({exc})") from None
    with tar:
        try:
            manifest = json.loads(tar.extractfile("MANIFEST.json").read())  # type: ignore[union-attr]
        except (KeyError, AttributeError, ValueError):
            raise BackupError(f"{archive} has no readable MANIFEST.json: not a Recourse backup") from None
        if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
            raise BackupError("this backup was made by another program or version")
        expected = manifest.get("files") or {}
        seen = set()
        for member in tar.getmembers():
            if member.name == "MANIFEST.json":
                continue
            # Only plain files listed in the manifest, at safe paths: no links, devices or ../ tricks.
            if not member.isfile() or not _safe_name(member.name) or member.name not in expected:
                raise BackupError(f"unexpected entry in the backup: {member.name!r}")
            target = into / member.name
            target.parent.mkdir(parents=True, exist_ok=True)
            with tar.extractfile(member) as src, target.open("wb") as dst:  # type: ignore[union-attr]
                shutil.copyfileobj(src, dst)
            if _sha256(target) != expected[member.name]["sha256"]:
                raise BackupError(f"{member.name} is damaged (its checksum does not match)")
            seen.add(member.name)
        if missing := sorted(set(expected) - seen):
            raise BackupError(f"the backup is incomplete: {', '.join(missing)} missing")
    return manifest


def _check_target(settings: Settings, manifest: dict, force: bool) -> None:
    sqlite = _is_sqlite(settings)
    if manifest["database"] != ("sqlite" if sqlite else "postgresql"):
        raise BackupError(f"this backup holds a {manifest['database']} database; "
                          f"set RECOURSE_DATABASE_URL to restore it into the same kind")
    if force:
        return
    if sqlite and _sqlite_path(settings).exists():
        raise BackupError(f"{settings.data_dir} already holds a database: restore into an empty "
                          "data directory (or pass --force to replace it)")
    if (settings.data_dir / "documents").exists() and any((settings.data_dir / "documents").iterdir()):
        raise BackupError(f"{settings.data_dir} already holds documents: restore into an empty data directory")


def _key_available(settings: Settings, manifest: dict) -> bool:
    return bool(settings.encryption_key or manifest.get("includes_key") or (settings.data_dir / KEY_FILE).exists())


def _restore_database(settings: Settings, manifest: dict, staged: Path) -> None:
    if manifest["database"] == "sqlite":
        target = _sqlite_path(settings)
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(staged / "database" / SQLITE_FILE, target)
        os.chmod(target, 0o600)
        return
    if not shutil.which("pg_restore"):
        raise BackupError("pg_restore is not installed (Debian: apt-get install postgresql-client)")
    dsn, env = _pg_args(settings.sqlalchemy_url)
    done = subprocess.run(["pg_restore", "--no-owner", "--clean", "--if-exists", "--exit-on-error",  # noqa: S603, S607
                           f"--dbname={dsn}", str(staged / "database" / "recourse.pgdump")],
                          env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"pg_restore failed: {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}")


def _copy_data_files(staged: Path, data_dir: Path, manifest: dict) -> None:
    for name in manifest["files"]:
        if not name.startswith("data/"):
            continue
        target = data_dir / name[len("data/"):]
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        shutil.copyfile(staged / name, target)
        os.chmod(target, 0o600)


def restore(settings: Settings, archive: Path, *, force: bool = False) -> RestoreReport:
    """Restore a backup into settings' data directory (and database), then check it."""
    data_dir = settings.data_dir
    with tempfile.TemporaryDirectory(prefix="recourse-restore-") as tmp:
        staged = Path(tmp)
        manifest = _read_archive(archive, staged)
        _check_target(settings, manifest, force)
        if not _key_available(settings, manifest):
            raise BackupError(f"this backup does not hold the encryption key: put it in {data_dir / KEY_FILE} "
                              "(or set RECOURSE_ENCRYPTION_KEY) before restoring")
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        _restore_database(settings, manifest, staged)
        _copy_data_files(staged, data_dir, manifest)
    return check_installation(settings)


def check_installation(settings: Settings) -> RestoreReport:
    """Migrate, then check the audit log and that every stored document decrypts with the key."""
    from sqlmodel import Session, select

    from app.audit.service import verify
    from app.bootstrap import open_engine
    from app.documents import storage
    from app.documents.models import Document

    report = RestoreReport()
    engine = open_engine(settings, migrate=True)
    try:
        with Session(engine) as session:
            result = verify(session)
            report.audit_ok = result.ok
            report.audit_message = (f"{result.checked} audit entries, chain intact" if result.ok
                                    else f"broken at entry {result.broken_at}: {result.reason}")
            for doc in session.exec(select(Document)).all():
                report.documents += 1
                try:
                    storage.load(settings, doc.storage_key)
                except Exception:  # noqa: BLE001 - missing file or wrong key: listed, not fatal here
                    report.documents_unreadable.append(doc.storage_key)
    finally:
        engine.dispose()
    return report
