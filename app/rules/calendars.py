"""Working-day calendars and date arithmetic for the deadline engine.

Pure functions: no clock, no I/O. Public holidays come from the `holidays` package.

- United States: the federal legal public holidays of 5 U.S.C. 6103(a), with the observed weekday
  when a holiday falls on a weekend. The FCRA does not define "business day" (legal-rules.md §1.7);
  excluding Saturday, Sunday and the 6103(a) holidays is our design choice, which gives the later,
  defensible date before we call a company late.
- United Kingdom: bank holidays of the nation (England, Wales, Scotland, Northern Ireland), as the
  ICO's counting rule requires (legal-rules.md §3).
- EU: the national public holidays of the member state. Regulation 1182/71 Art 2(1) takes the
  holidays of the state where the act is to be done; regional holidays (German Länder, Spanish
  communities) are not applied, and the explanation says so.
- China: the State Council's annual holiday notice, including make-up working days (调休) on a
  Saturday or Sunday, which the `holidays` package records in `weekend_workdays`.
"""

from __future__ import annotations

import calendar
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import holidays

from app.messages import M, Message

# Region codes accepted per jurisdiction. US: nationwide federal calendar only; we do not apply
# state holidays because no source in the reference says a state calendar governs FCRA counting.
US_REGIONS: tuple[str, ...] = ("US",)
# UK nations, mapped to the `holidays` package's UK subdivisions (bank holidays differ by nation).
UK_REGIONS: tuple[str, ...] = ("ENG", "WLS", "SCT", "NIR")
# The 27 EU member states (ISO 3166-1 alpha-2; Greece is GR here, EL in EU usage: both accepted).
EU_REGIONS: tuple[str, ...] = (
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
    "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
)  # fmt: skip
CN_REGIONS: tuple[str, ...] = ("CN",)

DEFAULT_REGION: dict[str, str | None] = {
    "US": "US",
    "US-CA": "US",
    "UK": "ENG",  # England is the default nation; the user can pick WLS, SCT or NIR.
    "EU": None,  # No default member state: without one, holidays are not applied (estimate).
    "CN": "CN",
}

_ALIASES = {"EL": "GR", "GB": "ENG", "UK": "ENG", "USA": "US"}

# The last year for which the `holidays` package holds a published State Council notice for China
# (see holidays/countries/china.py, references up to the 2026 notice). Later years have no make-up
# working days yet, so dates there are estimates.
try:
    from holidays.countries.china import ChinaStaticHolidays

    CN_LAST_PUBLISHED_YEAR: int = max(ChinaStaticHolidays.special_public_holidays)
except (ImportError, AttributeError, ValueError):  # pragma: no cover - older package layouts
    CN_LAST_PUBLISHED_YEAR = 2026


class UnknownRegion(ValueError):
    """A region code that the jurisdiction does not know. The message names the valid choices."""


def regions_for(jurisdiction: str) -> tuple[str, ...]:
    return {
        "US": US_REGIONS,
        "US-CA": US_REGIONS,
        "UK": UK_REGIONS,
        "EU": EU_REGIONS,
        "CN": CN_REGIONS,
    }[jurisdiction]


def normalise_region(jurisdiction: str, region: str | None) -> str | None:
    """Return the canonical region code, the jurisdiction's default, or raise UnknownRegion."""
    if region is None or not region.strip():
        return DEFAULT_REGION[jurisdiction]
    code = region.strip().upper()
    valid = regions_for(jurisdiction)
    code = _ALIASES.get(code, code) if _ALIASES.get(code, code) in valid else code
    if code not in valid:
        raise UnknownRegion(
            f"unknown region {region!r} for {jurisdiction}; valid choices: {', '.join(valid)}"
        )
    return code


@dataclass(frozen=True)
class WorkCalendar:
    """Which days are working days in one place."""

    jurisdiction: str
    region: str | None

    @property
    def has_holidays(self) -> bool:
        return self.region is not None

    @property
    def name(self) -> str:
        return {
            "US": "US federal holidays (5 U.S.C. 6103(a), with observed days)",
            "UK": f"UK bank holidays ({_UK_NAMES.get(self.region or '', self.region)})",
            "EU": f"public holidays of {self.region}" if self.region else "no public holidays",
            "CN": "China's State Council holiday schedule, with make-up working days",
        }[self._family]

    @property
    def name_message(self) -> Message:
        """`name` as an engine message, for explanations in the reader's language."""
        family = self._family
        if family == "US":
            return M("US federal holidays (5 U.S.C. 6103(a), with observed days)")
        if family == "UK":
            return M("UK bank holidays (%(nation)s)", nation=_UK_MESSAGES.get(self.region or "", self.region or ""))
        if family == "EU":
            return M("public holidays of %(region)s", region=self.region) if self.region else M("no public holidays")
        return M("China's State Council holiday schedule, with make-up working days")

    @property
    def _family(self) -> str:
        return _FAMILY.get(self.jurisdiction, self.jurisdiction)

    def holiday_name(self, day: date) -> str | None:
        if self.region is None:
            return None
        return _holiday_table(self._family, self.region).get(day)

    def is_working_day(self, day: date) -> bool:
        # One table of working days per year and place, built once (see _working_days): asking
        # the `holidays` package day by day cost most of a deadline computation.
        return day.toordinal() in _working_days(self._family, self.region, day.year)[0]

    def is_estimated_year(self, day: date) -> bool:
        """True when the holiday schedule for that year is not yet published (China only)."""
        return self._family == "CN" and day.year > CN_LAST_PUBLISHED_YEAR


_UK_NAMES = {"ENG": "England", "WLS": "Wales", "SCT": "Scotland", "NIR": "Northern Ireland"}
_UK_MESSAGES = {"ENG": M("England"), "WLS": M("Wales"), "SCT": M("Scotland"), "NIR": M("Northern Ireland")}


_FAMILY = {"US-CA": "US"}


@lru_cache(maxsize=512)
def _working_days(
    family: str, region: str | None, year: int
) -> tuple[frozenset[int], tuple[int, ...]]:
    """The ordinals of the working days of one year in one place, as a set (is it a working day?)
    and in order (the n-th working day after a date, by bisection). Built once per year and region.

    China: a Saturday or Sunday can be a make-up working day (调休), and a weekday can be a
    holiday; the package's is_working_day handles both. Elsewhere: Monday to Friday, less the
    public holidays (none when no region was chosen)."""
    first = date(year, 1, 1).toordinal()
    days = [date.fromordinal(o) for o in range(first, date(year + 1, 1, 1).toordinal())]
    if family == "CN":
        table = _holiday_table("CN", "CN")
        working = [d.toordinal() for d in days if table.is_working_day(d)]
    elif region is None:
        working = [d.toordinal() for d in days if d.weekday() < 5]
    else:
        table = _holiday_table(family, region)
        working = [d.toordinal() for d in days if d.weekday() < 5 and d not in table]
    return frozenset(working), tuple(working)


@lru_cache(maxsize=64)
def _holiday_table(family: str, region: str) -> holidays.HolidayBase:
    if family == "US":
        # Without a subdivision the package gives exactly the federal holidays, plus observed days.
        return holidays.country_holidays("US", observed=True)
    if family == "UK":
        return holidays.country_holidays("GB", subdiv=region)
    if family == "CN":
        return holidays.country_holidays("CN")
    return holidays.country_holidays(region)


def calendar_for(jurisdiction: str, region: str | None = None) -> WorkCalendar:
    return _calendar_for(jurisdiction, region)


@lru_cache(maxsize=256)
def _calendar_for(jurisdiction: str, region: str | None) -> WorkCalendar:
    # Cached: unknown regions raise, and lru_cache does not keep exceptions, so they cannot pile up.
    return WorkCalendar(jurisdiction, normalise_region(jurisdiction, region))


def next_working_day(day: date, cal: WorkCalendar) -> date:
    """The day itself if it is a working day, else the first working day after it."""
    if cal.is_working_day(day):
        return day
    return _nth_after(day.toordinal(), 1, cal)


def add_working_days(start: date, n: int, cal: WorkCalendar) -> date:
    """The n-th working day after `start` ("not later than n business days after")."""
    if n <= 0:
        return start
    return _nth_after(start.toordinal(), n, cal)


def _nth_after(ordinal: int, n: int, cal: WorkCalendar) -> date:
    """The n-th working day strictly after the day `ordinal` (n >= 1), by bisection in the
    year's ordered table instead of stepping a day at a time."""
    family, region = cal._family, cal.region
    year = date.fromordinal(ordinal).year
    for _ in range(200):  # a year without a working day does not exist; this only bounds the loop
        ordered = _working_days(family, region, year)[1]
        i = bisect_right(ordered, ordinal)
        if i + n - 1 < len(ordered):
            return date.fromordinal(ordered[i + n - 1])
        n -= len(ordered) - i
        year += 1
    raise ValueError("no working day found")  # pragma: no cover


def nth_working_day_from(start: date, n: int, cal: WorkCalendar) -> date:
    """The n-th working day of a period beginning on `start`: `start` is day 1 if it is a working
    day (FCRA §611(a)(2) "5-business-day period beginning on the date", legal-rules.md §7)."""
    day = next_working_day(start, cal)
    return add_working_days(day, n - 1, cal)


def add_months(start: date, months: int) -> date:
    """The same date `months` later, or the last day of that month when the date does not exist
    (Reg 1182/71 Art 3(2)(c); ICO: received 31 March, due 30 April)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def add_years(start: date, years: int) -> date:
    """The anniversary `years` later; 29 February becomes 28 February in a common year."""
    return add_months(start, 12 * years)
