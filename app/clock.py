"""The one place the web layer reads the wall clock. Times are timezone-aware UTC."""

from datetime import UTC, date, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)


def today() -> date:
    return utcnow().date()
