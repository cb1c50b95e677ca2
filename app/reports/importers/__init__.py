"""Getting a report in: JSON, CSV, pasted text, a PDF, a 3-bureau HTML page or a scan.

Every reader returns ImportResults (one per report in the file: a 3-bureau page holds three).
What was understood is listed line by line (so a screen can show it next to the source text),
what could not be read is listed too, and a value that could be read two ways is a question with
its candidate readings: nothing is dropped or guessed without saying so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from app.messages import M, Message
from app.reports.model import Account, Inquiry, PublicRecord, Report
from app.reports.values import Ambiguous, read_date, read_money

# Warnings a result can carry (codes; the web and CLI word them).
SCANNED = "scanned"  # every value came from text recognition (OCR) and must be checked

# Limits on what one file may hold (design choices, not law): a real report has a few dozen items
# and well under a million characters. Past these the file is refused before it is read further
# (see app/reports/limited.py for the time and memory limits).
MAX_ITEMS = 500
MAX_CHARS = 2_000_000


class ImportError_(ValueError):  # noqa: N801 (the trailing _ keeps it apart from the builtin)
    """A file we cannot read at all. The message is one plain line for the person who sent it:
    a Message (app/messages.py), so a page shows it in its reader's language; str() is English.
    The Message is the exception's only argument, so it survives the pipe from a reader's child
    process (app/limits.py pickles the exception)."""

    def __init__(self, message: str | Message):
        super().__init__(message if isinstance(message, Message) else Message(message))

    @property
    def message(self) -> Message:
        return self.args[0]


class NoTextLayer(ImportError_):
    """A PDF with no text in it: probably a scan, to be read with text recognition."""


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
    reason: Message  # why (app/messages.py: each page words it in its reader's language; str() is English)
    page: int | None = None
    to_line: int | None = None  # a run of lines skipped for one reason: its last line (text: the first)

    @property
    def more(self) -> int:
        """How many lines after the first this entry stands for (a run of consecutive lines)."""
        return self.to_line - self.line if self.to_line and self.line else 0


def why(error: Exception) -> Message:
    """The reason a ValueError gives (values.py raises them with a Message), as a Message."""
    given = error.args[0] if error.args else ""
    return given if isinstance(given, Message) else Message(str(given))


@dataclass(frozen=True)
class Question:
    """A value that reads two ways in the report's country: the person chooses (never guessed)."""

    line: int | None
    text: str  # the source line
    field: str  # e.g. "account.opened"
    raw: str  # the value as printed ("03/04/2021")
    choices: tuple[str, ...]  # the readings, written out ("2021-03-04", "2021-04-03")
    item: str | None = None  # the key of the item it belongs to (None: the report itself)


@dataclass(frozen=True)
class ImportResult:
    report: Report
    understood: tuple[Understood, ...] = ()
    unread: tuple[Unread, ...] = ()
    questions: tuple[Question, ...] = ()
    warnings: tuple[str, ...] = ()  # codes such as SCANNED

    @property
    def unreadable(self) -> str | None:
        """"nothing" when no account, inquiry or public record was read; "fragments" when what was
        read is only names with no detail (page noise taken for items); None for a report we read."""
        r = self.report
        items = (*r.accounts, *r.inquiries, *r.public_records)
        if not items:
            return "nothing"
        if not any(_has_detail(i) for i in items):
            return "fragments"
        return None


def _has_detail(item: Account | Inquiry | PublicRecord) -> bool:
    name = {"account": "furnisher", "inquiry": "who", "public-record": "kind"}[item.section]
    skip = {name, "kind"} if item.section == "inquiry" else {name}
    return any(v not in (None, (), False, "") for k, v in item.to_dict().items() if k not in skip)


def parse_date(raw: str) -> date | None:
    """Read a date as a US report prints it: MM/DD/YYYY, MM/YYYY, YYYY-MM-DD, YYYY-MM, "Mar 2021",
    "March 2021", "Mar 5, 2021" (see app/reports/values.py for other countries).

    A date with only a month and year is read as the first day of that month. Returns None for a
    blank value ("N/A", "-"); raises ValueError for something that is not a date.
    """
    return _one_reading(read_date(raw, "US"))


def parse_money(raw: str) -> Decimal | None:
    """Read "$1,234", "1,234.00", "$0", "-$50" or "($50)" as a US report prints them. None for a
    blank value; ValueError for what is not money or reads two ways ("1.234")."""
    return _one_reading(read_money(raw, "US"))


def _one_reading(value):
    if isinstance(value, Ambiguous):
        raise ValueError(M("%(value)s could be read two ways", value=repr(value.raw)))
    return value


def read_value(kind: str, raw: object, *, country: str | None = "US"):
    """Read one raw value for a field of the given kind (see model.field_kind). Lenient.

    Dates and money are read in the given country (None: unknown); a value that reads two ways
    there comes back as values.Ambiguous. The default is the US reading typed forms always had."""
    if kind == "list":
        if isinstance(raw, list | tuple):
            return tuple(str(v).strip() for v in raw if str(v).strip())
        return tuple(v.strip() for v in re.split(r"[|;]", str(raw or "")) if v.strip())
    if raw is None:
        return False if kind == "bool" else None
    if kind == "date":
        return read_date(str(raw), country)
    if kind == "money":
        return read_money(str(raw), country)
    if kind == "bool":
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in ("", "0", "false", "no", "n"):
            return False
        if text in ("1", "true", "yes", "y"):
            return True
        raise ValueError(M("%(value)s is not yes or no", value=repr(raw)))
    text = str(raw).strip()
    return text or None


def shown(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return " | ".join(value)
    return str(value)


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


# The sections as words inside a reason ("account entry without furnisher: skipped").
SECTION_WORDS = {"personal": M("personal"), "account": M("account"), "inquiry": M("inquiry"),
                 "public-record": M("public-record")}  # fmt: skip

REQUIRED = {"personal": ("kind", "value"), "account": ("furnisher",), "inquiry": ("who",),
             "public-record": ("kind",)}  # fmt: skip


@dataclass
class Built:
    """One item made from raw entries, with what was understood, unread and asked about it."""

    item: object | None
    understood: list[Understood]
    unread: list[Unread]
    questions: list[Question]


def build(section: str, entries: list[Entry], where: str = "", *, country: str | None) -> Built:
    """Turn raw entries into one item, reading dates and money in the given country (None:
    unknown). A value that reads two ways is left empty and asked about."""
    from app.reports.model import ITEM_CLASSES, field_kind

    cls = ITEM_CLASSES[section]
    names = set(cls.__dataclass_fields__)
    values: dict[str, object] = {}
    out = Built(None, [], [], [])
    for e in entries:
        if e.name not in names:
            out.unread.append(Unread(e.line, e.text, M("%(section)s has no field called %(name)s",
                                                       section=SECTION_WORDS.get(section, section),
                                                       name=repr(e.name))))
            continue
        kind = field_kind(cls, e.name)
        try:
            value = read_value(kind, e.raw, country=country)
        except ValueError as error:
            out.unread.append(Unread(e.line, e.text, why(error)))
            continue
        if isinstance(value, Ambiguous):
            choices = tuple(shown(c) for c in value.choices)
            out.questions.append(Question(e.line, e.text, f"{section}.{e.name}", value.raw, choices))
            continue
        if value is None or value == ():
            continue
        if kind == "list" and e.name in values:
            value = values[e.name] + value  # type: ignore[operator]
        values[e.name] = value
        out.understood.append(Understood(e.line, e.text, f"{section}.{e.name}", shown(value)))
    missing = [n for n in REQUIRED[section] if not values.get(n)]
    if missing:
        text = " / ".join(e.text for e in entries)[:200] or where
        line = entries[0].line if entries else None
        reason = M("%(section)s entry without %(missing)s: skipped", section=SECTION_WORDS.get(section, section),
                   missing=", ".join(missing))
        return Built(None, [], [*out.unread, Unread(line, text, reason)], [])
    out.item = item = cls(**values)
    out.understood = [replace(u, item=item.key) for u in out.understood]
    out.questions = [replace(q, item=item.key) for q in out.questions]
    return out


def build_item(section: str, entries: list[Entry], where: str = "", *, country: str | None = "US"):
    """build() for readers that take no questions: (item or None, understood, unread); a value
    that reads two ways is listed as unread."""
    built = build(section, entries, where, country=country)
    unread = built.unread + [Unread(q.line, q.text, M("%(value)s could be read two ways", value=repr(q.raw)))
                             for q in built.questions]  # fmt: skip
    return built.item, built.understood, unread


# The readers and the registry that picks one (imported last: they use the shapes above).
from app.reports.importers.registry import (  # noqa: E402
    FORMATS,
    guess_format,
    import_report,
    import_reports,
)

__all__ = ["FORMATS", "SCANNED", "Built", "Entry", "ImportError_", "ImportResult", "NoTextLayer",
           "Question", "REQUIRED", "Understood", "Unread", "build", "build_item", "decode",
           "guess_format", "import_report", "import_reports", "parse_date", "parse_money",
           "read_value", "shown", "why"]  # fmt: skip
