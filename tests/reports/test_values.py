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


# ---- reading in the report's country (app/reports/values.py) --------------------------------

from app.reports.values import Ambiguous, country_code, country_for, read_date, read_money  # noqa: E402


@pytest.mark.parametrize(
    ("raw", "country", "expected"),
    [
        ("03/04/2021", "US", date(2021, 3, 4)),
        ("03/04/2021", "GB", date(2021, 4, 3)),
        ("03.04.2021", "DE", date(2021, 4, 3)),
        ("03/04/2021", "FR", date(2021, 4, 3)),
        ("15/03/2021", None, date(2021, 3, 15)),  # only one reading is a real date
        ("03/15/2021", None, date(2021, 3, 15)),
        ("2021年03月15日", None, date(2021, 3, 15)),
        ("２０２１年３月", "CN", date(2021, 3, 1)),  # full-width digits
        ("2021/03/15", "CN", date(2021, 3, 15)),
        ("5 März 2021", "DE", date(2021, 3, 5)),
        ("5 March 2021", "GB", date(2021, 3, 5)),
        ("05-Mar-2021", None, date(2021, 3, 5)),
        ("Dec 09, 2024", "US", date(2024, 12, 9)),
        ("06/2021", None, date(2021, 6, 1)),
        ("-", "DE", None),
    ],
)
def test_dates_by_country(raw, country, expected):
    assert read_date(raw, country) == expected


@pytest.mark.parametrize(("raw", "country"), [("03/04/2021", None), ("03/04/2021", "CN"),
                                                ("01.02.2020", None)])  # fmt: skip
def test_a_date_that_reads_two_ways_is_a_question(raw, country):
    found = read_date(raw, country)
    assert isinstance(found, Ambiguous) and found.raw == raw and len(found.choices) == 2
    assert found.choices[0] != found.choices[1]


@pytest.mark.parametrize(("raw", "country"), [("15/03/2021", "US"), ("03/15/2021", "GB"),
                                                ("31.02.2021", "DE"), ("21/03/15", None)])  # fmt: skip
def test_dates_that_cannot_be_in_that_country(raw, country):
    with pytest.raises(ValueError):
        read_date(raw, country)


@pytest.mark.parametrize(
    ("raw", "country", "expected"),
    [
        ("1.234,56", "DE", Decimal("1234.56")),
        ("1.234,56 €", None, Decimal("1234.56")),  # both marks: the last one is the decimal
        ("€1.234", "DE", Decimal("1234")),
        ("1 234,56", "FR", Decimal("1234.56")),
        ("£1,234.50", None, Decimal("1234.50")),
        ("£1,234", "GB", Decimal("1234")),
        ("¥1,200", "CN", Decimal("1200")),
        ("1200元", None, Decimal("1200")),
        ("$1,234", None, Decimal("1234")),  # a dollar amount is written with a decimal point
        ("1,5", "DE", Decimal("1.5")),
        ("-€50", "FR", Decimal("-50")),
        ("1,234", "US", Decimal("1234")),
    ],
)
def test_money_by_country(raw, country, expected):
    assert read_money(raw, country) == expected


@pytest.mark.parametrize(("raw", "country"), [("1,234", "DE"), ("€1,234", None), ("1,234", None),
                                                ("1.234", "US"), ("(1,234)", "ES")])  # fmt: skip
def test_an_amount_that_reads_two_ways_is_a_question(raw, country):
    found = read_money(raw, country)
    assert isinstance(found, Ambiguous)
    assert sorted(abs(c) for c in found.choices) == [Decimal("1.234"), Decimal("1234")]


def test_the_old_us_readers_never_answer_a_question():
    with pytest.raises(ValueError, match="two ways"):
        parse_money("1.234")
    assert parse_date("03/04/2021") == date(2021, 3, 4)


def test_the_country_of_a_report():
    assert country_for(bureau="Experian") == "US"
    assert country_for(bureau="TransUnion", text="Balance: £120") is None  # a UK file, maybe
    assert country_for(chosen="uk", bureau="Experian") == "GB"
    assert country_for(stated="DE", bureau="Equifax") == "DE"
    assert country_for(bureau="Schufa") is None
    assert country_code("zz") is None and country_code(" fr ") == "FR"
