"""`recourse remind`: plan and send due reminders once (run it from cron or a systemd timer)."""

import os
import socket
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer


def _parse_now(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        typer.echo(f"error: --now must be an ISO date or datetime, got {value!r}", err=True)
        raise typer.Exit(2) from None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def register(app: typer.Typer) -> None:
    @app.command("remind")
    def remind(
        data_dir: Annotated[Path | None, typer.Option("--data-dir", help="Where the database and keys live "
                                                      "(default: RECOURSE_DATA_DIR or ./data).")] = None,
        now: Annotated[str | None, typer.Option("--now", help="Pretend it is this UTC time (ISO 8601).")] = None,
    ) -> None:
        """Plan reminders from the stored deadlines and email the due ones, once."""
        from app.bootstrap import open_engine, settings_for
        from app.clock import running_from, utcnow
        from app.reminders.sending import run_once

        start = _parse_now(now)
        clock = running_from(start) if start else utcnow
        # Brings the schema up to date first, like `recourse serve`: cron may well run before the
        # server has ever started on a new data directory.
        settings = settings_for(data_dir)
        engine = open_engine(settings, migrate=True)
        try:
            planned, sent = run_once(engine, settings, runner_id=f"cli:{socket.gethostname()}:{os.getpid()}",
                                     clock=clock)
        finally:
            engine.dispose()
        typer.echo(f"Reminders: {planned.created} planned, {planned.removed} removed, {sent.sent} sent, "
                   f"{sent.retrying} to retry, {sent.failed} failed, {sent.skipped} skipped.")
        if sent.failed:  # given up after MAX_ATTEMPTS: worth a cron mail
            raise typer.Exit(1)
