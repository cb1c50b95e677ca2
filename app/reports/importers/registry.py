"""Which reader reads which file: one list, looked up by format name or by file name.

Every reader takes the file's bytes and the country the person chose (None: tell from the
report) and returns one ImportResult per report in the file: one for most files, one per bureau
for a 3-bureau page or for pasted accounts that say which bureau reports each.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.messages import M
from app.reports.importers import (
    MAX_CHARS,
    ImportError_,
    ImportResult,
    NoTextLayer,
    csv_format,
    decode,
    html_3bureau,
    json_format,
    pdf,
    scan,
    text_format,
)


@dataclass(frozen=True)
class Reader:
    fmt: str
    extensions: tuple[str, ...]
    read: Callable[..., tuple[ImportResult, ...]]  # read(data, *, country) -> results


def _one(read: Callable[..., ImportResult]) -> Callable[..., tuple[ImportResult, ...]]:
    def read_one(data: bytes, *, country: str | None) -> tuple[ImportResult, ...]:
        return (read(data, country=country),)

    return read_one


def _pdf(data: bytes, *, country: str | None) -> tuple[ImportResult, ...]:
    """A PDF with text is read from its text; one made of page pictures is a scan."""
    try:
        return (pdf.read_pdf(data, country=country),)
    except NoTextLayer:
        return scan.read_scanned_pdf(data, country=country)


READERS: tuple[Reader, ...] = (
    Reader("json", (".json",), _one(json_format.read_json)),
    Reader("csv", (".csv",), _one(csv_format.read_csv)),
    Reader("text", (".txt", ".text"), text_format.read_text_bytes),
    Reader("pdf", (".pdf",), _pdf),
    Reader("html", (".html", ".htm"), html_3bureau.read_html),
    Reader("image", (".png", ".jpg", ".jpeg"), scan.read_image),
)
_BY_FORMAT = {r.fmt: r for r in READERS}
_BY_EXTENSION = {ext: r.fmt for r in READERS for ext in r.extensions}
FORMATS = tuple(_BY_FORMAT)


def guess_format(filename: str) -> str:
    fmt = _BY_EXTENSION.get(Path(filename).suffix.lower())
    if fmt is None:
        raise ImportError_(M("Cannot tell the format of %(name)s from its name; say which it is: %(formats)s",
                             name=repr(Path(filename).name), formats=", ".join(FORMATS)))
    return fmt


def import_reports(data: bytes, fmt: str, *, country: str | None = None
                   ) -> tuple[ImportResult, ...]:  # fmt: skip
    """Read every report in a file of the given format. Raises ImportError_."""
    reader = _BY_FORMAT.get(fmt)
    if reader is None:
        raise ImportError_(M("Unknown format %(format)s; choose one of: %(formats)s", format=repr(fmt),
                             formats=", ".join(FORMATS)))
    if not data or not data.strip():
        raise ImportError_(M("The file is empty: there is nothing to read"))
    # (A saved web page carries scripts and styles: html_3bureau has its own, larger, limit.)
    if fmt in ("json", "csv", "text") and len(data) > MAX_CHARS and len(decode(data)) > MAX_CHARS:
        raise ImportError_(M("This file is too long: a report has at most %(count)s characters",
                             count=f"{MAX_CHARS:,}"))
    return reader.read(data, country=country)


def import_report(data: bytes, fmt: str, *, country: str | None = None) -> ImportResult:
    """Read a file that holds one report (see import_reports for a 3-bureau page)."""
    results = import_reports(data, fmt, country=country)
    if len(results) != 1:
        raise ImportError_(M("This file holds %(count)s reports (one per bureau); read it with import_reports",
                             count=len(results)))
    return results[0]
