"""The `recourse` command."""

import logging
from pathlib import Path
from typing import Annotated

import typer

from app.demo.cli import register as register_demo
from app.letters.cli import register as register_letters
from app.maintenance.cli import register as register_maintenance
from app.reminders.cli import register as register_reminders
from app.reports.cli import register as register_reports
from app.rules.cli import register as register_rules

app = typer.Typer(help="Recourse: request, read and dispute your own credit records.", no_args_is_help=True,
                  add_completion=False)
audit_app = typer.Typer(help="The audit log.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")
register_rules(app)
register_letters(app)
register_reminders(app)
register_reports(app)
register_maintenance(app)
register_demo(app)

DataDir = Annotated[Path | None, typer.Option("--data-dir", help="Where the database and keys live "
                                              "(default: RECOURSE_DATA_DIR or ./data).")]


def _settings(data_dir: Path | None):
    from app.bootstrap import settings_for

    return settings_for(data_dir)


def _engine(settings):
    from app.bootstrap import open_engine

    return open_engine(settings)


def uvicorn_options(settings) -> dict:
    """Proxy headers as RECOURSE_TRUSTED_PROXIES says: uvicorn by itself believes X-Forwarded-For from
    127.0.0.1, so anyone reaching the port from the machine could choose the IP address the sign-in
    throttle and the audit log record. With no trusted proxy, uvicorn reads no proxy header at all."""
    trusted = [p.strip() for p in settings.trusted_proxies.split(",") if p.strip()]
    return {"proxy_headers": bool(trusted), "forwarded_allow_ips": trusted or None}


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    data_dir: DataDir = None,
) -> None:
    """Apply database migrations, then run the web app (default http://127.0.0.1:8000)."""
    import uvicorn

    from app.main import create_app
    from app.migrate import upgrade

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    settings = _settings(data_dir)
    upgrade(_engine(settings))
    typer.echo(f"Recourse is running at http://{host}:{port}  (data: {settings.data_dir.resolve()})")
    uvicorn.run(create_app(settings, configure_db=False), host=host, port=port, **uvicorn_options(settings))


@app.command()
def migrate(data_dir: DataDir = None) -> None:
    """Bring the database schema up to date (run before starting several workers)."""
    from app.migrate import upgrade

    upgrade(_engine(_settings(data_dir)))
    typer.echo("Database is up to date.")


@audit_app.command("verify")
def audit_verify(data_dir: DataDir = None) -> None:
    """Check the audit log's keyed hash chain and its end against the head file in the data dir;
    exit status 1, naming each entry and what was done to it, if it was changed, re-linked or cut short."""
    from sqlmodel import Session

    from app.audit.service import verify

    engine = _engine(_settings(data_dir))
    with Session(engine) as session:
        result = verify(session)
    if result.ok:
        typer.echo(result.summary())
        return
    typer.echo(result.summary(), err=True)
    for problem in result.problems:
        where = f"entry #{problem.entry_id}" if problem.entry_id is not None else "head file"
        typer.echo(f"  {where} [{problem.kind}]: {problem.message}", err=True)
    raise typer.Exit(1)


def main() -> None:
    app()
