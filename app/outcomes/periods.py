"""The period an Outcomes page covers: a calendar quarter, a year, or custom dates (a grant's own
period). Parsed from the page's query string; bad input is an Invalid with a message per field."""

from __future__ import annotations

from datetime import date, timedelta

from app.errors import Invalid
from app.outcomes.queries import Period

KINDS = ("quarter", "year", "custom")
LONGEST = timedelta(days=366 * 5)  # a grant period, not the whole history in one page


def current_quarter(today: date) -> tuple[int, int]:
    return today.year, (today.month - 1) // 3 + 1


def _year(raw: str, errors: dict) -> int | None:
    if raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    errors["year"] = "Enter a year between 2000 and 2100."
    return None


def _day(raw: str, name: str, errors: dict) -> date | None:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors[name] = "Enter a date like 2026-01-31."
        return None


def parse(form: dict, *, today: date) -> Period:
    kind = form.get("period") or "quarter"
    errors: dict[str, str] = {}
    if kind not in KINDS:
        raise Invalid({"period": "Choose a quarter, a year or your own dates."})
    if kind == "custom":
        start, end = _day(form.get("start", ""), "start", errors), _day(form.get("end", ""), "end", errors)
        if start and end and end < start:
            errors["end"] = "The end date is before the start date."
        elif start and end and end - start > LONGEST:
            errors["end"] = "Choose at most five years."
        if errors:
            raise Invalid(errors)
        return Period(start, end)
    default_year, default_quarter = current_quarter(today)
    year = _year(form.get("year") or str(default_year), errors)
    if kind == "year":
        if errors:
            raise Invalid(errors)
        return Period(date(year, 1, 1), date(year, 12, 31))
    raw = form.get("quarter") or str(default_quarter)
    if raw not in ("1", "2", "3", "4"):
        errors["quarter"] = "Choose a quarter from 1 to 4."
    if errors:
        raise Invalid(errors)
    first = date(year, 3 * int(raw) - 2, 1)
    after = date(year + 1, 1, 1) if raw == "4" else date(year, 3 * int(raw) + 1, 1)
    return Period(first, after - timedelta(days=1))
