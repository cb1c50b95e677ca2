"""`recourse report analyze FILE`: read a report and print what we noticed. No database needed."""

from __future__ import annotations

import json
import textwrap
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from app.reports import limited
from app.reports.analysis import Finding
from app.reports.importers import (
    FORMATS,
    SCANNED,
    ImportError_,
    ImportResult,
    guess_format,
)
from app.reports.model import SECTION_LIST_NAMES
from app.reports.values import country_code

report_app = typer.Typer(help="Read a credit report and point out what may be wrong.",
                         no_args_is_help=True)  # fmt: skip


# Exit status 3: the file opened but we could not read a report in it (see UNREADABLE).
NOT_READ = 3
UNREADABLE = {
    "nothing": "we found no accounts, inquiries or public records in it.",
    "fragments": "what we found were only names with no details (page headers or other text "
                 "taken for accounts), not real accounts.",
}  # fmt: skip
TRY_NEXT = ("Try the report in another format (the PDF from annualcreditreport.com, the text "
            "copied from the bureau's web page, or a monitoring service's saved 3-bureau page), "
            "or type it in one item at a time on the Credit reports page.")  # fmt: skip
SCAN_WARNING = ("Every value was read from a scan by text recognition and may be misread: "
                "check each one against the paper report.")  # fmt: skip


def _fail(message: str) -> typer.Exit:
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(2)


def _load(path: Path, fmt: str | None, country: str | None) -> tuple[ImportResult, ...]:
    if not path.is_file():
        raise _fail(f"{path}: no such file")
    try:
        chosen = fmt.lower() if fmt else guess_format(path.name)
        if chosen not in FORMATS:
            raise ImportError_(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
        data = path.read_bytes()
    except ImportError_ as error:
        raise _fail(f"{path.name}: {error}") from None
    except OSError as error:
        raise _fail(f"{path.name}: cannot be read ({error.strerror or error})") from None
    if not data.strip():
        raise _fail(f"{path.name}: the file is empty: there is nothing to read")
    try:  # in a child process with time and memory limits, like the web import
        return limited.read_reports(data, chosen, country=country)
    except ImportError_ as error:
        raise _fail(f"{path.name}: {error}") from None


def analyze_command(
    file: Annotated[Path, typer.Argument(
        help="The report: .json, .csv, .txt, .pdf, .html (3-bureau page), .png or .jpg (a scan).")],
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
    country: Annotated[str | None, typer.Option(
        help="Country the report comes from (US, GB, DE, CN...): how to read its dates and "
             "money. Default: from the report (the US for Equifax, Experian, TransUnion).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Read a credit report file and list what may be wrong in it.

    Exit status: 0 read, 2 the file cannot be opened, 3 we could not read a report in it."""
    try:
        today_on = date.fromisoformat(today) if today else date.today()  # the CLI is the edge
    except ValueError:
        raise _fail(f"--today: {today!r} is not a real date; use YYYY-MM-DD") from None
    if country is not None and country_code(country) is None:
        raise _fail(f"--country: {country!r} is not a country code such as US, GB or DE")
    results = _load(file, fmt, country_code(country))
    others = [r.report for p in other or [] for r in _load(p, None, country_code(country))]
    marks = set(not_mine or [])
    outputs = []
    for result in results:
        # a 3-bureau page: each bureau's report is compared with the others in it
        peers = [r.report for r in results if r is not result] + others
        try:
            findings = [] if result.unreadable else limited.analyze_report(
                result.report, today=today_on, others=peers, not_mine=marks, unrecognised=marks)
        except limited.AnalysisStopped as error:
            raise _fail(f"{file.name}: the analysis was {error}") from None
        outputs.append((result, findings))
    if as_json:
        data = [_as_json(r, f, today_on) for r, f in outputs]
        typer.echo(json.dumps(data[0] if len(data) == 1 else {"reports": data},
                              ensure_ascii=False, indent=2))  # fmt: skip
    else:
        for n, (result, findings) in enumerate(outputs):
            if n:
                typer.echo("\n" + "=" * 88 + "\n")
            _print_text(result, findings)
    if all(r.unreadable for r in results):
        raise typer.Exit(NOT_READ)


def _summary(result: ImportResult, today_on: date) -> dict:
    r = result.report
    return {"bureau": r.bureau, "pulled": r.pulled.isoformat() if r.pulled else None,
            "obtained": r.obtained, "today": today_on.isoformat(),
            "personal": len(r.personal), "accounts": len(r.accounts),
            "inquiries": len(r.inquiries), "public_records": len(r.public_records),
            "understood": len(result.understood)}  # fmt: skip


def _as_json(result: ImportResult, findings: list[Finding], today_on: date) -> dict:
    listed = result.report.to_dict()
    out = {
        "read": result.unreadable is None,
        "report": _summary(result, today_on),
        "findings": [f.to_dict() for f in findings],
        "items": {name: listed[name] for name in SECTION_LIST_NAMES.values()},
        "questions": [{"line": q.line, "text": q.text, "field": q.field, "value": q.raw,
                       "choices": list(q.choices), "item": q.item} for q in result.questions],
        "warnings": list(result.warnings),
        "unread": [{"line": u.line, "text": u.text, "reason": str(u.reason), "to_line": u.to_line}
                   for u in result.unread],
    }  # fmt: skip
    if result.unreadable:
        out["message"] = f"We could not read this report: {UNREADABLE[result.unreadable]}"
        out["try_next"] = TRY_NEXT
    return out


def _print_text(result: ImportResult, findings: list[Finding]) -> None:
    r = result.report
    typer.echo(f"Report from {r.bureau or 'an unknown bureau'}"
               f"{f', pulled {r.pulled}' if r.pulled else ''}: {len(r.accounts)} accounts, "
               f"{len(r.inquiries)} inquiries, {len(r.public_records)} public records, "
               f"{len(r.personal)} personal details.")  # fmt: skip
    if SCANNED in result.warnings:
        typer.echo(textwrap.fill(f"Warning: {SCAN_WARNING}", width=88))
    if result.unreadable:
        typer.echo("")
        typer.echo(textwrap.fill(f"We could not read this report: "
                                 f"{UNREADABLE[result.unreadable]}", width=88))  # fmt: skip
        typer.echo(textwrap.fill(TRY_NEXT, width=88))
        _print_unread(result)
        return
    for q in result.questions:
        where = f"line {q.line}: " if q.line else ""
        typer.echo(f"Question: {where}{q.field} {q.raw!r} could be "
                   f"{' or '.join(q.choices)}; it is left empty (use --country to settle it).")
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
    _print_unread(result)


def _print_unread(result: ImportResult) -> None:
    if result.unread:
        typer.echo(f"\nLines we could not read ({len(result.unread)}):")
        for u in result.unread:
            where = f"line {u.line}: " if u.line else ""
            more = f" … (+{u.more} more lines, to line {u.to_line})" if u.more else ""
            typer.echo(f"  {where}{u.text[:80]}{more}  ({u.reason})")


report_app.command("analyze")(analyze_command)


def register(app: typer.Typer) -> None:
    """Add the `report` command group (with `report analyze`) to the given Typer app."""
    app.add_typer(report_app, name="report")
