"""The Recourse CSV layout: one row per item, a `section` column says what kind of item it is.

A row with section "report" carries the bureau, the day it was pulled and how it was obtained.
Lists (payment history, remarks) are separated with "|". See docs/report-formats/README.md.
"""

from __future__ import annotations

import csv
import io

from app.messages import M
from app.reports.importers import (
    MAX_ITEMS,
    SECTION_WORDS,
    Entry,
    ImportError_,
    ImportResult,
    Question,
    Understood,
    Unread,
    build,
    decode,
    shown,
    why,
)
from app.reports.model import ITEM_CLASSES, SECTION_LIST_NAMES, Report
from app.reports.values import Ambiguous, country_code, country_for, read_date


def _columns() -> list[str]:
    names = ["section", "bureau", "pulled", "obtained", "country"]
    for cls in ITEM_CLASSES.values():
        names += [n for n in cls.__dataclass_fields__ if n not in names]
    return names


COLUMNS = tuple(_columns())
_SECTIONS = ("report", *ITEM_CLASSES)


def read_csv(data: bytes, *, country: str | None = None) -> ImportResult:
    rows = _rows(decode(data))
    header = [h.strip().lower() for h in rows[0]]
    wrong = [h for h in header if h not in COLUMNS]
    if "section" not in header or wrong:
        problem = (M("unknown column(s) %(names)s", names=", ".join(wrong)) if wrong
                   else M("no 'section' column"))  # fmt: skip
        raise ImportError_(M("Wrong CSV headers (%(problem)s); the columns must come from: %(columns)s",
                             problem=problem, columns=", ".join(COLUMNS)))
    meta: dict[str, str] = {}
    pending: list[tuple[str, list[Entry], int]] = []
    understood: list[Understood] = []
    unread: list[Unread] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        text = ",".join(row)
        cells = dict(zip(header, row, strict=False))
        section = cells.pop("section", "").strip().lower()
        if section not in _SECTIONS:
            unread.append(Unread(number, text, M("section must be one of: %(sections)s",
                                                 sections=", ".join(_SECTIONS))))
            continue
        if section == "report":
            for k in ("bureau", "pulled", "obtained", "country"):
                if cells.get(k, "").strip():
                    meta[k] = cells[k].strip()
                    understood.append(Understood(number, text, f"report.{k}", meta[k]))
            continue
        fields = ITEM_CLASSES[section].__dataclass_fields__
        entries = []
        for k, v in cells.items():
            if not v.strip():
                continue
            if k not in fields:
                unread.append(Unread(number, text, M("column %(column)s does not apply to %(section)s",
                                                     column=repr(k), section=SECTION_WORDS.get(section, section))))
                continue
            entries.append(Entry(k, v, number, text))
        pending.append((section, entries, number))
    # Dates and money are read once the report row has said which bureau and country it is.
    stated = country_code(meta.get("country"))
    where = country_for(chosen=country, stated=stated, bureau=meta.get("bureau"))
    groups: dict[str, list] = {name: [] for name in SECTION_LIST_NAMES.values()}
    questions: list[Question] = []
    for section, entries, number in pending:
        built = build(section, entries, f"row {number}", country=where)
        understood += built.understood
        unread += built.unread
        questions += built.questions
        if built.item is not None:
            groups[SECTION_LIST_NAMES[section]].append(built.item)
    pulled = None
    if meta.get("pulled"):
        try:
            pulled = read_date(meta["pulled"], where)
        except ValueError as error:
            unread.append(Unread(None, meta["pulled"], why(error)))
        if isinstance(pulled, Ambiguous):
            choices = tuple(shown(c) for c in pulled.choices)
            questions.append(Question(None, meta["pulled"], "report.pulled", pulled.raw, choices))
            pulled = None
    report = Report(meta.get("bureau"), pulled, meta.get("obtained"),
                    country=country_code(country) or stated,
                    **{k: tuple(v) for k, v in groups.items()})  # fmt: skip
    understood.sort(key=lambda u: u.line or 0)
    return ImportResult(report, tuple(understood), tuple(unread), tuple(questions))


def _rows(text: str) -> list[list[str]]:
    """The CSV's rows; ImportError_ for what is not CSV (binary, a field past the limit) or holds
    more rows than a report has items."""
    if "\x00" in text:
        raise ImportError_(M("This is not a CSV file: it holds binary data"))
    rows, filled = [], 0
    try:
        for row in csv.reader(io.StringIO(text, newline="")):
            rows.append(row)
            filled += any(cell.strip() for cell in row)
            if filled > MAX_ITEMS + 5:  # the header and a report row or a few
                raise ImportError_(M("This file holds more than %(most)s rows; a report can have at most "
                                     "%(most)s items. Split it into smaller files", most=MAX_ITEMS))
    except csv.Error as error:
        raise ImportError_(M("This CSV cannot be read: %(error)s", error=str(error))) from None
    if not rows:
        raise ImportError_(M("The CSV has no header row"))
    return rows


def write_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerow({"section": "report", "bureau": report.bureau or "",
                     "pulled": report.pulled.isoformat() if report.pulled else "",
                     "obtained": report.obtained or "", "country": report.country or ""})  # fmt: skip
    for item in report.items():
        row = {k: ("|".join(v) if isinstance(v, list) else ("" if v is None else v))
               for k, v in item.to_dict().items()}  # fmt: skip
        row = {k: ("yes" if v is True else "" if v is False else v) for k, v in row.items()}
        writer.writerow({"section": item.section, **row})
    return out.getvalue()
