"""`recourse remind`: plan and send due reminders once (run it from cron or a systemd timer)."""

import os
import socket
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer


def _engine(data_dir: Path | None):
    # The same setup as app/cli.py (settings from --data-dir or the environment, engine, key).
    from app import crypto
    from app.audit import keys as audit_keys
    from app.config import Settings, get_settings
    from app.db import make_engine, set_engine

    settings = Settings(data_dir=data_dir) if data_dir else get_settings()
    settings.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    engine = make_engine(settings.sqlalchemy_url)
    set_engine(engine)
    crypto.set_key(crypto.load_or_create_key(settings.data_dir, settings.encryption_key))
    audit_keys.configure(settings.data_dir)
    return settings, engine


def _parse_now(value: str | None) -> datetime:
    if not value:
        return datetime.now(UTC)
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
        from app.reminders.service import run_once

        when = _parse_now(now)
        settings, engine = _engine(data_dir)
        try:
            planned, sent = run_once(engine, settings, runner_id=f"cli:{socket.gethostname()}:{os.getpid()}",
                                     now=when)
        finally:
            engine.dispose()
        typer.echo(f"Reminders: {planned.created} planned, {planned.removed} removed, {sent.sent} sent, "
                   f"{sent.retrying} to retry, {sent.failed} failed, {sent.skipped} skipped.")
        if sent.failed:  # given up after MAX_ATTEMPTS: worth a cron mail
            raise typer.Exit(1)
