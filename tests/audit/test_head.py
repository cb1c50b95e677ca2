"""The head file: written after each commit, only forward, never a false alarm; legacy logs; the CLI."""

import json
import os
import threading

from sqlalchemy import text
from sqlmodel import Session, col, select
from typer.testing import CliRunner

from app import crypto
from app.audit import head as audit_head
from app.audit import keys as audit_keys
from app.audit import service as audit
from app.audit.models import AuditEntry
from app.cli import app as cli
from app.db import write_session
from tests.audit.attacker import disable_guard, plain_sha256, recompute_chain, tamper, verify


def _last(engine) -> AuditEntry:
    with Session(engine) as s:
        return s.exec(select(AuditEntry).order_by(col(AuditEntry.id).desc()).limit(1)).one()


def _count(engine) -> int:
    with Session(engine) as s:
        return len(s.exec(select(AuditEntry.id)).all())


def _record(engine, action: str = "test.action") -> None:
    with write_session(engine) as s:
        audit.record(s, action=action)


def test_head_file_names_the_last_committed_entry(world, engine, settings):
    last, head = _last(engine), audit_head.read()
    assert (head.last_id, head.last_hash, head.count) == (last.id, last.hash, _count(engine))
    file = settings.data_dir / audit_head.FILE_NAME
    assert oct(file.stat().st_mode & 0o777) == "0o600"
    assert verify(engine).summary().startswith(f"OK: {head.count} audit entries")


def test_rolled_back_entries_never_reach_the_head(world, engine):
    before = audit_head.read()
    with Session(engine) as s:
        audit.record(s, action="test.rolled_back")
        s.rollback()
    assert audit_head.read() == before
    with Session(engine) as s:
        audit.record(s, action="test.kept")
        try:
            with s.begin_nested():
                audit.record(s, action="test.savepoint")
                raise ValueError
        except ValueError:
            pass
        s.commit()
    last = _last(engine)
    assert last.action == "test.kept" and audit_head.read().last_id == last.id
    assert verify(engine).ok


def test_head_only_moves_forward(world, engine):
    head = audit_head.read()
    assert not audit_head.advance(audit_head.Head(head.last_id - 1, "x" * 64, head.count - 1, head.anchor_id))
    assert audit_head.read() == head


def test_a_head_behind_the_log_is_no_false_alarm(world, engine, monkeypatch):
    # A writer that committed but died before writing the head leaves it behind: still intact.
    monkeypatch.setattr(audit_head, "advance", lambda new: False)
    _record(engine)
    monkeypatch.undo()
    result = verify(engine)
    assert result.ok and result.newer_than_head == 1 and "1 newer entries" in result.summary()
    _record(engine)
    assert verify(engine).ok and audit_head.read().last_id == _last(engine).id


def test_concurrent_writers_keep_chain_and_head_in_step(world, engine):
    errors = []

    def writer(n):
        try:
            for i in range(8):
                _record(engine, f"test.w{n}.{i}")
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    result, head = verify(engine), audit_head.read()
    assert result.ok, result.problems
    assert head.last_id == _last(engine).id and head.count == _count(engine) == result.total


def test_writes_after_a_truncation_do_not_hide_it(world, engine):
    # The head stays where it was (even if the attacker also reset the id sequence so new ids reuse old ones).
    head = audit_head.read()
    keep = head.last_id - 3
    tamper(engine, "DELETE FROM audit_entries WHERE id > :keep", keep=keep)
    if engine.dialect.name == "sqlite":
        tamper(engine, "UPDATE sqlite_sequence SET seq = :keep WHERE name = 'audit_entries'", keep=keep)
    else:
        tamper(engine, "SELECT setval(pg_get_serial_sequence('audit_entries', 'id'), :keep)", keep=keep)
    for _ in range(5):
        _record(engine)
    assert audit_head.read() == head and _last(engine).id == keep + 5  # the head's id was reused
    result = verify(engine)
    assert not result.ok and [p.kind for p in result.problems] == ["head-mismatch"]
    assert result.problems[0].entry_id == head.last_id


def test_edited_head_file_is_reported_and_kept(world, engine, settings):
    file = settings.data_dir / audit_head.FILE_NAME
    data = json.loads(file.read_text())
    data["count"] += 5
    file.write_text(json.dumps(data))
    result = verify(engine)
    assert not result.ok and result.problems[0].kind == "head-damaged"
    _record(engine)
    assert json.loads(file.read_text()) == data


def test_missing_head_file_is_reported_then_restarted(world, engine, settings):
    (settings.data_dir / audit_head.FILE_NAME).unlink()
    result = verify(engine)
    assert not result.ok and result.problems[0].kind == "head-missing"
    _record(engine)
    assert verify(engine).ok


def _make_legacy(engine, settings) -> None:
    """The log as the code before the key wrote it: plain SHA-256 hashes, no head file."""
    recompute_chain(engine)
    (settings.data_dir / audit_head.FILE_NAME).unlink()


def test_legacy_log_is_anchored_by_the_next_write(world, engine, settings):
    _make_legacy(engine, settings)
    legacy = _count(engine)
    result = verify(engine)
    assert result.ok and result.legacy == legacy and "not anchored yet" in result.summary()
    last_legacy = _last(engine).id
    _record(engine, "test.after_upgrade")
    with Session(engine) as s:
        anchor, after = s.exec(select(AuditEntry).order_by(col(AuditEntry.id).desc()).limit(2)).all()[::-1]
    assert anchor.action == "audit.anchored" and after.action == "test.after_upgrade"
    assert json.loads(anchor.detail) == {"legacy_entries": legacy, "legacy_last_id": last_legacy}
    assert audit_head.read().anchor_id == anchor.id
    result = verify(engine)
    assert result.ok and result.legacy == legacy and result.total == legacy + 2
    assert f"{legacy} legacy entries" in result.summary()


def test_legacy_entries_cannot_be_rewritten_after_the_anchor(world, engine, settings):
    _make_legacy(engine, settings)
    _record(engine)
    anchor_id = audit_head.read().anchor_id
    tamper(engine, "UPDATE audit_entries SET action = 'note.created' WHERE id = 3")
    with Session(engine) as s:  # recompute the legacy part only, up to the anchor
        entries = s.exec(select(AuditEntry).where(AuditEntry.id < anchor_id).order_by(col(AuditEntry.id))).all()
        disable_guard(s.connection())
        prev = entries[1].hash
        for entry in entries[2:]:
            new = plain_sha256(entry, prev)
            s.execute(text("UPDATE audit_entries SET prev_hash = :p, hash = :h WHERE id = :i"),
                      {"p": prev, "h": new, "i": entry.id})
            prev = new
        s.commit()
    result = verify(engine)
    assert not result.ok and result.broken_at == anchor_id and result.problems[0].kind == "unlinked"


def test_cli_verify_with_data_dir(world, engine, settings, monkeypatch):
    monkeypatch.setenv("RECOURSE_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("RECOURSE_ENCRYPTION_KEY", settings.encryption_key)
    runner = CliRunner()
    ok = runner.invoke(cli, ["audit", "verify", "--data-dir", str(settings.data_dir)])
    assert ok.exit_code == 0, ok.output
    assert len(ok.output.strip().splitlines()) == 1 and ok.output.startswith(f"OK: {_count(engine)} audit entries")
    tamper(engine, "UPDATE audit_entries SET action = 'note.created' WHERE id = 3")
    bad = runner.invoke(cli, ["audit", "verify", "--data-dir", str(settings.data_dir)])
    assert bad.exit_code == 1 and "entry #3 [changed]" in bad.output
    # Another data dir (another host) has neither audit.key nor the head file: the key derived from the
    # same encryption key still checks every entry, but a cut-off end cannot be ruled out.
    other = runner.invoke(cli, ["audit", "verify", "--data-dir", str(settings.data_dir.parent / "elsewhere")])
    assert other.exit_code == 1 and "entry #3 [changed]" in other.output and "[head-missing]" in other.output


def test_audit_key_is_pinned_so_a_key_rotation_keeps_the_log_verifiable(world, engine, settings, monkeypatch):
    key_file = settings.data_dir / audit_keys.KEY_FILE
    assert key_file.exists() and oct(key_file.stat().st_mode & 0o777) == "0o600"
    # A new encryption key (as `recourse rotate-key` would install): the pinned audit key stays.
    monkeypatch.setattr(crypto, "_key", os.urandom(32))
    audit_keys.configure(settings.data_dir)
    _record(engine)
    assert verify(engine).ok
    # Without the pinned file, the key derived from the new encryption key is not the log's key.
    key_file.unlink()
    audit_keys.configure(settings.data_dir)
    result = verify(engine)
    assert not result.ok and "wrong-key" in {p.kind for p in result.problems}
    assert "audit.key" in next(p.message for p in result.problems if p.kind == "wrong-key")


def test_log_still_verifies_after_recourse_rotate_key(world, engine, settings, key, monkeypatch):
    import base64

    from app.maintenance import keys as key_rotation

    monkeypatch.setattr(crypto, "_key", crypto._key)  # restored after the test
    (settings.data_dir / "encryption.key").write_bytes(base64.urlsafe_b64encode(key))
    key_rotation.rotate(settings.model_copy(update={"encryption_key": None}))
    new_key = base64.urlsafe_b64decode((settings.data_dir / "encryption.key").read_bytes())
    assert new_key != key
    crypto.set_key(new_key)
    audit_keys.configure(settings.data_dir)
    _record(engine, "test.after_rotation")
    result = verify(engine)
    assert result.ok, result.problems
    assert result.total == _count(engine) and audit_head.read().last_id == _last(engine).id


def test_backup_reads_the_head_before_the_database(installation, target, tmp_path, key, engine, monkeypatch):
    # A write that lands after the database dump must not be named by the head in the archive,
    # or the restored log would be reported as cut short.
    import base64

    from app.maintenance import backup as backup_module

    settings, _ = installation
    dump = backup_module._dump_database

    def dump_then_write(*args):
        dumped = dump(*args)
        _record(engine, "test.during_backup")
        return dumped

    monkeypatch.setattr(backup_module, "_dump_database", dump_then_write)
    archive = tmp_path / "backup.tar.gz"
    backup_module.backup(settings, archive)
    target.data_dir.mkdir(parents=True)
    (target.data_dir / "encryption.key").write_bytes(base64.urlsafe_b64encode(key))
    report = backup_module.restore(target, archive)
    assert report.audit_ok, report.audit_message
