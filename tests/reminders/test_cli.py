"""`recourse remind`: plan and send once, print a one-line summary."""

import typer
from sqlmodel import Session, select
from typer.testing import CliRunner

from app.reminders.cli import register
from app.reminders.models import Reminder
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
