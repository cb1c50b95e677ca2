"""`recourse rotate-key`: every encrypted field and file ends under the new key, and an interrupted
run carries on where it stopped (the app can read everything meanwhile)."""

import base64

import pytest
from sqlalchemy import text
from sqlmodel import Session, select
from typer.testing import CliRunner

from app import crypto
from app.cli import app as cli
from app.consumers.models import Consumer
from app.documents import storage
from app.documents.models import Document
from app.maintenance import keys
from tests.documents.conftest import pdf_bytes


@pytest.fixture
def installation(make_client, world, settings, key):
    from tests.conftest import csrf

    alice = make_client("alice@example.org")
    data = pdf_bytes(1)
    r = alice.post(f"/cases/{world.ids['case1']}/documents", data={"csrf_token": csrf(alice), "kind": "id"},
                   files={"file": ("id.pdf", data, "application/pdf")})
    assert r.status_code == 303
    (settings.data_dir / "encryption.key").write_bytes(base64.urlsafe_b64encode(key))
    yield settings.model_copy(update={"encryption_key": None}), data
    crypto.set_key(key)


def _raw_ssns(engine) -> list[str]:
    with engine.connect() as conn:
        return [r[0] for r in conn.execute(text("SELECT national_id FROM consumers ORDER BY id"))]


def _everything_readable_with_only(new_key: bytes, engine, settings, data) -> None:
    crypto.set_key(new_key)  # no older key to fall back on
    with Session(engine) as s:
        assert {c.national_id for c in s.exec(select(Consumer)).all()} == {"123-45-6789", "987-65-4321"}
        doc = s.exec(select(Document)).one()
    assert storage.load(settings, doc.storage_key) == data


def test_rotation_reencrypts_fields_and_files_and_retires_the_old_key(installation, engine, key):
    settings, data = installation
    before = _raw_ssns(engine)
    report = keys.rotate(settings)
    assert report.fields >= 3 and report.files == 1
    new_key = base64.urlsafe_b64decode((settings.data_dir / "encryption.key").read_bytes())
    assert new_key != key
    assert base64.urlsafe_b64decode(report.retired_key.read_bytes()) == key
    assert report.retired_key.stat().st_mode & 0o777 == 0o600
    assert not (settings.data_dir / keys.NEXT_FILE).exists()
    assert all(a != b for a, b in zip(before, _raw_ssns(engine), strict=True))
    _everything_readable_with_only(new_key, engine, settings, data)


def test_an_interrupted_rotation_resumes(installation, engine, key, monkeypatch):
    settings, data = installation
    monkeypatch.setattr(keys, "BATCH", 1)
    calls = {"n": 0}
    real = keys._rotate_table

    def stop_after_first_table(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # the power goes out
        return real(*args, **kwargs)

    monkeypatch.setattr(keys, "_rotate_table", stop_after_first_table)
    with pytest.raises(KeyboardInterrupt):
        keys.rotate(settings)
    pending = settings.data_dir / keys.NEXT_FILE
    assert pending.exists()
    # The app restarted meanwhile loads both keys and reads every value.
    crypto.load_keys(settings.data_dir)
    with Session(engine) as s:
        assert len(s.exec(select(Consumer)).all()) == 3

    monkeypatch.setattr(keys, "_rotate_table", real)
    report = keys.rotate(settings)
    assert report.already >= 1  # what the first run did is not done twice
    new_key = base64.urlsafe_b64decode((settings.data_dir / "encryption.key").read_bytes())
    _everything_readable_with_only(new_key, engine, settings, data)


def test_cli_with_a_key_from_the_environment_needs_the_new_key(installation, settings):
    env = {"RECOURSE_ENCRYPTION_KEY": settings.encryption_key}
    if settings.database_url:
        env["RECOURSE_DATABASE_URL"] = settings.database_url
    result = CliRunner().invoke(cli, ["rotate-key", "--data-dir", str(settings.data_dir)], env=env)
    assert result.exit_code == 2 and "--new-key" in result.output
    new = base64.urlsafe_b64encode(b"k" * 32).decode()
    result = CliRunner().invoke(cli, ["rotate-key", "--data-dir", str(settings.data_dir), "--new-key", new], env=env)
    assert result.exit_code == 0, result.output
    assert "RECOURSE_ENCRYPTION_KEY" in result.output
