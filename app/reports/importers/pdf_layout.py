"""The words of a PDF with their places on the page, grouped into the lines a person sees.

The bureau readers (equifax_pdf, experian_pdf, transunion_pdf) work on this, not on pdfium's text
order: Chrome-printed reports draw cards, grids and some labels after the text around them, so
the text stream puts a section title before the cards that sit above it. Sorting words by their
place on the page gives back the order a person reads. Lines are numbered through the whole
document (1, 2, ...) and keep their page, so the preview can point at them.

Running headers and footers (the bureau's own, and the date/title and URL/page lines a browser
adds when a person prints the page) are marked as noise, never silently dropped. A Document can
also be built from words that came from elsewhere (for example OCR word boxes) with from_words.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from app.messages import M, Message

TICK = "✓"  # what the bureaus' private-use tick glyphs (Experian U+E902) are read as
_TICKS = {"\ue902"}
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_SOFT_HYPHEN = {"\ufffe", "\u00ad"}


@dataclass(frozen=True, slots=True)
class Word:
    """One word and its box, in points from the top-left corner of its page."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    bold: bool = False

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class Cell:
    """Words of one line that sit together (a table cell, a label, a value)."""

    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def middle_x(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True, slots=True)
class Line:
    """One visual line: words at the same height, left to right."""

    number: int  # 1-based, through the whole document
    page: int  # 1-based
    words: tuple[Word, ...]
    noise: str | None = None  # why this is page furniture (header, footer), else None
    text: str = field(init=False, compare=False)
    top: float = field(init=False, compare=False)
    bottom: float = field(init=False, compare=False)
    height: float = field(init=False, compare=False)

    def __post_init__(self) -> None:  # worked out once: readers ask for these often
        words = self.words
        object.__setattr__(self, "text", " ".join(w.text for w in words))
        object.__setattr__(self, "top", min(w.top for w in words))
        object.__setattr__(self, "bottom", max(w.bottom for w in words))
        object.__setattr__(self, "height", max(w.bottom - w.top for w in words))

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def bold(self) -> bool:
        return all(w.bold for w in self.words)

    def cells(self, gap: float | None = None) -> list[Cell]:
        """Split where the space between two words is wider than `gap` (default: about 1 em)."""
        limit = gap if gap is not None else max(4.0, 0.8 * self.height)
        out: list[list[Word]] = [[self.words[0]]]
        for before, word in zip(self.words, self.words[1:], strict=False):
            if word.x0 - before.x1 > limit:
                out.append([word])
            else:
                out[-1].append(word)
        return [Cell(tuple(ws)) for ws in out]


@dataclass(frozen=True, slots=True)
class Mark:
    """A small drawing (a tick image or path) on a page: payment grids draw 'paid on time' so."""

    page: int
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(frozen=True)
class Document:
    lines: tuple[Line, ...]
    page_count: int
    page_heights: tuple[float, ...] = ()
    marks: tuple[Mark, ...] = ()
    warnings: tuple[tuple[int | None, Message], ...] = ()  # (line, message) about the file itself
    _by_number: dict[int, Line] = field(init=False, compare=False, repr=False)
    bold_known: bool = field(init=False, compare=False)  # some words are bold: weight means something

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_number", {line.number: line for line in self.lines})
        object.__setattr__(self, "bold_known", any(w.bold for line in self.lines for w in line.words))

    def heavy(self, line: Line) -> bool:
        """Is the line bold? When the file tells no weights (fonts without "Bold" in their
        names), every line may be, so a reader that looks for bold headings still finds them."""
        return line.bold or not self.bold_known

    def label_weight(self, bold: bool) -> bool | None:
        """`bold` for pairs(label_bold=...) when the file tells weights, else None."""
        return bold if self.bold_known else None

    def line(self, number: int) -> Line | None:
        return self._by_number.get(number)

    def page_of(self, number: int | None) -> int | None:
        line = self._by_number.get(number) if number is not None else None
        return line.page if line else None

    def body(self) -> list[Line]:
        """Every line that is not page furniture, in reading order."""
        return [line for line in self.lines if line.noise is None]

    def marks_on(self, page: int) -> list[Mark]:
        return [m for m in self.marks if m.page == page]

    @property
    def text(self) -> str:
        """The body text, one line per visual line (for detection and the generic reader)."""
        return "\n".join(line.text for line in self.body())


def clean_text(raw: str) -> str:
    """Map the characters PDFs of bureau reports are known to contain to plain text."""
    text = unicodedata.normalize("NFKC", raw)  # ligatures ("ﬁ") and other compatibility forms
    for tick in _TICKS:
        text = text.replace(tick, TICK)
    return _PRIVATE_USE.sub("", text)


def words_from_chars(
    chars: Iterable[tuple[str, float, float, float, float]], bold_at: Callable[[int], bool]
) -> list[Word]:
    """Join characters (text, left, right, top, bottom) into words: a space, a jump back to the
    left, a change of height or a gap wider than a quarter of the letter height ends a word.
    `bold_at(i)` says whether the i-th character is bold; it is asked once per word.
    """
    out: list[Word] = []
    text: list[str] = []
    box = [0.0, 0.0, 0.0, 0.0]
    bold = False

    def flush() -> None:
        word = clean_text("".join(text)).strip()
        if word:
            out.append(Word(word, box[0], box[1], box[2], box[3], bold))
        text.clear()

    for i, (ch, left, right, top, bottom) in enumerate(chars):
        if ch in _SOFT_HYPHEN:
            continue
        if ch.isspace() or right <= left:
            flush()
            continue
        height = bottom - top
        if text and not (
            abs((box[2] + box[3]) / 2 - (top + bottom) / 2) < 0.3 * height
            and left >= box[0] - 0.5
            and left - box[1] < 0.25 * height
        ):
            flush()
        if not text:
            box[:] = [left, right, top, bottom]
            bold = bold_at(i)
        else:
            box[1] = max(box[1], right)
            box[2], box[3] = min(box[2], top), max(box[3], bottom)
        text.append(ch)
    flush()
    return out


def group_lines(words: list[Word]) -> list[list[Word]]:
    """Words at the same height (of a similar size, not overlapping) make one line; lines are
    returned top to bottom."""
    lines: list[list[Word]] = []
    middles: list[float] = []
    for word in sorted(words, key=lambda w: (w.middle, w.x0)):
        for i in range(len(lines) - 1, max(-1, len(lines) - 5), -1):
            first = lines[i][0]
            small, big = sorted((first.height, word.height))
            if (
                abs(middles[i] - word.middle) < 0.35 * small
                and big < 1.45 * small
                and not any(w.x0 < word.x1 - 1 and word.x0 < w.x1 - 1 for w in lines[i])
            ):  # overlapping words are two layers (a browser header over the page's text)
                lines[i].append(word)
                break
        else:
            lines.append([word])
            middles.append(word.middle)
    for line in lines:
        line.sort(key=lambda w: w.x0)
    order = sorted(range(len(lines)), key=lambda i: (middles[i], lines[i][0].x0))
    return [lines[i] for i in order]


def from_words(
    pages: list[tuple[float, list[Word]]], marks: Iterable[Mark] = ()
) -> Document:
    """A Document from each page's height and words; lines numbered, noise found."""
    lines: list[Line] = []
    for page, (height, words) in enumerate(pages, start=1):
        for ws in group_lines(words):
            for part in _split_edge(ws, height):
                lines.append(Line(len(lines) + 1, page, tuple(part)))
    heights = tuple(h for h, _ in pages)
    noisy, warnings = _find_noise(lines, heights)
    return Document(tuple(noisy), len(pages), heights, tuple(marks), tuple(warnings))


# ---- page furniture ---------------------------------------------------------------------------


def _split_edge(words: list[Word], height: float) -> list[list[Word]]:
    """In the top and bottom bands, a browser's small header text can share a line with the
    report's own first line: split such a line by letter size (smaller text first)."""
    middle = (words[0].top + words[0].bottom) / 2
    if _BAND_TOP * height <= middle <= _BAND_BOTTOM * height:
        return [words]
    small = min(w.height for w in words)
    if max(w.height for w in words) < 1.15 * small:
        return [words]
    low = [w for w in words if w.height < 1.1 * small]
    return [low, [w for w in words if w.height >= 1.1 * small]]


_PAGE_NUMBER = re.compile(r"\bpage\s+(\d+)\s+(?:of|/)\s+(\d+)\s*$", re.IGNORECASE)
_BROWSER_FOOTER = re.compile(r"^(?:https?|file)://\S+.*?\b(\d+)\s*/\s*(\d+)\s*$", re.IGNORECASE)
_BROWSER_HEADER = re.compile(r"^\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?\b", re.I)
_BAND_TOP, _BAND_BOTTOM = 0.07, 0.91  # share of the page height where headers/footers sit


def _edge_lines(lines: list[Line], heights: tuple[float, ...]) -> list[list[Line]]:
    """Per page and edge, the outermost three lines that sit in the top or bottom band, from
    the edge inwards."""
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    out = []
    for page, page_lines in by_page.items():
        height = heights[page - 1] if page - 1 < len(heights) else 792.0
        top = [x for x in page_lines[:3] if (x.top + x.bottom) / 2 < _BAND_TOP * height]
        bottom = [x for x in page_lines[::-1][:3] if (x.top + x.bottom) / 2 > _BAND_BOTTOM * height]
        out += [top, bottom]
    return out


def _find_noise(lines: list[Line], heights: tuple[float, ...]):
    """Mark running headers and footers; warn when page numbers show pages are missing.

    A page number or a browser's date/URL line is furniture wherever it sits in the bands; a
    line is furniture for repeating on many pages only while it is the outermost text of its
    page (so a table row that happens to start many pages is never taken for a header).
    """
    edges = _edge_lines(lines, heights)
    shape = {x.number: re.sub(r"\d+", "#", x.text.lower()) for edge in edges for x in edge}
    pages_with = Counter(shape[x.number] for edge in edges for x in edge)
    repeated = max(3, math.ceil(0.6 * len(heights)))  # on most pages, not just some
    noise: dict[int, str] = {}
    numbers: dict[int, tuple[int, int]] = {}
    for edge in edges:
        outermost = True
        for line in edge:
            if m := (_PAGE_NUMBER.search(line.text) or _BROWSER_FOOTER.search(line.text)):
                noise[line.number] = "page footer (page number)"
                numbers[line.page] = (int(m[1]), int(m[2]))
            elif _BROWSER_HEADER.search(line.text):
                noise[line.number] = "browser header (date and title of the printed page)"
            elif outermost and pages_with[shape[line.number]] >= repeated:
                noise[line.number] = "running header or footer (repeated on every page)"
            else:
                outermost = False
    out = [replace(line, noise=noise.get(line.number)) for line in lines]
    return out, _missing_pages(numbers, len(heights), out)


def _missing_pages(numbers: dict[int, tuple[int, int]], pages: int, lines: list[Line]):
    """If the pages are numbered "N of M" and fewer than M are here, say which look missing."""
    if not numbers:
        return []
    total = Counter(m for _, m in numbers.values()).most_common(1)[0][0]
    seen = {n for n, _ in numbers.values()}
    unnumbered = pages - len(numbers)  # e.g. a cover page without a footer: taken as the first
    missing = [n for n in range(1, total + 1) if n not in seen][unnumbered:]
    if pages >= total or not missing:
        return []
    first = next((line.number for line in lines if line.page == 1), None)
    shown = ", ".join(str(n) for n in missing[:12]) + (" ..." if len(missing) > 12 else "")
    return [(first, M("the report has %(total)s pages but this file has %(pages)s: page(s) %(shown)s seem "
                      "to be missing, so items on them were not read", total=total, pages=pages, shown=shown))]
