"""Report text (pasted, or taken out of a PDF): the labelled "Field: value" layouts of US bureau reports.

A section heading ("Personal Information", "Accounts", "Collections", "Inquiries", "Public
Records") says what the lines below it describe. In the account, inquiry and public-record
sections a new item starts at a name line (a line without a label, such as "MIDLAND CREDIT"),
at a label naming the company ("Account Name:", "Creditor:"), or when a label comes back a second
time. Every line we skip is listed as unread, with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.reports.importers import (
    Entry,
    ImportResult,
    Understood,
    Unread,
    build_item,
    decode,
    parse_date,
)
from app.reports.model import SECTION_LIST_NAMES, Report

_HEADINGS: list[tuple[str, str, str | None]] = [
    (r"(personal|consumer|identifying) (information|info|details|data)|identification"
     r"|personal profile", "personal", None),
    (r"(hard|regular|credit) inquiries|requests? (for|viewed by others).*", "inquiry", "hard"),
    (r"(soft|promotional|account review) inquiries|requests viewed only by you.*", "inquiry",
     "soft"),
    (r"inquiries|inquiry information", "inquiry", "hard"),
    (r"public records?( information)?|bankruptc(y|ies)|judgments", "public-record", None),
    (r"(credit |all )?accounts?( information| history| details)?|tradelines?"
     r"|(adverse|negative|potentially negative|satisfactory|closed|open|revolving|installment"
     r"|mortgage|other) accounts|collections?( accounts)?", "account", None),
]  # fmt: skip

_LABELS: dict[str, dict[str, tuple[str, ...]]] = {
    "account": {
        "furnisher": ("account name", "creditor", "creditor name", "company", "company name",
                      "furnisher", "collection agency", "lender", "name"),
        "account_number": ("account number", "account #", "account no", "acct #", "acct number",
                           "account"),
        "account_type": ("account type", "type", "loan type", "type of account"),
        "responsibility": ("responsibility", "ownership", "account ownership", "owner"),
        "status": ("account status", "status", "pay status", "payment status", "condition"),
        "opened": ("date opened", "opened", "open date", "opened on", "date placed for collection",
            "placed for collection"),
        "closed": ("date closed", "closed", "closed date"),
        "last_payment": ("date of last payment", "last payment", "last payment date",
                         "last payment made"),
        "first_delinquency": ("date of first delinquency", "first delinquency", "dofd",
                              "date of 1st delinquency", "first reported delinquency",
                              "date of first delinquency (dofd)", "delinquency first reported"),
        "reported": ("date reported", "last reported", "date updated", "balance updated",
                     "reported", "last updated", "status updated", "as of"),
        "balance": ("balance", "current balance", "balance owed", "amount owed", "recent balance"),
        "credit_limit": ("credit limit", "limit"),
        "high_balance": ("high balance", "high credit", "highest balance", "original amount",
                         "original balance"),
        "past_due": ("past due", "amount past due", "past due amount"),
        "payment_history": ("payment history", "payment status history", "24-month history"),
        "remarks": ("remarks", "remark", "comments", "comment", "creditor remarks"),
        "original_creditor": ("original creditor", "original creditor name"),
        "removal_date": ("estimated date of removal", "on record until", "removal date",
                         "scheduled to be removed", "estimated removal date"),
    },
    "inquiry": {
        "who": ("inquirer", "company", "company name", "creditor", "name", "requested by",
                "inquiry by", "subscriber"),
        "on": ("date", "inquiry date", "date of inquiry", "date of request", "requested on",
               "inquired on"),
        "kind": ("type", "inquiry type", "kind"),
    },
    "public-record": {
        "kind": ("type", "record type", "public record type", "kind"),
        "court": ("court", "court name", "filed in"),
        "reference": ("reference number", "docket number", "case number", "reference", "docket"),
        "filed": ("date filed", "filed", "filing date", "filed on"),
        "resolved": ("date resolved", "resolved", "date discharged", "discharged",
                     "date satisfied", "satisfied"),
        "status": ("status",),
        "amount": ("amount", "liability", "liabilities", "liability amount"),
        "removal_date": ("estimated date of removal", "on record until", "removal date",
                         "estimated removal date"),
    },
    "personal": {
        "name": ("name", "full name", "also known as", "aka", "other names", "name variation",
                 "name variations", "names", "name reported"),
        "address": ("address", "current address", "previous address", "former address",
                    "other address", "addresses", "other addresses", "previous addresses"),
        "employer": ("employer", "employers", "employment", "employer name"),
        "ssn": ("social security number", "ssn", "ssn variation", "social security numbers",
                "social security number variations"),
        "birth-date": ("date of birth", "year of birth", "dob", "birth date"),
        "phone": ("phone", "telephone", "phone number", "telephone number"),
        "reported": ("reported", "date reported", "first reported", "last reported"),
    },
}  # fmt: skip

_META: dict[str, tuple[str, ...]] = {
    "bureau": ("bureau", "credit bureau", "report from", "consumer reporting agency",
               "reporting agency"),
    "pulled": ("report date", "date of report", "date pulled", "date generated",
               "report generated", "prepared on", "report prepared on", "date of this report"),
    "obtained": ("obtained", "how obtained", "obtained from", "obtained through", "source"),
}  # fmt: skip

_STARTERS = {"account": "furnisher", "inquiry": "who", "public-record": "kind"}
_PAGE = re.compile(r"(page\s*)?\d+\s*(of|/)\s*\d+|page\s*\d+", re.IGNORECASE)
_BUREAUS = ("Equifax", "Experian", "TransUnion")
_RECORD_WORDS = re.compile(r"bankrupt|judgment|judgement|lien|chapter|foreclos|court", re.I)
_REMOVAL = re.compile(
    r"(?:scheduled to continue on record until|on record until|estimated date of removal"
    r"|estimated month and year this item will be removed)\s*:?\s*(.+)",
    re.IGNORECASE,
)
_PAIR = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9 #/'().&-]{0,60}?)\s*:\s*(.*)$")
_TRAILING_DATE = re.compile(
    r"^(.*?\S)\s+(\d{1,2}/\d{1,2}/\d{4}|\d{1,2}/\d{4}|\d{4}-\d{2}(?:-\d{2})?"
    r"|[A-Za-z]{3,9}\.?\s+(?:\d{1,2},?\s+)?\d{4})$"
)


def _clean(label: str) -> str:
    return " ".join(label.lower().replace("_", " ").split()).strip(" .")


def _lookup(table: dict[str, tuple[str, ...]], label: str) -> str | None:
    return next((name for name, labels in table.items() if label in labels), None)


def _known_labels() -> re.Pattern[str]:
    labels = {x for table in (*_LABELS.values(), _META) for group in table.values() for x in group}
    words = "|".join(
        re.escape(x).replace(r"\ ", r"\s+") for x in sorted(labels, key=len, reverse=True)
    )
    return re.compile(rf"(?:^|(?<=\s))(?:{words})\s*:", re.IGNORECASE)


_KNOWN = _known_labels()


def _pairs(line: str) -> list[tuple[str, str]] | None:
    """'Label: value', or several on one line ("Date opened: 01/2020 Balance: $500")."""
    starts = [m.start() for m in _KNOWN.finditer(line)]
    if len(starts) > 1 and starts[0] == 0:
        chunks = [line[a:b] for a, b in zip(starts, [*starts[1:], len(line)], strict=True)]
        return [(_clean(m[1]), m[2].strip()) for c in chunks if (m := _PAIR.match(c))]
    m = _PAIR.match(line)
    return [(_clean(m[1]), m[2].strip())] if m else None


@dataclass
class _Block:
    section: str
    entries: list[Entry] = field(default_factory=list)
    from_bare_line: bool = False

    def names(self) -> set[str]:
        return {e.name for e in self.entries}

    def only_name(self) -> bool:
        """Started by a line on its own and nothing added since (inquiries carry their kind)."""
        return self.from_bare_line and len(self.entries) == 1 + (self.section == "inquiry")


@dataclass
class _State:
    section: str | None = None
    inquiry_kind: str = "hard"
    blocks: list[_Block] = field(default_factory=list)
    meta: dict[str, Entry] = field(default_factory=dict)
    understood: list[Understood] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)

    @property
    def current(self) -> _Block | None:
        return self.blocks[-1] if self.blocks else None

    def add(self, name: str, value: object, line: int, text: str) -> None:
        section = self.section or ""
        entry = Entry(name, value, line, text)
        if section == "personal":
            self._add_personal(entry)
            return
        block, starter = self.current, _STARTERS[section]
        lists = ("remarks", "payment_history")
        if block is None or block.section != section:
            self.blocks.append(_Block(section, [entry]))
        elif section == "inquiry" and name == "kind":  # a "Type:" line overrides the heading's
            block.entries = [e for e in block.entries if e.name != "kind"] + [entry]
        elif name == starter and block.from_bare_line and block.only_name():
            # "MIDLAND CREDIT" then "Account Name: MIDLAND CREDIT": one item, named by the label
            block.entries = [entry] + [e for e in block.entries if e.name == "kind"]
            block.from_bare_line = False
        elif name == starter or (name in block.names() and name not in lists):
            self.blocks.append(_Block(section, [entry]))
        else:
            block.entries.append(entry)

    def _add_personal(self, entry: Entry) -> None:
        if entry.name == "reported":
            block = self.current
            if block is not None and block.section == "personal":
                block.entries.append(entry)
            else:
                self.unread.append(Unread(entry.line, entry.text, "a date with nothing to go with"))
            return
        self.blocks.append(
            _Block(
                "personal",
                [
                    Entry("kind", entry.name, entry.line, entry.text),
                    Entry("value", entry.raw, entry.line, entry.text),
                ],
            )
        )


def read_text_bytes(data: bytes) -> ImportResult:
    return read_text(decode(data))


def read_text(text: str) -> ImportResult:
    state = _State()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line:
            _read_line(state, number, line)
    return _finish(state)


def _heading(line: str) -> tuple[str, str | None] | None:
    cleaned = _clean(line.rstrip(":"))
    for pattern, section, kind in _HEADINGS:
        if re.fullmatch(pattern, cleaned):
            return section, kind
    return None


def _read_line(state: _State, number: int, line: str) -> None:
    if _PAGE.fullmatch(line):  # page headers must not start a new item mid-account
        state.unread.append(Unread(number, line, "a page number"))
        return
    if (heading := _heading(line)) is not None:
        state.section, kind = heading
        state.inquiry_kind = kind or state.inquiry_kind
        return
    block = state.current
    if (
        (m := _REMOVAL.search(line))
        and block is not None
        and block.section == state.section
        and state.section in ("account", "public-record")
    ):
        state.add("removal_date", m[1], number, line)
        return
    pairs = _pairs(line)
    if pairs is None:
        _bare_line(state, number, line)
        return
    for label, value in pairs:
        _labelled(state, number, line, label, value)


def _labelled(state: _State, number: int, line: str, label: str, value: str) -> None:
    name = _lookup(_LABELS[state.section], label) if state.section else None
    if name is None:
        meta = _lookup(_META, label)
        if meta is not None:
            state.meta[meta] = Entry(meta, value, number, line)
            return
        if state.section in (None, "personal"):
            _bare_line(state, number, line)
            return
        where = "in this section"
        state.unread.append(Unread(number, line, f"we do not read {label!r} {where}"))
        return
    if name == "payment_history":
        state.add(name, [c for c in re.split(r"[\s,]+", value) if c], number, line)
    elif state.section == "inquiry" and name == "kind":
        state.add(name, _inquiry_kind(value), number, line)
    else:
        state.add(name, value, number, line)
    if state.section == "inquiry" and name == "who":
        state.add("kind", state.inquiry_kind, number, line)


def _inquiry_kind(value: str) -> str:
    return "soft" if re.search(r"soft|promotional|review|only by you", value, re.I) else "hard"


def _bare_line(state: _State, number: int, line: str) -> None:
    if state.section is None or state.section == "personal":
        if "bureau" not in state.meta and (b := _bureau_in(line)):
            state.meta["bureau"] = Entry("bureau", b, number, line)
            return
        state.unread.append(Unread(number, line, "no label, so we could not tell what it is"))
        return
    starter = _STARTERS[state.section]
    if state.section == "public-record" and not _RECORD_WORDS.search(line):
        state.unread.append(Unread(number, line, "not a kind of public record we know"))
        return
    if state.section == "inquiry" and (m := _TRAILING_DATE.match(line)):
        try:
            parse_date(m[2])
        except ValueError:
            pass
        else:
            state.blocks.append(
                _Block(
                    "inquiry", [Entry("who", m[1], number, line), Entry("on", m[2], number, line)]
                )
            )
            state.add("kind", state.inquiry_kind, number, line)
            return
    state.blocks.append(_Block(state.section, [Entry(starter, line, number, line)], True))
    if state.section == "inquiry":
        state.add("kind", state.inquiry_kind, number, line)


def _bureau_in(line: str) -> str | None:
    return next((b for b in _BUREAUS if b.lower() in line.lower().replace(" ", "")), None)


def _finish(state: _State) -> ImportResult:
    groups: dict[str, list] = {name: [] for name in SECTION_LIST_NAMES.values()}
    understood, unread = list(state.understood), list(state.unread)
    for block in state.blocks:
        if block.only_name():
            entry = block.entries[0]
            unread.append(Unread(entry.line, entry.text, "a line on its own with no details"))
            continue
        item, ok, bad = build_item(block.section, block.entries)
        understood += ok
        unread += bad
        if item is not None:
            groups[SECTION_LIST_NAMES[block.section]].append(item)
    meta: dict[str, object] = {}
    for name, entry in state.meta.items():
        try:
            value = parse_date(str(entry.raw)) if name == "pulled" else str(entry.raw).strip()
        except ValueError as error:
            unread.append(Unread(entry.line, entry.text, str(error)))
            continue
        meta[name] = value or None
        understood.append(Understood(entry.line, entry.text, f"report.{name}", str(value)))
    report = Report(meta.get("bureau"), meta.get("pulled"), meta.get("obtained"),  # type: ignore[arg-type]
                    **{k: tuple(v) for k, v in groups.items()})  # fmt: skip
    understood.sort(key=lambda u: u.line or 0)
    unread.sort(key=lambda u: u.line or 0)
    return ImportResult(report, tuple(understood), tuple(unread))
