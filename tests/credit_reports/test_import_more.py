"""Importing the reports people have: a 3-bureau page (one report per bureau), pasted accounts
with the company's address (kept for letters), values that read two ways (questions), a scan,
and a file we cannot read."""

import io
import re
from pathlib import Path

import pypdfium2 as pdfium
from bs4 import BeautifulSoup
from sqlmodel import Session, select

from app.credit_reports import service
from app.letters.models import Letter
from app.recipients.models import Recipient
from app.reports.importers import scan
from tests.conftest import post
from tests.credit_reports.test_import_flow import _inputs, _saved, _upload
from tests.reports.conftest import FIXTURES, text_pdf

SAMPLES = Path(__file__).parents[1] / "reports" / "samples"
PASTED = FIXTURES / "pasted"


def _paste(client, case_id, text, country=""):
    return post(client, f"/cases/{case_id}/reports/import", {"format": "auto", "text": text, "import_country": country})


def _confirm(client, case_id, form):
    return post(client, f"/cases/{case_id}/reports/confirm", form)


def test_a_three_bureau_page_gives_one_preview_per_bureau_and_opens_the_comparison(make_client, world, engine):
    client = make_client("alice@example.org")
    case_id = world.ids["case1"]
    r = _upload(client, case_id, "IdentityIQ report.html", (SAMPLES / "identityiq-3bureau-sample.html").read_bytes())
    assert r.status_code == 200, r.text[:2000]
    page = BeautifulSoup(r.text, "html.parser")
    parts = page.select("section.preview-part")
    assert [p["data-bureau"] for p in parts] == ["TransUnion", "Experian", "Equifax"]
    assert "SAMPLE STORE CARD" not in parts[2].decode() and "SAMPLE STORE CARD" in parts[1].decode()
    assert _saved(engine) == []
    r = _confirm(client, case_id, _inputs(r.text))
    assert r.status_code == 303 and r.headers["location"] == f"/cases/{case_id}/reports/compare"
    rows = _saved(engine)
    assert sorted(row.bureau for row in rows) == ["Equifax", "Experian", "TransUnion"]
    assert {row.source for row in rows} == {"html"}
    equifax = next(service.parsed(row) for row in rows if row.bureau == "Equifax")
    assert len(equifax.accounts) == 5 and len(equifax.inquiries) == 4
    compare = client.get(r.headers["location"])
    assert compare.status_code == 200 and "NORTHWIND CARD SERVICES" in compare.text


def test_a_pasted_account_with_an_address_offers_it_for_letters(make_client, world, engine):
    client = make_client("alice@example.org")
    case_id = world.ids["case1"]
    r = _paste(client, case_id, (PASTED / "transunion-collection.txt").read_text(), country="US")
    assert r.status_code == 200, r.text[:2000]
    form = _inputs(r.text)
    assert form["items.0.save_address"] == "yes"
    assert form["items.0.contact_address"] == "1 COLLECTION PLZ STE 100 | SAMPLETON, OH 43000"
    form["bureau"], form["pulled"] = "TransUnion", "2024-12-09"
    r = _confirm(client, case_id, form)
    assert r.status_code == 303, r.text[:3000]
    with Session(engine) as s:
        saved = s.exec(select(Recipient).where(Recipient.workspace_id == world.ids["ws_a"])).all()
    (company,) = [x for x in saved if x.name == "EXAMPLE RECOVERY SERVICES"]
    assert company.kind == "collector" and company.address_lines == ["1 COLLECTION PLZ STE 100",
                                                                     "SAMPLETON, OH 43000"]  # fmt: skip
    assert company.phone == "(555) 010-7000"
    # the dispute builder preselects it for the company's letter
    row = _saved(engine)[0]
    account = service.parsed(row).accounts[0]
    page = client.get(f"/reports/{row.id}/dispute?item={account.key}")
    chosen = BeautifulSoup(page.text, "html.parser").select_one(
        'select[name="furnisher_id.EXAMPLE RECOVERY SERVICES"] option[selected]')
    assert chosen is not None and chosen["value"] == str(company.id)


def test_a_company_dispute_uses_the_printed_address_when_none_was_kept(make_client, world, engine):
    """A client brought the report in (no address book for clients): the advocate's dispute to the
    company is addressed with the address the report prints, not left waiting for a recipient."""
    case_id = world.ids["case1"]
    dave = make_client("dave@example.org")
    r = _paste(dave, case_id, (PASTED / "legal-aid-collection.txt").read_text().replace(
        "Reported by: Experian", "Address: PO BOX 55\nSAMPLETON, OH 43000\nReported by: Experian"))
    assert r.status_code == 200 and "save_address" not in r.text  # clients do not keep addresses
    form = _inputs(r.text)
    form["pulled"] = "2025-01-10"
    assert _confirm(dave, case_id, form).status_code == 303
    row = _saved(engine)[0]
    account = service.parsed(row).accounts[0]
    alice = make_client("alice@example.org")
    r = post(alice, f"/reports/{row.id}/dispute", {"item": [account.key], "send_to": "furnisher",
                                                   f"reason.{account.key}": "I do not owe this.",
                                                   f"action.{account.key}": "delete"})
    assert r.status_code == 303, r.text[:3000]
    with Session(engine) as s:
        letter = s.exec(select(Letter)).one()
        recipient = s.get(Recipient, letter.recipient_id)
    assert letter.kind_id == "us.collection-dispute"  # a collector's collection account (issue 14)
    assert recipient.name == "MIDLAND CREDIT MANAGEMENT" and recipient.kind == "collector"
    assert recipient.address_lines == ["PO BOX 55", "SAMPLETON, OH 43000"]


def test_a_value_that_reads_two_ways_is_asked_and_confirm_waits_for_the_answer(make_client, world, engine):
    client = make_client("alice@example.org")
    case_id = world.ids["case1"]
    r = _paste(client, case_id, (PASTED / "next-line-values.txt").read_text())
    page = BeautifulSoup(r.text, "html.parser")
    question = page.select_one('fieldset[data-question="items.0.last_payment"]')
    radios = question.select("input[type=radio]")
    assert [x["value"] for x in radios] == ["2020-12-01", "2020-01-12"]
    assert "December" in question.text and "January" in question.text
    form = _inputs(r.text)
    form["bureau"], form["pulled"] = "Other bureau", "2025-01-10"
    r = _confirm(client, case_id, form)
    assert r.status_code == 400 and _saved(engine) == []
    assert BeautifulSoup(r.text, "html.parser").select_one('fieldset[data-question="items.0.last_payment"]')
    assert "Choose which one the report means." in r.text
    form["answer.items.0.last_payment"] = "2020-01-12"
    r = _confirm(client, case_id, form)
    assert r.status_code == 303, r.text[:3000]
    acme = service.parsed(_saved(engine)[0]).accounts[0]
    assert acme.last_payment.isoformat() == "2020-01-12"


def test_the_chosen_country_settles_it_and_is_kept(make_client, world, engine):
    client = make_client("alice@example.org")
    r = _paste(client, world.ids["case1"], (PASTED / "uk-style.txt").read_text(), country="GB")
    assert "data-question" not in r.text
    form = _inputs(r.text)
    assert form["country"] == "GB" and form["items.0.opened"] == "2019-04-03"
    form["bureau"], form["pulled"] = "Experian UK", "04/07/2024"  # read the British way too
    assert _confirm(client, world.ids["case1"], form).status_code == 303
    report = service.parsed(_saved(engine)[0])
    assert report.country == "GB" and report.pulled.isoformat() == "2024-07-04"


def test_an_unknown_country_is_refused_on_the_form(make_client, world):
    r = _paste(make_client("alice@example.org"), world.ids["case1"], "Balance: $5", country="Narnia")
    assert r.status_code == 400 and "Choose a country from the list." in r.text


def test_a_text_we_cannot_read_says_so_plainly(make_client, world, engine):
    r = _paste(make_client("alice@example.org"), world.ids["case1"], "Dear Jordan,\nthank you for your letter.\n")
    assert r.status_code == 200
    alert = BeautifulSoup(r.text, "html.parser").select_one('[data-unreadable="nothing"]')
    assert alert is not None and alert["role"] == "alert"
    assert "We could not read this report." in alert.text and "#type-in" in alert.decode()


def _photo(text: str) -> bytes:
    document = pdfium.PdfDocument(text_pdf(text))
    try:
        image = document[0].render(scale=300 / 72, grayscale=True).to_pil()
    finally:
        document.close()
    out = io.BytesIO()
    image.crop((0, 0, image.width, image.height // 3)).save(out, "PNG")
    return out.getvalue()


def test_a_photo_is_read_with_a_warning_to_check_every_value(make_client, world):
    photo = _photo("Accounts\nEXAMPLE RECOVERY SERVICES\nBalance: $642\nDate Opened: 06/20/2024\n")
    r = _upload(make_client("alice@example.org"), world.ids["case1"], "photo.png", photo)
    assert r.status_code == 200, r.text[:2000]
    page = BeautifulSoup(r.text, "html.parser")
    assert page.select_one("#scan-warning") is not None
    form = _inputs(r.text)
    assert form["items.0.furnisher"] == "EXAMPLE RECOVERY SERVICES" and form["items.0.balance"] == "642"


def test_without_tesseract_a_scan_is_refused_with_how_to_install_it(make_client, world, monkeypatch):
    monkeypatch.setattr(scan.pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    r = _upload(make_client("alice@example.org"), world.ids["case1"], "photo.png", _photo("Accounts\nACME\n"))
    assert r.status_code == 400
    assert re.search(r"apt-get install tesseract-ocr", r.text) and "error-summary" in r.text
