"""Experian's annual credit report: the bureau's web page printed to PDF by Chrome (2024 layout).

Every tradeline and collection is a card under "Accounts": the creditor's name (bold, cut to
about 24 letters), then "Account Info" rows of a label and a bold value (a long value wraps
under the value column), the "Payment History" grid (a tick glyph for a month paid on time),
"Balance Histories", "Historical Info" (the original creditor), "Contact Info" and "Comment".
Inquiries are cards four to a row; a soft card can list dozens of dates and run over pages.
Experian prints no date closed and no date of first delinquency; the status sentence carries
the amount past due and the amount written off. Layout notes: report-layouts.md §2.
"""

from __future__ import annotations

import re

from app.messages import M
from app.reports.importers import ImportResult
from app.reports.importers.experian_parts import read_inquiries, read_personal
from app.reports.importers.pdf_layout import TICK, Document, Line, Word
from app.reports.importers.pdf_reading import (
    COUNTED,
    PHONE,
    Draft,
    Layout,
    Pair,
    Tally,
    Vocabulary,
    blank,
    finish,
    history,
    nearest,
    norm,
    pairs,
    us_dates,
)

BUREAU = "Experian"
SECTIONS = {
    "personal information": "personal", "names": "personal", "addresses": "personal",
    "year of birth": "personal", "phone numbers": "personal", "employers": "personal",
    "accounts": "accounts", "public records": "records", "hard inquiries": "hard",
    "soft inquiries": "soft", "important messages": "prose", "contact experian": "prose",
    "know your rights": "prose", "notification of rights": "prose",
}  # fmt: skip
_PARTS = {"account info": "pairs", "payment history": "grid", "payment history guide": "guide",
          "balance histories": "balances", "additional info": "additional",
          "historical info": "pairs", "contact info": "contact", "comment": "comment"}  # fmt: skip
_NOT_KEPT = "-"
LABELS = Vocabulary({
    "furnisher": ("Account Name", "Creditor Name"),
    "account_number": ("Account Number",),
    "account_type": ("Account Type", "Type"),
    "responsibility": ("Responsibility",),
    "opened": ("Date Opened", "Opened"),
    "status": ("Status", "Account Status"),
    "balance": ("Balance",),
    "reported": ("Balance Updated", "Date Reported"),
    "last_payment": ("Recent Payment", "Last Payment"),
    "credit_limit": ("Credit Limit",),
    "high_balance": ("Original Balance", "Highest Balance", "High Balance"),
    "removal_date": ("On Record Until",),
    "original_creditor": ("Original Creditor", "Original Creditor Name"),
    "contact_address": ("Address",),
    "contact_phone": ("Phone Number", "Phone"),
    _NOT_KEPT: ("Status Updated", "Monthly Payment", "Terms", "Limit/High Balance"),
})  # fmt: skip
# Grid cells as printed -> Recourse's codes; "—" (before opening, after closing) is no month.
CODES = {TICK: "OK", "OK": "OK", "ND": "ND", "CLS": "CLS", "30": "30", "60": "60", "90": "90",
         "120": "120", "150": "150", "180": "180", "CO": "CO", "C": "C", "R": "R", "V": "V",
         "F": "F"}  # fmt: skip
_OUTSIDE = {"—", "-", "–"}
_PAST_DUE = re.compile(r"\$([\d,]+(?:\.\d\d)?) past due", re.IGNORECASE)
_WRITTEN_OFF = re.compile(r"\$([\d,]+(?:\.\d\d)?) written off", re.IGNORECASE)
_CLOSED = re.compile(r"\bclosed\b|charged off|charge off|repossess|foreclos", re.IGNORECASE)
_ON_RECORD = re.compile(r"continue on record until ([A-Za-z]{3,9}\.? \d{4})", re.IGNORECASE)


def detect(doc: Document) -> int:
    text = doc.text
    signs = [r"^Prepared For$", r"^Date Generated\b", r"^At a Glance\b", r"^Account Info$",
             r"^Payment history guide$", r"^Balance Histories$", r"^Inquired on\b"]  # fmt: skip
    score = sum(bool(re.search(s, text, re.MULTILINE)) for s in signs)
    return score + (score > 0 and "experian" in text.lower())


def read(doc: Document) -> ImportResult:
    tally = Tally(doc)
    drafts: list[Draft] = []
    pulled = None
    counts: dict[str, tuple[int, Line]] = {}
    for kind, heading, lines in _sections(doc):
        tally.use(heading)
        if kind == "top":
            pulled = _top(lines, tally, counts)
        elif kind == "personal":
            drafts += read_personal(heading, lines, tally)
        elif kind == "accounts":
            drafts += _accounts(lines, tally)
        elif kind in ("hard", "soft"):
            drafts += read_inquiries(heading, lines, tally, kind)
        elif kind == "records":
            drafts += _records(lines, tally)
        else:
            tally.skip(lines, M("the bureau's explanations"))
    _check(counts, drafts, tally)
    return finish(doc, tally, bureau=BUREAU, pulled=pulled, drafts=drafts)


def _sections(doc: Document):
    kind, heading, body = "top", None, []
    for line in doc.body():
        title = norm(line.text)
        if title in SECTIONS and doc.heavy(line):
            yield kind, heading, body
            kind, heading, body = SECTIONS[title], line, []
        else:
            body.append(line)
    yield kind, heading, body


def _top(lines: list[Line], tally: Tally, counts: dict):
    """ "Date Generated Dec 09, 2024" and the "At a Glance" counts."""
    pulled = None
    for line in lines:
        if m := re.match(r"Date Generated\s+(.+)$", line.text):
            pulled = (m[1], line)
            tally.use(line)
        elif line.text.startswith("At a Glance"):
            for m in re.finditer(r"(\d+) (Accounts|Public Records|Hard Inquiries)", line.text):
                counts[m[2].lower()] = (int(m[1]), line)
            tally.skip([line], M("summary: worked out from the items below"))
        else:
            tally.skip([line], M("the report's heading"))
    return pulled


def _check(counts: dict, drafts: list[Draft], tally: Tally) -> None:
    """Say so when "At a Glance" counts differ from what we read (a page may be missing)."""
    read = {"accounts": sum(d.section == "account" for d in drafts),
            "hard inquiries": sum(d.section == "inquiry" and d.get("kind") == "hard"
                                  for d in drafts),
            "public records": sum(d.section == "public-record" for d in drafts)}  # fmt: skip
    for name, (expected, line) in counts.items():
        if read.get(name, expected) != expected:
            tally.unread(line, M("the report counts %(expected)s %(what)s but we read %(read)s: check the %(what)s "
                                 "in the report", expected=expected, what=COUNTED.get(name, name),
                                 read=read[name]))  # fmt: skip


# ---- account cards --------------------------------------------------------------------------


def _accounts(lines: list[Line], tally: Tally) -> list[Draft]:
    """Cards: a bold name line, then "Account Info" and the other parts of the card. Without its
    "Account Info" title, an "Account Name" row still starts a card."""
    drafts: list[Draft] = []
    card: _Card | None = None
    name: Line | None = None
    for line in lines:
        part = _PARTS.get(norm(line.text)) if tally.doc.heavy(line) else None
        starts = part == "pairs" and norm(line.text) == "account info"
        if not starts and _names_account(line) and (card is None or card.draft.has("account_number")):
            starts, part = True, None
        if starts:
            if card is not None:
                card.end()
            card = _Card(tally, name, line)
            drafts.append(card.draft)
            tally.use(name)
            name = None
            if part is None:
                card.read(line)
            else:
                tally.use(line)
            continue
        if tally.doc.heavy(line) and line.height >= 14 and part is None:
            if name is not None:
                tally.unread(name, M("an account name with no details after it"))
            name = line  # the next card's name (its "Account Info" follows)
            continue
        if norm(line.text) == "potentially negative":
            tally.use(line)
        elif card is None:
            tally.skip([line], M("the bureau's explanations"))
        elif part is not None:
            card.part = part
            tally.use(line)
        else:
            card.read(line)
    if card is not None:
        card.end()
    if name is not None:
        tally.unread(name, M("an account name with no details after it: the rest may be on a "
                             "missing page"))  # fmt: skip
    return drafts


def _names_account(line: Line) -> bool:
    found, _ = pairs(line, LABELS)
    return bool(found) and found[0].name == "furnisher"


class _Card:
    def __init__(self, tally: Tally, name: Line | None, first: Line):
        self.tally = tally
        self.draft = Draft("account", name or first)
        if name is not None:  # the "Account Name" row, read later, says the same
            self.draft.add("furnisher", name.text, name)
        self.part = "pairs"
        self.last: tuple[Line, Pair] | None = None
        self.grid = _Grid()
        self.comment: list[str] = []
        self.comment_line: Line | None = None

    def read(self, line: Line) -> None:
        if self.part in ("pairs", "contact"):
            self._pairs(line)
        elif self.part == "grid":
            if not self.grid.read(line):
                self.tally.skip([line], M("the legend of the grid codes"))
        elif self.part == "guide":
            self._guide(line)
        elif self.part == "comment":
            self._comment(line)
        elif self.part == "balances":
            self.tally.skip([line], M("history of balances and payments by month: not kept"))
        else:
            self.tally.skip([line], M("repeats amounts read above"))

    def _pairs(self, line: Line) -> None:
        found, before = pairs(line, LABELS, label_bold=self.tally.doc.label_weight(False))
        if not found:
            if self.last is not None and before and line.top - self.last[0].bottom < line.height:
                above, pair = self.last  # a value that wrapped under itself
                pair.value.extend(w for c in before for w in c.words)
                self._pair(above, pair, f"{above.text} / {line.text}")
                self.tally.use(line)
                self.last = (line, pair)
            else:
                self.tally.unread(line, M("a line in this account we could not read"))
            return
        self.tally.use(line)
        for pair in found:
            self._pair(line, pair)
        self.last = (line, found[-1])

    def _pair(self, line: Line, pair: Pair, text: str | None = None) -> None:
        value = pair.text.strip()
        if pair.name is None:
            self.tally.unread(line, M("we do not read %(label)s (a label we do not know)", label=repr(pair.label)),
                              f"{pair.label} {value}".strip())  # fmt: skip
            return
        if blank(value):
            return
        if pair.name == _NOT_KEPT:
            self.tally.unread(line, M("read but not kept: Recourse has no field for it"),
                              f"{pair.label} {value}")  # fmt: skip
        elif pair.name == "last_payment":  # "$206 as of 11/5/2024"
            dates = us_dates(value)
            self.draft.add("last_payment", dates[-1] if dates else value, line, text)
        elif pair.name == "contact_address":
            self.draft.entries = [e for e in self.draft.entries if e.name != "contact_address"]
            for part in re.split(r",\s*(?=\S)", value.rstrip(",")) if "," in value else [value]:
                self.draft.add("contact_address", [part.strip(" ,")], line, text)
        elif pair.name == "status":
            self._status(value, line, text)
        elif pair.name == "contact_phone" and not PHONE.match(value):
            self.tally.unread(line, M("not a phone number we know how to read"), value)
        else:
            self.draft.add(pair.name, value, line, text)

    def _status(self, value: str, line: Line, text: str | None) -> None:
        """The status sentence also says what is past due and what was written off."""
        self.draft.add("status", value, line, text)
        if m := _PAST_DUE.search(value):
            self.draft.add("past_due", m[1], line, text)
        if m := _WRITTEN_OFF.search(value):
            self.draft.add("charge_off_amount", m[1], line, text)
        self.draft.entries = [e for e in self.draft.entries if e.name != "is_closed"]
        if _CLOSED.search(value):
            self.draft.add("is_closed", True, line, text)

    def _guide(self, line: Line) -> None:
        if (m := _ON_RECORD.search(line.text)) and not self.draft.has("removal_date"):
            self.draft.add("removal_date", m[1], line)
            self.tally.use(line)
        else:
            self.tally.skip([line], M("payment history guide: the grid is read instead"))

    def _comment(self, line: Line) -> None:
        self.tally.use(line)
        key = norm(line.text)
        if key in ("current", "previous"):
            self._flush_comment()
            self.comment, self.comment_line = [key], line
        elif self.comment:
            self.comment.append(line.text)

    def _flush_comment(self) -> None:
        if len(self.comment) < 2 or norm(self.comment[1]) == "none":
            return
        when, *text = self.comment
        remark = " ".join(text) if when == "current" else f"Previously: {' '.join(text)}"
        source = " / ".join([self.comment_line.text, *text])
        self.draft.add("remarks", [remark], self.comment_line, source)

    def end(self) -> None:
        self._flush_comment()
        codes, as_of = history(self.grid.codes)
        if codes and self.grid.header is not None:
            self.draft.add("payment_history", codes, self.grid.header, self.grid.summary())
            self.draft.add("payment_history_as_of", as_of.isoformat(), self.grid.header,
                           self.grid.summary())  # fmt: skip
            for line in self.grid.lines:
                self.tally.use(line)


class _Grid:
    """ "J F M A M J J A S O N D", then a row per year, newest first. The ticks are in an icon
    font of another size, so they are placed by position, not by line."""

    def __init__(self):
        self.header: Line | None = None
        self.months: dict[int, float] = {}
        self.rows: dict[tuple[int, float], int] = {}  # (page, middle) -> year
        self.cells: list[tuple[Line, Word]] = []
        self.lines: list[Line] = []
        self.codes: dict[tuple[int, int], str] = {}

    def read(self, line: Line) -> bool:
        letters = [w.text for w in line.words]
        if letters == list("JFMAMJJASOND"):
            self.header = self.header or line
            self.months = {i + 1: (w.x0 + w.x1) / 2 for i, w in enumerate(line.words)}
            self.lines.append(line)
            return True
        if not self.months:
            return False
        words = list(line.words)
        if re.fullmatch(r"(19|20)\d\d", words[0].text) and words[0].x1 < self.months[1]:
            self.rows[(line.page, (line.top + line.bottom) / 2)] = int(words[0].text)
            words = words[1:]
        elif not all(w.text in CODES or w.text in _OUTSIDE for w in words):
            return False
        self.lines.append(line)
        self.cells += [(line, w) for w in words]
        self._place()
        return True

    def _place(self) -> None:
        width = (self.months[12] - self.months[1]) / 11
        for line, word in self.cells:
            row = [(abs(mid - (word.top + word.bottom) / 2), year)
                   for (page, mid), year in self.rows.items() if page == line.page]  # fmt: skip
            month = nearest((word.x0 + word.x1) / 2, self.months, width / 2)
            if not row or month is None or min(row)[0] > 8 or word.text in _OUTSIDE:
                continue
            self.codes[(min(row)[1], month)] = CODES.get(word.text, word.text)

    def summary(self) -> str:
        return "payment grid: " + "; ".join(line.text for line in self.lines)[:280]


def _records(lines: list[Line], tally: Tally) -> list[Draft]:
    """No real report we measured had a public record; anything here is listed for a person to
    check (no layout to read it by)."""
    for line in lines:
        if norm(line.text) == "no public records reported" or tally.prose(line):
            tally.skip([line], M("the bureau's explanations"))
        else:
            tally.unread(line, M("a public record we could not read: check it in the report"))
    return []


LAYOUT = Layout("experian-annual-2024", BUREAU, detect, read, threshold=4)
