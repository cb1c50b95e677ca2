"""TransUnion's annual credit report: the bureau's web page printed to PDF by Chrome (2024 layout).

Accounts are listed under "Accounts with Adverse Information" and "Satisfactory Accounts" (there
is no separate collections section: a collection has the loan type "COLLECTION AGENCY/ATTORNEY").
Each starts with a line "CREDITOR NAME MASKEDNUMBER****" and "Account Information", then rows of
a bold label on the left and its value on the right; a value too long for one line puts its
first lines ABOVE the label. "Payment History" is a grid of month cells, six to a row, oldest
first, each with small stacked labels (Balance, Past Due, ... Rating). TransUnion prints no date
of first delinquency. Layout notes: shared/reference/report-layouts.md §3.
"""

from __future__ import annotations

import re
from decimal import Decimal

from app.messages import M
from app.reports.importers import ImportResult
from app.reports.importers.pdf_layout import Document, Line
from app.reports.importers.pdf_reading import (
    MONEY,
    PHONE,
    Draft,
    Layout,
    Pair,
    Tally,
    Vocabulary,
    address_lines,
    blank,
    finish,
    history,
    month_of,
    nearest,
    norm,
    pairs,
)
from app.reports.importers.transunion_parts import read_inquiries, read_personal, read_top

BUREAU = "TransUnion"
SECTIONS = {
    "personal information": "personal", "also known as": "personal", "addresses": "personal",
    "phone numbers": "personal", "employers": "personal",
    "accounts": "key", "payment remarks key": "key",
    "accounts with adverse information": "accounts", "satisfactory accounts": "accounts",
    "adverse accounts": "accounts", "closed accounts": "accounts", "other accounts": "accounts",
    "inquiries": "hard", "regular inquiries": "hard", "promotional inquiries": "soft",
    "account review inquiries": "soft", "public records": "records",
    "additional information": "prose", "summary of rights": "prose",
}  # fmt: skip
_NOT_KEPT = "-"
LABELS = Vocabulary({
    "contact_address": ("Address",),
    "contact_phone": ("Phone",),
    "opened": ("Date Opened",),
    "responsibility": ("Responsibility",),
    "kind": ("Account Type",),  # Revolving / Installment / Open Account: used without a loan type
    "account_type": ("Loan Type",),
    "balance": ("Balance",),
    "reported": ("Date Updated",),
    "last_payment": ("Last Payment Made",),
    "status": ("Pay Status",),
    "closed": ("Date Closed",),
    "high_balance": ("High Balance (Hist.)", "High Balance", "Original Amount"),
    "credit_limit": ("Credit Limit (Hist.)", "Credit Limit"),
    "removal_date": ("Estimated month and year this item will be removed",),
    "original_creditor": ("Original Creditor",),
    "past_due": ("Past Due",),
    "remarks": ("Remarks",),
    _NOT_KEPT: ("Monthly Payment", "Payment Received", "Terms", "Date Paid"),
})  # fmt: skip
_CELL_LABELS = {"balance", "high credit", "past due", "amount paid", "scheduled payment",
                "remarks", "rating"}  # fmt: skip
# Ratings as printed -> Recourse's codes (model.Account.payment_history).
CODES = {"OK": "OK", "X": "X", "N/R": "ND", "30": "30", "60": "60", "90": "90", "120": "120",
         "150": "150", "180": "180", "COL": "C", "VS": "V", "RPO": "R", "C/O": "CO", "FC": "F"}  # fmt: skip
_MASK = re.compile(r"^(.*\S)\s+([0-9A-Z]*\*{2,}|[0-9X]{4,}[0-9A-Z*]*)$")


def detect(doc: Document) -> int:
    text = doc.text
    signs = [r"^Personal Credit Report for:", r"^Accounts with Adverse Information$",
             r"^Satisfactory Accounts$", r"^Account Information$", r"^Pay Status\b",
             r"^Regular Inquiries$", r"^Payment/Remarks Key$"]  # fmt: skip
    score = sum(bool(re.search(s, text, re.MULTILINE)) for s in signs)
    return score + (score > 0 and "transunion" in text.lower())


def read(doc: Document) -> ImportResult:
    tally = Tally(doc)
    drafts: list[Draft] = []
    pulled = None
    for kind, heading, lines in _sections(doc):
        tally.use(heading)
        if kind == "top":
            pulled = read_top(lines, tally) or pulled
        elif kind == "personal":
            found, date = read_personal(heading, lines, tally)
            drafts += found
            pulled = pulled or date
        elif kind == "accounts":
            drafts += _accounts(lines, tally)
        elif kind in ("hard", "soft"):
            drafts += read_inquiries(heading, lines, tally, kind)
        elif kind == "records":
            drafts += _records(lines, tally)
        else:
            reason = M("the key to the codes") if kind == "key" else M("the bureau's explanations")
            tally.skip(lines, reason)
    return finish(doc, tally, bureau=BUREAU, pulled=pulled, drafts=drafts)


def _sections(doc: Document):
    kind, heading, body = "top", None, []
    for line in doc.body():
        title = norm(line.text)
        if title in SECTIONS and doc.heavy(line) and line.height >= 10:
            yield kind, heading, body
            kind, heading, body = SECTIONS[title], line, []
        else:
            body.append(line)
    yield kind, heading, body


# ---- accounts ---------------------------------------------------------------------------------


def _accounts(lines: list[Line], tally: Tally) -> list[Draft]:
    """Accounts: the name line is the one right before "Account Information"."""
    starts = [i for i, line in enumerate(lines) if norm(line.text) == "account information"]
    drafts = []
    for n, i in enumerate(starts):
        end = starts[n + 1] - 1 if n + 1 < len(starts) else len(lines)
        name = lines[i - 1] if i > 0 else lines[i]
        tally.use(name, lines[i])
        drafts.append(_Account(tally, name).read(lines[i + 1:end]))
    first = (starts[0] - 1) if starts else len(lines)
    for line in lines[:max(first, 0)]:
        if norm(line.text) == "account name" or tally.prose(line):
            tally.skip([line], M("the bureau's explanations"))
        else:
            tally.unread(line, M("a line before the first account we could not read"))
    return drafts


class _Account:
    def __init__(self, tally: Tally, name: Line):
        self.tally = tally
        self.draft = Draft("account", name)
        m = _MASK.match(name.text)
        self.draft.add("furnisher", m[1] if m else name.text, name)
        if m:
            self.draft.add("account_number", m[2], name)
        self.above: list[Line] = []  # first lines of a value whose label comes below them
        self.grid = _Grid()
        self.in_grid = False

    def read(self, lines: list[Line]) -> Draft:
        for line in lines:
            if norm(line.text) == "payment history" and self.tally.doc.heavy(line):
                self.in_grid = True
                self.tally.use(line)
            elif self.in_grid:
                self._grid(line)
            else:
                self._row(line)
        for line in self.above:
            self.tally.unread(line, M("a value with no label below it"))
        self._end()
        return self.draft

    def _row(self, line: Line) -> None:
        found, before = pairs(line, LABELS, label_bold=self.tally.doc.label_weight(True))
        if not found:
            if before and (not any(w.bold for w in line.words) or not self.tally.doc.bold_known):
                self.above.append(line)
            else:
                self.tally.unread(line, M("a line in this account we could not read"))
            return
        self.tally.use(line, *self.above)
        text = " / ".join(x.text for x in [*self.above, line])
        if self.above:  # the value's first lines were printed above its label
            found[0].value[:0] = [w for x in self.above for w in x.words]
            self.above = []
        for cell in before:
            self.tally.unread(line, M("a value without a label"), cell.text)
        for pair in found:
            self._pair(line, pair, text)

    def _pair(self, line: Line, pair: Pair, text: str) -> None:
        value = pair.text.strip()
        name = pair.name
        if name is None:
            self.tally.unread(line, M("we do not read %(label)s (a label we do not know)", label=repr(pair.label)),
                              f"{pair.label} {value}".strip())  # fmt: skip
        elif blank(value):
            return
        elif name == _NOT_KEPT:
            self.tally.unread(line, M("read but not kept: Recourse has no field for it"),
                              f"{pair.label} {value}")  # fmt: skip
        elif name == "kind":
            if not self.draft.has("account_type"):
                self.draft.add("account_type", value, line, text)
        elif name == "account_type":
            self.draft.add("account_type", value, line, text)
        elif name == "contact_address":
            for part in address_lines(value):
                self.draft.add("contact_address", [part], line, text)
        elif name == "contact_phone":
            if PHONE.match(value):
                self.draft.add("contact_phone", value, line, text)
        elif name in ("high_balance", "credit_limit") and "from" in value:
            self._history_amount(name, value, line, text)
        elif name == "remarks":
            for remark in (r.strip() for r in value.split(";")):
                if remark:
                    self.draft.add("remarks", [remark], line, text)
        else:
            if name == "closed" or (name == "status" and re.search(r"\bclosed\b", value, re.I)):
                self.draft.add("is_closed", True, line, text)
            self.draft.add(name, value, line, text)

    def _history_amount(self, name: str, value: str, line: Line, text: str) -> None:
        """ "High balance of $7,500 from 06/2022 to 08/2024; $7,500 from 09/2024 to 11/2024":
        the highest amount for the high balance, the latest one for the credit limit."""
        amounts = [Decimal(m.replace("$", "").replace(",", "")) for m in MONEY.findall(value)]
        if amounts:
            self.draft.add(name, str(max(amounts) if name == "high_balance" else amounts[-1]),
                           line, text)  # fmt: skip

    def _grid(self, line: Line) -> None:
        if self.grid.read(line):
            self.tally.use(line)
        elif line.text.startswith("Total Month"):  # the grid's last text, cut off by the page
            self.tally.skip([line], M("payment history: total months (cut off)"))
        else:
            self.in_grid = False
            self._row(line)

    def _end(self) -> None:
        codes, as_of = history(self.grid.codes())
        if codes:
            text = self.grid.summary()
            self.draft.add("payment_history", codes, self.grid.first, text)
            self.draft.add("payment_history_as_of", as_of.isoformat(), self.grid.first, text)
        if not self.draft.has("past_due") and (latest := self.grid.latest("past due")):
            self.draft.add("past_due", latest[0], latest[1], self.grid.summary())
        if not self.draft.has("high_balance") and (highest := self.grid.highest("high credit")):
            self.draft.add("high_balance", highest[0], highest[1], self.grid.summary())


class _Grid:
    """Month cells six to a row: a line of month names, then for each item a line of labels
    ("Balance Balance ...") and a line of values under them."""

    def __init__(self):
        self.columns: dict[tuple[int, int], float] = {}
        self.width = 60.0
        self.label = ""
        self.values: dict[str, dict[tuple[int, int], tuple[str, Line]]] = {}
        self.first: Line | None = None
        self.lines: list[Line] = []

    def read(self, line: Line) -> bool:
        if line.text.startswith("Total Month"):  # the grid's last text, cut off by the page
            return False
        cells = line.cells()
        months = [month_of(c.text) for c in cells]
        if months and all(months):
            self.columns = {m: c.middle_x for m, c in zip(months, cells, strict=True)}
            if len(cells) > 1:
                self.width = (cells[-1].middle_x - cells[0].middle_x) / (len(cells) - 1)
            self.first = self.first or line
        elif cells and all(norm(c.text) in _CELL_LABELS for c in cells):
            self.label = norm(cells[0].text)
        elif self.columns and self.label:
            for cell in cells:
                month = nearest(cell.middle_x, self.columns, self.width / 2)
                if month is not None:
                    self.values.setdefault(self.label, {})[month] = (cell.text, line)
        else:
            return False
        self.lines.append(line)
        return True

    def codes(self) -> dict[tuple[int, int], str]:
        out = {}
        for month, (text, _) in self.values.get("rating", {}).items():
            code = text.replace(" ", "").upper()
            if not blank(code):
                out[month] = CODES.get(code, code)
        return out

    def latest(self, label: str) -> tuple[str, Line] | None:
        cells = self.values.get(label, {})
        if not cells:
            return None
        text, line = cells[max(cells)]
        return None if blank(text) else (text, line)

    def highest(self, label: str) -> tuple[str, Line] | None:
        amounts = []
        for text, line in self.values.get(label, {}).values():
            if m := MONEY.fullmatch(text.strip()):
                amounts.append((Decimal(m[0].replace("$", "").replace(",", "")), line))
        if not amounts:
            return None
        amount, line = max(amounts, key=lambda pair: pair[0])
        return str(amount), line

    def summary(self) -> str:
        ratings = self.values.get("rating", {})
        shown = " ".join(f"{y}-{m:02d} {t}" for (y, m), (t, _) in sorted(ratings.items()))
        return f"payment history ratings: {shown}"[:300]


def _records(lines: list[Line], tally: Tally) -> list[Draft]:
    """No real report we measured had a public record; list what is there for a person to check."""
    for line in lines:
        if tally.prose(line):
            tally.skip([line], M("the bureau's explanations"))
        else:
            tally.unread(line, M("a public record we could not read: check it in the report"))
    return []


LAYOUT = Layout("transunion-annual-2024", BUREAU, detect, read, threshold=4)
