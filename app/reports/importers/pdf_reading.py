"""What the three bureau PDF readers share: label vocabularies, label/value pairs found by the
places of words, the tally of every line (read, skipped on purpose, or not understood), items
built from the values read, and the payment-history grid turned into monthly codes.

Every reader returns an ImportResult whose Understood and Unread entries carry the line number
(through the whole document) and the page, so the preview can show where each value came from.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from app.messages import M, Message
from app.reports.importers import (
    Entry,
    ImportResult,
    Understood,
    Unread,
    build_item,
    parse_date,
    why,
)
from app.reports.importers.pdf_layout import Cell, Document, Line, Word
from app.reports.model import SECTION_LIST_NAMES, Report


@dataclass(frozen=True)
class Layout:
    """One bureau's report layout: how sure we are a document has it, and its reader."""

    name: str
    bureau: str
    detect: Callable[[Document], int]  # a score; at least `threshold` means "this layout"
    read: Callable[[Document], ImportResult]
    threshold: int = 3
    needs_marks: bool = False  # the reader looks at small drawings (tick images in a grid)


def norm(text: str) -> str:
    """Lower case, letters and digits only, single spaces: how labels are compared."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def is_upper(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


# ---- labels and values --------------------------------------------------------------------


class Vocabulary:
    """Printed labels (with their synonyms) -> field names. Kept as data in each reader."""

    def __init__(self, table: dict[str, tuple[str, ...]]):
        self.fields = {norm(label): name for name, labels in table.items() for label in labels}
        self.capitals = {norm(x) for labels in table.values() for x in labels if x.isupper()}
        self.longest = max(len(label.split()) for label in self.fields)

    def match(self, words: list[Word]) -> tuple[int, str] | None:
        """The longest label at the start of `words`: (number of words, field name)."""
        if not words:
            return None
        upper = is_upper(words[0].text)  # values are upper case, labels are not ("AKA" is)
        for n in range(min(self.longest, len(words)), 0, -1):
            key = norm(" ".join(w.text for w in words[:n]))
            name = self.fields.get(key)
            if name is not None and (not upper or key in self.capitals):
                return n, name
        return None

    def close(self, text: str) -> str | None:
        """A label spelled a little differently ("Date of 1st Delinquency")."""
        key = norm(text)
        if len(key) < 6:
            return None
        found = difflib.get_close_matches(key, list(self.fields), n=1, cutoff=0.88)
        return self.fields[found[0]] if found else None


@dataclass
class Pair:
    label: str  # as printed
    name: str | None  # the field, or None for a label we do not know
    value: list[Word] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.value)

    @property
    def x0(self) -> float:
        return self.value[0].x0 if self.value else 0.0

    @property
    def x1(self) -> float:
        return self.value[-1].x1 if self.value else 0.0


def pairs(
    line: Line, vocab: Vocabulary, *, label_bold: bool | None = None, gap: float | None = None
) -> tuple[list[Pair], list[Cell]]:
    """The label/value pairs on a line, and the cells before the first label.

    A label starts a cell (labels are left-aligned with space before them); the words after it,
    in the same cell or the next ones, are its value until the next label. When the layout sets
    labels in their own weight (`label_bold`: True for bold labels, False for bold values), a cell
    is also cut where that weight starts again, and a cell in the label weight that is not in the
    vocabulary is kept as an unknown label, so it is listed as unread, never read as a value.
    """
    found: list[Pair] = []
    before: list[Cell] = []
    for cell in _runs(line.cells(gap), label_bold):
        words = list(cell.words)
        hit = vocab.match(words)
        if hit is None and label_bold is not None and words[0].bold == label_bold:
            n = next((i for i, w in enumerate(words) if w.bold != label_bold), len(words))
            hit = (n, vocab.close(" ".join(w.text for w in words[:n])))  # type: ignore[assignment]
        if hit is not None:
            n, name = hit
            found.append(Pair(" ".join(w.text for w in words[:n]), name, words[n:]))
        elif found:
            found[-1].value.extend(words)
        else:
            before.append(cell)
    return found, before


def _runs(cells: list[Cell], label_bold: bool | None) -> list[Cell]:
    """Cut cells where the label weight starts again after a value ("$1,480 Balance")."""
    if label_bold is None:
        return cells
    out: list[Cell] = []
    for cell in cells:
        run = [cell.words[0]]
        for before, word in zip(cell.words, cell.words[1:], strict=False):
            if word.bold == label_bold and before.bold != label_bold:
                out.append(Cell(tuple(run)))
                run = []
            run.append(word)
        out.append(Cell(tuple(run)))
    return out


# ---- the tally of lines -------------------------------------------------------------------


# The kinds of page furniture (pdf_layout.Line.noise, stored as English codes) as messages.
FURNITURE = {
    "page footer (page number)": M("page footer (page number)"),
    "browser header (date and title of the printed page)": M("browser header (date and title of the printed page)"),
    "running header or footer (repeated on every page)": M("running header or footer (repeated on every page)"),
}

# What a report's summary counts, in the words of the check that compares them with what we read.
COUNTED = {"accounts": M("accounts"), "hard inquiries": M("hard inquiries"), "public records": M("public records"),
           "inquiries": M("inquiries"), "collections": M("collections")}  # fmt: skip


class Tally:
    """What became of each body line: read into a value, skipped on purpose, or not read.

    Lines nobody claimed are listed as unread at the end, so nothing is dropped silently.
    Runs of lines skipped for the same reason (an explanation, a legend, a history table) are
    listed as one entry naming how many lines it covers.
    """

    def __init__(self, doc: Document):
        self.doc = doc
        self.used: set[int] = set()
        self.skipped: dict[int, Message] = {}
        self.extra: list[Unread] = []
        self.prose_numbers = prose_lines(doc.body())

    def prose(self, line: Line) -> bool:
        """Is this line part of the bureau's explanations (sentences, not data)?"""
        return line.number in self.prose_numbers

    def use(self, *lines: Line | None) -> None:
        self.used.update(line.number for line in lines if line is not None)

    def skip(self, lines: Iterable[Line], reason: Message) -> None:
        for line in lines:
            if line.number not in self.used:
                self.skipped.setdefault(line.number, reason)

    def unread(self, line: Line, reason: Message, text: str | None = None) -> None:
        self.used.add(line.number)
        self.extra.append(Unread(line.number, text or line.text, reason, line.page))

    def result(self, default: Message = M("we could not tell what this line is")) -> list[Unread]:  # noqa: B008
        out = [*self.extra, *furniture(self.doc)]
        run: list[Line] = []
        run_reason: Message | None = None
        for line in self.doc.body():
            if line.number in self.used:
                continue
            reason = self.skipped.get(line.number, default)
            if run and (reason != run_reason or reason == default or line.number != run[-1].number + 1):
                out.append(_collapsed(run, run_reason))
                run = []
            run.append(line)
            run_reason = reason
        if run:
            out.append(_collapsed(run, run_reason))
        return sorted(out, key=lambda u: u.line or 0)



def furniture(doc: Document) -> list[Unread]:
    """One entry per kind of page furniture (saying on how many pages), and the warnings about
    the file itself (pages missing)."""
    seen: dict[str, list[Line]] = {}
    for line in doc.lines:
        if line.noise:
            seen.setdefault(line.noise, []).append(line)
    out = []
    for reason, lines in seen.items():
        pages = len({line.page for line in lines})
        out.append(Unread(lines[0].number, lines[0].text,
                          M("%(what)s, on %(pages)s page(s): not report data",
                            what=FURNITURE.get(reason, reason), pages=pages), lines[0].page))  # fmt: skip
    out += [Unread(line, "", M("a problem with the file itself: %(problem)s", problem=message), doc.page_of(line))
            for line, message in doc.warnings]  # fmt: skip
    return out


def _collapsed(run: list[Line], reason: Message) -> Unread:
    first = run[0]
    if len(run) == 1:
        return Unread(first.number, first.text, reason, first.page)
    return Unread(first.number, first.text, reason, first.page, to_line=run[-1].number)


# ---- items --------------------------------------------------------------------------------


@dataclass
class Draft:
    """The values read for one item so far, each with the line it came from."""

    section: str
    line: Line
    entries: list[Entry] = field(default_factory=list)

    def add(self, name: str, raw: object, line: Line, text: str | None = None) -> None:
        if raw is None or raw == "" or raw == ():
            return
        if name not in ("remarks", "contact_address", "payment_history", "other_dates"):
            self.entries = [e for e in self.entries if e.name != name]
        self.entries.append(Entry(name, raw, line.number, text or line.text))

    def has(self, name: str) -> bool:
        return any(e.name == name for e in self.entries)

    def get(self, name: str) -> object:
        return next((e.raw for e in reversed(self.entries) if e.name == name), None)


def finish(doc: Document, tally: Tally, *, bureau: str, pulled: tuple[str, Line] | None,
           drafts: list[Draft]) -> ImportResult:  # fmt: skip
    """Build the items, the report and the lists of what was and was not understood."""
    groups: dict[str, list] = {name: [] for name in SECTION_LIST_NAMES.values()}
    understood: list[Understood] = []
    unread: list[Unread] = tally.result()
    for draft in drafts:  # an item printed twice is kept twice: a duplicate is worth disputing
        item, ok, bad = build_item(draft.section, draft.entries, draft.line.text)
        unread += [replace(u, page=doc.page_of(u.line)) for u in bad]
        if item is None:
            continue
        understood += [replace(u, page=doc.page_of(u.line)) for u in ok]
        groups[SECTION_LIST_NAMES[draft.section]].append(item)
    pulled_date = None
    if pulled is not None:
        raw, line = pulled
        try:
            pulled_date = parse_date(raw)
        except ValueError as error:
            unread.append(Unread(line.number, line.text, why(error), line.page))
        else:
            understood.append(Understood(line.number, line.text, "report.pulled",
                                         str(pulled_date), None, line.page))  # fmt: skip
    report = Report(bureau=bureau, pulled=pulled_date,
                    **{k: tuple(v) for k, v in groups.items()})  # fmt: skip
    understood.sort(key=lambda u: u.line or 0)
    unread.sort(key=lambda u: u.line or 0)
    return ImportResult(report, tuple(understood), tuple(unread))


# ---- values -------------------------------------------------------------------------------

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
MONEY = re.compile(r"-?\$\s?\d[\d,]*(?:\.\d{1,2})?")
PHONE = re.compile(r"^\(?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}$")
_BLANKS = {"", "-", "--", "---", "—", "n/a", "none"}


def blank(text: str) -> bool:
    return text.replace(" ", "").lower() in _BLANKS


def us_dates(text: str) -> list[str]:
    """Every MM/DD/YYYY date in the text, as YYYY-MM-DD, in the order printed."""
    out = []
    for m in DATE.finditer(text):
        try:
            out.append(date(int(m[3]), int(m[1]), int(m[2])).isoformat())
        except ValueError:
            continue
    return out


def month_of(text: str) -> tuple[int, int] | None:
    """(year, month) from "Mar 2024", "March 2024", "03/2024"."""
    if m := re.fullmatch(r"([A-Za-z]{3,9})\.?\s+(\d{4})", text.strip()):
        name = m[1][:3].lower()
        return (int(m[2]), MONTHS.index(name) + 1) if name in MONTHS else None
    if m := re.fullmatch(r"(\d{1,2})/(\d{4})", text.strip()):
        return (int(m[2]), int(m[1])) if 1 <= int(m[1]) <= 12 else None
    return None


def history(codes: dict[tuple[int, int], str]) -> tuple[tuple[str, ...], date | None]:
    """Monthly codes keyed by (year, month) -> most recent first, one per month, and the month
    of the first code. A month inside the span with no code is "-"."""
    if not codes:
        return (), None
    newest, oldest = max(codes), min(codes)
    out = []
    year, month = newest
    while (year, month) >= oldest:
        out.append(codes.get((year, month), "-"))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return tuple(out), date(newest[0], newest[1], 1)


_STREET_END = re.compile(
    r"^(.*?\b(?:P\.?\s?O\.?\s+BOX\s+\d+|\d+\S*\s+.*?\b(?:ST|STREET|AVE|AVENUE|RD|ROAD|WAY|DR|DRIVE"
    r"|LN|LANE|BLVD|PKWY|PARKWAY|PL|PLACE|PLZ|PLAZA|CT|COURT|CIR|HWY|SQ|TER|TRL|CTR|CENTER)\b)"
    r"(?:[\s,]+(?:SUITE|STE|UNIT|APT|FL|FLOOR|RM|BLDG|#)\s*[\w-]+)?(?:[\s,]+\d+(?:ST|ND|RD|TH)"
    r"\s+FLOOR)?),?\s+(.+,\s*[A-Z]{2}\s+\d{5}(?:-\d{4})?)$",
    re.IGNORECASE,
)


def address_lines(text: str) -> tuple[str, ...]:
    """One printed address line split into street and city lines where that is clear."""
    text = " ".join(text.replace(",", ", ").split()).replace(" ,", ",")
    if m := _STREET_END.match(text):
        return (m[1].strip(" ,"), m[2].strip())
    return (text,)


# ---- tables -------------------------------------------------------------------------------


def columns(line: Line, names: dict[str, str]) -> dict[str, float]:
    """A table's header line -> {column: left edge}, for the header cells named in `names`
    (printed header -> column name)."""
    wanted = {norm(k): v for k, v in names.items()}
    return {wanted[norm(c.text)]: c.x0 for c in line.cells() if norm(c.text) in wanted}


def by_column(line: Line, edges: dict[str, float], slack: float = 4.0) -> dict[str, str]:
    """The text of a table row per column: each word goes to the last column starting left of it."""
    order = sorted(edges.items(), key=lambda kv: kv[1])
    out: dict[str, list[str]] = {}
    for word in line.words:
        name = order[0][0]
        for column, x in order:
            if word.x0 + slack >= x:
                name = column
        out.setdefault(name, []).append(word.text)
    return {k: " ".join(v) for k, v in out.items()}


def nearest(x: float, centres: dict, limit: float):
    """The key of the centre nearest to x, if it is within `limit`."""
    key, centre = min(centres.items(), key=lambda kv: abs(kv[1] - x))
    return key if abs(centre - x) <= limit else None


def _lower_share(line: Line) -> float:
    letters = [c for c in line.text if c.isalpha()]
    return sum(c.islower() for c in letters) / len(letters) if letters else 0.0


def prose_lines(lines: list[Line]) -> set[int]:
    """The lines of the bureau's explanations rather than data: sentences of mostly lower-case
    words, and the short last lines of those paragraphs."""
    out: set[int] = set()
    previous: Line | None = None
    for line in lines:
        tail = (  # the short last line of a paragraph, right under it
            previous is not None
            and previous.number in out
            and line.page == previous.page
            and abs(line.x0 - previous.x0) < 3
            and line.top - previous.bottom < 0.6 * line.height
        )
        if _lower_share(line) > 0.5 and (len(line.words) >= 6 or tail):
            out.add(line.number)
        previous = line
    return out
