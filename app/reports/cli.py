"""`recourse report analyze FILE`: read a report and print what we noticed. No database needed."""

from __future__ import annotations

import json
import textwrap
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from app.reports.analysis import Finding, analyze
from app.reports.importers import FORMATS, ImportError_, ImportResult, guess_format, import_report

report_app = typer.Typer(help="Read a credit report and point out what may be wrong.",
                         no_args_is_help=True)  # fmt: skip


def _fail(message: str) -> typer.Exit:
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(2)


def _load(path: Path, fmt: str | None) -> ImportResult:
    if not path.is_file():
        raise _fail(f"{path}: no such file")
    try:
        chosen = fmt.lower() if fmt else guess_format(path.name)
        if chosen not in FORMATS:
            raise ImportError_(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
        return import_report(path.read_bytes(), chosen)
    except ImportError_ as error:
        raise _fail(f"{path.name}: {error}") from None


def analyze_command(
    file: Annotated[Path, typer.Argument(help="The report: .json, .csv, .txt or .pdf.")],
    fmt: Annotated[
        str | None,
        typer.Option("--format", help=f"{' | '.join(FORMATS)} (default: from the file name)."),
    ] = None,
    today: Annotated[str | None, typer.Option(help="Count as if today were (YYYY-MM-DD).")] = None,
    other: Annotated[
        list[Path] | None,
        typer.Option("--other", help="Another bureau's report, to compare (repeatable)."),
    ] = None,
    not_mine: Annotated[
        list[str] | None,
        typer.Option("--not-mine", help="Key of an item that is not yours (repeatable)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Read a credit report file and list what may be wrong in it."""
    try:
        today_on = date.fromisoformat(today) if today else date.today()  # the CLI is the edge
    except ValueError:
        raise _fail(f"--today: {today!r} is not a real date; use YYYY-MM-DD") from None
    result = _load(file, fmt)
    others = [_load(p, None).report for p in other or []]
    marks = set(not_mine or [])
    findings = analyze(result.report, today=today_on, others=others, not_mine=marks,
                       unrecognised=marks)  # fmt: skip
    if as_json:
        typer.echo(json.dumps(_as_json(result, findings, today_on), ensure_ascii=False, indent=2))
    else:
        _print_text(result, findings)


def _summary(result: ImportResult, today_on: date) -> dict:
    r = result.report
    return {"bureau": r.bureau, "pulled": r.pulled.isoformat() if r.pulled else None,
            "obtained": r.obtained, "today": today_on.isoformat(),
            "personal": len(r.personal), "accounts": len(r.accounts),
            "inquiries": len(r.inquiries), "public_records": len(r.public_records),
            "understood": len(result.understood)}  # fmt: skip


def _as_json(result: ImportResult, findings: list[Finding], today_on: date) -> dict:
    return {
        "report": _summary(result, today_on),
        "findings": [f.to_dict() for f in findings],
        "unread": [{"line": u.line, "text": u.text, "reason": u.reason} for u in result.unread],
    }


def _print_text(result: ImportResult, findings: list[Finding]) -> None:
    r = result.report
    typer.echo(f"Report from {r.bureau or 'an unknown bureau'}"
               f"{f', pulled {r.pulled}' if r.pulled else ''}: {len(r.accounts)} accounts, "
               f"{len(r.inquiries)} inquiries, {len(r.public_records)} public records, "
               f"{len(r.personal)} personal details.")  # fmt: skip
    if not findings:
        typer.echo("\nWe did not notice anything to dispute.")
    for f in findings:
        tag = " (estimate: check with an advocate)" if f.estimate else ""
        typer.echo(f"\n[{f.severity}] {f.category}: {f.item_label}{tag}")
        for label, text in (("What we noticed", f.what), ("Why it matters", f.why),
                            ("The law", f.legal_basis),
                            ("What to ask", f"{f.suggested_action}: {f.suggested_reason}")):  # fmt: skip
            typer.echo(textwrap.fill(f"{label}: {text}", width=88, subsequent_indent="  "))
    typer.echo("\nItems (give a key to --not-mine if the item is not yours):")
    for item in r.items():
        typer.echo(f"  {item.key}  {item.label}")
    if result.unread:
        typer.echo(f"\nLines we could not read ({len(result.unread)}):")
        for u in result.unread:
            where = f"line {u.line}: " if u.line else ""
            typer.echo(f"  {where}{u.text[:80]}  ({u.reason})")


report_app.command("analyze")(analyze_command)


def register(app: typer.Typer) -> None:
    """Add the `report` command group (with `report analyze`) to the given Typer app."""
    app.add_typer(report_app, name="report")
