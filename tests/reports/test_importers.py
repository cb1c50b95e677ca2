from datetime import date
from decimal import Decimal

import pytest

from app.reports.importers import SCANNED, ImportError_, guess_format, import_report
from app.reports.importers.csv_format import write_csv
from app.reports.importers.json_format import write_json
from app.reports.importers.pdf import MAX_PAGES
from app.reports.importers.text_format import read_text
from app.reports.model import Report

from .conftest import FIXTURES, blank_pdf


def load(name: str, fmt: str):
    return import_report((FIXTURES / name).read_bytes(), fmt)


def midland(report: Report):
    return next(a for a in report.accounts if a.furnisher == "MIDLAND CREDIT MANAGEMENT")


def test_text_reads_header_sections_and_items():
    result = load("report.txt", "text")
    report = result.report
    assert (report.bureau, report.pulled) == ("Experian", date(2025, 3, 15))
    assert [p.kind for p in report.personal].count("address") == 2
    assert len(report.accounts) == 4 and len(report.inquiries) == 2
    assert len(report.public_records) == 1
    m = midland(report)
    assert m.first_delinquency == date(2016, 2, 1) and m.opened == date(2021, 6, 1)
    assert m.balance == Decimal("1234") and m.original_creditor == "FIRST EXAMPLE BANK"
    assert m.removal_date == date(2025, 8, 1)
    bank = next(a for a in report.accounts if a.furnisher == "FIRST EXAMPLE BANK")
    assert bank.payment_history[0] == "CO" and bank.credit_limit == Decimal("2000")


def test_text_several_labels_on_one_line_and_inline_inquiry():
    report = load("report.txt", "text").report
    auto = next(a for a in report.accounts if a.furnisher == "SAMPLE AUTO FINANCE")
    assert auto.balance == Decimal("8400") and auto.status == "Current"
    card = next(q for q in report.inquiries if q.who == "EXAMPLE CARD SERVICES")
    assert card.on == date(2022, 4, 2) and card.kind == "hard"


def test_text_lists_what_it_understood_with_line_numbers():
    result = load("report.txt", "text")
    lines = (FIXTURES / "report.txt").read_text().splitlines()
    dofd = next(u for u in result.understood if u.field == "account.first_delinquency")
    assert lines[dofd.line - 1] == dofd.text and dofd.value == "2016-02-01"


def test_text_never_drops_a_line_silently():
    result = read_text(
        "Accounts\nACME BANK\nBalance: lots\nFavourite colour: blue\nNOISE LINE\n"
        "Public Records\nfooter text\n"
    )
    reasons = {u.line: str(u.reason) for u in result.unread}
    assert "money" in reasons[3] and "favourite colour" in reasons[4]
    assert 5 in reasons and 7 in reasons  # a lone name with no details; not a public record
    (acme,) = result.report.accounts  # kept, with the balance we could not read left empty
    assert acme.furnisher == "ACME BANK" and acme.balance is None


def test_text_soft_inquiry_heading_and_name_then_label():
    result = read_text(
        "Soft Inquiries\nPROMO BANK\nInquirer: PROMO BANK\nDate: 01/2024\n"
        "Accounts\nFIRST EXAMPLE BANK\nAccount Name: FIRST EXAMPLE BANK\nBalance: $5\n"
    )
    (q,) = result.report.inquiries
    assert (q.who, q.kind, q.on) == ("PROMO BANK", "soft", date(2024, 1, 1))
    assert len(result.report.accounts) == 1 and result.unread == ()


def test_text_page_numbers_do_not_split_an_account():
    result = read_text("Accounts\nACME BANK\nBalance: $5\nPage 2 of 7\nDate opened: 01/2020\n")
    (acme,) = result.report.accounts
    assert acme.opened == date(2020, 1, 1) and str(result.unread[0].reason) == "a page number"


def test_text_on_record_until_sentence():
    result = read_text(
        "Accounts\nACME COLLECTIONS\nThis item is scheduled to continue on record until Mar 2027.\n"
    )
    assert result.report.accounts[0].removal_date == date(2027, 3, 1)


def test_json_and_csv_fixtures_match_the_text_one():
    text = load("report.txt", "text").report
    assert load("report.json", "json").report == text
    assert load("report.csv", "csv").report == text


def test_round_trip_json_and_csv():
    report = load("report.txt", "text").report
    again = import_report(write_json(report).encode(), "json")
    assert again.report == report and again.unread == ()
    assert import_report(write_csv(report).encode(), "csv").report == report
    assert Report.from_dict(report.to_dict()) == report


def test_keys_are_stable_across_formats():
    text = load("report.txt", "text").report
    assert [a.key for a in text.accounts] == [
        a.key for a in load("report.json", "json").report.accounts
    ]


def test_json_unknown_fields_and_bad_values_are_unread():
    data = b'{"bureau": "Equifax", "colour": "red", "accounts": [{"furnisher": "A", "balance": "lots", "opened": "03/2020"}]}'
    result = import_report(data, "json")
    assert result.report.accounts[0].opened == date(2020, 3, 1)
    assert result.report.accounts[0].balance is None
    assert len(result.unread) == 2


def test_pdf_made_from_html_reads_like_the_text(report_pdf):
    result = import_report(report_pdf, "pdf")
    text = load("report.txt", "text").report
    assert result.report == text


@pytest.mark.parametrize(
    ("data", "fmt", "words"),
    [
        (b"", "pdf", "empty"),
        (b"   \n", "text", "empty"),
        (b"hello, this is not a pdf", "pdf", "not a PDF"),
        (b"%PDF-1.7 garbage", "pdf", "damaged"),
        (b"[1, 2]", "json", "one object"),
    ],
)
def test_broken_files(data, fmt, words):
    with pytest.raises(ImportError_, match=words):
        import_report(data, fmt)


def test_encrypted_pdf():
    with pytest.raises(ImportError_) as error:
        import_report(blank_pdf(password="secret"), "pdf")
    assert str(error.value) == (
        "This PDF is password-protected: remove the password or paste the text"
    )


def test_too_many_pages():
    with pytest.raises(ImportError_, match=f"200 pages; we read at most {MAX_PAGES}"):
        import_report(blank_pdf(pages=200), "pdf")


def test_pdf_without_text_is_read_as_a_scan_and_says_nothing_was_read():
    result = import_report(blank_pdf(), "pdf")
    assert result.warnings == (SCANNED,) and result.unreadable == "nothing"


def test_wrong_csv_headers_name_the_expected_ones():
    with pytest.raises(ImportError_) as error:
        load("wrong-headers.csv", "csv")
    message = str(error.value)
    assert "balanse" in message and "section" in message and "first_delinquency" in message
    assert "\n" not in message


def test_csv_without_section_column():
    with pytest.raises(ImportError_, match="no 'section' column"):
        import_report(b"furnisher,balance\nA,1\n", "csv")


def test_invalid_json_gives_line_and_column():
    with pytest.raises(ImportError_, match=r"line 4, column 23"):
        load("invalid.json", "json")


def test_guess_format():
    assert guess_format("r.PDF") == "pdf" and guess_format("x.txt") == "text"
    with pytest.raises(ImportError_, match="json, csv, text, pdf"):
        guess_format("report.docx")
