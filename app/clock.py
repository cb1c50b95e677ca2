"""The one place the code reads the wall clock. Times are timezone-aware UTC.

Long-running work (the reminder runner) takes a `Clock`, a function returning the time now, so
tests can move time forward without sleeping."""

from collections.abc import Callable
from datetime import UTC, date, datetime

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


def today() -> date:
    return utcnow().date()


def running_from(start: datetime) -> Clock:
    """A clock that reads `start` now and then moves on with real time (`recourse remind --now`)."""
    offset = start - utcnow()
    return lambda: utcnow() + offset
