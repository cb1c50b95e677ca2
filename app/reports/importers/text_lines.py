"""One line of report text -> its labelled values, using the vocabulary in labels.py.

A line can hold `Label: value`, several of them (`Date opened: 01/2020 Balance: $500`), a label
without a colon (`Date Opened Oct 05, 2021`, as the bureaus print them), two such pairs side by
side (`High Credit $1,480 Payment Responsibility INDIVIDUAL`), or a label alone whose value is on
the next line. A line with none of these is a "bare" line (a company name, a sentence, noise).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from app.reports.importers import Entry
from app.reports.importers import labels as vocab
from app.reports.model import ITEM_CLASSES, field_kind
from app.reports.values import month_names, read_date, read_money

_PAIR = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9 #/'().&-]{0,60}?)\s*:\s*(.*)$")


# A bullet, or a speck a scan turned into a dash or dot, before the line's text ("- Balance")
_BULLET = re.compile(r"^[-•«»·*.,:;|]+\s+")


@dataclass(frozen=True)
class Pair:
    label: str  # in lookup form (labels.label_key)
    value: str
    alone: bool = False  # the line is this label and nothing else: the value is on the next line


def normalise(line: str) -> str:
    """Full-width characters made plain (NFKC: "：" -> ":"), private-use icon glyphs and
    non-breaking spaces that PDFs leave behind turned into plain spaces."""
    text = unicodedata.normalize("NFKC", line)
    text = "".join(" " if unicodedata.category(c) in ("Co", "Zs", "Cf") else c for c in text)
    return _BULLET.sub("", " ".join(text.split()))


def vocabulary(section: str | None) -> tuple[str, ...]:
    """Every label a line in this section may start with, longest first. Outside any section
    (pasted accounts with no heading) the account words and the report's own count."""
    scope = section or "account"
    words = {w for labels in vocab.FIELDS[scope].values() for w in labels}
    words |= set(vocab.KNOWN_UNUSED[scope]) | {w for ls in vocab.REPORT.values() for w in ls}
    return tuple(sorted(words, key=len, reverse=True))


@cache
def _patterns(section: str | None) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = vocabulary(section)
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    bare = [w for w in words if w not in vocab.NEED_COLON]
    start = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in bare)
    inner = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in bare if " " in w)
    return (re.compile(rf"(?:^|(?<=\s))(?:{alt})\s*:", re.IGNORECASE),
            re.compile(rf"^(?:{start})(?=\s|$)", re.IGNORECASE),
            re.compile(rf"(?<=\s)(?:{inner})(?=\s|$)", re.IGNORECASE))  # fmt: skip


def split_line(line: str, section: str | None) -> list[Pair] | None:
    """The labelled values on a line, or None when it has no label."""
    colon, start, inner = _patterns(section)
    key = vocab.label_key(line)
    if key in vocabulary(section) and len(line) < 80:
        return [Pair(key, "", alone=True)]
    starts = [m.start() for m in colon.finditer(line)]
    if starts and starts[0] == 0:
        ends = [*starts[1:], len(line)]
        return [Pair(vocab.label_key(m[1]), m[2].strip())
                for a, b in zip(starts, ends, strict=True) if (m := _PAIR.match(line[a:b]))]  # fmt: skip
    if (m := start.match(line)) is not None:
        pairs = _without_colons(line, m.end(), inner, section)
        if fits(section, pairs[0]):
            return pairs
    m = _PAIR.match(line)
    return [Pair(vocab.label_key(m[1]), m[2].strip())] if m else None


def _without_colons(line: str, first_end: int, inner: re.Pattern[str],
                    section: str | None) -> list[Pair]:  # fmt: skip
    """Split at labels inside the line, keeping a cut only where the value after it fits the
    label ("Status Open. $412 past due as of Nov 2024." has no "Past Due" amount in it)."""
    spans = [(0, first_end)] + [(m.start(), m.end()) for m in inner.finditer(line, first_end)]
    kept: list[tuple[int, int]] = []
    for i, (a, label_end) in enumerate(spans):
        b = spans[i + 1][0] if i + 1 < len(spans) else len(line)
        pair = Pair(vocab.label_key(line[a:label_end]), line[label_end:b].strip())
        if not kept or fits(section, pair):
            kept.append((a, label_end))
    pairs = []
    for i, (a, label_end) in enumerate(kept):
        b = kept[i + 1][0] if i + 1 < len(kept) else len(line)
        pairs.append(Pair(vocab.label_key(line[a:label_end]), line[label_end:b].strip()))
    return pairs


def fits(section: str | None, pair: Pair) -> bool:
    """A label without a colon (or alone, its value on the next line) counts only if its value
    can be what the label promises: a company called "BALANCE CREDIT UNION" is a name, not a
    balance of "CREDIT UNION"."""
    scope = section or "account"
    field = vocab.field_for(scope, pair.label)
    if not pair.value or field is None or field not in ITEM_CLASSES[scope].__dataclass_fields__:
        return True
    kind = field_kind(ITEM_CLASSES[scope], field)
    reader = {"date": read_date, "money": read_money}.get(kind)
    if reader is None:
        return True
    try:
        reader(pair.value, None)
    except ValueError:
        return False
    return True


def looks_like_name(line: str) -> bool:
    """A company's name, not a sentence, a grid row ("2023 $1,022 $1,045"), a month or a legend:
    at most 8 words, no full stop at the end, a word of three letters or more, and written in
    capitals or with every word capitalised (as reports print names)."""
    words = line.split()
    letters = [c for c in line if c.isalpha()]
    if not words or len(words) > 8 or line.endswith(".") or not letters:
        return False
    if not any(sum(c.isalpha() for c in w) >= 3 for w in words):
        return False
    if all(w.lower().strip(".,") in month_names() or w.lower() in ("year", "month")
           or not w.isalpha() for w in words):  # fmt: skip
        return False
    upper = sum(c.isupper() for c in letters) / len(letters)
    return upper >= 0.6 or all(w[0].isupper() or not w[0].isalpha() for w in words)


# "2.3 NORTHWIND CARD SERVICES (CLOSED)" (Equifax) and "EXAMPLE BANK 400000000001****" (TransUnion)
_NUMBERED = re.compile(r"^\d+\.\d+\s+(.+?)(\s*\(CLOSED\))?$", re.IGNORECASE)
_MASKED_NUMBER = re.compile(r"^(.+?)\s+([0-9A-Z]*(?:\*{2,}|X{2,})[0-9A-Z*]*)$")


def name_entries(line: str, number: int) -> list[Entry]:
    """A company's name line as entries, with what it carries besides the name: the closed mark
    of an Equifax heading, the masked account number of a TransUnion one."""
    entries = []
    if m := _NUMBERED.match(line):
        line = m[1]
        if m[2]:
            entries.append(Entry("remarks", "Closed", number, line))
    if (m := _MASKED_NUMBER.match(line)) and any(c.isdigit() for c in m[2]):
        line = m[1]
        entries.append(Entry("account_number", m[2], number, line))
    return [Entry("furnisher", line, number, line), *entries]
