"""A PDF report: take the text out with pypdfium2, then read it like pasted text."""

from __future__ import annotations

import pypdfium2 as pdfium

from app.reports.importers import ImportError_, ImportResult, NoTextLayer
from app.reports.importers.text_format import read_text

# A bureau report is usually 5 to 40 pages. Past this, the file is probably not one report
# (or is a scan bundle), and reading it would tie up the server; a design choice, not law.
MAX_PAGES = 60


def read_pdf(data: bytes, *, country: str | None = None) -> ImportResult:
    return read_text(pdf_text(data), country=country)


def pdf_text(data: bytes) -> str:
    if not data.lstrip()[:5].startswith(b"%PDF-"):
        raise ImportError_(
            "This is not a PDF file; send the PDF the bureau gave you, or paste the text"
        )
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise ImportError_(
                "This PDF is password-protected: remove the password or paste the text"
            ) from None
        raise ImportError_(
            "This PDF is damaged and cannot be opened; paste the text instead"
        ) from None
    try:
        pages = len(document)
        if pages > MAX_PAGES:
            raise ImportError_(
                f"This PDF has {pages} pages; we read at most {MAX_PAGES}. "
                "Save only the credit report pages, or paste the text"
            )
        text = "\n".join(_page_text(document[i]) for i in range(pages))
    finally:
        document.close()
    if not text.strip():
        raise NoTextLayer("This PDF has no text in it: it is probably a scan")
    return text


def _page_text(page) -> str:
    textpage = page.get_textpage()
    try:
        return textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
    finally:
        textpage.close()
        page.close()
