"""Scans and photos of a paper report: the text is recognised with Tesseract (through
pytesseract), then read by the same readers as pasted text. Every result carries the SCANNED
warning: recognised text has misread letters and digits, so every value must be checked.

Tesseract is optional. Without it, reading a scan is refused with a message that says how to
install it; nothing else depends on it. Recognition runs with limits (pages, pixels, a timeout
per page) so one upload cannot tie up the server.
"""

from __future__ import annotations

import io
from dataclasses import replace

import pypdfium2 as pdfium
import pytesseract
from PIL import Image, UnidentifiedImageError

from app.messages import M
from app.reports.importers import SCANNED, ImportError_, ImportResult
from app.reports.importers.layouts import read_any_text

# Limits (design choices, not law): a paper report is a handful of pages; 300 dpi on US letter
# is 8.4 million pixels, so 40 million leaves room for a large phone photo.
MAX_SCAN_PAGES = 12
MAX_PIXELS = 40_000_000
PAGE_TIMEOUT_SECONDS = 60
RENDER_DPI = 300
INSTALL_HINT = M(
    "Reading a scan or photo needs the free Tesseract program, which is not installed here. "
    "Whoever runs Recourse can install it (Debian or Ubuntu: apt-get install tesseract-ocr). "
    "Until then, upload the report as a PDF with text, paste its text, or type it in."
)
_MAGIC = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}


class TesseractMissing(ImportError_):
    """Text recognition is not installed on this server."""


def tesseract_ready() -> bool:
    try:
        pytesseract.get_tesseract_version()
    except (pytesseract.TesseractNotFoundError, OSError):
        return False
    return True


def read_image(data: bytes, *, country: str | None = None) -> tuple[ImportResult, ...]:
    """A PNG or JPEG of a paper report."""
    if not any(data.startswith(magic) for magic in _MAGIC):
        raise ImportError_(M("This is not a PNG or JPEG picture; send a photo or scan of the report"))
    broken = (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError)
    try:
        image = Image.open(io.BytesIO(data))
    except (*broken, ValueError):  # e.g. a chunk name that is not text
        raise ImportError_(M("This picture is damaged and cannot be opened")) from None
    _check_size(image.size)
    try:
        image.load()  # decode it now: a truncated or broken picture is refused here
    except (*broken, ValueError):
        raise ImportError_(M("This picture is damaged and cannot be opened")) from None
    return read_recognised([_recognise(image, country)], country=country)


def read_scanned_pdf(data: bytes, *, country: str | None = None) -> tuple[ImportResult, ...]:
    """A PDF made of page pictures (no text in it): each page is drawn, then recognised."""
    _require_tesseract()
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        raise ImportError_(M("This PDF is damaged and cannot be opened; type the report in instead")) from None
    try:
        if len(document) > MAX_SCAN_PAGES:
            raise ImportError_(M("This scan has %(count)s pages; we read at most %(most)s scanned "
                                 "pages. Send the pages with your accounts, or type the report in",
                                 count=len(document), most=MAX_SCAN_PAGES))
        texts = []
        for index in range(len(document)):
            try:
                page = document[index]
            except pdfium.PdfiumError:
                raise ImportError_(M("Page %(page)s of this PDF is damaged and cannot be opened",
                                     page=index + 1)) from None
            try:
                width, height = page.get_size()  # in points (1/72 inch)
                scale = min(RENDER_DPI / 72, (MAX_PIXELS / max(width * height, 1)) ** 0.5)
                image = page.render(scale=scale, grayscale=True).to_pil()
            except pdfium.PdfiumError:
                raise ImportError_(M("Page %(page)s of this PDF is damaged and cannot be drawn",
                                     page=index + 1)) from None
            finally:
                page.close()
            texts.append(_recognise(image, country))
    finally:
        document.close()
    return read_recognised(texts, country=country)


def read_recognised(pages: list[str], *, country: str | None) -> tuple[ImportResult, ...]:
    """Recognised text through the text readers, each result marked as coming from a scan."""
    results = read_any_text("\n".join(pages), country=country)
    return tuple(replace(r, warnings=tuple(dict.fromkeys([*r.warnings, SCANNED])))
                 for r in results)  # fmt: skip


def _check_size(size: tuple[int, int]) -> None:
    width, height = size
    if width * height > MAX_PIXELS:
        raise ImportError_(M("This picture is too large (%(width)s × %(height)s pixels); send one of at "
                             "most %(most)s million pixels", width=width, height=height,
                             most=MAX_PIXELS // 1_000_000))


def _require_tesseract() -> None:
    if not tesseract_ready():
        raise TesseractMissing(INSTALL_HINT)


def _recognise(image: Image.Image, country: str | None) -> str:
    _require_tesseract()
    try:
        # --psm 4: one column of text lines of varying size, which keeps a label and its
        # value on one line in the bureaus' two-column rows.
        return pytesseract.image_to_string(image.convert("L"), lang=_languages(country),
                                           config="--psm 4", timeout=PAGE_TIMEOUT_SECONDS)  # fmt: skip
    except RuntimeError:  # pytesseract's timeout
        raise ImportError_(
            M("Reading this scan took too long; send a clearer or smaller picture, one page at a "
            "time, or type the report in")
        ) from None
    except pytesseract.TesseractError:
        raise ImportError_(M("We could not recognise any text in this picture")) from None


_LANGUAGES = {"ES": "spa", "DE": "deu", "FR": "fra", "IT": "ita", "PT": "por", "NL": "nld",
              "CN": "chi_sim"}  # fmt: skip


def _languages(country: str | None) -> str:
    """English always (the US bureaus and the labels we know); the country's language too when
    its Tesseract data is installed."""
    extra = _LANGUAGES.get(country or "")
    try:
        installed = set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractError, OSError):
        installed = set()
    return "eng+" + extra if extra and extra in installed else "eng"
