"""Scans and photos: a page of a sample bureau report drawn as a picture (with some noise), then
recognised with Tesseract and read by the text readers. Also: Tesseract missing, and the limits."""

import io
import random
from datetime import date
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from app.reports.importers import SCANNED, ImportError_, guess_format, import_reports, scan

SAMPLE_PDF = Path(__file__).parent / "samples" / "equifax-2024-annual-sample.pdf"
# 2.3 NORTHWIND CARD SERVICES: page 10 has its name and summary rows at the top, page 11 its
# "Account Details" in the lower half (pixel rows at 300 dpi; the grids between are left out to
# keep the test quick).
ACCOUNT_PARTS = ((9, 0, 900), (10, 1780, 3300))


def _page(index: int, dpi: int = 300) -> Image.Image:
    document = pdfium.PdfDocument(SAMPLE_PDF.read_bytes())
    try:
        return document[index].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()


def _noisy(image: Image.Image, seed: int = 7) -> Image.Image:
    """Specks like a photocopy's, fixed by the seed so the test is repeatable."""
    rng = random.Random(seed)
    pixels = image.load()
    width, height = image.size
    for _ in range(width * height // 1500):
        pixels[rng.randrange(width), rng.randrange(height)] = rng.choice((0, 90, 255))
    return image


@pytest.fixture(scope="module")
def scanned_pdf() -> bytes:
    pages = [_noisy(_page(i).crop((0, top, 2550, bottom))) for i, top, bottom in ACCOUNT_PARTS]
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=300, save_all=True, append_images=pages[1:])
    return out.getvalue()


def test_a_scanned_pdf_is_recognised_and_read(scanned_pdf):
    (result,) = import_reports(scanned_pdf, "pdf")
    assert result.warnings == (SCANNED,)
    (account,) = result.report.accounts
    assert account.furnisher == "NORTHWIND CARD SERVICES" and account.status == "CHARGE_OFF"
    assert (account.balance, account.credit_limit) == (Decimal("1480"), Decimal("1000"))
    assert (account.opened, account.last_payment) == (date(2021, 10, 5), date(2023, 8, 1))


def test_a_photo_of_a_page():
    index, top, bottom = ACCOUNT_PARTS[0]
    top = _noisy(_page(index)).crop((0, top, 2550, bottom))  # the top of the page
    out = io.BytesIO()
    top.save(out, "PNG")
    assert guess_format("report-photo.PNG") == "image" and guess_format("scan.jpeg") == "image"
    (result,) = import_reports(out.getvalue(), "image")
    (account,) = result.report.accounts
    assert account.furnisher == "NORTHWIND CARD SERVICES" and account.status == "CHARGE_OFF"
    assert result.warnings == (SCANNED,)


def _png(width: int = 40, height: int = 40) -> bytes:
    out = io.BytesIO()
    Image.new("L", (width, height), 255).save(out, "PNG")
    return out.getvalue()


def test_without_tesseract_a_scan_is_refused_with_how_to_install_it(monkeypatch):
    monkeypatch.setattr(scan.pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    assert not scan.tesseract_ready()
    with pytest.raises(scan.TesseractMissing, match="apt-get install tesseract-ocr"):
        import_reports(_png(), "image")


def test_limits(monkeypatch):
    with pytest.raises(ImportError_, match="not a PNG or JPEG"):
        import_reports(b"GIF89a....", "image")
    monkeypatch.setattr(scan, "MAX_PIXELS", 100)
    with pytest.raises(ImportError_, match="too large"):
        import_reports(_png(20, 20), "image")
    monkeypatch.setattr(scan, "MAX_SCAN_PAGES", 1)
    from .conftest import blank_pdf

    with pytest.raises(ImportError_, match="2 pages; we read at most 1 scanned"):
        import_reports(blank_pdf(pages=2), "pdf")


def test_recognition_that_takes_too_long_is_stopped(monkeypatch):
    monkeypatch.setattr(scan, "PAGE_TIMEOUT_SECONDS", 0.001)
    with pytest.raises(ImportError_, match="took too long"):
        import_reports(_png(400, 400), "image")
