"""`recourse procedures` and `recourse deadline`. The other CLI code calls register(app)."""

from __future__ import annotations

import json
import textwrap
from datetime import date
from typing import Annotated

import typer

from app.rules.calendars import UnknownRegion, normalise_region
from app.rules.engine import CHANNELS, Deadline, TimelineEvent, compute_deadlines
from app.rules.procedures import JURISDICTIONS, PROCEDURES, UnknownProcedure, get_procedure


def _fail(message: str) -> typer.Exit:
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(2)


def _parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise _fail(f"{option}: {value!r} is not a real date; use YYYY-MM-DD") from None


def procedures(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    jurisdiction: Annotated[
        str | None, typer.Option(help=f"Only one jurisdiction: {', '.join(JURISDICTIONS)}.")
    ] = None,
) -> None:
    """List every legal procedure the deadline engine knows."""
    if jurisdiction is not None and jurisdiction.upper() not in JURISDICTIONS:
        raise _fail(
            f"unknown jurisdiction {jurisdiction!r}; valid choices: {', '.join(JURISDICTIONS)}"
        )
    rows = [
        p for p in PROCEDURES.values()
        if jurisdiction is None or p.jurisdiction == jurisdiction.upper()
    ]  # fmt: skip
    if as_json:
        typer.echo(json.dumps([p.summary_dict() for p in rows], ensure_ascii=False, indent=2))
        return
    width = max(len(p.id) for p in rows) if rows else 0
    for p in rows:
        flag = "" if p.verified else "  [not fully verified]"
        typer.echo(f"{p.id:<{width}}  {p.jurisdiction:<5}  {p.period.text:<18}  {p.title}{flag}")
        typer.echo(f"{'':<{width}}  {'':<5}  {'':<18}  {p.citation.text}")


def deadline(
    procedure: Annotated[str, typer.Argument(help="Procedure id (see `recourse procedures`).")],
    received: Annotated[
        str | None, typer.Option(help="Day the recipient got it (YYYY-MM-DD).")
    ] = None,
    sent: Annotated[
        str | None,
        typer.Option(help="Day it was sent, if the arrival day is unknown (YYYY-MM-DD)."),
    ] = None,
    channel: Annotated[str, typer.Option(help=f"How it was sent: {', '.join(CHANNELS)}.")] = "post",
    region: Annotated[
        str | None, typer.Option(help="EU member state, UK nation (ENG, WLS, SCT, NIR), ...")
    ] = None,
    extended: Annotated[
        bool, typer.Option("--extended", help="The recipient extended (or you added information).")
    ] = False,
    after_annual_report: Annotated[
        bool,
        typer.Option("--after-annual-report", help="The dispute follows a free annual report."),
    ] = False,
    today: Annotated[str | None, typer.Option(help="Count as if today were (YYYY-MM-DD).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Print the due date of a legal deadline, with a plain explanation."""
    try:
        proc = get_procedure(procedure)
        region_code = normalise_region(proc.jurisdiction, region)
    except (UnknownProcedure, UnknownRegion) as error:
        raise _fail(str(error)) from None
    received_on, sent_on = _parse_date(received, "--received"), _parse_date(sent, "--sent")
    # The CLI is the program's edge, so it may read the calendar; the engine never does.
    today_on = _parse_date(today, "--today") or date.today()
    if channel not in CHANNELS:
        raise _fail(f"unknown channel {channel!r}; valid choices: {', '.join(CHANNELS)}")
    if received_on is None and sent_on is None:
        raise _fail("give --received YYYY-MM-DD (or --sent YYYY-MM-DD if only that is known)")
    events = _events(proc, received_on, sent_on, channel, extended, after_annual_report)
    deadlines = compute_deadlines(proc.id, events, region=region, today=today_on)
    if as_json:
        typer.echo(json.dumps(_as_json(proc, region_code, today_on, deadlines), ensure_ascii=False))
    else:
        _print_text(proc, deadlines)


def _events(proc, received_on, sent_on, channel, extended, after_annual_report):
    events = []
    if received_on is not None:
        events.append(TimelineEvent("received", received_on))
    if sent_on is not None:
        events.append(TimelineEvent("sent", sent_on, channel=channel))
    start = received_on or sent_on
    if extended:
        if not proc.extensions:
            raise _fail(f"{proc.id} has no extension; leave out --extended")
        events.append(TimelineEvent(proc.extensions[0].triggers[0], start))
    if after_annual_report:
        if not any(v.trigger == "after_annual_report" for v in proc.variants):
            with_variant = [p.id for p in PROCEDURES.values()
                            if any(v.trigger == "after_annual_report" for v in p.variants)]  # fmt: skip
            raise _fail(f"--after-annual-report applies only to: {', '.join(with_variant)}")
        events.append(TimelineEvent("after_annual_report", start))
    return events


def _main(deadlines: list[Deadline]) -> tuple[Deadline, Deadline | None]:
    response = deadlines[0]
    extension = next((d for d in deadlines if d.key == "extended-response"), None)
    return response, extension


def _as_json(proc, region_code, today_on, deadlines: list[Deadline]) -> dict:
    response, extension = _main(deadlines)
    in_force = extension if extension is not None and extension.applies else response
    return {
        "procedure": proc.id,
        "title": proc.title,
        "jurisdiction": proc.jurisdiction,
        "region": region_code,
        "received": response.start.isoformat() if response.start else None,
        "today": today_on.isoformat(),
        "due": response.due.isoformat() if response.due else None,
        "extended_due": extension.due.isoformat() if extension and extension.due else None,
        "in_force": "extended_due" if in_force is extension else "due",
        "state": in_force.state,
        "estimated": in_force.estimated,
        "verified": proc.verified and in_force.verified,
        "citation": in_force.citation,
        "citation_url": in_force.citation_url,
        "explanation": in_force.explanation,
        "deadlines": [d.to_dict() for d in deadlines],
    }


def _print_text(proc, deadlines: list[Deadline]) -> None:
    typer.echo(f"{proc.id}: {proc.title}")
    for d in deadlines:
        when = d.due.isoformat() if d.due else "no fixed date"
        tags = (
            [d.state]
            + (["estimate"] if d.estimated else [])
            + ([] if d.applies else ["if it applies"])
        )
        typer.echo(f"\n{d.key}: {when} ({', '.join(tags)})")
        typer.echo(textwrap.fill(d.explanation, width=88))


def register(app: typer.Typer) -> None:
    """Add `procedures` and `deadline` to the given Typer app."""
    app.command("procedures")(procedures)
    app.command("deadline")(deadline)
