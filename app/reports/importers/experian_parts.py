"""The Experian report's personal information tiles and inquiry cards (accounts: experian_pdf).

Both are boxes side by side, so a printed line holds pieces of up to four boxes: each word is
put in its box's column first, then the column is read top to bottom.
"""

from __future__ import annotations

import re

from app.messages import M
from app.reports.importers.pdf_layout import Line, Word
from app.reports.importers.pdf_reading import PHONE, Draft, Tally, norm, us_dates

_ID_LINE = re.compile(r"^(Name|Address) ID\b", re.IGNORECASE)
_DATE_BITS = re.compile(r"\d{1,2}/\d{1,2}/\d{4}|[,\s]|\band\b|\ban\b|^d\b", re.IGNORECASE)


def _columns(lines: list[Line], starts: list[float] | None = None):
    """{column left edge: [(line, words in that column)]}, columns found from where boxes start."""
    if starts is None:
        starts = []
        for x in sorted(c.x0 for line in lines for c in line.cells()):
            if not starts or x - starts[-1] > 12:
                starts.append(x)
    out: dict[float, list[tuple[Line, list[Word]]]] = {x: [] for x in starts}
    for line in lines:
        parts: dict[float, list[Word]] = {}
        for word in line.words:
            column = max((x for x in starts if x <= word.x0 + 3), default=starts[0])
            parts.setdefault(column, []).append(word)
        for column, words in parts.items():
            out[column].append((line, words))
    return out


def _boxes(rows: list[tuple[Line, list[Word]]]):
    """Split one column into boxes where the gap above a line is wider than a line and a half."""
    boxes: list[list[tuple[Line, list[Word]]]] = []
    for line, words in rows:
        if boxes:
            above = boxes[-1][-1][0]
            gap = line.top - above.bottom
            if line.page == above.page and gap <= 1.5 * line.height:
                boxes[-1].append((line, words))
                continue
        boxes.append([(line, words)])
    return boxes


def _text(words: list[Word]) -> str:
    return " ".join(w.text for w in words)


# ---- personal information -------------------------------------------------------------------

_KINDS = {"names": "name", "addresses": "address", "phone numbers": "phone",
          "employers": "employer", "year of birth": "birth-date"}  # fmt: skip


def read_personal(heading: Line, lines: list[Line], tally: Tally) -> list[Draft]:
    kind = _KINDS.get(norm(heading.text))
    if kind is None:  # "Personal Information": counts and an explanation
        tally.skip(lines, M("the bureau's explanations"))
        return []
    drafts = []
    for column in _columns([line for line in lines if not tally.prose(line)]).values():
        for box in _boxes(column):
            drafts += _tile(kind, box, tally)
    tally.skip(lines, M("the bureau's explanations"))
    return drafts


def _tile(kind: str, box, tally: Tally) -> list[Draft]:
    value: list[str] = []
    for _, words in box:
        text = _text(words)
        if _ID_LINE.match(text) or (value and kind == "phone"):
            break
        value.append(text)
    first = box[0][0]
    text = " ".join(value).replace(" ,", ",")
    if not text:
        return []
    if kind == "phone" and not PHONE.match(text):
        tally.unread(first, M("not a phone number we know how to read"), text)
        return []
    tally.use(*(line for line, _ in box))
    draft = Draft("personal", first)
    draft.add("kind", kind, first, text)
    draft.add("value", text, first, text)
    return [draft]


# ---- inquiries --------------------------------------------------------------------------------


def read_inquiries(heading: Line, lines: list[Line], tally: Tally, kind: str) -> list[Draft]:
    """Cards of: the name (bold, wrapping), "Inquired on", the dates, the address, a note."""
    starts = sorted({round(w.x0) for line in lines for w in line.words if w.text == "Inquired"})
    # The cards sit right of the section's explanation; a line starting further left is prose.
    body = [line for line in lines if starts and line.x0 >= starts[0] - 3]
    tally.skip([line for line in lines if line not in body], M("the bureau's explanations"))
    if not starts:
        return []
    drafts = []
    any_bold = any(w.bold for line in body for w in line.words)
    for x, column in _columns(body, starts).items():
        found = _cards(column, heading, kind, tally, any_bold)
        drafts += [(draft.line.number, x, draft) for draft in found]
    return [draft for _, _, draft in sorted(drafts, key=lambda t: t[:2])]  # row by row


def _cards(rows, heading: Line, kind: str, tally: Tally, any_bold: bool) -> list[Draft]:
    marks = [i for i, (_, words) in enumerate(rows) if _text(words).startswith("Inquired on")]
    drafts = []
    for n, i in enumerate(marks):
        start = _name_start(rows, i, any_bold, marks[n - 1] if n else -1)
        end = _name_start(rows, marks[n + 1], any_bold, i) if n + 1 < len(marks) else len(rows)
        name = " ".join(_text(w) for _, w in rows[start:i])
        after = [_text(w) for _, w in rows[i:end]]
        after[0] = after[0].removeprefix("Inquired on").strip()
        count = 0
        while count < len(after) and _DATE_BITS.sub("", after[count]) == "":
            count += 1
        dates = sorted(set(us_dates("".join(after[:count]))), reverse=True)
        line = rows[start][0] if start < i else rows[i][0]
        tally.use(*(r[0] for r in rows[start:i + count]))
        if not name or not dates:
            tally.unread(line, M("an inquiry we could not read (no name or no date)"),
                         " ".join([name, *after[:count]]).strip())  # fmt: skip
            continue
        draft = Draft("inquiry", line)
        text = f"{name}: Inquired on {' '.join(after[:count])}"[:300]
        draft.add("who", name, line, text)
        draft.add("on", dates[0], line, text)
        draft.add("other_dates", tuple(dates[1:]), line, text)
        draft.add("kind", kind, heading)  # from the section it is listed in
        drafts.append(draft)
        rest = " / ".join(after[count:])
        if rest:
            tally.unread(rows[i + count][0], M("the inquiring company's address and note: not kept"),
                         f"{name}: {rest}")  # fmt: skip
            tally.use(*(r[0] for r in rows[i + count:end]))
    return drafts


def _name_start(rows, mark: int, any_bold: bool, floor: int) -> int:
    """Where the name above an "Inquired on" begins: the bold lines right above it (or, with no
    bold in the file, the lines above it since the last wide gap)."""
    i = mark
    while i - 1 > floor:
        line, words = rows[i - 1]
        below = rows[i][0]
        if any_bold and not all(w.bold for w in words):
            break
        if not any_bold and (below.page != line.page or below.top - line.bottom > 1.5 * line.height):
            break
        i -= 1
    return i
