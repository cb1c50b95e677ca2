"""`recourse backup` / `recourse restore`: one file holds the installation; a restore brings back
every document and an intact audit log, and refuses damaged or hostile archives."""

import base64
import io
import os
import tarfile
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session, func, select
from typer.testing import CliRunner

from app import crypto
from app.cases.models import CaseNote
from app.cli import app as cli
from app.config import Settings
from app.documents.models import Document
from app.main import create_app
from app.maintenance.backup import BackupError, backup, restore
from tests.conftest import PG_URL, sign_in
from tests.documents.conftest import pdf_bytes


def _upload(client, case_id: int, data: bytes) -> None:
    from tests.conftest import csrf

    r = client.post(f"/cases/{case_id}/documents", data={"csrf_token": csrf(client), "kind": "other"},
                    files={"file": ("evidence.pdf", data, "application/pdf")})
    assert r.status_code == 303, r.text


@pytest.fixture
def installation(make_client, world, settings, key):
    """A clinic with a document, using a key file in the data dir (as `recourse serve` does)."""
    alice = make_client("alice@example.org")
    data = pdf_bytes(2)
    _upload(alice, world.ids["case1"], data)
    (settings.data_dir / "encryption.key").write_bytes(base64.urlsafe_b64encode(key))
    return settings.model_copy(update={"encryption_key": None}), data


@pytest.fixture
def target(tmp_path, key):
    """Settings for an empty installation to restore into (a new database on PostgreSQL)."""
    if not PG_URL:
        yield Settings(data_dir=tmp_path / "restored")
        return
    name = f"recourse_restore_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    yield Settings(data_dir=tmp_path / "restored", database_url=url)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _members(archive) -> list[str]:
    with tarfile.open(archive) as tar:
        return tar.getnames()


def test_round_trip_every_document_downloads_and_the_audit_log_verifies(installation, target, tmp_path, key,
                                                                        world, engine):
    settings, data = installation
    archive = tmp_path / "backup.tar.gz"
    manifest = backup(settings, archive)
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    assert "data/encryption.key" not in _members(archive) and not manifest["includes_key"]
    assert any(n.startswith("data/documents/") for n in _members(archive))
    with Session(engine) as s:
        notes_before = s.exec(select(func.count()).select_from(CaseNote)).one()

    # The key travels separately (here: copied by hand into the new data dir).
    target.data_dir.mkdir(parents=True)
    (target.data_dir / "encryption.key").write_bytes(base64.urlsafe_b64encode(key))
    report = restore(target, archive)
    assert report.audit_ok, report.audit_message
    assert report.documents == 1 and report.documents_unreadable == []

    restored = create_app(target)  # a fresh app on the restored installation
    from fastapi.testclient import TestClient

    with TestClient(restored, follow_redirects=False) as client:
        sign_in(client, "alice@example.org")
        with Session(restored_engine := create_engine(target.sqlalchemy_url)) as s:
            doc = s.exec(select(Document)).one()
            assert s.exec(select(func.count()).select_from(CaseNote)).one() == notes_before
        restored_engine.dispose()
        got = client.get(f"/documents/{doc.id}")
        assert got.status_code == 200 and got.content == data
    result = CliRunner().invoke(cli, ["audit", "verify", "--data-dir", str(target.data_dir)],
                                env={"RECOURSE_DATABASE_URL": target.database_url or ""} if target.database_url else None)
    assert result.exit_code == 0, result.output
    from app.db import set_engine

    set_engine(engine)  # the test's own engine again for the fixtures' teardown
    crypto.set_key(key)


def test_include_key_and_cli(installation, tmp_path):
    settings, _ = installation
    archive = tmp_path / "with-key.tar.gz"
    env = {"RECOURSE_DATABASE_URL": settings.database_url} if settings.database_url else {}
    result = CliRunner().invoke(cli, ["backup", "--out", str(archive), "--include-key", "--data-dir",
                                      str(settings.data_dir)], env=env)
    assert result.exit_code == 0, result.output
    assert "data/encryption.key" in _members(archive)
    result = CliRunner().invoke(cli, ["backup", "--out", str(settings.data_dir / "inside.tar.gz"), "--data-dir",
                                      str(settings.data_dir)], env=env)
    assert result.exit_code == 2 and "outside the data directory" in result.output


def test_restore_refuses_to_overwrite_and_needs_the_key(installation, target, tmp_path, key):
    settings, _ = installation
    archive = tmp_path / "b.tar.gz"
    backup(settings, archive)
    with pytest.raises(BackupError, match="encryption key"):
        restore(target, archive)
    target.data_dir.mkdir(parents=True, exist_ok=True)
    (target.data_dir / "encryption.key").write_bytes(base64.urlsafe_b64encode(key))
    (target.data_dir / "documents").mkdir()
    (target.data_dir / "documents" / ("0" * 32)).write_bytes(b"someone else's file")
    with pytest.raises(BackupError, match="already holds"):
        restore(target, archive)


def _rewrite(archive, out, change):
    with tarfile.open(archive) as src, tarfile.open(out, "w:gz") as dst:
        for member in src.getmembers():
            blob = src.extractfile(member).read()
            member, blob = change(member, blob)
            if member is not None:
                dst.addfile(member, io.BytesIO(blob))
    return out


@pytest.mark.parametrize("attack", ["flipped-byte", "path-escape", "symlink", "not-a-backup"])
def test_damaged_or_hostile_archives_are_refused_and_write_nothing(installation, target, tmp_path, key, attack):
    settings, _ = installation
    archive = tmp_path / "b.tar.gz"
    backup(settings, archive)
    bad = tmp_path / "bad.tar.gz"
    if attack == "flipped-byte":
        def change(m, b):
            if m.name.startswith("data/documents/"):
                b = bytes([b[0] ^ 1]) + b[1:]
            return m, b
        _rewrite(archive, bad, change)
    elif attack == "path-escape":
        bad = _with_extra(archive, bad, "../escape", b"x")
    elif attack == "symlink":
        bad = _with_extra(archive, bad, "data/link", None)
    else:
        bad.write_bytes(os.urandom(2000))
    target.data_dir.mkdir(parents=True)
    (target.data_dir / "encryption.key").write_bytes(base64.urlsafe_b64encode(key))
    with pytest.raises(BackupError):
        restore(target, bad)
    assert not (tmp_path / "escape").exists()
    assert sorted(p.name for p in target.data_dir.iterdir()) == ["encryption.key"]


def _with_extra(archive, out, name, blob):
    with tarfile.open(archive) as src, tarfile.open(out, "w:gz") as dst:
        for member in src.getmembers():
            dst.addfile(member, src.extractfile(member))
        info = tarfile.TarInfo(name)
        if blob is None:
            info.type, info.linkname = tarfile.SYMTYPE, "/etc/passwd"
            dst.addfile(info)
        else:
            info.size = len(blob)
            dst.addfile(info, io.BytesIO(blob))
    return out
