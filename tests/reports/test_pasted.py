"""Pasted excerpts of one or a few accounts, with no section heading, in the styles of the three
bureaus and of legal-aid tools (tests/reports/fixtures/pasted/, made-up data)."""

from datetime import date
from decimal import Decimal

import pytest

from app.reports.importers import import_reports
from app.reports.importers.text_format import read_text, read_text_reports

from .conftest import FIXTURES

PASTED = FIXTURES / "pasted"


def read(name: str, country: str | None = None):
    return read_text((PASTED / name).read_text(), country=country)


def one_account(name: str, country: str | None = None):
    result = read(name, country)
    (account,) = result.report.accounts
    return result, account


def test_a_legal_aid_collection_block():
    result, a = one_account("legal-aid-collection.txt")
    assert (a.furnisher, a.account_type, a.original_creditor) == (
        "MIDLAND CREDIT MANAGEMENT", "collection", "SAMPLE WIRELESS")
    assert (a.opened, a.first_delinquency, a.removal_date) == (
        date(2024, 6, 20), date(2023, 2, 1), date(2030, 2, 1))
    assert a.balance == Decimal("642") and result.report.bureau == "Experian"
    assert result.unread == () and result.questions == () and result.unreadable is None


def test_accounts_reported_by_different_bureaus_make_one_report_each():
    results = read_text_reports((PASTED / "legal-aid-three-accounts.txt").read_text())
    by_bureau = {r.report.bureau: [a.furnisher for a in r.report.accounts] for r in results}
    assert by_bureau == {
        "Experian": ["PORTFOLIO EXAMPLE ASSOCIATES", "NORTHWIND CARD SERVICES"],
        "TransUnion": ["PORTFOLIO EXAMPLE ASSOCIATES"],
        "Equifax": ["EXAMPLE HOSPITAL BILLING"],
    }
    # lines that belong to no account are listed once, with the first report
    assert [len(r.unread) for r in results] == [2, 0, 0]
    portfolio = results[0].report.accounts[0]
    assert portfolio.contact_address == ("120 CORPORATE BLVD", "NORFOLK, VA 23502")
    assert portfolio.contact_phone == "(555) 010-2200"
    assert portfolio.first_delinquency == date(2021, 7, 1)


def test_an_experian_card_with_labels_without_colons():
    result, a = one_account("experian-card.txt")
    assert a.furnisher == "EXAMPLE AUTO FINANCE" and a.account_number == "700000XXXXXXXXXX"
    assert a.status == "Open. $412 past due as of Nov 2024."  # "past due" inside a sentence
    assert (a.balance, a.high_balance) == (Decimal("14320"), Decimal("21500"))
    assert a.reported == date(2024, 11, 30) and a.removal_date == date(2031, 11, 1)
    # "Address" and "Phone Number" alone on their line, the values below (an address on two)
    assert a.contact_address == ("PO BOX 4000", "SAMPLETON OH 43000")
    assert a.contact_phone == "(555) 010-4000"
    assert {str(u.reason) for u in result.unread} == {"we do not keep 'recent payment'",
                                                 "we do not keep 'monthly payment'",
                                                 "we do not keep 'terms'"}  # fmt: skip


def test_a_transunion_collection():
    _, a = one_account("transunion-collection.txt")
    assert (a.furnisher, a.account_number) == ("EXAMPLE RECOVERY SERVICES", "8800****")
    assert a.status == "Collection" and a.remarks == ("PLACED FOR COLLECTION",)  # no >brackets<
    assert a.account_type == "COLLECTION AGENCY/ATTORNEY" and a.original_creditor == "SAMPLE WIRELESS"
    assert a.removal_date == date(2030, 2, 1) and a.past_due == Decimal("642")
    assert a.contact_address == ("1 COLLECTION PLZ STE 100", "SAMPLETON, OH 43000")


def test_an_equifax_account_with_two_pairs_per_line():
    result, a = one_account("equifax-account.txt")
    assert a.furnisher == "NORTHWIND CARD SERVICES" and "Closed" in a.remarks
    assert (a.status, a.responsibility, a.account_type) == ("CHARGE_OFF", "INDIVIDUAL", "Credit Card")
    assert (a.opened, a.reported, a.closed) == (date(2021, 10, 5), date(2024, 11, 30),
                                                date(2024, 8, 1))  # fmt: skip
    # "Delinquency First Reported" is another field than the date of first delinquency
    assert a.first_delinquency == date(2023, 9, 10)
    assert (a.balance, a.credit_limit, a.past_due) == (Decimal(1480), Decimal(1000), Decimal(1480))
    assert "Charged off account" in a.remarks
    assert a.contact_name == "NORTHWIND CARD SERVICES"  # the "Contact" block, name first
    assert a.contact_address == ("PO BOX 3000", "EXAMPLEVILLE, PA 15000")
    assert a.contact_phone == "(555) 010-3000"
    assert {u.line for u in result.unread} == {3, 9}


def test_values_on_the_next_line_and_one_block_per_account():
    result = read("next-line-values.txt")
    acme, second = result.report.accounts
    assert (acme.opened, acme.balance, acme.status) == (date(2018, 4, 1), Decimal(5150), "Paid, closed")
    assert (second.furnisher, second.opened, second.balance) == (
        "SECOND EXAMPLE LENDER", date(2015, 1, 1), Decimal(0))
    # no bureau, no country: 12/01/2020 is 1 December or 12 January, and we ask
    (question,) = result.questions
    assert (question.field, question.raw, question.choices) == (
        "account.last_payment", "12/01/2020", ("2020-12-01", "2020-01-12"))
    assert question.item == acme.key and acme.last_payment is None


def test_the_same_text_read_as_a_us_report_has_no_question():
    result = read("next-line-values.txt", country="US")
    assert result.questions == () and result.report.accounts[0].last_payment == date(2020, 12, 1)
    assert result.report.country == "US"


@pytest.mark.parametrize(("country", "opened"), [("GB", date(2019, 4, 3)), (None, None)])
def test_a_uk_style_excerpt(country, opened):
    result, a = one_account("uk-style.txt", country)
    assert a.furnisher == "EXAMPLE BANK PLC" and a.balance == Decimal("1234.50")
    assert a.reported == date(2024, 6, 15)  # 15/06 can only be day-first
    assert a.opened == opened
    assert len(result.questions) == (0 if country else 1)


def test_a_us_bureau_name_does_not_make_a_pound_report_american():
    text = "Reported by: Experian\nLender: EXAMPLE BANK PLC\nDate opened: 03/04/2019\nBalance: £20\n"
    result = read_text(text)
    assert result.report.bureau == "Experian" and [q.raw for q in result.questions] == ["03/04/2019"]


def test_the_readers_share_one_vocabulary():
    """A label added to labels.py is understood in pasted text (and by the HTML reader)."""
    from app.reports.importers import labels

    assert labels.field_for("account", "Delinquent Since:") == "first_delinquency"
    assert labels.field_for("account", "Account #") == "account_number"
    assert labels.field_for("account", "Delinquency First Reported") is None
    assert labels.is_unused("account", "Delinquency First Reported")


def test_pasted_text_through_the_registry():
    (result,) = import_reports((PASTED / "legal-aid-collection.txt").read_bytes(), "text")
    assert result.report.accounts[0].furnisher == "MIDLAND CREDIT MANAGEMENT"


def test_a_label_without_a_colon_is_a_name_when_its_value_does_not_fit():
    result = read_text("BALANCE CREDIT UNION\nAccount Number: 1234\nBalance: $10\n")
    (a,) = result.report.accounts
    assert a.furnisher == "BALANCE CREDIT UNION" and a.balance == Decimal(10)
