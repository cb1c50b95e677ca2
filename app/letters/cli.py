"""`recourse letters` and `recourse letter`: list the catalog and render one letter to a file."""

import json
from pathlib import Path
from typing import Annotated

import typer

from app.letters.catalog import UnknownKind, all_kinds, example_data, fields_summary, get_kind
from app.letters.render import FORMATS, RenderError, render


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    @app.command("letters")
    def letters_command(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
        """List every letter kind: id, procedure, languages, required fields."""
        rows = [{"id": k.id, "procedure": k.procedure_id, "title": k.title, "languages": list(k.languages),
                 "required_fields": [f["name"] for f in fields_summary(k) if f["required"]],
                 "optional_fields": [f["name"] for f in fields_summary(k) if not f["required"]]}
                for k in all_kinds()]
        if as_json:
            typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
            return
        for row in rows:
            typer.echo(f"{row['id']:<34} {row['procedure']:<34} {','.join(row['languages']):<6} "
                       f"{', '.join(row['required_fields']) or '-'}")

    @app.command("letter")
    def letter_command(
        kind_id: Annotated[str, typer.Argument(metavar="KIND", help="A letter kind id (see `recourse letters`).")],
        out: Annotated[Path, typer.Option("--out", help="Where to write the letter.")],
        fmt: Annotated[str, typer.Option("--format", help="html, pdf or docx.")] = "pdf",
        example: Annotated[bool, typer.Option("--example", help="Use the kind's example data.")] = False,
        data: Annotated[Path | None, typer.Option("--data", help="A JSON file with the letter's data.")] = None,
        lang: Annotated[str | None, typer.Option("--lang", help="Letter language (default: the kind's first).")] = None,
    ) -> None:
        """Render one letter from example data or a JSON file."""
        try:
            kind = get_kind(kind_id)
        except UnknownKind as exc:
            _fail(str(exc))
        if fmt not in FORMATS:
            _fail(f"--format must be one of {', '.join(FORMATS)}")
        if example == (data is not None):
            _fail("give exactly one of --example or --data FILE.json")
        language = lang or kind.languages[0]
        if example:
            payload = example_data(kind, language)
        else:
            try:
                payload = json.loads(data.read_text(encoding="utf-8"))
            except FileNotFoundError:
                _fail(f"no such file: {data}")
            except (ValueError, UnicodeDecodeError) as exc:
                _fail(f"{data} is not valid JSON ({exc})")
        try:
            content = render(kind, payload, lang=language, fmt=fmt)
        except RenderError as exc:
            _fail(str(exc))
        out.write_bytes(content)
        typer.echo(f"wrote {out} ({len(content)} bytes)")
