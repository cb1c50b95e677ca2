"""The Equifax report's payment grid and its other sections: the summary, personal information,
inquiries and public records (the accounts and collections are in equifax_pdf)."""

from __future__ import annotations

import re

from app.messages import M
from app.reports.importers import parse_date
from app.reports.importers.pdf_layout import Document, Line
from app.reports.importers.pdf_reading import (
    Draft,
    Tally,
    Vocabulary,
    blank,
    by_column,
    columns,
    history,
    nearest,
    norm,
    pairs,
)

_SUMMARY = Vocabulary({
    "pulled": ("Report Date", "Date of Report"),
    "inquiries": ("Inquiries",),
    "collections": ("Collections",),
    "public records": ("Public Records",),
})  # fmt: skip
_PERSONAL = Vocabulary({
    "name": ("Name", "Formerly known as", "Also known as", "Other Name"),
    "ssn": ("Social Security Number", "SSN"),
    "birth-date": ("Age or Date of Birth", "Date of Birth", "Year of Birth"),
})  # fmt: skip
_PERSONAL_PARTS = {"identification": "pairs", "other identification": "pairs",
                   "alert contact information": "pairs", "contact information": "addresses",
                   "employment history": "employers"}  # fmt: skip
_RECORDS = Vocabulary({
    "kind": ("Type", "Filing Type", "Record Type", "Bankruptcy Type"),
    "court": ("Court", "Court Name"),
    "reference": ("Case Number", "Docket Number", "Reference Number", "Case or ID Number"),
    "filed": ("Date Filed", "Filed Date", "Filing Date"),
    "resolved": ("Date Resolved", "Date Discharged", "Discharge Date", "Date Satisfied",
                 "Date Released", "Disposition Date"),
    "status": ("Status", "Disposition", "Current Disposition"),
    "amount": ("Amount", "Liability", "Liability Amount", "Total Liability", "Judgment Amount",
               "Lien Amount"),
    "removal_date": ("Estimated Date of Removal",),
})  # fmt: skip
_RECORD_KINDS = {"bankruptcies": "Bankruptcy", "judgments": "Judgment", "liens": "Lien"}
_COLUMNS = {"Date": "date", "Company": "who", "Request Originator": "originator",
            "Description": "description"}  # fmt: skip
_SOFT = re.compile(r"promot|review|prequal|pre-qual|insurance|consumer report|id report|"
                   r"direct to consumer|soft", re.IGNORECASE)  # fmt: skip


# Grid codes as printed -> the codes Recourse uses (model.Account.payment_history).
CODES = {"OK": "OK", "30": "30", "60": "60", "90": "90", "120": "120", "150": "150", "180": "180",
         "CO": "CO", "C": "C", "V": "V", "F": "F", "B": "B", "R": "R", "TN": "TN"}  # fmt: skip
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


class Grid:
    """The 7-year payment grid: "Year Jan ... Dec", then one row per year, newest first.

    A late month holds its code (30, 60, ... CO); a month paid on time holds a tick drawn as an
    image, which we find among the page's small drawings; an empty cell is a month with no data.
    """

    def __init__(self):
        self.months: dict[int, float] = {}
        self.width = 0.0
        self.codes: dict[tuple[int, int], str] = {}
        self.rows: list[tuple[Line, int]] = []
        self.first_line: Line | None = None

    def read(self, line: Line) -> bool:
        words = [norm(w.text) for w in line.words]
        if len(words) == 13 and words[0] == "year" and words[1:] == list(_MONTHS):
            self.months = {i + 1: (w.x0 + w.x1) / 2 for i, w in enumerate(line.words[1:])}
            self.width = (self.months[12] - self.months[1]) / 11
            self.first_line = self.first_line or line
            return True
        if not self.months or not re.fullmatch(r"(19|20)\d\d", line.words[0].text):
            return False
        year = int(line.words[0].text)
        self.rows.append((line, year))
        for word in line.words[1:]:
            month = nearest((word.x0 + word.x1) / 2, self.months, self.width / 2)
            if month is not None:
                self.codes[(year, month)] = CODES.get(word.text.upper(), word.text.upper())
        return True

    def history(self, doc: Document):
        for line, year in self.rows:  # ticks: small drawings inside a month's cell on the row
            for mark in doc.marks_on(line.page):
                if mark.top >= line.top - 6 and mark.bottom <= line.bottom + 6:
                    month = nearest((mark.x0 + mark.x1) / 2, self.months, self.width / 3)
                    if month is not None:
                        self.codes.setdefault((year, month), "OK")
        return history(self.codes)

    def summary(self) -> str:
        return "payment grid: " + "; ".join(line.text for line, _ in self.rows)[:280]


def read_summary(lines: list[Line], tally: Tally, counts: dict) -> tuple[str, Line] | None:
    """The report date, and the counts the report gives (to check against what we read)."""
    pulled = None
    for line in lines:
        found, _ = pairs(line, _SUMMARY)
        if len(found) == 1 and found[0].name:
            pair = found[0]
            if pair.name == "pulled":
                pulled = (pair.text, line)
                tally.use(line)
                continue
            if m := re.match(r"(\d+)\b", pair.text):
                counts[pair.name] = (int(m[1]), line)
        tally.skip([line], M("summary: worked out from the items below"))
    return pulled


# ---- personal information -----------------------------------------------------------------


def read_personal(lines: list[Line], tally: Tally) -> list[Draft]:
    drafts: list[Draft] = []
    part, edges = "", {}
    for line in lines:
        key = norm(line.text)
        if key in _PERSONAL_PARTS:
            part, edges = _PERSONAL_PARTS[key], {}
            tally.use(line)
        elif part == "pairs" and pairs(line, _PERSONAL)[0]:
            _identification(line, tally, drafts)
        elif tally.prose(line) or not part or part == "pairs":
            tally.skip([line], M("the bureau's explanations"))
        elif not edges:
            edges = columns(line, {"Address": "value", "Company": "value", "Status": "status",
                                   "Date Reported": "date", "Occupation": "occupation"})  # fmt: skip
            if "value" in edges:
                tally.use(line)
            else:
                tally.unread(line, M("a line of personal information we could not read"))
        else:
            _table_row(line, edges, part, tally, drafts)
    return drafts


def _identification(line: Line, tally: Tally, drafts: list[Draft]) -> None:
    found, _ = pairs(line, _PERSONAL)
    if not found or found[0].name is None:
        tally.unread(line, M("a line of personal information we could not read"))
        return
    tally.use(line)
    for pair in found:
        if pair.name and not blank(pair.text):
            draft = Draft("personal", line)
            draft.add("kind", pair.name, line)
            draft.add("value", pair.text, line)
            drafts.append(draft)


def _table_row(line: Line, edges: dict, part: str, tally: Tally, drafts: list[Draft]) -> None:
    """An address (two lines, with its status and date) or an employer (with the occupation)."""
    row = by_column(line, edges)
    tally.use(line)
    starts = part == "employers" or bool(row.get("date") or row.get("status"))
    if not starts and drafts and drafts[-1].section == "personal" and drafts[-1].get("kind") == "address":
        last = drafts[-1]
        last.add("value", f"{last.get('value')}, {row.get('value', '')}".strip(", "), line,
                 f"{last.entries[0].text} / {line.text}")  # fmt: skip
        return
    value = row.get("value", "")
    if part == "employers" and row.get("occupation"):
        value = f"{value} ({row['occupation']})"
    draft = Draft("personal", line)
    draft.add("kind", "address" if part == "addresses" else "employer", line)
    draft.add("value", value, line)
    draft.add("reported", row.get("date"), line)
    drafts.append(draft)


# ---- inquiries ----------------------------------------------------------------------------


def read_inquiries(lines: list[Line], tally: Tally) -> list[Draft]:
    """ "Hard Inquiries" and "Soft Inquiries" tables: Date | Company | ... [| Description]."""
    drafts: list[Draft] = []
    kind, edges = "", {}
    heading: Line | None = None
    current: Draft | None = None
    address = False  # past the company's name, into its address lines
    previous: Line | None = None
    titled: tuple[str, Line] | None = None  # a "Hard/Soft Inquiries" heading before its table
    for line in lines:
        key = norm(line.text)
        if key in ("hard inquiries", "soft inquiries"):
            titled, edges, current = (key.split()[0], line), {}, None
            tally.use(line)
            continue
        header = columns(line, _COLUMNS)
        if "date" in header and "who" in header:
            # a table without its heading: the soft one is the one with a "Description" column
            kind, heading = titled or ("soft" if "description" in header else "hard", line)
            edges, current, titled = header, None, None
            tally.use(line)
            continue
        if not edges:
            tally.skip([line], M("the bureau's explanations"))
            continue
        row = by_column(line, edges)
        on = _date(row.get("date", ""))
        if on is not None:
            current = Draft("inquiry", line)
            current.add("who", row.get("who", ""), line)
            current.add("on", on, line)
            if kind == "hard" and _SOFT.search(row.get("description", "")):
                current.add("kind", "soft", line)  # never count a promotional one as hard
            else:
                current.add("kind", kind, heading)  # from the table it is listed in
            drafts.append(current)
            tally.use(line)
            address, previous = False, line
            continue
        if current is None:
            tally.skip([line], M("the bureau's explanations"))
            continue
        close = (previous is not None and line.page == previous.page
                 and line.top - previous.bottom < 0.5 * line.height)  # fmt: skip
        if row.get("who") and close and not address:
            current.add("who", f"{current.get('who')} {row['who']}", line,
                        f"{current.line.text} / {line.text}")  # fmt: skip
            tally.use(line)
        else:
            address = True
            tally.skip([line], M("the inquiring company's address and phone: not kept"))
        previous = line
    return drafts


def _date(text: str) -> str | None:
    try:
        return text if text and parse_date(text) else None
    except ValueError:
        return None


# ---- public records -----------------------------------------------------------------------


def read_public_records(lines: list[Line], tally: Tally) -> list[Draft]:
    """Bankruptcies, judgments and liens. No real report we measured had one, so the layout is
    a guess: label/value pairs under each heading. Anything else is listed for a person to check.
    """
    drafts: list[Draft] = []
    kind = ""
    current: Draft | None = None
    for line in lines:
        key = norm(line.text)
        if key in _RECORD_KINDS:
            kind, current = _RECORD_KINDS[key], None
            tally.use(line)
            continue
        if not kind or tally.prose(line) or key.startswith("you currently do not have"):
            tally.skip([line], M("the bureau's explanations"))
            continue
        found, _ = pairs(line, _RECORDS)
        if not found:
            tally.unread(line, M("a public record line we could not read: check it in the report"))
            continue
        tally.use(line)
        for pair in found:
            if pair.name is None or blank(pair.text):
                continue
            if current is None or current.has(pair.name):
                current = Draft("public-record", line)
                current.add("kind", kind, line, f"{kind}: {line.text}")
                drafts.append(current)
            current.add(pair.name, pair.text, line)
    return drafts
