from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.reports.importers import parse_date, parse_money


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("03/15/2021", date(2021, 3, 15)),
        ("3/5/2021", date(2021, 3, 5)),
        ("03/2021", date(2021, 3, 1)),
        ("2021-03-15", date(2021, 3, 15)),
        ("2021-03", date(2021, 3, 1)),
        ("Mar 2021", date(2021, 3, 1)),
        ("March 2021", date(2021, 3, 1)),
        ("Mar 5, 2021", date(2021, 3, 5)),
        ("Sept 2020", date(2020, 9, 1)),
        ("N/A", None),
        ("-", None),
    ],
)
def test_dates(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["yesterday", "13/45/2020", "Marchember 2021", "2021"])
def test_not_dates(raw):
    with pytest.raises(ValueError):
        parse_date(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("$1,234", Decimal("1234")),
        ("1,234.00", Decimal("1234.00")),
        ("$0", Decimal("0")),
        ("-$50", Decimal("-50")),
        ("($50.10)", Decimal("-50.10")),
        ("None", None),
    ],
)
def test_money(raw, expected):
    assert parse_money(raw) == expected


@pytest.mark.parametrize("raw", ["lots", "$1,2.3.4", "12 dollars"])
def test_not_money(raw):
    with pytest.raises(ValueError):
        parse_money(raw)


@settings(max_examples=40, deadline=None)
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31)))
def test_every_date_layout_reads_back(day):
    assert parse_date(day.strftime("%m/%d/%Y")) == day
    assert parse_date(day.isoformat()) == day
    assert parse_date(day.strftime("%b %Y")) == day.replace(day=1)
    assert parse_date(day.strftime("%B %Y")) == day.replace(day=1)
    assert parse_date(day.strftime("%m/%Y")) == day.replace(day=1)


@settings(max_examples=40, deadline=None)
@given(st.decimals(min_value=0, max_value=10**7, places=2))
def test_money_reads_back(amount):
    assert parse_money(f"${amount:,.2f}") == amount
    assert parse_money(f"{amount:.2f}") == amount
