"""The mailing packet: the letter, a one-page list of enclosures, then each enclosure.

PDFs are appended page by page; PNG and JPEG become one page each. A file that cannot be merged
(password-protected, damaged) never breaks the packet: it is named on the list page so the
sender knows to add a paper copy.
"""

import base64
import html
import logging
from io import BytesIO

from pypdf import PdfReader, PdfWriter

from app.documents.models import Document
from app.i18n import translate

log = logging.getLogger("recourse.documents")
_POINTS_PER_MM = 72 / 25.4


def _html_pdf(body: str, *, size: tuple[float, float], css: str = "") -> bytes:
    from app.pdf import html_to_pdf

    page = f"@page {{ size: {size[0]:.1f}pt {size[1]:.1f}pt; margin: 15mm }}"
    doc = f"<!doctype html><html><head><meta charset='utf-8'><style>{page} {css}</style></head><body>{body}</body></html>"
    return html_to_pdf(doc)


def _image_pdf(doc: Document, data: bytes, size: tuple[float, float]) -> bytes:
    from PIL import Image

    with Image.open(BytesIO(data)) as image:  # a damaged image is refused here, not rendered blank
        image.verify()
    src = f"data:{doc.content_type};base64,{base64.b64encode(data).decode()}"
    height_mm = size[1] / _POINTS_PER_MM - 30
    css = (f"body {{ margin: 0 }} img {{ display: block; margin: 0 auto; max-width: 100%; "
           f"max-height: {height_mm:.0f}mm; object-fit: contain }}")
    return _html_pdf(f"<img src='{src}' alt=''>", size=size, css=css)


def _clean_pdf(data: bytes) -> bytes:
    """The PDF rewritten by pypdf, or an exception if it is encrypted or cannot be read."""
    reader = PdfReader(BytesIO(data))
    if reader.is_encrypted:
        raise ValueError("encrypted PDF")
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    if not len(writer.pages):
        raise ValueError("no pages")
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _as_pdf(doc: Document, data: bytes, size: tuple[float, float]) -> bytes:
    if doc.content_type == "application/pdf":
        return _clean_pdf(data)
    return _image_pdf(doc, data, size)


def _list_page(reference: str, rows: list[tuple[str, str, str]], *, lang: str, size: tuple[float, float]) -> bytes:
    """rows: (the letter's enclosure line, where it is, "1" if the file follows in this packet)."""
    def tr(message: str, **params) -> str:
        return html.escape(translate(lang, message, **params))

    items = "".join(f"<li data-merged='{merged}'>{html.escape(line)}: <strong>{html.escape(where)}</strong></li>"
                    for line, where, merged in rows)
    body = (f"<h1>{tr('Enclosures')}</h1><p>{tr('Reference')}: {html.escape(reference)}</p>"
            + (f"<ol>{items}</ol>" if items else f"<p>{tr('No enclosures.')}</p>"))
    css = "body { font-family: sans-serif; font-size: 11pt } h1 { font-size: 16pt } li { margin: 4pt 0 }"
    return _html_pdf(body, size=size, css=css)


def build_packet(letter_pdf: bytes, enclosures: list[tuple[str, Document | None, bytes | None]], *, reference: str,
                 lang: str = "en") -> bytes:
    """The letter, a list page, then the files. `enclosures` follows the letter's own list, line by
    line: (line, document, its bytes) for an attached document, (line, None, None) for something
    the person encloses themselves. The list page names every line, so packet and letter agree."""
    letter = PdfReader(BytesIO(letter_pdf))
    box = letter.pages[0].mediabox
    size = (float(box.width), float(box.height))  # enclosure pages match the letter's paper size
    pdfs: list[bytes] = []
    rows: list[tuple[str, str, str]] = []

    def tr(message: str, **params) -> str:
        return translate(lang, message, **params)

    for line, doc, data in enclosures:
        if doc is None:
            rows.append((line, tr("enclose it yourself"), "0"))
            continue
        try:
            pdf = _as_pdf(doc, data or b"", size)
        except Exception as exc:  # noqa: BLE001 - any unreadable file is listed, never fatal
            log.info("enclosure %s not merged: %s", doc.id, exc)
            rows.append((line, f"{doc.filename}: {tr('could not be merged, enclose a paper copy')}", "0"))
            continue
        pdfs.append(pdf)
        pages = len(PdfReader(BytesIO(pdf)).pages)
        rows.append((line, f"{doc.filename} ({tr('%(count)s page(s)', count=pages)})", "1"))
    writer = PdfWriter()
    writer.append(letter)
    writer.append(PdfReader(BytesIO(_list_page(reference, rows, lang=lang, size=size))))
    for pdf in pdfs:
        writer.append(PdfReader(BytesIO(pdf)))
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
