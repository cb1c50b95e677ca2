"""Report text (pasted, taken out of a PDF, or recognised in a scan): the labelled layouts of
credit reports, whole or one account at a time.

A section heading ("Personal Information", "Accounts", "Collections", "Inquiries", "Public
Records") says what the lines below it describe. Text with no heading (a few accounts copied out
of a report) is read as accounts as soon as a line carries an account label. In the account,
inquiry and public-record sections a new item starts at a name line (a line without a label,
such as "MIDLAND CREDIT"), at a line such as "COLLECTION ACCOUNT", at a label naming the company
("Account Name:", "Creditor:"), or when a label comes back a second time. Labels and their
synonyms are in labels.py; how one line is split is in text_lines.py.

Accounts that say which bureau reports them ("Reported by: Experian") are grouped into one
report per bureau. Every line we skip is listed as unread, with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.messages import M
from app.reports.importers import (
    MAX_ITEMS,
    Entry,
    ImportError_,
    ImportResult,
    Unread,
    decode,
)
from app.reports.importers import labels as vocab
from app.reports.importers.text_lines import (
    Pair,
    fits,
    looks_like_name,
    name_entries,
    normalise,
    split_line,
)
from app.reports.importers.text_report import assemble
from app.reports.values import country_for, read_date

_STARTERS = {"account": "furnisher", "inquiry": "who", "public-record": "kind"}
_LISTS = ("remarks", "payment_history", "contact_address")
# "Page 2 of 7", "2 of 7", "2/7", "Page 2" (not "04/2018", which is a month), and a footer that
# ends in one ("JORDAN A SAMPLE | Dec 09, 2024 Page 11 of 33")
_PAGE = re.compile(r"(page\s*)?\d+\s*of\s*\d+|(page\s*)?\d{1,3}\s*/\s*\d{1,3}|page\s*\d+"
                   r"|.{0,80}\bpage\s*\d+\s*of\s*\d+", re.IGNORECASE)
_REMOVAL = re.compile(
    r"(?:scheduled to (?:continue on record|remain on file) until|on record until"
    r"|estimated date of removal|estimated month and year this item will be removed)\s*:?\s*(.+)",
    re.IGNORECASE,
)
_TRAILING_DATE = re.compile(
    r"^(.*?\S)\s+(\d{1,2}/\d{1,2}/\d{4}|\d{1,2}/\d{4}|\d{4}-\d{2}(?:-\d{2})?"
    r"|[A-Za-z]{3,9}\.?\s+(?:\d{1,2},?\s+)?\d{4})$"
)


@dataclass
class _Block:
    section: str
    entries: list[Entry] = field(default_factory=list)
    from_bare_line: bool = False
    bureaus: list[str] = field(default_factory=list)  # "Reported by: ..."
    labels: set[str] = field(default_factory=set)  # the labels seen, to notice one coming back

    def names(self) -> set[str]:
        return {e.name for e in self.entries}

    def only_name(self) -> bool:
        """Started by a line on its own and nothing added since (what that line carries, such as
        an inquiry's kind or a masked account number, comes from the same line)."""
        return self.from_bare_line and all(e.line == self.entries[0].line for e in self.entries)

    def wants_name(self) -> bool:
        """Started by "COLLECTION ACCOUNT" (or a label) and still without the company's name."""
        return self.section == "account" and "furnisher" not in self.names()


@dataclass
class _State:
    country: str | None = None  # chosen by the person (None: tell from the report)
    section: str | None = None
    inquiry_kind: str = "hard"
    blocks: list[_Block] = field(default_factory=list)
    meta: dict[str, Entry] = field(default_factory=dict)
    unread: list[Unread] = field(default_factory=list)
    pending: tuple[str, int, str] | None = None  # a label alone on its line, waiting for a value
    name_line: tuple[int, str] | None = None  # a bare line before any section: maybe a company
    last: str | None = None  # the field the previous line filled
    contact: bool = False  # under a "Contact" title: the lines are the company's address

    @property
    def current(self) -> _Block | None:
        return self.blocks[-1] if self.blocks else None

    def add(self, name: str, value: object, line: int, text: str, label: str = "") -> None:
        section = self.section or ""
        entry = Entry(name, value, line, text)
        self.last = name
        if section == "personal":
            self._add_personal(entry)
            return
        block, starter = self.current, _STARTERS[section]
        label = label or name
        if block is None or block.section != section:
            self.blocks.append(_Block(section, [entry], labels={label}))
        elif section == "inquiry" and name == "kind":  # a "Type:" line overrides the heading's
            block.entries = [e for e in block.entries if e.name != "kind"] + [entry]
        elif name == starter and block.from_bare_line and block.only_name():
            # "MIDLAND CREDIT" then "Account Name: MIDLAND CREDIT": one item, named by the label
            block.entries = [entry] + [e for e in block.entries if e.name != starter]
            block.from_bare_line = False
        elif name == starter and block.wants_name() and not block.from_bare_line:
            block.entries.insert(0, entry)
        elif name == starter or (label in block.labels and name not in _LISTS):
            # The same label a second time: the next item. (Two labels for one field, such as
            # Experian's "Original Balance" and "Highest Balance", stay in one item.)
            self.blocks.append(_Block(section, [entry], labels={label}))
        else:
            block.entries.append(entry)
            block.labels.add(label)

    def _add_personal(self, entry: Entry) -> None:
        if entry.name == "reported":
            block = self.current
            if block is not None and block.section == "personal":
                block.entries.append(entry)
            else:
                self.unread.append(Unread(entry.line, entry.text, M("a date with nothing to go with")))
            return
        self.blocks.append(_Block("personal", [Entry("kind", entry.name, entry.line, entry.text),
                                               Entry("value", entry.raw, entry.line, entry.text)]))  # fmt: skip

    def flush_name_line(self) -> None:
        if self.name_line is not None:
            number, text = self.name_line
            self.unread.append(Unread(number, text, M("no label, so we could not tell what it is")))
            self.name_line = None


def read_text_bytes(data: bytes, *, country: str | None = None) -> tuple[ImportResult, ...]:
    return read_text_reports(decode(data), country=country)


def read_text(text: str, *, country: str | None = None) -> ImportResult:
    """All of the text as one report (see read_text_reports for one report per bureau)."""
    state = _scan(text, country)
    named = {b for block in state.blocks for b in block.bureaus}
    bureau = _meta_bureau(state) or (named.pop() if len(named) == 1 else None)
    return _result(state, state.blocks, country_for(chosen=country, stated=_stated(state),
                                                    bureau=bureau, text=text), bureau)


def read_text_reports(text: str, *, country: str | None = None) -> tuple[ImportResult, ...]:
    """One report per bureau when the accounts say which bureau reports them, else one."""
    state = _scan(text, country)
    groups: dict[str | None, list[_Block]] = {}
    main = _meta_bureau(state)
    for block in state.blocks:
        for bureau in block.bureaus or [main]:
            groups.setdefault(bureau, []).append(block)
    if len(groups) <= 1:
        bureau = next(iter(groups), main)
        return (_result(state, state.blocks, country_for(chosen=country, stated=_stated(state),
                                                         bureau=bureau, text=text), bureau),)  # fmt: skip
    results = []
    for n, (bureau, blocks) in enumerate(groups.items()):
        where = country_for(chosen=country, stated=_stated(state), bureau=bureau, text=text)
        results.append(_result(state, blocks, where, bureau, shared=n == 0))
    return tuple(results)


_MAX_BLOCKS = MAX_ITEMS * 3  # pasted text may hold each of the three US bureaus' reports


def _scan(text: str, country: str | None) -> _State:
    state = _State(country=country)
    for number, raw in enumerate(text.splitlines(), start=1):
        line = normalise(raw)
        if line:
            _read_line(state, number, line)
        else:
            _end_of_value(state)
        if len(state.blocks) > _MAX_BLOCKS:  # stop early: the result would be refused anyway
            raise ImportError_(M("This text holds more than %(most)s items; a report can have at most "
                                 "%(most)s. Split it into smaller parts", most=MAX_ITEMS))
    _end_of_value(state)
    state.flush_name_line()
    return state


def _end_of_value(state: _State) -> None:
    state.pending = None
    state.last = None
    state.contact = False


def _heading(line: str) -> tuple[str, str | None] | None:
    cleaned = vocab.label_key(line)
    for pattern, section, kind in vocab.HEADINGS:
        if re.fullmatch(pattern, cleaned):
            return section, kind
    return None


def _read_line(state: _State, number: int, line: str) -> None:
    if _PAGE.fullmatch(line):  # page headers must not start a new item mid-account
        state.unread.append(Unread(number, line, M("a page number")))
        return
    if (heading := _heading(line)) is not None:
        if heading[0] == "account" and state.section is None:
            _implicit_accounts(state, number)  # "2.3 NORTHWIND ..." then "Account History"
        state.flush_name_line()
        _end_of_value(state)
        state.section, kind = heading
        state.inquiry_kind = kind or state.inquiry_kind
        return
    pairs = split_line(line, state.section)
    if state.pending is not None:
        label, at, text = state.pending
        state.pending = None
        if pairs is None and fits(state.section, Pair(label, line)):  # the label's value
            _labelled(state, at, f"{text} / {line}", label, line)
            return
    if _marker(state, number, line):
        return
    if _subheading(state, number, line):
        return
    state.contact = state.contact and pairs is None
    block = state.current
    if ((m := _REMOVAL.search(line)) and block is not None and block.section == state.section
            and state.section in ("account", "public-record")):  # fmt: skip
        state.add("removal_date", m[1], number, line)
        return
    if pairs is None:
        _bare_line(state, number, line)
    elif len(pairs) == 1 and pairs[0].alone:
        state.pending = (pairs[0].label, number, line)
    else:
        for pair in pairs:
            if pair.value:
                _labelled(state, number, line, pair.label, pair.value)


def _subheading(state: _State, number: int, line: str) -> bool:
    """"Account Info", "Contact" and other titles inside an account: not a company's name."""
    key = vocab.label_key(line)
    if key not in vocab.SUBHEADINGS or state.section not in (None, "account"):
        return False
    _end_of_value(state)
    state.contact = key in vocab.CONTACT_HEADINGS
    return True


def _marker(state: _State, number: int, line: str) -> bool:
    """"COLLECTION ACCOUNT" or "POTENTIALLY NEGATIVE" on its own line: an account starts here (or,
    right after a company's name, the line says what kind of account it is)."""
    key = vocab.label_key(line)
    if key not in vocab.ACCOUNT_MARKERS or state.section not in (None, "account"):
        return False
    kind = vocab.ACCOUNT_MARKERS[key]
    _implicit_accounts(state, number)
    block = state.current
    if block is not None and block.section == "account" and block.only_name():
        if kind:
            block.entries.append(Entry("account_type", kind, number, line))
        return True
    entries = [Entry("account_type", kind, number, line)] if kind else []
    state.blocks.append(_Block("account", entries))
    _end_of_value(state)
    return True


def _implicit_accounts(state: _State, number: int) -> None:
    """Text with no heading that turns out to be accounts: a company name held back from the line
    before becomes the first account's name."""
    if state.section is not None:
        return
    state.section = "account"
    if state.name_line is not None:
        at, text = state.name_line
        state.name_line = None
        state.blocks.append(_Block("account", name_entries(text, at), True))


def _labelled(state: _State, number: int, line: str, label: str, value: str) -> None:
    if state.section is None and (meta := vocab.report_field(label)) is not None:
        state.meta[meta] = Entry(meta, value, number, line)
        return
    name = vocab.field_for(state.section or "account", label)
    if name is not None and name != "reported_by" and state.section is None:
        _implicit_accounts(state, number)
    if name is None:
        _not_a_field(state, number, line, label, value)
    elif name == "reported_by":
        _reported_by(state, number, line, value)
    elif name == "payment_history":
        state.add(name, [c for c in re.split(r"[\s,|]+", value) if c], number, line)
    elif state.section == "inquiry" and name == "kind":
        state.add(name, _inquiry_kind(value), number, line, label)
    elif name == "contact_address":
        state.add(name, list(vocab.address_lines(value)), number, line, label)
    else:
        state.add(name, _unbracket(value), number, line, label)
    if state.section == "inquiry" and name == "who":
        state.add("kind", state.inquiry_kind, number, line)


def _not_a_field(state: _State, number: int, line: str, label: str, value: str) -> None:
    if (meta := vocab.report_field(label)) is not None:
        state.meta[meta] = Entry(meta, value, number, line)
        return
    if state.section in (None, "personal") and not vocab.is_unused(state.section or "account",
                                                                    label):  # fmt: skip
        _bare_line(state, number, line)
        return
    if vocab.is_unused(state.section or "account", label):
        state.unread.append(Unread(number, line, M("we do not keep %(label)s", label=repr(label))))
        return
    state.unread.append(Unread(number, line, M("we do not read %(label)s in this section", label=repr(label))))


def _reported_by(state: _State, number: int, line: str, value: str) -> None:
    found = vocab.bureaus_in(value)
    block = state.current
    if not found:
        state.unread.append(Unread(number, line, M("not a bureau we know")))
    elif block is None or block.section != "account":
        state.meta.setdefault("bureau", Entry("bureau", found[0], number, line))
    else:
        block.bureaus = list(dict.fromkeys([*block.bureaus, *found]))


def _unbracket(value: str) -> str:
    """TransUnion wraps adverse values in brackets: ">Charge-off<" is "Charge-off"."""
    return value[1:-1].strip() if value.startswith(">") and value.endswith("<") else value


def _inquiry_kind(value: str) -> str:
    return "soft" if re.search(r"soft|promotional|review|only by you", value, re.I) else "hard"


def _bare_line(state: _State, number: int, line: str) -> None:
    block = state.current
    in_account = block is not None and block.section == "account" and state.section == "account"
    if in_account and (state.contact or state.last == "contact_address") and _contact_line(
            block, number, line):  # type: ignore[arg-type]
        return
    state.contact = False
    if state.section is None or state.section == "personal":
        if "bureau" not in state.meta and (found := vocab.bureau_named(line)):
            state.meta["bureau"] = Entry("bureau", found, number, line)
            return
        if state.section is None and looks_like_name(line):
            state.flush_name_line()
            state.name_line = (number, line)
            return
        state.unread.append(Unread(number, line, M("no label, so we could not tell what it is")))
        return
    _item_name(state, number, line)


def _contact_line(block: _Block, number: int, line: str) -> bool:
    """A line of the company's contact details: its name, an address line or a phone."""
    names = {e.name for e in block.entries}
    if vocab.PHONE.match(line):
        block.entries.append(Entry("contact_phone", line, number, line))
        return True
    if vocab.ADDRESS_LINE.search(line):
        block.entries.append(Entry("contact_address", line.rstrip(","), number, line))
        return True
    if "contact_name" not in names and "contact_address" not in names and looks_like_name(line):
        block.entries.append(Entry("contact_name", line, number, line))
        return True
    return False


def _item_name(state: _State, number: int, line: str) -> None:
    section = state.section or "account"
    block = state.current
    if section in ("account", "inquiry") and not looks_like_name(line):
        state.unread.append(Unread(number, line, M("not a company's name, and no label")))
        return
    if section == "public-record" and not vocab.PUBLIC_RECORD_WORDS.search(line):
        state.unread.append(Unread(number, line, M("not a kind of public record we know")))
        return
    if section == "account" and block is not None and block.section == "account" \
            and block.wants_name() and not block.from_bare_line:
        block.entries[:0] = name_entries(line, number)
        block.from_bare_line = True
        return
    if section == "inquiry" and (m := _TRAILING_DATE.match(line)) and _is_date(m[2]):
        state.blocks.append(_Block("inquiry", [Entry("who", m[1], number, line),
                                               Entry("on", m[2], number, line)]))  # fmt: skip
        state.add("kind", state.inquiry_kind, number, line)
        return
    if section == "account":
        state.blocks.append(_Block(section, name_entries(line, number), True))
        return
    state.blocks.append(_Block(section, [Entry(_STARTERS[section], line, number, line)], True))
    if section == "inquiry":
        state.add("kind", state.inquiry_kind, number, line)


def _is_date(raw: str) -> bool:
    try:
        return read_date(raw, None) is not None
    except ValueError:
        return False


def _meta_bureau(state: _State) -> str | None:
    entry = state.meta.get("bureau")
    if entry is None:
        return None
    found = vocab.bureaus_in(str(entry.raw).replace(" ", ""))
    return found[0] if found else str(entry.raw).strip() or None


def _stated(state: _State) -> str | None:
    entry = state.meta.get("country")
    return str(entry.raw) if entry is not None else None


def _result(state: _State, blocks: list[_Block], country: str | None,
            bureau: str | None = None, *, shared: bool = True) -> ImportResult:
    """One report from some of the blocks. The lines that belong to no item (unread lines, the
    report's own details) go with the first report only (`shared`), so none is listed twice."""
    unread = list(state.unread) if shared else []
    items = []
    for block in blocks:
        if block.only_name():
            entry = block.entries[0]
            unread.append(Unread(entry.line, entry.text, M("a line on its own with no details")))
        else:
            items.append((block.section, block.entries))
    return assemble(items, meta=state.meta, unread=unread, country=country, chosen=state.country,
                    bureau=bureau)


__all__ = ["Pair", "read_text", "read_text_bytes", "read_text_reports"]
