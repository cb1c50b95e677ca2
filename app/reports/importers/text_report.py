"""The items a text reader gathered -> one ImportResult: each block of entries built into an item
(dates and money read in the report's country), and the report's own details read."""

from __future__ import annotations

from app.messages import M
from app.reports.importers import (
    Entry,
    ImportResult,
    Question,
    Understood,
    Unread,
    build,
    shown,
    why,
)
from app.reports.model import SECTION_LIST_NAMES, Report
from app.reports.values import Ambiguous, country_code, read_date


def assemble(blocks: list[tuple[str, list[Entry]]], *, meta: dict[str, Entry], unread: list[Unread],
             country: str | None, chosen: str | None, bureau: str | None) -> ImportResult:  # fmt: skip
    """`country` is the one values are read in; `chosen` the one the person picked (kept on the
    report); `bureau` overrides the report's own "Bureau:" line (one report per bureau)."""
    groups: dict[str, list] = {name: [] for name in SECTION_LIST_NAMES.values()}
    understood: list[Understood] = []
    unread, questions = list(unread), []
    for section, entries in blocks:
        built = build(section, entries, country=country)
        understood += built.understood
        unread += built.unread
        questions += built.questions
        if built.item is not None:
            groups[SECTION_LIST_NAMES[section]].append(built.item)
    found, ok, bad, asked = _read_meta(meta, country, bureau)
    report = Report(found.get("bureau"), found.get("pulled"), found.get("obtained"),  # type: ignore[arg-type]
                    country=chosen or found.get("country"),  # type: ignore[arg-type]
                    **{k: tuple(v) for k, v in groups.items()})  # fmt: skip
    understood = sorted([*understood, *ok], key=lambda u: u.line or 0)
    unread = sorted([*unread, *bad], key=lambda u: u.line or 0)
    return ImportResult(report, tuple(understood), tuple(unread),
                        tuple(sorted([*questions, *asked], key=lambda q: q.line or 0)))  # fmt: skip


def _read_meta(meta: dict[str, Entry], country: str | None, bureau: str | None):
    found: dict[str, object] = {}
    understood, unread, questions = [], [], []
    for name, entry in meta.items():
        try:
            value = read_date(str(entry.raw), country) if name == "pulled" else str(entry.raw).strip()
        except ValueError as error:
            unread.append(Unread(entry.line, entry.text, why(error)))
            continue
        if isinstance(value, Ambiguous):
            choices = tuple(shown(c) for c in value.choices)
            questions.append(Question(entry.line, entry.text, f"report.{name}", value.raw, choices))
            continue
        if name == "country":
            value = country_code(str(value))
            if value is None:
                unread.append(Unread(entry.line, entry.text, M("not a country we know")))
                continue
        found[name] = value or None
        understood.append(Understood(entry.line, entry.text, f"report.{name}", str(value)))
    if bureau is not None:
        found["bureau"] = bureau
    return found, understood, unread, questions
