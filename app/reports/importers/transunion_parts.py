"""The TransUnion report's heading box, personal information and inquiries (accounts:
transunion_pdf). Both use stacked labels: a bold label line, its value on the line below."""

from __future__ import annotations

from app.messages import M
from app.reports.importers.pdf_layout import Line
from app.reports.importers.pdf_reading import (
    PHONE,
    Draft,
    Tally,
    Vocabulary,
    blank,
    by_column,
    columns,
    norm,
    us_dates,
)

_PERSONAL = Vocabulary({
    "pulled": ("Credit Report Date",),
    "ssn": ("Social Security Number", "SSN"),
    "birth-date": ("Date of Birth",),
    "name": ("Name", "AKA", "Also Known As"),
    "address": ("Current Address", "Other Address", "Previous Address", "Address"),
    "reported": ("Date Reported",),
    "phone": ("Phone Number", "Phone"),
    "employer": ("Employer",),
    "-": ("Occupation", "Date Verified", "Date Hired", "Position"),
})  # fmt: skip


def read_top(lines: list[Line], tally: Tally):
    """The heading box: "Personal Credit Report for:" NAME, "File Number:", "Date Created:"."""
    pulled = None
    for i, line in enumerate(lines):
        if norm(line.text) == "date created" and i + 1 < len(lines):
            pulled = (lines[i + 1].text, lines[i + 1])
            tally.use(line, lines[i + 1])
    tally.skip(lines, M("the report's heading"))
    return pulled


def read_personal(heading: Line, lines: list[Line], tally: Tally):
    """Label lines (bold) with the values on the line below, lined up under each label."""
    drafts: list[Draft] = []
    pulled = None
    labels: list[tuple[str, str, float]] = []  # (field, label, left edge) waiting for values
    for line in lines:
        cells = line.cells()
        found = [(_PERSONAL.match(list(c.words)), c) for c in cells]
        bold = all(c.words[0].bold for c in cells) or not tally.doc.bold_known
        if all(hit is not None for hit, _ in found) and bold:
            labels = [(hit[1], c.text, c.x0) for hit, c in found]  # type: ignore[index]
            tally.use(line)
            continue
        if tally.prose(line):
            tally.skip([line], M("the bureau's explanations"))
            continue
        if not labels and norm(heading.text) == "employers" and drafts:
            labels = [("employer", "Employer", line.x0)]
        if not labels:
            tally.unread(line, M("a line of personal information we could not read"))
            continue
        edges = {f"{i}": x for i, (_, _, x) in enumerate(labels)}
        row = by_column(line, edges) if len(labels) > 1 else {"0": line.text}
        tally.use(line)
        for i, (name, label, _) in enumerate(labels):
            value = row.get(f"{i}", "")
            text = f"{label}: {value}"
            if blank(value) or name == "-":
                continue
            if name == "pulled":
                pulled = (value, line)
            elif name == "reported":
                if drafts and drafts[-1].get("kind") == "address":
                    drafts[-1].add("reported", value, line, text)
            elif name != "phone" or PHONE.match(value):
                draft = Draft("personal", line)
                draft.add("kind", name, line, text)
                draft.add("value", value, line, text)
                drafts.append(draft)
        labels = []
    return drafts, pulled


# ---- inquiries --------------------------------------------------------------------------------

_HEADER = {"Location": "location", "Requested On": "dates", "Phone": "phone"}


def read_inquiries(heading: Line, lines: list[Line], tally: Tally, kind: str) -> list[Draft]:
    """Each inquirer: a name line, then the columns "Location | Requested On | Phone" with the
    address, the dates (several to a line) and the phone; regular inquiries add "Inquiry Type"."""
    heads = [i for i, line in enumerate(lines) if {"location", "requested on"}
             <= {norm(c.text) for c in line.cells()}]  # fmt: skip
    drafts = []
    for n, i in enumerate(heads):
        name = lines[i - 1] if i > 0 else None
        end = heads[n + 1] - 1 if n + 1 < len(heads) else len(lines)
        edges = columns(lines[i], _HEADER)
        rows = lines[i + 1:end]
        dates: list[str] = []
        rest: list[str] = []
        for row in rows:
            cells = by_column(row, edges)
            dates += us_dates(cells.get("dates", ""))
            rest += [v for k, v in cells.items() if k != "dates" and v]
        tally.use(lines[i], *rows)
        if name is None or not dates:
            tally.unread(lines[i], M("an inquiry we could not read (no name or no date)"))
            continue
        tally.use(name)
        dates = sorted(set(dates), reverse=True)
        draft = Draft("inquiry", name)
        text = f"{name.text}: Requested On {', '.join(dates)}"[:300]
        draft.add("who", name.text, name)
        draft.add("on", dates[0], name, text)
        draft.add("other_dates", tuple(dates[1:]), name, text)
        draft.add("kind", kind, heading)  # from the section it is listed in
        drafts.append(draft)
        if rest:
            tally.unread(rows[0] if rows else name,
                         M("the inquiring company's address, phone and inquiry type: not kept"),
                         f"{name.text}: {' / '.join(rest)}"[:300])  # fmt: skip
    first = heads[0] - 1 if heads else len(lines)
    tally.skip(lines[:max(first, 0)], M("the bureau's explanations"))
    return drafts

