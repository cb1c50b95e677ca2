"""Hand-made hostile files for the import and upload tests (built here, none stored)."""

from __future__ import annotations

import io
import json
import zlib


def pdf(objects: list[bytes], *, root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF with the given objects (numbered from 1) and a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, root, trailer_extra, xref))
    return out.getvalue()


def stream(data: bytes, *, compress: bool = False) -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def text_pdf(text: str = "Account Name: FIRST BANK") -> bytes:
    content = b"BT /F1 12 Tf 72 720 Td (" + text.encode() + b") Tj ET"
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                b"/Resources << /Font << /F1 5 0 R >> >> >>",
                stream(content),
                b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"])


def bomb_pdf(megabytes: int = 150) -> bytes:
    """One page whose content stream inflates from a few hundred KB to `megabytes` MB."""
    content = b"0 0 m 1 1 l S\n" * (megabytes * 1024 * 1024 // 14)
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
                stream(content, compress=True)])


def cycle_pdf() -> bytes:
    """A page tree whose node lists itself (and its parent) as a kid."""
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                b"<< /Type /Pages /Parent 2 0 R /Kids [3 0 R 2 0 R] /Count 2 >>"])


def broken_page_pdf() -> bytes:
    """A page tree whose kids are not pages (a number, a missing object)."""
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R 9 0 R] /Count 2 >>",
                b"42"])


def many_pages_pdf(pages: int = 500) -> bytes:
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"] * pages
    return pdf(objects)


def csv_rows(rows: int) -> bytes:
    return ("section,furnisher,balance\n" + "account,BANK %d,100\n" * rows % tuple(range(rows))).encode()


def json_accounts(count: int) -> bytes:
    return json.dumps({"accounts": [{"furnisher": f"BANK {i}"} for i in range(count)]}).encode()


def corpus() -> dict[str, tuple[str, bytes]]:
    """name -> (format, bytes): files each reader must refuse plainly or read, never crash on."""
    good = text_pdf()
    png = b"\x89PNG\r\n\x1a\n"
    return {
        "pdf-bomb": ("pdf", bomb_pdf(150)),
        "pdf-cycle": ("pdf", cycle_pdf()),
        "pdf-broken-pages": ("pdf", broken_page_pdf()),
        "pdf-truncated": ("pdf", good[: len(good) // 2]),
        "pdf-header-only": ("pdf", b"%PDF-1.7\n" + b"\x00" * 64),
        "pdf-many-pages": ("pdf", many_pages_pdf()),
        "pdf-polyglot-html": ("html", b"<html><body>" + good + b"</body></html>"),
        "pdf-as-json": ("json", good),
        "pdf-as-csv": ("csv", good),
        "pdf-as-text": ("text", good),
        "png-truncated": ("image", png + b"\x00\x00\x00\rIHDR\x00\x00"),
        "png-huge": ("image", png + b"\x00\x00\x00\rIHDR" + (100000).to_bytes(4, "big") * 2
                     + b"\x08\x02\x00\x00\x00" + b"\x00" * 4),
        "jpeg-header-only": ("image", b"\xff\xd8\xff\xe0" + b"\x00" * 32),
        "json-deep": ("json", b"[" * 100_000 + b"]" * 100_000),
        "json-deep-object": ("json", b'{"accounts": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"),
        "json-huge-int": ("json", b'{"accounts": [{"furnisher": "A", "balance": ' + b"9" * 5000 + b"}]}"),
        "json-huge-int-top": ("json", b"9" * 5000),
        "json-huge-float": ("json", b'{"accounts": [{"furnisher": "A", "balance": 1e999999}]}'),
        "json-surrogate": ("json", b'{"bureau": "\\ud800", "accounts": [{"furnisher": "\\udfff A"}]}'),
        "json-many": ("json", json_accounts(100_000)),
        "json-nan": ("json", b'{"accounts": [{"furnisher": NaN, "balance": Infinity}]}'),
        "json-types": ("json", b'{"accounts": {"a": 1}, "pulled": [1], "bureau": {"x": []}}'),
        "csv-long-field": ("csv", b"section,furnisher\naccount," + b"A" * 200_000 + b"\n"),
        "csv-long-quoted": ("csv", b'section,furnisher\naccount,"' + b"A" * 200_000 + b'"\n'),
        "csv-cr-only": ("csv", b"section,furnisher\raccount,BANK\r"),
        "csv-binary": ("csv", bytes(range(256)) * 40),
        "csv-nul": ("csv", b"section,furnisher\naccount,BA\x00NK\n"),
        "csv-many": ("csv", csv_rows(300_000)),
        "csv-unclosed-quote": ("csv", b'section,furnisher\naccount,"BANK\n' + b"x\n" * 1000),
        "csv-utf16": ("csv", "section,furnisher\naccount,BANK\n".encode("utf-16")),
        "text-binary": ("text", bytes(range(256)) * 40),
        "text-long-line": ("text", b"Account Name: " + b"A" * 1_000_000),
        "text-surrogate-bytes": ("text", b"Account Name: \xed\xa0\x80 BANK\nBalance: $1"),
        "html-deep": ("html", b"<div>" * 20_000),
        "html-binary": ("html", bytes(range(256)) * 40),
        "html-huge-table": ("html", b"<table>" + b"<tr><td>Balance:</td><td>$1</td></tr>" * 50_000 + b"</table>"),
    }
