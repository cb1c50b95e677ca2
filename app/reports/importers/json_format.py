"""The Recourse JSON report format (documented in docs/report-formats/README.md)."""

from __future__ import annotations

import json

from app.reports.importers import (
    Entry,
    ImportError_,
    ImportResult,
    Understood,
    Unread,
    build_item,
    decode,
    parse_date,
)
from app.reports.model import SECTION_LIST_NAMES, Report

_TOP = {"format", "version", "bureau", "pulled", "obtained", *SECTION_LIST_NAMES.values()}


def read_json(data: bytes) -> ImportResult:
    try:
        doc = json.loads(decode(data))
    except json.JSONDecodeError as error:
        raise ImportError_(
            f"This is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    if not isinstance(doc, dict):
        raise ImportError_("The JSON must be one object with the report's fields, not a list")
    understood: list[Understood] = []
    unread = [Unread(None, f"{k}: {json.dumps(doc[k])[:120]}", "not a field we know")
              for k in doc if k not in _TOP]  # fmt: skip
    pulled = None
    if doc.get("pulled"):
        try:
            pulled = parse_date(str(doc["pulled"]))
        except ValueError as error:
            unread.append(Unread(None, f"pulled: {doc['pulled']}", str(error)))
    groups: dict[str, list] = {}
    for section, name in SECTION_LIST_NAMES.items():
        rows = doc.get(name) or []
        if not isinstance(rows, list):
            raise ImportError_(f'"{name}" must be a list of objects')
        groups[name] = []
        for i, row in enumerate(rows):
            where = f"{name}[{i}]"
            if not isinstance(row, dict):
                unread.append(Unread(None, f"{where}: {json.dumps(row)[:120]}", "not an object"))
                continue
            entries = [Entry(k, v, None, f"{where}.{k}: {json.dumps(v, default=str)}")
                       for k, v in row.items() if k not in ("key", "section")]  # fmt: skip
            item, ok, bad = build_item(section, entries, where)
            understood += ok
            unread += bad
            if item is not None:
                groups[name].append(item)
    report = Report(bureau=_text(doc.get("bureau")), pulled=pulled,
                    obtained=_text(doc.get("obtained")),
                    **{k: tuple(v) for k, v in groups.items()})  # fmt: skip
    return ImportResult(report, tuple(understood), tuple(unread))


def _text(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None


def write_json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
