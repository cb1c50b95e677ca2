import io
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


def blank_pdf(pages: int = 1, password: str | None = None) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def text_pdf(text: str) -> bytes:
    """A real text PDF made from HTML, one paragraph per line of the given text."""
    from html import escape

    from weasyprint import HTML

    body = "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())
    return HTML(string=f"<html><body style='font-size:9pt'>{body}</body></html>").write_pdf()


@pytest.fixture(scope="session")
def report_pdf() -> bytes:
    return text_pdf((FIXTURES / "report.txt").read_text())
