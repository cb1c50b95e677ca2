"""Equifax's annual credit report as a PDF (the 2024 annualcreditreport.com download).

Numbered sections ("2. Revolving Accounts"); each account under its own heading
("2.3 NORTHWIND CARD SERVICES (CLOSED)", "(CLOSED)" being the only open/closed mark) with tables
of two label/value pairs per row (labels bold, values regular, a long value wrapping onto the
next line under itself), a 7-year payment grid whose on-time months are tick images, and the
company's "Contact" block beside the "Comments". Collections are in "10. Collections", each
starting at "Date Reported: Nov 15, 2024". Layout notes: shared/reference/report-layouts.md §1.
"""

from __future__ import annotations

import re

from app.messages import M
from app.reports.importers import ImportResult
from app.reports.importers.equifax_parts import (
    Grid,
    read_inquiries,
    read_personal,
    read_public_records,
    read_summary,
)
from app.reports.importers.pdf_layout import Document, Line, Word
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
    norm,
    pairs,
)

BUREAU = "Equifax"

# The numbered sections, by title -> how each is read.
SECTIONS = {
    "summary": "summary",
    "revolving accounts": "accounts",
    "mortgage accounts": "accounts",
    "installment accounts": "accounts",
    "other accounts": "accounts",
    "consumer statements": "prose",
    "personal information": "personal",
    "inquiries": "inquiries",
    "public records": "records",
    "collections": "collections",
    "dispute file information": "prose",
    "a summary of your rights under the fair credit reporting act": "prose",
}
_SECTION = re.compile(r"^(\d{1,2})\.\s+([A-Z][A-Za-z ,'&/()-]+?)\s*$")
_ACCOUNT = re.compile(r"^(\d{1,2})\.(\d{1,3})\s+(.+?)\s*(\(closed\))?\s*$", re.IGNORECASE)
_NOT_KEPT = "-"  # a label we know and read past, but keep no field for
_FOOTER_DATE = re.compile(r"\|\s*([A-Z][a-z]{2} \d{1,2}, \d{4})\b")  # "NAME | Dec 09, 2024 Page 2 of 33"

LABELS = Vocabulary({
    "account_number": ("Account Number", "Account No", "Account #"),
    "balance": ("Reported Balance", "Balance", "Amount", "Current Balance"),
    "status": ("Account Status", "Status"),
    "high_balance": ("High Credit", "Original Amount Owed", "Original Amount", "High Balance"),
    "credit_limit": ("Credit Limit",),
    "past_due": ("Amount Past Due", "Past Due Amount", "Past Due"),
    "opened": ("Date Opened", "Date Assigned", "Open Date"),
    "reported": ("Date Reported",),
    "last_payment": ("Date of Last Payment", "Last Payment Date"),
    "first_delinquency": ("Date of First Delinquency", "Date of 1st Delinquency"),
    "charge_off_amount": ("Charge Off Amount", "Charge-Off Amount", "Charged Off Amount"),
    "account_type": ("Loan Type",),
    "kind": ("Account Type",),  # REVOLVING / INSTALLMENT: used when there is no loan type
    "responsibility": ("Payment Responsibility", "Account Designator Code", "Responsibility"),
    "closed": ("Date Closed",),
    "furnisher": ("Collection Agency", "Agency Name"),
    "original_creditor": ("Original Creditor Name", "Original Creditor"),
    "classification": ("Creditor Classification",),  # read for "Medical"
    _NOT_KEPT: ("Available Credit", "Terms Frequency", "Term Duration", "Actual Payment Amount",
                "Scheduled Payment Amount", "Date of Last Activity", "Months Reviewed",
                "Delinquency First Reported", "Activity Designator", "Deferred Payment Start Date",
                "Balloon Payment Date", "Balloon Payment Amount", "Balance Date", "Status Date"),
})  # fmt: skip
_ACCOUNT_PARTS = {"summary": "pairs", "account history": "history", "payment history": "grid",
                  "account details": "pairs"}  # fmt: skip


def detect(doc: Document) -> int:
    text = doc.text
    signs = [
        r"^\d{1,2}\. (Revolving|Installment|Mortgage|Other) Accounts$",
        r"^\d{1,2}\. Collections$",
        r"^\d{1,2}\. Inquiries$",
        r"^Account Details$",
        r"Delinquency First Reported",
        r"^Date Reported: [A-Z][a-z]{2} \d{2}, \d{4}$",
    ]
    score = sum(bool(re.search(s, text, re.MULTILINE)) for s in signs)
    return score + (score > 0 and "equifax" in text.lower())


def read(doc: Document) -> ImportResult:
    reader = _Reader(doc)
    reader.run()
    return reader.result()


class _Reader:
    def __init__(self, doc: Document):
        self.doc = doc
        self.tally = Tally(doc)
        self.drafts: list[Draft] = []
        self.pulled: tuple[str, Line] | None = None
        self.counts: dict[str, tuple[int, Line]] = {}

    def run(self) -> None:
        for kind, number, heading, lines in _sections(self.doc.body()):
            self.tally.use(heading)
            if kind == "prose" and any(_is_account(line, number, self.doc) for line in lines):
                kind = "accounts"  # a section we do not know by name, holding accounts
            if kind == "summary":
                self.pulled = read_summary(lines, self.tally, self.counts) or self.pulled
            elif kind == "accounts":
                self._accounts(number, lines)
            elif kind == "collections":
                self._collections(lines)
            elif kind == "personal":
                self.drafts += read_personal(lines, self.tally)
            elif kind == "inquiries":
                self.drafts += read_inquiries(lines, self.tally)
            elif kind == "records":
                self.drafts += read_public_records(lines, self.tally)
            elif kind == "cover":
                self.tally.skip(lines, M("cover page and letter"))
            else:
                self.tally.skip(lines, M("the bureau's explanations"))

    def result(self):
        self._check_counts()
        if self.pulled is None:  # no summary page: the footer carries the report's date too
            footer = next((line for line in self.doc.lines if line.noise
                           and _FOOTER_DATE.search(line.text)), None)  # fmt: skip
            if footer is not None:
                self.pulled = (_FOOTER_DATE.search(footer.text)[1], footer)
        return finish(self.doc, self.tally, bureau=BUREAU, pulled=self.pulled,
                      drafts=self.drafts)  # fmt: skip

    def _check_counts(self) -> None:
        """Say so when the summary's counts differ from what we read (a page may be missing)."""
        read = {"inquiries": sum(d.section == "inquiry" for d in self.drafts),
                "collections": sum(d.section == "account" and d.get("account_type") == "Collection"
                                   for d in self.drafts)}  # fmt: skip
        for name, (expected, line) in self.counts.items():
            if name in read and read[name] != expected:
                self.tally.unread(line, M("the summary counts %(expected)s %(what)s but we read %(read)s: "
                                          "check the %(what)s in the report", expected=expected,
                                          what=COUNTED.get(name, name), read=read[name]))  # fmt: skip

    # ---- accounts (sections 2 to 5) -------------------------------------------------------

    def _accounts(self, number: int, lines: list[Line]) -> None:
        start = 0
        for i, line in enumerate([*lines, None]):
            if line is None or _is_account(line, number, self.doc):
                if start == 0:
                    self.tally.skip(lines[:i], M("the bureau's explanations"))
                else:
                    self._account(lines[start - 1], lines[start:i])
                start = i + 1

    def _account(self, heading: Line, lines: list[Line]) -> None:
        m = _ACCOUNT.match(heading.text)
        draft = Draft("account", heading)
        draft.add("furnisher", m[3], heading)
        if m[4]:
            draft.add("is_closed", True, heading)
        self.tally.use(heading)
        block = _Block(self, draft)
        for line in lines:
            block.read(line)
        block.end()
        self.drafts.append(draft)

    # ---- collections (section 10) ---------------------------------------------------------

    def _collections(self, lines: list[Line]) -> None:
        block: _Block | None = None
        for line in lines:
            if line.text.lower().startswith("date reported:"):
                if block is not None:
                    block.end()
                draft = Draft("account", line)
                draft.add("account_type", "Collection", line)
                self.drafts.append(draft)
                block = _Block(self, draft)
            if block is None:
                self.tally.skip([line], M("the bureau's explanations"))
            else:
                block.read(line)
        if block is not None:
            block.end()


class _Block:
    """The lines of one account or collection: pairs, the grid, comments and contact."""

    def __init__(self, reader: _Reader, draft: Draft):
        self.reader, self.tally, self.draft = reader, reader.tally, draft
        self.part = "pairs"
        self.last: tuple[Line, list[Pair]] | None = None
        self.grid = Grid()
        self.contact_x: float | None = None
        self.contact: list[tuple[Line, list[Word]]] = []
        self.comments: list[tuple[Line, str]] = []

    def read(self, line: Line) -> None:
        key = norm(line.text)
        if key in _ACCOUNT_PARTS and self.tally.doc.heavy(line):
            self.part = _ACCOUNT_PARTS[key]
            self.tally.use(line)
            return
        cells = [norm(c.text) for c in line.cells()]
        if cells and cells[0] == "comments" or cells == ["contact"]:
            self.part = "notes"
            contact = next((c for c in line.cells() if norm(c.text) == "contact"), None)
            self.contact_x = contact.x0 if contact else None
            self.tally.use(line)
            return
        if self.part in ("history", "grid") and _pairs_line(line):
            self.part = "pairs"  # its heading was lost (a missing page): read the pairs anyway
        {"pairs": self._pairs, "history": self._history, "grid": self._grid,
         "notes": self._notes}[self.part](line)  # fmt: skip

    def _pairs(self, line: Line) -> None:
        found, before = pairs(line, LABELS, label_bold=self.tally.doc.label_weight(True))
        if not found:
            if self._continues(line):
                return
            if self.tally.prose(line):
                self.tally.skip([line], M("the bureau's explanations"))
            else:
                self.tally.unread(line, M("a line in this account we could not read"))
            return
        self.tally.use(line)
        for cell in before:
            self.tally.unread(line, M("a value without a label"), cell.text)
        for pair in found:
            self._pair(line, pair)
        self.last = (line, found)

    def _pair(self, line: Line, pair: Pair, text: str | None = None) -> None:
        value = pair.text.strip()
        if pair.name is None:
            self.tally.unread(line, M("we do not read %(label)s (a label we do not know)", label=repr(pair.label)),
                              f"{pair.label} {value}".strip())  # fmt: skip
        elif blank(value):
            return
        elif pair.name == _NOT_KEPT:
            self.tally.unread(line, M("read but not kept: Recourse has no field for it"),
                              f"{pair.label} {value}")  # fmt: skip
        elif pair.name == "kind":
            if not self.draft.has("account_type"):
                self.draft.add("account_type", value, line, text)
        elif pair.name == "classification":
            if "medical" in value.lower():
                self.draft.add("medical", True, line, text)
        else:
            if pair.name == "account_type":  # the loan type beats the revolving/installment kind
                self.draft.entries = [e for e in self.draft.entries if e.name != "account_type"]
            if pair.name == "closed":
                self.draft.add("is_closed", True, line, text)
            self.draft.add(pair.name, value, line, text)

    def _continues(self, line: Line) -> bool:
        """A value that wrapped: words right under a value of the line just above."""
        if self.last is None:
            return False
        above, found = self.last
        if line.page != above.page or line.top - above.bottom > 1.2 * above.height:
            return False
        with_values = [p for p in found if p.value]
        if not with_values:
            return False
        for cell in line.cells():
            pair = min(with_values, key=lambda p: abs((p.x0 + p.x1) / 2 - cell.middle_x))
            pair.value.extend(cell.words)
            self._pair(above, pair, f"{above.text} / {line.text}")
        self.tally.use(line)
        self.last = (line, found)
        return True

    def _history(self, line: Line) -> None:
        self.tally.skip([line], M("24-month history of balances and payments: not kept"))

    def _grid(self, line: Line) -> None:
        if self.grid.read(line):
            self.tally.use(line)
        elif self.tally.prose(line) or self.grid.months:
            self.tally.skip([line], M("the bureau's explanation or the legend of the grid codes"))
        else:
            self.tally.unread(line, M("a line in this account we could not read"))

    def _notes(self, line: Line) -> None:
        """Comments on the left, the company's contact block on the right."""
        self.tally.use(line)
        split = self.contact_x if self.contact_x is not None else float("inf")
        left = [w for w in line.words if w.x0 < split - 2]
        right = [w for w in line.words if w.x0 >= split - 2]
        if right:
            self.contact.append((line, right))
        if left:
            text = " ".join(w.text for w in left)
            prev = self.comments[-1] if self.comments else None
            if prev and line.top - prev[0].bottom < 0.3 * line.height:  # a comment that wrapped
                self.comments[-1] = (line, f"{prev[1]} {text}")
            else:
                self.comments.append((line, text))

    def end(self) -> None:
        for line, text in self.comments:
            self.draft.add("remarks", [text], line, text)
        for i, (line, words) in enumerate(self.contact):
            text = " ".join(w.text for w in words)
            if i == 0:
                self.draft.add("contact_name", text, line, text)
            elif PHONE.match(text):
                self.draft.add("contact_phone", text, line, text)
            else:
                self.draft.add("contact_address", [text], line, text)
        codes, as_of = self.grid.history(self.reader.doc)
        if codes:
            first = self.grid.first_line
            self.draft.add("payment_history", codes, first, self.grid.summary())
            self.draft.add("payment_history_as_of", as_of.isoformat(), first, self.grid.summary())


def _is_account(line: Line, section: int, doc: Document) -> bool:
    """An account's heading: "2.3 NAME", bold, numbered within its section."""
    m = _ACCOUNT.match(line.text)
    return bool(m) and int(m[1]) == section and doc.heavy(line)


def _pairs_line(line: Line) -> bool:
    """A row of label/value pairs (not a table title such as "Balance" alone)."""
    found, _ = pairs(line, LABELS)
    return len(found) > 1 or any(p.value and p.name for p in found)


# A numbered section whose title we do not know exactly is read by a word in it.
_TITLE_WORDS = (("collection", "collections"), ("account", "accounts"), ("loan", "accounts"),
                ("mortgage", "accounts"), ("inquir", "inquiries"), ("personal", "personal"),
                ("public record", "records"))  # fmt: skip


def _sections(lines: list[Line]):
    """(kind, number, heading line, lines) for each numbered section; the pages before the
    first section are the cover."""
    kind, number, heading, body = "cover", 0, None, []
    for line in lines:
        m = _SECTION.match(line.text)
        title = norm(m[2]) if m else ""
        if m and (title in SECTIONS or line.height > 14):
            yield kind, number, heading, body
            guess = next((k for word, k in _TITLE_WORDS if word in title), "prose")
            kind, number, heading, body = SECTIONS.get(title, guess), int(m[1]), line, []
        else:
            body.append(line)
    yield kind, number, heading, body


LAYOUT = Layout("equifax-annual-2024", BUREAU, detect, read, threshold=4, needs_marks=True)
