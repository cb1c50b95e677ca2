"""A PDF report: take out the words with their places (pypdfium2), see whose layout it is, read it.

The three US bureaus' annual reports each have a reader (equifax_pdf, experian_pdf,
transunion_pdf) chosen from the document's content by `pick_pdf_layout`; any other PDF is read
like pasted text, one visual line at a time.
"""

from __future__ import annotations

import ctypes
from dataclasses import replace

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from app.messages import M
from app.reports.importers import (
    MAX_CHARS,
    ImportError_,
    ImportResult,
    NoTextLayer,
    Unread,
    pick_pdf_layout,
)
from app.reports.importers.pdf_layout import Document, Mark, Word, from_words, words_from_chars
from app.reports.importers.pdf_reading import furniture
from app.reports.importers.text_format import read_text

# A bureau report is usually 5 to 50 pages. Past this, the file is probably not one report
# (or is a scan bundle), and reading it would tie up the server; a design choice, not law.
MAX_PAGES = 60
_BOLD_WORDS = ("bold", "black", "heavy", "semibold", "demibold")


def read_pdf(data: bytes, *, country: str | None = None) -> ImportResult:
    pdf = _open(data)
    try:
        doc = _document(pdf)
        layout = pick_pdf_layout(doc)
        if layout is not None and layout.needs_marks:
            doc = replace(doc, marks=tuple(_marks(pdf)))
    finally:
        pdf.close()
    if not doc.lines:
        raise NoTextLayer(M("This PDF has no text in it: it is probably a scan"))
    if layout is None:
        return read_lines(doc, country=country)
    try:
        return layout.read(doc)
    except Exception:  # noqa: BLE001 - a report we misjudged must still give the person something
        result = read_lines(doc, country=country)
        note = Unread(None, f"{layout.bureau} report", M("this looked like a %(bureau)s report but its layout was "
                                                        "too different to read that way: read as plain text",
                                                        bureau=layout.bureau))
        report = replace(result.report, bureau=result.report.bureau or layout.bureau)
        return replace(result, report=report, unread=(note, *result.unread))


def read_lines(doc: Document, *, country: str | None = None) -> ImportResult:
    """The generic reader: each visual line as a line of text (line numbers kept)."""
    text = "\n".join("" if line.noise else line.text for line in doc.lines)
    result = read_text(text, country=country)
    unread = [*furniture(doc), *(replace(u, page=doc.page_of(u.line)) for u in result.unread)]
    return ImportResult(
        result.report,
        tuple(replace(u, page=doc.page_of(u.line)) for u in result.understood),
        tuple(sorted(unread, key=lambda u: u.line or 0)),
    )


def pdf_text(data: bytes) -> str:
    """The text of a PDF in reading order, one visual line per line (page furniture left out)."""
    pdf = _open(data)
    try:
        return _document(pdf).text
    finally:
        pdf.close()


def _open(data: bytes) -> pdfium.PdfDocument:
    if not data.lstrip()[:5].startswith(b"%PDF-"):
        raise ImportError_(
            M("This is not a PDF file; send the PDF the bureau gave you, or paste the text")
        )
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise ImportError_(
                M("This PDF is password-protected: remove the password or paste the text")
            ) from None
        raise ImportError_(
            M("This PDF is damaged and cannot be opened; paste the text instead")
        ) from None
    if len(pdf) > MAX_PAGES:
        pages = len(pdf)
        pdf.close()
        raise ImportError_(M("This PDF has %(count)s pages; we read at most %(most)s. "
                             "Save only the credit report pages, or paste the text", count=pages, most=MAX_PAGES))
    return pdf


def _document(pdf: pdfium.PdfDocument) -> Document:
    pages, chars, loaded = [], 0, 0
    for i in range(len(pdf)):
        try:
            page = pdf[i]
        except pdfium.PdfiumError:  # a page that cannot even be loaded: left out like a blank one
            pages.append((792.0, []))
            continue
        loaded += 1
        try:
            words = _page_words(page)
            pages.append((page.get_height(), words))
        except pdfium.PdfiumError:  # one broken page must not lose the others
            pages.append((792.0, []))
        finally:
            page.close()
        chars += sum(len(w.text) for w in pages[-1][1])
        if chars > MAX_CHARS:
            raise ImportError_(M("This PDF holds more than %(most)s characters of text; a credit report has "
                                 "far fewer. Save only the credit report pages, or paste the text",
                                 most=f"{MAX_CHARS:,}"))
    if not loaded:  # a page tree that loops or points at nothing
        raise ImportError_(M("This PDF is damaged: none of its pages can be opened; paste the text instead"))
    return from_words(pages)


def _page_words(page: pdfium.PdfPage) -> list[Word]:
    textpage = page.get_textpage()
    try:
        height = page.get_height()
        count = textpage.count_chars()
        text = textpage.get_text_range() if count else ""
        if len(text) != count:  # characters outside the basic plane: read them one by one
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i)) for i in range(count))

        def chars():
            for i, ch in enumerate(text):
                left, bottom, right, top = textpage.get_charbox(i, loose=True)
                yield ch, left, right, height - top, height - bottom

        return words_from_chars(chars(), _bold_reader(textpage))
    finally:
        textpage.close()


def _bold_reader(textpage: pdfium.PdfTextPage):
    """Whether a character's font is a bold one, from the font's name (weights are unreliable)."""
    buffer = ctypes.create_string_buffer(128)
    flags = ctypes.byref(ctypes.c_int())
    known: dict[bytes, bool] = {}

    def bold_at(index: int) -> bool:
        if not pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, buffer, 128, flags):
            return False
        name = buffer.value
        if name not in known:
            base = name.decode("latin-1", "replace").lower().split("+")[-1]
            known[name] = any(w in base for w in _BOLD_WORDS)
        return known[name]

    return bold_at


def _marks(pdf: pdfium.PdfDocument):
    """Small drawings (tick images and paths) on each page, for readers of payment grids."""
    for number in range(1, len(pdf) + 1):
        try:
            page = pdf[number - 1]
        except pdfium.PdfiumError:
            continue
        try:
            height = page.get_height()
            kinds = (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE)
            for obj in page.get_objects(filter=kinds, max_depth=2):
                left, bottom, right, top = obj.get_bounds()
                if 3 < right - left < 24 and 3 < top - bottom < 24:
                    yield Mark(number, left, right, height - top, height - bottom)
        except pdfium.PdfiumError:
            continue
        finally:
            page.close()
