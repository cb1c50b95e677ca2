"""A 3-bureau monitoring report saved from the browser (IdentityIQ / MyScoreIQ, "Save page as"):
one report per bureau column (TransUnion, Experian, Equifax).

The page is parsed with selectolax (the Lexbor HTML5 parser): HTML5 parsing has no external
entities or DTDs, and nothing is fetched (no images, styles or scripts are loaded). The page's
shape is described in shared/reference/report-layouts.md §5: 4-column tables whose first row names
the bureaus (th classes headerTUC / headerEXP / headerEQF give the column order), then rows of a
label cell and one cell per bureau. A cell of "-" means that bureau does not report the item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from app.messages import M
from app.reports.importers import (
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
from app.reports.importers import labels as vocab
from app.reports.model import SECTION_LIST_NAMES, Report
from app.reports.values import BLANK, Ambiguous, read_date

# Limits (design choices): a saved 3-bureau page is well under 5 MB; past these it is not one.
MAX_BYTES = 12 * 1024 * 1024
MAX_TABLES = 3000
COLUMN_CLASSES = {"headerTUC": "TransUnion", "headerEXP": "Experian", "headerEQF": "Equifax"}
_HISTORY_CLASSES = {"hstry-ok": "OK", "hstry-co": "CO", "hstry-unknown": "ND"}
_ORIGINAL_CREDITOR = re.compile(r"original creditor:?\s+(.+?)\s*(?:;|$)", re.IGNORECASE)


@dataclass
class _Bureau:
    name: str
    meta: dict[str, Entry] = field(default_factory=dict)
    blocks: list[tuple[str, list[Entry]]] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)


def read_html(data: bytes, *, country: str | None = None) -> tuple[ImportResult, ...]:
    if len(data) > MAX_BYTES:
        raise ImportError_(M("This web page is too large to be one credit report"))
    tree = LexborHTMLParser(decode(data))
    tables = tree.css("table.rpt_table4column")
    if not tables or len(tables) > MAX_TABLES:
        raise ImportError_(
            M("This web page is not a 3-bureau report we know (IdentityIQ or MyScoreIQ). Save the "
            "report page itself, or paste its text")
        )
    bureaus = {name: _Bureau(name) for name in COLUMN_CLASSES.values()}
    contacts = _contacts(tree)
    for wrapper in tree.css("div.rpt_content_wrapper"):
        title = _text(wrapper.css_first("div.rpt_fullReport_header"))
        section = _section(title)
        if section == "personal":
            _personal(wrapper, bureaus)
        elif section == "account":
            _accounts(wrapper, bureaus, contacts)
        elif section == "public-record":
            _public_records(wrapper, bureaus)
        elif section == "inquiry":
            _inquiries(wrapper, bureaus)
    results = [_result(b, country) for b in bureaus.values()]
    return tuple(r for r in results if r.report.items())


def _text(node: LexborNode | None, separator: str = " ") -> str:
    if node is None:
        return ""
    return " ".join((node.text(separator=separator) or "").replace("\xa0", " ").split(" ")).strip()


def _lines(node: LexborNode) -> list[str]:
    return [" ".join(p.split()) for p in (node.text(separator="\n") or "").split("\n") if p.strip()]


def _section(title: str) -> str | None:
    key = vocab.label_key(title)
    if key.startswith("personal"):
        return "personal"
    if key in ("account history", "accounts", "tradelines"):
        return "account"
    if key.startswith("public"):
        return "public-record"
    if key.startswith("inquir"):
        return "inquiry"
    return None  # credit score, summary, creditor contacts: not report items


def _columns(table: LexborNode) -> list[str | None]:
    """The bureau of each value column, from the header cells' classes."""
    header = table.css_first("tr")
    cells = header.css("th") if header is not None else []
    out = []
    for cell in cells[1:]:
        classes = (cell.attributes.get("class") or "").split()
        out.append(next((COLUMN_CLASSES[c] for c in classes if c in COLUMN_CLASSES), None))
    return out


def _rows(table: LexborNode) -> list[tuple[str, list[LexborNode]]]:
    """(label, value cells) for each row with a label cell."""
    out = []
    for row in table.css("tr"):
        label = row.css_first("td.label")
        if label is not None:
            out.append((_text(label).rstrip(":").strip(), row.css("td.info")))
    return out


def _blank(value: str) -> bool:
    return value.strip().lower() in BLANK


# ---- sections -------------------------------------------------------------------------------

def _personal(wrapper: LexborNode, bureaus: dict[str, _Bureau]) -> None:
    for table in wrapper.css("table.rpt_table4column"):
        columns = _columns(table)
        for label, cells in _rows(table):
            for bureau, cell in zip(columns, cells, strict=False):
                if bureau is None:
                    continue
                lines = _lines(cell)
                text = f"{label}: {' / '.join(lines)} ({bureau})"
                if not lines or _blank(" ".join(lines)):
                    continue
                if vocab.report_field(label) == "pulled":
                    bureaus[bureau].meta["pulled"] = Entry("pulled", lines[0], None, text)
                    continue
                kind = vocab.field_for("personal", label)
                if kind is None or kind == "reported":
                    if not vocab.is_unused("personal", label):
                        bureaus[bureau].unread.append(Unread(None, text, M("not a detail we read")))
                    continue
                entries = [Entry("kind", kind, None, text)]
                if kind == "address" and len(lines) > 1 and _is_date(lines[-1]):
                    entries.append(Entry("reported", lines[-1], None, text))
                    lines = lines[:-1]
                entries.append(Entry("value", ", ".join(lines), None, text))
                bureaus[bureau].blocks.append(("personal", entries))


def _accounts(wrapper: LexborNode, bureaus: dict[str, _Bureau], contacts: dict) -> None:
    for name_node in wrapper.css("div.sub_header"):
        name = _text(name_node)
        holder = name_node.next
        while holder is not None and holder.tag in ("-text", "#text", "-comment"):
            holder = holder.next
        if holder is None or holder.tag != "table" or "crPrint" not in (
                holder.attributes.get("class") or ""):  # a sub-heading that is no account
            continue
        table = holder.css_first("table.rpt_table4column")
        if table is None:
            continue
        history = _history(holder.css_first("table.addr_hsrty"))
        columns = _columns(table)
        rows = _rows(table)
        for index, bureau in enumerate(columns):
            if bureau is None:
                continue
            entries = _account_entries(name, bureau, rows, index)
            if entries is None:  # every cell "-": not at this bureau
                continue
            entries += _extras(name, bureau, entries, history.get(bureau), contacts.get(
                vocab.label_key(name)))
            bureaus[bureau].blocks.append(("account", entries))


def _account_entries(name: str, bureau: str, rows, index: int) -> list[Entry] | None:
    entries = [Entry("furnisher", name, None, f"{name} ({bureau})")]
    statuses: list[str] = []
    present = False
    for label, cells in rows:
        value = _text(cells[index]) if index < len(cells) else ""
        if _blank(value):
            continue
        present = True
        text = f"{name} · {label}: {value} ({bureau})"
        field_name = vocab.field_for("account", label)
        if field_name == "status":
            statuses.append(value)
        elif field_name is not None and field_name != "reported_by":
            entries.append(Entry(field_name, value, None, text))
        elif not vocab.is_unused("account", label):
            entries.append(Entry(f"?{label}", value, None, text))
    if not present:
        return None
    if statuses:  # "Account Status" (Open, Closed, Derogatory) and "Payment Status" (Late 30 Days)
        text = f"{name} · status: {'; '.join(statuses)} ({bureau})"
        entries.append(Entry("status", "; ".join(dict.fromkeys(statuses)), None, text))
    return entries


def _extras(name: str, bureau: str, entries: list[Entry], history: list[str] | None,
            contact: tuple[tuple[str, ...], str] | None) -> list[Entry]:
    """What the page says outside the account's rows: the payment grid, the original creditor
    named in the comments of a collection, and the creditor's address from the contacts table."""
    out = []
    if history:
        out.append(Entry("payment_history", history, None, f"{name} · payment history ({bureau})"))
    names = {e.name for e in entries}
    for e in entries:
        if e.name == "remarks" and "original_creditor" not in names and (
                m := _ORIGINAL_CREDITOR.search(str(e.raw))):
            out.append(Entry("original_creditor", m[1], None, e.text))
    if contact is not None:
        out.append(Entry("contact_name", name, None, f"{name} (Creditor Contacts)"))
        address, phone = contact
        out.append(Entry("contact_address", list(address), None,
                         f"{name} · {' / '.join(address)} (Creditor Contacts)"))
        if phone:
            out.append(Entry("contact_phone", phone, None, f"{name} · {phone} (Creditor Contacts)"))
    return out


def _history(table: LexborNode | None) -> dict[str, list[str]]:
    """Bureau -> monthly codes, most recent first (the page shows oldest first)."""
    if table is None:
        return {}
    out = {}
    for row in table.css("tr"):
        label = _text(row.css_first("td.label"))
        if label not in COLUMN_CLASSES.values():
            continue
        codes = [_code(cell) for cell in row.css("td.info")][::-1]
        while codes and codes[-1] == "ND":  # months before the account was reported
            codes.pop()
        out[label] = codes
    return out


def _code(cell: LexborNode) -> str:
    text = _text(cell).upper()
    if text:
        return text
    classes = (cell.attributes.get("class") or "").split()
    return next((_HISTORY_CLASSES[c] for c in classes if c in _HISTORY_CLASSES), "ND")


def _public_records(wrapper: LexborNode, bureaus: dict[str, _Bureau]) -> None:
    for table in wrapper.css("table.rpt_table4column"):
        columns = _columns(table)
        rows = _rows(table)
        for index, bureau in enumerate(columns):
            if bureau is None:
                continue
            entries = []
            for label, cells in rows:
                value = _text(cells[index]) if index < len(cells) else ""
                if _blank(value) or value.lower() == "none reported":
                    continue
                field_name = vocab.field_for("public-record", label)
                text = f"{label}: {value} ({bureau})"
                entries.append(Entry(field_name or f"?{label}", value, None, text))
            if entries:
                bureaus[bureau].blocks.append(("public-record", entries))


def _inquiries(wrapper: LexborNode, bureaus: dict[str, _Bureau]) -> None:
    """Rows of name | type of business | date | bureau. A monitoring page lists only the
    inquiries lenders can see, so every one is a hard inquiry."""
    for row in wrapper.css("tr"):
        cells = row.css("td.info")
        if len(cells) < 4:
            continue
        who, business, on, bureau = (_text(c) for c in cells[:4])
        found = vocab.bureaus_in(bureau)
        text = f"{who} · {business} · {on} ({bureau})"
        if not found:
            continue
        bureaus[found[0]].blocks.append(("inquiry", [
            Entry("who", who, None, text), Entry("on", on, None, text),
            Entry("kind", "hard", None, text)]))


def _contacts(tree: LexborHTMLParser) -> dict[str, tuple[tuple[str, ...], str]]:
    """Creditor name (lookup form) -> (address lines, phone) from the "Creditor Contacts" table."""
    out = {}
    for row in tree.css("table.rpt_content_contacts tr"):
        cells = row.css("td")
        if len(cells) < 2:
            continue
        name, address = _text(cells[0]), _text(cells[1])
        phone = _text(cells[2]) if len(cells) > 2 else ""
        if name and address:
            out[vocab.label_key(name)] = (vocab.address_lines(address), phone)
    return out


def _is_date(raw: str) -> bool:
    try:
        return read_date(raw, "US") is not None
    except ValueError:
        return False


# ---- one bureau's report --------------------------------------------------------------------

def _result(bureau: _Bureau, country: str | None) -> ImportResult:
    """IdentityIQ and MyScoreIQ are US services reporting the US bureaus: dates are MM/DD/YYYY
    unless the person chose another country."""
    where = country or "US"
    groups: dict[str, list] = {name: [] for name in SECTION_LIST_NAMES.values()}
    understood: list[Understood] = []
    unread = list(bureau.unread)
    questions: list[Question] = []
    for section, entries in bureau.blocks:
        known = [e for e in entries if not e.name.startswith("?")]
        unread += [Unread(None, e.text, M("we do not read %(label)s", label=repr(e.name[1:])))
                   for e in entries if e.name.startswith("?")]  # fmt: skip
        built = build(section, known, country=where)
        understood += built.understood
        unread += built.unread
        questions += built.questions
        if built.item is not None:
            groups[SECTION_LIST_NAMES[section]].append(built.item)
    pulled = None
    if (entry := bureau.meta.get("pulled")) is not None:
        try:
            pulled = read_date(str(entry.raw), where)
        except ValueError as error:
            unread.append(Unread(None, entry.text, why(error)))
        if isinstance(pulled, Ambiguous):
            questions.append(Question(None, entry.text, "report.pulled", pulled.raw,
                                      tuple(shown(c) for c in pulled.choices)))  # fmt: skip
            pulled = None
        elif pulled is not None:
            understood.insert(0, Understood(None, entry.text, "report.pulled", pulled.isoformat()))
    report = Report(bureau.name, pulled, "3-bureau report (web page)", country=country,
                    **{k: tuple(v) for k, v in groups.items()})  # fmt: skip
    return ImportResult(report, tuple(understood), tuple(unread), tuple(questions))
