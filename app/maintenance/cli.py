"""`recourse backup`, `recourse restore` and `recourse rotate-key`."""

from __future__ import annotations

import base64
import binascii
from pathlib import Path
from typing import Annotated

import typer

DataDir = Annotated[Path | None, typer.Option("--data-dir", help="Where the database and keys live "
                                              "(default: RECOURSE_DATA_DIR or ./data).")]


def _fail(message: str, code: int = 2):
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def register(app: typer.Typer) -> None:
    @app.command("backup")
    def backup_command(
        out: Annotated[Path, typer.Option("--out", help="The archive to write (.tar.gz).")],
        data_dir: DataDir = None,
        include_key: Annotated[bool, typer.Option("--include-key", help="Put the encryption key in the "
                                                  "archive too (then keep the archive as safe as the key).")] = False,
    ) -> None:
        """Write one file with the database and every uploaded document (safe while the app runs)."""
        from app.bootstrap import settings_for
        from app.maintenance.backup import BackupError, backup

        try:
            manifest = backup(settings_for(data_dir), out, include_key=include_key)
        except BackupError as exc:
            _fail(str(exc))
        files = len(manifest["files"])
        typer.echo(f"Backup written to {out} ({manifest['database']} database, {files} files"
                   f"{', encryption key included' if include_key else ''}).")
        if not include_key:
            typer.echo("The encryption key is not in it: keep a copy of the key somewhere safe, apart from the backup.")

    @app.command("restore")
    def restore_command(
        archive: Annotated[Path, typer.Argument(help="A file made by `recourse backup`.")],
        data_dir: DataDir = None,
        force: Annotated[bool, typer.Option("--force", help="Replace the database already there.")] = False,
    ) -> None:
        """Restore a backup into an empty data directory (and database), then check it."""
        from app.bootstrap import settings_for
        from app.maintenance.backup import BackupError, restore

        if not archive.is_file():
            _fail(f"{archive} does not exist")
        try:
            report = restore(settings_for(data_dir), archive, force=force)
        except BackupError as exc:
            _fail(str(exc))
        typer.echo(f"Restored. Audit log: {report.audit_message}. Documents: {report.documents} "
                   f"({len(report.documents_unreadable)} unreadable).")
        if not report.audit_ok or report.documents_unreadable:
            raise typer.Exit(1)

    @app.command("rotate-key")
    def rotate_key_command(
        data_dir: DataDir = None,
        new_key: Annotated[str | None, typer.Option("--new-key", help="Base64 of 32 bytes (needed when the key "
                                                    "comes from RECOURSE_ENCRYPTION_KEY).")] = None,
    ) -> None:
        """Re-encrypt every encrypted field and file under a new key (stop Recourse first)."""
        from app.bootstrap import settings_for
        from app.maintenance.keys import RotationError, rotate

        given = None
        if new_key:
            try:
                given = base64.urlsafe_b64decode(new_key.encode())
            except (binascii.Error, ValueError):
                _fail("--new-key must be base64 of 32 bytes")
        try:
            report = rotate(settings_for(data_dir), new_key=given)
        except RotationError as exc:
            _fail(str(exc))
        typer.echo(f"Re-encrypted {report.fields} fields and {report.files} files "
                   f"({report.already} were already under the new key).")
        if report.new_key_b64:
            typer.echo("Now set RECOURSE_ENCRYPTION_KEY to the new key on every worker and restart them.")
        else:
            typer.echo(f"The new key is in use. The old one is kept in {report.retired_key}: delete it once you "
                       "have made a new backup and checked the app.")
