"""`recourse remind`: plan and send once, print a one-line summary; works on a new data directory."""

import os
import subprocess
import sys
import uuid

import pytest
import typer
from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url
from sqlmodel import Session, select
from typer.testing import CliRunner

from app import crypto
from app.db import make_engine
from app.reminders.cli import register
from app.reminders.models import Reminder
from tests.conftest import PG_URL, _admin_engine
from tests.reminders.conftest import days


def cli() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Stand-in for app.cli.app."""

    register(app)
    return app


def test_remind_plans_sends_and_prints_a_summary(engine, settings, world, smtp, add_proceeding, monkeypatch, tmp_path):
    add_proceeding("case1", [{"due": days(3)}])
    monkeypatch.setenv("RECOURSE_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("RECOURSE_ENCRYPTION_KEY", settings.encryption_key)
    monkeypatch.setenv("RECOURSE_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("RECOURSE_SMTP_PORT", str(settings.smtp_port))
    monkeypatch.setenv("RECOURSE_SMTP_STARTTLS", "false")

    result = CliRunner().invoke(cli(), ["remind", "--data-dir", str(tmp_path / "cli"), "--now", "2030-03-10T09:00"])

    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Reminders: 4 planned, 0 removed, 2 sent, 0 to retry, 0 failed, 0 skipped."
    assert len(smtp.to("carol@example.org")) == 2
    with Session(engine) as s:
        assert len(s.exec(select(Reminder).where(Reminder.status == "sent")).all()) == 2


def test_remind_rejects_a_bad_now(tmp_path):
    result = CliRunner().invoke(cli(), ["remind", "--data-dir", str(tmp_path), "--now", "next tuesday"])
    assert result.exit_code == 2 and "--now" in result.output


@pytest.fixture
def empty_database():
    """The database URL for a new installation: None on SQLite (the file in the data directory is
    created), a new empty PostgreSQL database otherwise."""
    if not PG_URL:
        yield None
        return
    name = f"recourse_empty_{uuid.uuid4().hex[:8]}"
    admin = _admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _fresh_env(monkeypatch, empty_database) -> dict:
    for name in [n for n in os.environ if n.startswith("RECOURSE_")]:
        monkeypatch.delenv(name)
    if empty_database:
        monkeypatch.setenv("RECOURSE_DATABASE_URL", empty_database)
    return dict(os.environ)


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_remind_on_a_new_data_directory_migrates_and_exits_0(tmp_path, monkeypatch, empty_database, key):
    _fresh_env(monkeypatch, empty_database)
    data_dir = tmp_path / "new"
    try:
        result = CliRunner().invoke(cli(), ["remind", "--data-dir", str(data_dir)])
    finally:
        crypto.set_key(key)  # the command loaded the new installation's own key
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Reminders: 0 planned, 0 removed, 0 sent, 0 to retry, 0 failed, 0 skipped."
    assert {"reminders", "alembic_version"} <= _tables(empty_database or f"sqlite:///{data_dir / 'recourse.db'}")


def test_two_remind_commands_at_once_on_a_new_installation_both_succeed(tmp_path, monkeypatch, empty_database,
                                                                         key):
    # Cron's first run can coincide with another runner's (or `recourse serve`'s) first start:
    # both migrate, one after the other.
    env = _fresh_env(monkeypatch, empty_database)
    data_dir = tmp_path / "new"
    command = [sys.executable, "-c", "from app.cli import main; main()", "remind", "--data-dir", str(data_dir)]
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    outcomes = [(run.wait(timeout=120), *run.communicate()) for run in runs]
    for code, out, err in outcomes:
        assert code == 0, err
        assert out.startswith("Reminders: 0 planned")
