"""Dates and amounts as a report prints them, read in the report's country, never guessed.

One module for every reader. A value the country's conventions allow two readings of
(`03/04/2021` when we do not know the country; `1,234` where a comma is the decimal mark) comes
back as `Ambiguous` with its candidate readings, so the person can choose; nothing is picked for
them. Each country's date order, decimal mark and month names come from Babel's locale data (CLDR).

A report's country is the one chosen on the import form, else the one the file states, else the
bureau's: the three US bureaus mean the US (`country_for`). Without any of these it is unknown,
and only values that can be read one way are read.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache

from babel import Locale, UnknownLocaleError

from app.messages import M

BLANK = frozenset({"", "-", "--", "---", "n/a", "na", "none", "not reported", "unknown",
                   "none reported", "not available"})  # fmt: skip

# The bureaus whose reports are US reports unless the person says otherwise. Equifax, Experian and
# TransUnion also run UK files, so a report showing pounds or euros is not assumed to be a US one.
US_BUREAUS = ("equifax", "experian", "transunion")
_NON_US_MONEY = re.compile(r"[£€]|\b(GBP|EUR)\b")

# Countries offered on the import form (ISO 3166 codes; the names come from Babel in the reader's
# language). The reading works for any country Babel knows; this is only the short list.
COUNTRIES = ("US", "GB", "IE", "DE", "AT", "FR", "BE", "NL", "LU", "ES", "PT", "IT", "MT",
             "GR", "CY", "PL", "CZ", "SK", "HU", "SI", "HR", "RO", "BG", "DK", "SE", "FI",
             "EE", "LV", "LT", "CN")  # fmt: skip
_ALIASES = {"UK": "GB", "USA": "US", "EL": "GR"}
_ENGLISH = Locale("en")


@dataclass(frozen=True)
class Ambiguous:
    """A value with more than one reading. `choices` are dates or Decimals, in a stable order."""

    raw: str
    choices: tuple


@dataclass(frozen=True)
class Conventions:
    order: str  # "MDY", "DMY" or "YMD": how the country writes a short date
    decimal: str  # "." or ","
    months: dict[str, int]  # month names and abbreviations, lower case, in the country's language


def country_code(raw: str | None) -> str | None:
    """"gb", "UK", " us " -> "GB", "GB", "US"; None for blank or a code Babel does not know."""
    code = (raw or "").strip().upper()
    code = _ALIASES.get(code, code)
    if not re.fullmatch(r"[A-Z]{2}", code) or code == "ZZ" or code not in _ENGLISH.territories:
        return None  # "ZZ" is CLDR's "unknown region"
    return code if conventions(code) is not None else None


def country_for(*, chosen: str | None = None, stated: str | None = None, bureau: str | None = None,
                text: str = "") -> str | None:
    """The country a report's values are read in (see the module docstring)."""
    for raw in (chosen, stated):
        if (code := country_code(raw)) is not None:
            return code
    name = (bureau or "").lower().replace(" ", "")
    if any(b in name for b in US_BUREAUS) and not _NON_US_MONEY.search(text):
        return "US"
    return None


@cache
def conventions(country: str | None) -> Conventions | None:
    if not country:
        return None
    try:
        locale = Locale.parse(f"und_{country}")
    except (UnknownLocaleError, ValueError):
        return None
    pattern = locale.date_formats["short"].pattern
    positions = sorted((pattern.find(c), c) for c in "dMy" if pattern.find(c) >= 0)
    order = "".join({"d": "D", "M": "M", "y": "Y"}[c] for _, c in positions)
    symbols = locale.number_symbols.get("latn", {})
    return Conventions(order if order in ("MDY", "DMY", "YMD") else "YMD",
                       symbols.get("decimal", "."), _month_names(locale))  # fmt: skip


def _month_names(locale: Locale) -> dict[str, int]:
    names: dict[str, int] = {}
    for source in (_ENGLISH, locale):
        for width in ("wide", "abbreviated"):
            for number, name in source.months["format"][width].items():
                names.setdefault(name.lower().rstrip("."), number)
    names.setdefault("sept", 9)  # "Sept 2020" is common in US reports
    return names


def month_names() -> dict[str, int]:
    """Month names and abbreviations in every listed country's language (lower case) -> month."""
    return _every_month_name()


@cache
def _every_month_name() -> dict[str, int]:
    """For a report from an unknown country: the month names of every listed country's language,
    leaving out any name that means different months in different languages."""
    seen: dict[str, set[int]] = {}
    for country in COUNTRIES:
        for name, number in conventions(country).months.items():  # type: ignore[union-attr]
            seen.setdefault(name, set()).add(number)
    return {name: numbers.pop() for name, numbers in seen.items() if len(numbers) == 1}


def _clean(raw: str) -> str:
    # NFKC turns full-width digits and letters (２０２１年３月) into plain ones.
    return " ".join(unicodedata.normalize("NFKC", raw).split()).strip().rstrip(".").strip()


def _day(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


# ---- dates -----------------------------------------------------------------------------------

_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?")
_CJK = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
_NUMERIC = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")
_MONTH_YEAR = re.compile(r"(\d{1,2})[/.-](\d{4})")
_NAME_FIRST = re.compile(r"([^\W\d_]{3,12})\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})")
_DAY_FIRST = re.compile(r"(\d{1,2})\.?[\s-]+([^\W\d_]{3,12})\.?[\s-]+(\d{4})")


def read_date(raw: str, country: str | None) -> date | None | Ambiguous:
    """A date as printed, read in the given country (None: unknown). A date with only a month and
    a year is the 1st of that month. None for a blank value; ValueError for what is not a date."""
    text = _clean(str(raw))
    if text.lower() in BLANK:
        return None
    found = _read_date(text, conventions(country))
    if found is None:
        raise ValueError(M("%(value)s is not a date we know how to read", value=repr(str(raw).strip())))
    return found


def _read_date(text: str, conv: Conventions | None) -> date | Ambiguous | None:
    for pattern in (_CJK, _YMD):  # a four-digit year first is year-month-day everywhere
        if m := pattern.fullmatch(text):
            return _day(int(m[1]), int(m[2]), int(m[3] or 1))
    if m := _NUMERIC.fullmatch(text):
        return _numeric(text, int(m[1]), int(m[3]), int(m[4]), conv)
    if m := _MONTH_YEAR.fullmatch(text):
        return _day(int(m[2]), int(m[1]), 1)
    names = conv.months if conv is not None else _every_month_name()
    if m := _NAME_FIRST.fullmatch(text):
        month = names.get(m[1].lower())
        return _day(int(m[3]), month, int(m[2] or 1)) if month else None
    if m := _DAY_FIRST.fullmatch(text):
        month = names.get(m[2].lower())
        return _day(int(m[3]), month, int(m[1])) if month else None
    return None


def _numeric(text: str, a: int, b: int, year: int, conv: Conventions | None):
    """a/b/yyyy: the country's order decides; where it does not (unknown country, or one that
    writes year first), both readings that are real dates are offered."""
    if conv is not None and conv.order == "MDY":
        return _day(year, a, b)
    if conv is not None and conv.order == "DMY":
        return _day(year, b, a)
    readings = tuple(dict.fromkeys(d for d in (_day(year, a, b), _day(year, b, a)) if d))
    if len(readings) > 1:
        return Ambiguous(text, readings)
    return readings[0] if readings else None


# ---- money -----------------------------------------------------------------------------------

# Currency signs and codes we strip. "$", "£", "¥" and "元" amounts are written with a decimal
# point in every country whose reports Recourse reads (US, UK, China); the euro is not.
_POINT_CURRENCIES = re.compile(r"US\$|\$|£|¥|￥|元|\b(USD|GBP|CNY|RMB)\b", re.IGNORECASE)
_OTHER_CURRENCIES = re.compile(r"€|\bEUR\b", re.IGNORECASE)
_GROUP_SPACES = re.compile(r"(?<=\d)[\s\u00a0\u202f\u2009'’](?=\d{3}\b)")


def read_money(raw: str, country: str | None) -> Decimal | None | Ambiguous:
    """An amount as printed ("$1,234", "1.234,56 €", "£50", "¥1,200", "1 234,56", "(50)"), read in
    the given country (None: unknown). None for a blank value; ValueError for what is not money."""
    text = _clean(str(raw))
    if text.lower() in BLANK:
        return None
    point = bool(_POINT_CURRENCIES.search(text))
    body = _OTHER_CURRENCIES.sub("", _POINT_CURRENCIES.sub("", text)).strip()
    negative = body.startswith("-") or body.endswith("-") or (body[:1], body[-1:]) == ("(", ")")
    body = _GROUP_SPACES.sub("", body.strip("()-+ ").strip())
    conv = conventions(country)
    decimal = "." if point else (conv.decimal if conv else None)
    found = _amount(body, decimal)
    if found is None:
        raise ValueError(M("%(value)s is not an amount of money we know how to read",
                           value=repr(str(raw).strip())))
    if negative:
        return Ambiguous(found.raw, tuple(-c for c in found.choices)) if isinstance(found, Ambiguous) else -found
    return found


def _amount(body: str, decimal: str | None) -> Decimal | Ambiguous | None:
    if not re.fullmatch(r"\d{1,3}(?:[.,]\d+)*|\d+(?:[.,]\d+)?", body):
        return None
    marks = [c for c in body if c in ".,"]
    if not marks:
        return Decimal(body)
    if len(set(marks)) == 2:  # 1,234.56 or 1.234,56: the last mark is the decimal one
        point = marks[-1]
        whole, _, cents = body.rpartition(point)
        return _grouped(whole, "," if point == "." else ".", cents)
    mark = marks[0]
    if len(marks) > 1:  # 1,234,567: a mark used twice separates thousands
        return _grouped(body, mark, "")
    whole, cents = body.split(mark)
    if len(cents) != 3:  # 1,5 / 1.50: thousands come in threes, so this is the decimal mark
        return _number(whole, cents) if len(cents) <= 2 else None
    if decimal is not None and mark != decimal:
        return _number(whole + cents, "")  # the country's thousands separator
    # "1,234" where a comma may be the decimal mark (or we do not know): 1234 or 1.234
    return Ambiguous(body, (_number(whole + cents, ""), _number(whole, cents)))


def _grouped(whole: str, group: str, cents: str) -> Decimal | None:
    parts = whole.split(group)
    if not parts[0] or len(parts[0]) > 3 or any(len(p) != 3 for p in parts[1:]) or len(cents) > 2:
        return None
    return _number("".join(parts), cents)


def _number(whole: str, cents: str) -> Decimal | None:
    if not whole.isdigit() or (cents and not cents.isdigit()):
        return None
    try:
        return Decimal(f"{whole}.{cents}" if cents else whole)
    except InvalidOperation:
        return None
