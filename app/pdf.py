"""The one way the app turns HTML into PDF (letters, packets, anything later).

WeasyPrint's own fetcher follows file:, http:, ftp: and every other scheme, and `rel=attachment`
embeds whatever it fetched into the PDF. A workspace's letter wording is written by any
self-registered owner, so here the fetcher serves only the app's own static files and data: URLs,
and attachments are dropped before the PDF is written (a test checks the output with pypdf).
"""

from __future__ import annotations

import mimetypes
import os
import re
from collections.abc import Iterable
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, NameObject
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from app.config import ROOT

STATIC = ROOT / "static"
# What a letter may pull in from the static folder: stylesheets, fonts and pictures.
SUFFIXES = frozenset({".css", ".woff", ".woff2", ".ttf", ".otf", ".png", ".jpg", ".jpeg", ".gif", ".svg"})
MAX_FILE_BYTES = 5 * 1024 * 1024
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9.+-]*):")


class RefusedURL(ValueError):
    """A resource the PDF may not read. WeasyPrint logs it and leaves the resource out."""


class StaticOnlyFetcher(URLFetcher):
    """Serves data: URLs and regular files inside `roots`; refuses everything else.

    A path is checked after resolving symlinks and `..`, so neither a symlink in a root nor a
    relative path can reach a file outside it.
    """

    def __init__(self, roots: Iterable[Path] = (STATIC,)):
        super().__init__(allowed_protocols=("data",), allow_redirects=False, timeout=1)
        self._roots = tuple(Path(os.path.realpath(r)) for r in roots)

    def fetch(self, url, headers=None):
        scheme = (m.group(1).lower() if (m := _SCHEME.match(url)) else "")
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            return self._file(url)
        raise RefusedURL(f"not fetched: {url[:80]}")

    def _file(self, url: str) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"not fetched: {url[:80]}")
        path = Path(os.path.realpath(unquote(parts.path)))
        if not any(path.is_relative_to(root) for root in self._roots):
            raise RefusedURL(f"outside the static files: {url[:80]}")
        if path.suffix.lower() not in SUFFIXES or not path.is_file():
            raise RefusedURL(f"not a static file a letter uses: {url[:80]}")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise RefusedURL(f"too large: {url[:80]}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), headers={"Content-Type": content_type})


def html_to_pdf(html: str, *, roots: Iterable[Path] = (STATIC,)) -> bytes:
    """The PDF of `html`. Relative URLs resolve inside the first root; nothing is ever attached."""
    roots = tuple(roots)
    base = Path(os.path.realpath(roots[0])).as_uri() + "/"
    document = HTML(string=html, base_url=base, url_fetcher=StaticOnlyFetcher(roots)).render()
    # <link rel=attachment> lands in the metadata, <a rel=attachment> in the page links: drop both.
    document.metadata.attachments = []
    for page in document.pages:
        page.links = [link for link in page.links if link[0] != "attachment"]
    return document.write_pdf()


def attachments(data: bytes) -> list[str]:
    """Names of files embedded in a PDF: its EmbeddedFiles and its file-attachment annotations."""
    reader = PdfReader(BytesIO(data))
    found = list(reader.attachments)
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            if annot.get_object().get("/Subtype") == "/FileAttachment":
                found.append(str(annot.get_object().get("/Contents") or "annotation"))
    return found


def without_attachments(data: bytes) -> bytes:
    """The PDF rebuilt from its pages without any embedded file (for letters stored before
    attachments were refused): the EmbeddedFiles tree is not copied, attachment annotations dropped."""
    if not attachments(data):
        return data
    writer = PdfWriter()
    for page in PdfReader(BytesIO(data)).pages:
        if "/Annots" in page:
            kept = [a for a in page["/Annots"] if a.get_object().get("/Subtype") != "/FileAttachment"]
            page[NameObject("/Annots")] = ArrayObject(kept)
        writer.add_page(page)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
