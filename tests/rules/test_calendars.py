from datetime import date

import pytest

from app.rules.calendars import (
    UnknownRegion,
    add_months,
    add_working_days,
    calendar_for,
    next_working_day,
    normalise_region,
    nth_working_day_from,
)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2025, 12, 31), 1, date(2026, 1, 31)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
        (date(2025, 3, 31), 1, date(2025, 4, 30)),
    ],
)
def test_add_months_clamps_to_month_end(start, months, expected):
    assert add_months(start, months) == expected


def test_us_federal_calendar_has_observed_days():
    us = calendar_for("US")
    assert not us.is_working_day(date(2026, 7, 3))  # 4 July 2026 is Saturday: observed Friday
    assert not us.is_working_day(date(2025, 11, 27))  # Thanksgiving
    assert not us.is_working_day(date(2025, 6, 19))  # Juneteenth (6103(a))
    assert us.is_working_day(date(2025, 11, 28))  # day after Thanksgiving: not federal


def test_china_make_up_working_days():
    cn = calendar_for("CN")
    assert cn.is_working_day(date(2025, 9, 28))  # Sunday, make-up working day (调休)
    assert cn.is_working_day(date(2025, 10, 11))  # Saturday, make-up working day
    assert not cn.is_working_day(date(2025, 10, 8))  # Golden Week
    assert not cn.is_working_day(date(2025, 10, 4))  # ordinary weekend inside the holiday


def test_uk_nations_differ():
    assert not calendar_for("UK", "SCT").is_working_day(date(2026, 1, 2))
    assert calendar_for("UK", "ENG").is_working_day(date(2026, 1, 2))
    assert not calendar_for("UK", "NIR").is_working_day(date(2025, 7, 14))  # Battle of the Boyne


def test_working_day_arithmetic():
    us = calendar_for("US")
    assert add_working_days(date(2025, 11, 25), 4, us) == date(2025, 12, 2)
    assert nth_working_day_from(date(2025, 2, 10), 5, us) == date(2025, 2, 14)
    assert nth_working_day_from(date(2025, 2, 15), 1, us) == date(2025, 2, 18)
    assert next_working_day(date(2025, 12, 25), us) == date(2025, 12, 26)


def test_regions():
    assert normalise_region("UK", None) == "ENG"
    assert normalise_region("UK", "gb") == "ENG"
    assert normalise_region("EU", "el") == "GR"
    assert normalise_region("EU", None) is None
    with pytest.raises(UnknownRegion, match="valid choices: AT"):
        normalise_region("EU", "XX")
    with pytest.raises(UnknownRegion, match="ENG, WLS, SCT, NIR"):
        normalise_region("UK", "DE")
