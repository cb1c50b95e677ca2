"""The bureau PDF readers against the synthetic samples (made-up data, real 2024 layouts).

Each sample is read to its .truth.json (tests/reports/truth.py lists every mismatch); the other
tests check what the preview relies on (pages and lines), page furniture, and that damaged or
reordered files degrade gracefully instead of failing.
"""

import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from app.reports.importers import import_report, pick_pdf_layout
from app.reports.importers.pdf import _document, _open, read_lines

from .truth import compare, late_months

SAMPLES = Path(__file__).parent / "samples"
NAMES = sorted(p.stem for p in SAMPLES.glob("*.pdf"))
BUREAUS = {"equifax": "Equifax", "experian": "Experian", "transunion": "TransUnion"}


def sample(name: str) -> bytes:
    return (SAMPLES / f"{name}.pdf").read_bytes()


def truth(name: str) -> dict:
    return json.loads((SAMPLES / f"{name}.truth.json").read_text())


@pytest.fixture(scope="module")
def results():
    return {name: import_report(sample(name), "pdf") for name in NAMES}


def account(result, furnisher: str):
    return next(a for a in result.report.accounts if a.furnisher == furnisher)


@pytest.mark.parametrize("name", NAMES)
def test_every_sample_reads_to_its_truth(results, name):
    assert compare(results[name], truth(name)) == []


@pytest.mark.parametrize("name", NAMES)
def test_hard_and_soft_inquiries_are_counted_apart(results, name):
    counts = truth(name)["counts"]
    soft = counts.get("soft_inquiries", counts.get("soft_inquiry_entries"))
    kinds = [q.kind for q in results[name].report.inquiries]
    assert (kinds.count("hard"), kinds.count("soft")) == (counts["hard_inquiries"], soft)


def test_the_layout_comes_from_the_content_not_the_file_name(report_pdf):
    for name in NAMES:
        with_layout = pick_pdf_layout(_document(_open(sample(name))))
        assert with_layout is not None and with_layout.bureau == BUREAUS[name.split("-")[0]]
    assert pick_pdf_layout(_document(_open(report_pdf))) is None  # any other PDF: the text reader
    assert len(import_report(report_pdf, "pdf").report.accounts) == 4


@pytest.mark.parametrize("name", NAMES)
def test_everything_read_is_tied_to_its_page_and_line(results, name):
    result = results[name]
    doc = _document(_open(sample(name)))
    keys = {item.key for item in result.report.items()}
    for u in result.understood:
        line = doc.line(u.line)
        assert line is not None and u.page == line.page, u
        assert line.text in u.text or u.text.split()[0].rstrip(":") in line.text or "payment" in u.text
        assert u.item is None or u.item in keys
    assert {u.item for u in result.understood} >= keys  # every item shows where it came from
    assert all(u.line and u.page for u in result.unread)


def test_charge_off_closed_flag_and_payment_grid_equifax(results):
    northwind = account(results["equifax-2024-annual-sample"], "NORTHWIND CARD SERVICES")
    assert northwind.is_closed and northwind.closed is None  # "(CLOSED)", no date printed
    assert northwind.charge_off_amount == Decimal("1480")
    assert northwind.first_delinquency == date(2023, 9, 10)
    assert northwind.payment_history[:10] == ("CO",) * 9 + ("180",)  # most recent first
    assert northwind.payment_history_as_of == date(2024, 11, 1)
    assert late_months(northwind)["2023-09"] == "30"


def test_collections_have_their_type_and_original_creditor(results):
    for name in NAMES:
        collections = [a for a in results[name].report.accounts if "COLLECT" in a.account_type.upper()]
        assert len(collections) == 2, name
        assert {a.original_creditor for a in collections} == {"SAMPLE WIRELESS", "SAMPLE UTILITY CO"}


def test_the_companys_contact_is_read_for_a_dispute_letter(results):
    equifax = account(results["equifax-2024-annual-sample"], "EXAMPLE BANK CARD")
    assert (equifax.contact_name, equifax.contact_address, equifax.contact_phone) == (
        "EXAMPLE BANK CARD SERVICES", ("PO BOX 1000", "SAMPLETON, OH 43000"), "(555) 010-1000")
    experian = account(results["experian-2024-annual-sample"], "EXAMPLE AUTO FINANCE")
    assert experian.contact_address == ("500 SAMPLE PKWY", "SAMPLETON OH 43000")
    assert experian.contact_phone == "(555) 010-4000"
    transunion = account(results["transunion-2024-annual-sample"], "EXAMPLERECOVERYSERVICES")
    assert transunion.contact_address == ("1 COLLECTION PLAZA, SUITE 100", "SAMPLETON, OH 43000")


def test_an_inquiry_with_many_dates_is_one_entry_with_its_other_dates(results):
    inquiries = results["experian-2024-annual-sample"].report.inquiries
    app = next(q for q in inquiries if q.who == "SAMPLE SCORE APP" and q.on == date(2024, 12, 6))
    assert len(app.other_dates) == 69 and app.other_dates[-1] == "2024-05-13"  # over 2 pages


@pytest.mark.parametrize("name", [n for n in NAMES if "header-footer" in n])
def test_browser_header_and_footer_are_page_furniture_not_data(results, name):
    result = results[name]
    assert not any("example.com" in u.text or "10:14 AM" in u.text for u in result.understood)
    furniture = [u for u in result.unread if "not report data" in str(u.reason)]
    assert len(furniture) == 2 and all("page(s)" in str(u.reason) for u in furniture)


def test_an_account_split_across_pages_is_read_whole(results):
    result = results["transunion-2024-annual-sample"]
    name_only = account(result, "EXAMPLEADJUSTMENTBUREAU")  # its name ends a page
    pages = {u.page for u in result.understood if u.item == name_only.key}
    assert len(pages) == 2 and name_only.balance == Decimal("890")
    northwind = account(results["equifax-2024-annual-sample"], "NORTHWIND CARD SERVICES")
    pages = {u.page for u in results["equifax-2024-annual-sample"].understood
             if u.item == northwind.key}  # fmt: skip
    assert len(pages) >= 3


# ---- damaged files ------------------------------------------------------------------------------


def edited(name: str, order: list[int]) -> bytes:
    """The sample with its pages in this order (0-based; pages left out are dropped)."""
    source = pdfium.PdfDocument(sample(name))
    out = pdfium.PdfDocument.new()
    out.import_pages(source, order)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def test_a_missing_page_loses_only_its_lines_and_is_reported():
    name = "equifax-2024-annual-sample"
    pages = list(range(33))
    pages.remove(10)  # page 11: the middle of NORTHWIND CARD SERVICES' details
    result = import_report(edited(name, pages), "pdf")
    northwind = account(result, "NORTHWIND CARD SERVICES")
    assert northwind.charge_off_amount == Decimal("1480")  # from page 12, still read
    assert northwind.opened is None  # "Date Opened" was on the missing page
    assert any("11" in str(u.reason) and "missing" in str(u.reason) for u in result.unread)
    mismatches = compare(result, truth(name))
    assert mismatches and all(m.startswith("NORTHWIND CARD SERVICES") for m in mismatches)


def test_sections_in_another_order_read_the_same():
    name = "equifax-2024-annual-sample"
    pages = [*range(26), 29, 26, 27, 28, *range(30, 33)]  # collections before the inquiries
    assert compare(import_report(edited(name, pages), "pdf"), truth(name)) == []


# ---- the generic reader keeps working ---------------------------------------------------------


def test_a_pdf_we_do_not_know_is_read_line_by_line_with_pages(report_pdf):
    doc = _document(_open(report_pdf))
    result = read_lines(doc)
    assert len(result.report.accounts) == 4
    assert all(u.page == doc.line(u.line).page for u in (*result.understood, *result.unread))
    assert {u.page for u in result.understood} == {1, 2}
