"""Bureau PDFs that differ from the samples: new and misspelled labels, a missing section, values
that wrap, damaged files, lines lost or out of place. The readers degrade and list what they did
not read; they never fail with anything but ImportError_.

The small PDFs here are written from scratch in each bureau's layout (bold labels, two pairs to a
row, values right-aligned...), not copied from the samples, so they test the layout rules.
"""

import json
import random
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from weasyprint import HTML

from app.reports.importers import ImportError_, import_report, pick_pdf_layout
from app.reports.importers.pdf import _document, _open

from .truth import compare

SAMPLES = Path(__file__).parent / "samples"


def pdf(body: str, css: str = "") -> bytes:
    style = ("body{font-family:sans-serif;font-size:8pt} table{border-collapse:collapse;width:540pt}"
             "td{padding:4pt 2pt} td.l{font-weight:bold} td.v{text-align:right}"
             ".h1{font-size:18pt} .h2{font-size:12pt;font-weight:bold;margin:12pt 0}"
             ".h3{font-size:11pt;font-weight:bold;margin:10pt 0}" + css)  # fmt: skip
    return HTML(string=f"<html><head><style>{style}</style></head><body>{body}</body></html>").write_pdf()


def pairs_table(rows) -> str:
    cells = "".join(
        f'<tr><td class="l">{a}</td><td class="v">{b}</td><td style="width:36pt"></td>'
        f'<td class="l">{c}</td><td class="v">{d}</td></tr>' for a, b, c, d in rows)  # fmt: skip
    return f"<table>{cells}</table>"


EQUIFAX_LIKE = (
    '<div class="h1">1. Summary</div><p>What your Equifax report holds, at a glance.</p>'
    + pairs_table([("Report Date", "Jan 05, 2025", "", "")])
    + '<div class="h1" style="page-break-before:always">2. Revolving Accounts</div>'
    '<p>Revolving accounts are credit cards and lines of credit you pay off each month.</p>'
    '<div class="h2">2.1 ACME CARD SERVICES (CLOSED)</div><div class="h3">Account Details</div>'
    + pairs_table([
        ("High Credit", "$900", "Payment Responsibility", "INDIVIDUAL"),
        ("Balance", "$750", "Date Opened", "Feb 11, 2019"),
        ("Favourite Colour", "BLUE", "Delinquency First Reported", "Apr 2020"),
        ("Charge Off Amount", "$750", "Date Of First Delinquncy", "Mar 02, 2020"),
        ("Loan Type", "Credit Card", "Account Status", "CHARGE_OFF"),
    ])
    + '<div class="h1" style="page-break-before:always">8. Inquiries</div>'
    '<p>Companies that asked for your credit report.</p><div class="h2">Hard Inquiries</div>'
    '<table><tr><td>Date</td><td>Company</td><td>Request Originator</td></tr>'
    "<tr><td>Dec 01, 2024</td><td>ACME AUTO LOANS</td><td></td></tr></table>"
    '<div class="h2">Soft Inquiries</div>'
    "<table><tr><td>Date</td><td>Company</td><td>Request Originator</td><td>Description</td></tr>"
    "<tr><td>Nov 02, 2024</td><td>ACME AUTO LOANS</td><td></td><td>Promotional Inquiry</td></tr>"
    "</table>"
)


def test_an_unknown_label_is_listed_and_a_misspelled_one_still_read():
    result = import_report(pdf(EQUIFAX_LIKE), "pdf")
    assert result.report.bureau == "Equifax" and result.report.pulled == date(2025, 1, 5)
    (acme,) = result.report.accounts  # no "10. Collections" section: nothing breaks
    assert acme.furnisher == "ACME CARD SERVICES" and acme.is_closed
    assert (acme.balance, acme.charge_off_amount) == (Decimal("750"), Decimal("750"))
    assert acme.first_delinquency == date(2020, 3, 2)  # "Delinquncy": close enough to the label
    assert acme.status == "CHARGE_OFF" and acme.opened == date(2019, 2, 11)
    unknown = [u for u in result.unread if "Favourite Colour" in u.text]
    assert len(unknown) == 1 and "label we do not know" in str(unknown[0].reason) and unknown[0].page == 2
    kinds = sorted((q.kind, q.who) for q in result.report.inquiries)
    assert kinds == [("hard", "ACME AUTO LOANS"), ("soft", "ACME AUTO LOANS")]


TRANSUNION_LIKE = (
    "<p>Personal Credit Report for:</p><p><b>JANE EXAMPLE</b></p><p>Date Created:</p><p><b>"
    "01/05/2025</b></p>"
    '<div class="h2">Accounts with Adverse Information</div><p>These accounts have adverse '
    "information that may stay on your credit file for up to seven years.</p>"
    '<p style="font-weight:600">ACME RECOVERY 1234****</p><div class="h3">Account Information</div>'
    '<table class="tu">'
    + "".join(f'<tr><td class="l">{a}</td><td class="v"><span class="w">{b}</span></td></tr>' for a, b in [
        ("Address", "1 DEBT ROAD SUITE 9 EXAMPLE CITY, OH 43000"),
        ("Date Opened", "06/20/2024"),
        ("Loan Type", "COLLECTION AGENCY/ATTORNEY"),
        ("Balance", "$642"),
        ("Loyalty Tier", "GOLD"),
        ("Original Creditor", "SAMPLE PHONE COMPANY WITH A NAME LONG ENOUGH TO WRAP ONTO TWO LINES"),
        ("Pay Status", "&gt;Collection&lt;"),
    ])
    + '</table><div class="h2">Regular Inquiries</div><p>Companies you asked for credit, shown '
    'to others who look at your file.</p><p>Name</p><p>ACME AUTO</p>'
    '<table><tr><td class="l">Location</td><td class="l">Requested On</td><td class="l">Phone</td>'
    "</tr><tr><td>1 MAIN ST</td><td>10/02/2024, 09/01/2024</td><td>(555) 010-4000</td></tr></table>"
    '<div class="h2">Promotional Inquiries</div><p>Offers of credit you did not ask for; only '
    "you can see these and they do not affect your score.</p><p>Name</p><p>ACME OFFERS</p>"
    '<table><tr><td class="l">Location</td><td class="l">Requested On</td><td class="l">Phone</td>'
    "</tr><tr><td>2 MAIN ST</td><td>08/06/2024</td><td>(555) 010-4001</td></tr></table>"
)
_TU_CSS = (".tu td{border-bottom:1px solid #ddd;vertical-align:bottom;padding:0 0 8pt 0}"
           ".tu td.l{width:220pt} .w{display:inline-block;max-width:200pt}")  # fmt: skip


def test_a_value_wrapping_above_its_label_and_an_unknown_label():
    result = import_report(pdf(TRANSUNION_LIKE, _TU_CSS), "pdf")
    assert result.report.bureau == "TransUnion" and result.report.pulled == date(2025, 1, 5)
    (acme,) = result.report.accounts
    assert (acme.furnisher, acme.account_number) == ("ACME RECOVERY", "1234****")
    assert acme.original_creditor == ("SAMPLE PHONE COMPANY WITH A NAME LONG ENOUGH TO WRAP ONTO "
                                      "TWO LINES")  # fmt: skip
    assert acme.contact_address == ("1 DEBT ROAD SUITE 9", "EXAMPLE CITY, OH 43000")
    assert acme.status == ">Collection<" and acme.balance == Decimal("642")
    assert any("Loyalty Tier" in u.text and "label we do not know" in str(u.reason) for u in result.unread)
    hard, soft = sorted(result.report.inquiries, key=lambda q: q.kind)
    assert (hard.kind, hard.who, hard.on, hard.other_dates) == (
        "hard", "ACME AUTO", date(2024, 10, 2), ("2024-09-01",))
    assert (soft.kind, soft.who) == ("soft", "ACME OFFERS")


# ---- damaged and shuffled input ---------------------------------------------------------------


@pytest.mark.parametrize("cut", [0.1, 0.5, 0.9])
def test_a_cut_off_file_is_a_clear_error(cut):
    data = (SAMPLES / "equifax-2024-annual-sample.pdf").read_bytes()
    try:
        result = import_report(data[: int(len(data) * cut)], "pdf")
    except ImportError_ as error:
        assert "PDF" in str(error)
    else:  # pdfium repaired it: whatever it read is still a report
        assert result.report.bureau in (None, "Equifax")


def test_junk_after_a_pdf_header_is_a_clear_error():
    with pytest.raises(ImportError_):
        import_report(b"%PDF-1.7\n" + bytes(range(256)) * 40, "pdf")


@pytest.mark.parametrize("name", ["equifax-2024-annual-sample", "experian-2024-annual-sample",
                                  "transunion-2024-annual-sample"])  # fmt: skip
def test_lines_lost_or_out_of_place_never_break_a_reader(name):
    doc = _document(_open((SAMPLES / f"{name}.pdf").read_bytes()))
    layout = pick_pdf_layout(doc)
    rng = random.Random(name)
    for _ in range(12):
        lines = [line for line in doc.lines if rng.random() > 0.15]
        for _ in range(5):  # a few lines moved somewhere else
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines.insert(j, lines.pop(i))
        result = layout.read(replace(doc, lines=tuple(lines)))
        assert result.report.bureau == layout.bureau
        assert all(u.line is not None for u in result.unread)


def test_experian_cards_without_their_account_info_title_are_still_read():
    name = "experian-2024-annual-sample"
    doc = _document(_open((SAMPLES / f"{name}.pdf").read_bytes()))
    lines = tuple(line for line in doc.lines if line.text != "Account Info")
    result = pick_pdf_layout(doc).read(replace(doc, lines=lines))
    assert compare(result, json.loads((SAMPLES / f"{name}.truth.json").read_text())) == []


def _equifax():
    name = "equifax-2024-annual-sample"
    doc = _document(_open((SAMPLES / f"{name}.pdf").read_bytes()))
    return doc, pick_pdf_layout(doc), json.loads((SAMPLES / f"{name}.truth.json").read_text())


def test_equifax_inquiry_tables_without_their_headings_still_tell_hard_from_soft():
    doc, layout, expected = _equifax()
    lines = tuple(line for line in doc.lines if line.text not in ("Hard Inquiries", "Soft Inquiries"))
    assert compare(layout.read(replace(doc, lines=lines)), expected) == []


def test_equifax_section_titled_differently_and_no_summary_page():
    doc, layout, expected = _equifax()
    lines = []
    for line in doc.lines:
        if line.page == 3:  # the summary page, with the report date, is gone
            continue
        if line.text == "4. Installment Accounts":  # and a section is titled "4. Borrowing"
            first = line.words[0]
            line = replace(line, words=(first, replace(first, text="Borrowing", x0=first.x1 + 3)))
        lines.append(line)
    result = layout.read(replace(doc, lines=tuple(lines)))
    assert result.report.pulled == date(2024, 12, 9)  # from the page footer
    assert compare(result, expected) == []


@pytest.mark.parametrize("name", ["equifax-2024-annual-sample", "experian-2024-annual-sample",
                                  "transunion-2024-annual-sample"])  # fmt: skip
def test_a_file_that_does_not_tell_bold_from_regular_still_reads(name):
    doc = _document(_open((SAMPLES / f"{name}.pdf").read_bytes()))
    plain = tuple(replace(line, words=tuple(replace(w, bold=False) for w in line.words))
                  for line in doc.lines)  # fmt: skip
    result = pick_pdf_layout(doc).read(replace(doc, lines=plain))
    mismatches = compare(result, json.loads((SAMPLES / f"{name}.truth.json").read_text()))
    # Experian's inquiry names are found by their weight; without it a name cut by a page
    # break loses its first line. Everything else reads the same.
    assert [m for m in mismatches if "inquir" not in m] == []
    assert len(mismatches) <= (4 if name.startswith("experian") else 0)


def test_a_reader_that_fails_falls_back_to_the_text_reader(monkeypatch):
    from app.reports.importers import equifax_pdf

    def broken(self):
        raise IndexError("a layout we did not foresee")

    monkeypatch.setattr(equifax_pdf._Reader, "run", broken)
    result = import_report((SAMPLES / "equifax-2024-annual-sample.pdf").read_bytes(), "pdf")
    assert "read as plain text" in str(result.unread[0].reason)
