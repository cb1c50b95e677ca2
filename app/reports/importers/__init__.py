"""Getting a report in: JSON, CSV, pasted text or a PDF. Every importer returns an ImportResult.

What was understood is listed line by line (so a screen can show it next to the source text), and
what could not be read is listed too: nothing is dropped without saying so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from app.reports.model import Report

FORMATS = ("json", "csv", "text", "pdf")
_EXTENSIONS = {".json": "json", ".csv": "csv", ".txt": "text", ".text": "text", ".pdf": "pdf"}


class ImportError_(ValueError):  # noqa: N801 (the trailing _ keeps it apart from the builtin)
    """A file we cannot read at all. The message is one plain line for the person who sent it."""


@dataclass(frozen=True)
class Understood:
    line: int | None  # 1-based line in the source text; None when the source has no lines
    text: str  # the source text as written
    field: str  # e.g. "account.balance"
    value: str  # what we read it as, written out ("2021-03-01", "1234.00")
    item: str | None = None  # the key of the item this value went into (None: the report itself)
    page: int | None = None  # the PDF page of that line (None: the source has no pages)


@dataclass(frozen=True)
class Unread:
    line: int | None
    text: str
    reason: str
    page: int | None = None


@dataclass(frozen=True)
class ImportResult:
    report: Report
    understood: tuple[Understood, ...] = ()
    unread: tuple[Unread, ...] = ()


_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_BLANK = {"", "-", "--", "n/a", "na", "none", "not reported", "unknown"}


def parse_date(raw: str) -> date | None:
    """Read MM/DD/YYYY, MM/YYYY, YYYY-MM-DD, YYYY-MM, "Mar 2021", "March 2021", "Mar 5, 2021".

    A date with only a month and year is read as the first day of that month. Returns None for a
    blank value ("N/A", "-"); raises ValueError for something that is not a date.
    """
    text = raw.strip().rstrip(".").strip()
    if text.lower() in _BLANK:
        return None
    if m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text):
        return date(int(m[3]), int(m[1]), int(m[2]))
    if m := re.fullmatch(r"(\d{1,2})[/-](\d{4})", text):
        return date(int(m[2]), int(m[1]), 1)
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", text):
        return date(int(m[1]), int(m[2]), 1)
    if m := re.fullmatch(r"([A-Za-z]{3,9})\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})", text):
        month = _MONTHS.get(m[1][:3].lower())
        if month and (len(m[1]) == 3 or m[1].lower() in _FULL_MONTHS):
            return date(int(m[3]), month, int(m[2] or 1))
    raise ValueError(f"{raw.strip()!r} is not a date we know how to read")


_FULL_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
                "september", "sept", "october", "november", "december"}  # fmt: skip


def parse_money(raw: str) -> Decimal | None:
    """Read "$1,234", "1,234.00", "$0", "-$50" or "($50)". None for a blank value."""
    text = raw.strip()
    if text.lower() in _BLANK:
        return None
    negative = text.startswith("-") or (text.startswith("(") and text.endswith(")"))
    digits = text.strip("()-+ ").removeprefix("$").removeprefix("USD").strip().replace(",", "")
    if not re.fullmatch(r"\d+(\.\d{1,2})?", digits):
        raise ValueError(f"{raw.strip()!r} is not an amount of money we know how to read")
    try:
        value = Decimal(digits)
    except InvalidOperation:
        raise ValueError(f"{raw.strip()!r} is not an amount of money") from None
    return -value if negative else value


def read_value(kind: str, raw: object):
    """Read one raw value for a field of the given kind (see model.field_kind). Lenient."""
    if kind == "list":
        if isinstance(raw, list | tuple):
            return tuple(str(v).strip() for v in raw if str(v).strip())
        return tuple(v.strip() for v in re.split(r"[|;]", str(raw or "")) if v.strip())
    if raw is None:
        return False if kind == "bool" else None
    if kind == "date":
        return parse_date(str(raw))
    if kind == "money":
        return parse_money(str(raw))
    if kind == "bool":
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in ("", "0", "false", "no", "n"):
            return False
        if text in ("1", "true", "yes", "y"):
            return True
        raise ValueError(f"{raw!r} is not yes or no")
    text = str(raw).strip()
    return text or None


def shown(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return " | ".join(value)
    return str(value)


def guess_format(filename: str) -> str:
    fmt = _EXTENSIONS.get(Path(filename).suffix.lower())
    if fmt is None:
        raise ImportError_(
            f"Cannot tell the format of {Path(filename).name!r} from its name; "
            f"say which it is: {', '.join(FORMATS)}"
        )
    return fmt


def import_report(data: bytes, fmt: str) -> ImportResult:
    """Read a report in the given format (json, csv, text or pdf). Raises ImportError_."""
    from app.reports.importers import csv_format, json_format, pdf, text_format

    readers = {"json": json_format.read_json, "csv": csv_format.read_csv,
               "text": text_format.read_text_bytes, "pdf": pdf.read_pdf}  # fmt: skip
    if fmt not in readers:
        raise ImportError_(f"Unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if not data or not data.strip():
        raise ImportError_("The file is empty: there is nothing to read")
    return readers[fmt](data)


def pdf_layouts() -> tuple:
    """The bureau report layouts every PDF is checked against (see pdf.read_pdf), as data."""
    from app.reports.importers import equifax_pdf, experian_pdf, transunion_pdf

    return (equifax_pdf.LAYOUT, experian_pdf.LAYOUT, transunion_pdf.LAYOUT)


def pick_pdf_layout(doc):
    """The layout whose signs are strongest in the document (its headings and labels, never the
    file name), or None: then the PDF is read like pasted text."""
    scored = [(layout.detect(doc), layout) for layout in pdf_layouts()]
    score, layout = max(scored, key=lambda pair: pair[0])
    return layout if score >= layout.threshold else None


def decode(data: bytes) -> str:
    """Text files: UTF-8 (with or without a byte-order mark), else Latin-1 (never fails)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


@dataclass(frozen=True)
class Entry:
    """One raw field value and where it came from."""

    name: str
    raw: object
    line: int | None
    text: str


REQUIRED = {"personal": ("kind", "value"), "account": ("furnisher",), "inquiry": ("who",),
             "public-record": ("kind",)}  # fmt: skip


def build_item(section: str, entries: list[Entry], where: str = ""):
    """Turn raw entries into one item. Returns (item or None, understood list, unread list)."""
    from app.reports.model import ITEM_CLASSES, field_kind

    cls = ITEM_CLASSES[section]
    names = set(cls.__dataclass_fields__)
    values: dict[str, object] = {}
    understood: list[Understood] = []
    unread: list[Unread] = []
    for e in entries:
        if e.name not in names:
            unread.append(Unread(e.line, e.text, f"{section} has no field called {e.name!r}"))
            continue
        try:
            value = read_value(field_kind(cls, e.name), e.raw)
        except ValueError as error:
            unread.append(Unread(e.line, e.text, str(error)))
            continue
        if value is None or value == ():
            continue
        if field_kind(cls, e.name) == "list" and e.name in values:
            value = values[e.name] + value  # type: ignore[operator]
        values[e.name] = value
        understood.append(Understood(e.line, e.text, f"{section}.{e.name}", shown(value)))
    missing = [n for n in REQUIRED[section] if not values.get(n)]
    if missing:
        text = " / ".join(e.text for e in entries)[:200] or where
        line = entries[0].line if entries else None
        unread.append(Unread(line, text, f"{section} entry without {', '.join(missing)}: skipped"))
        return None, [], unread
    item = cls(**values)
    return item, [replace(u, item=item.key) for u in understood], unread
