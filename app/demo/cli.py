"""`recourse demo`: a fresh data directory filled with a realistic demo (see app/demo/seed.py)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated

import typer

DataDir = Annotated[Path | None, typer.Option("--data-dir", help="Where the database and keys live "
                                              "(default: RECOURSE_DATABASE_URL / RECOURSE_DATA_DIR or ./data).")]


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


# What Recourse itself keeps in a data directory (app/crypto.py, app/audit/, app/documents/storage.py,
# app/maintenance/keys.py, the caches' shared epochs in app/shared_epoch.py): --force deletes these
# and nothing else, so a mistyped --data-dir (a home or project folder) is refused instead of emptied.
_OURS = ("recourse.db", "encryption.key", "audit.key", "audit-head.", ".audit-head.", "documents",
         "session-cache.", "page-cache.")


def _foreign(data_dir: Path) -> list[str]:
    return sorted(p.name for p in data_dir.iterdir() if not p.name.startswith(_OURS))


def _empty(data_dir: Path) -> None:
    """Delete what the data directory holds (--force): the database, the keys, the documents."""
    for path in data_dir.iterdir():
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


def _has_accounts(url: str) -> bool:
    """Whether the database already holds a Recourse installation with accounts."""
    from sqlalchemy import inspect, text
    from sqlalchemy.exc import OperationalError

    from app.db import make_engine

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("users"):
                return False
            return conn.execute(text("SELECT 1 FROM users LIMIT 1")).first() is not None
    except OperationalError as exc:
        _fail(f"cannot open the database: {str(exc.orig).strip().splitlines()[0] if exc.orig else exc}")
    finally:
        engine.dispose()


def register(app: typer.Typer) -> None:
    @app.command("demo")
    def demo_command(
        data_dir: DataDir = None,
        force: Annotated[bool, typer.Option("--force", help="Delete everything in the data directory first.")] = False,
    ) -> None:
        """Fill a new data directory with a demo: an individual mid-dispute and a clinic with its team,
        clients, reports, letters and proceedings in every state. Prints how to sign in as each."""
        from app.bootstrap import open_engine, settings_for
        from app.demo.seed import seed
        from app.migrate import upgrade

        settings = settings_for(data_dir)
        folder = settings.data_dir
        if folder.exists() and not folder.is_dir():
            _fail(f"{folder} is a file, not a directory")
        if settings.database_url and _has_accounts(settings.database_url):
            _fail("the database already has accounts: point RECOURSE_DATABASE_URL at an empty database")
        if folder.is_dir() and any(folder.iterdir()):
            if not force:
                _fail(f"{folder} is not empty: choose a new --data-dir, or pass --force to delete what it holds")
            if stray := _foreign(folder):
                _fail(f"{folder} holds files Recourse did not make ({', '.join(stray[:3])}): choose another --data-dir")
            _empty(folder)
        engine = open_engine(settings)
        upgrade(engine)
        demo = seed(settings, engine=engine)
        rows = [("Email", "Role", "Workspace", "What they see")]
        rows += [(p.email, p.role, p.workspace, p.sees) for p in demo.personas]
        widths = [max(len(r[i]) for r in rows) for i in range(3)]
        typer.echo(f"Demo ready in {folder.resolve()}.\n")
        for row in rows:
            typer.echo("  ".join(cell.ljust(widths[i]) if i < 3 else cell for i, cell in enumerate(row)))
        typer.echo(f"\nPassword for every account: {demo.password}")
        typer.echo("It is not stored anywhere: copy it now (or run the demo again with --force).")
        where = f" --data-dir {data_dir}" if data_dir is not None else ""
        typer.echo(f"Start Recourse with `recourse serve{where}` and sign in at {settings.base_url}/signin")
