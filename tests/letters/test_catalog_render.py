"""Every letter kind renders in every language it offers, from its example data, to all three
formats; the PDF text carries the citation, the recipient address, the reference and the deadline."""

import io

import pytest

from app.letters.catalog import all_kinds, example_data, validate
from app.letters.render import RenderError, render, render_html
from app.rules import get_procedure

CASES = [(k.id, lang) for k in all_kinds() for lang in k.languages]


def _pdf_text(pdf: bytes) -> str:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(io.BytesIO(pdf))
    return "\n".join(page.get_textpage().get_text_range() for page in doc)


@pytest.mark.parametrize(("kind_id", "lang"), CASES)
def test_renders_in_every_format(kind_id, lang):
    kind = next(k for k in all_kinds() if k.id == kind_id)
    data = example_data(kind)
    assert validate(kind, data) == []
    html = render_html(kind, data, lang=lang)
    assert data["reference"] in html
    pdf = render(kind, data, lang=lang, fmt="pdf")
    assert pdf.startswith(b"%PDF")
    text = " ".join(_pdf_text(pdf).split())
    assert data["reference"] in text
    if not kind.is_portal_text:
        assert data["recipient"]["address"][0] in text
    docx = render(kind, data, lang=lang, fmt="docx")
    assert docx[:2] == b"PK"
    assert get_procedure(kind.procedure_id)  # every kind is linked to a real procedure


def test_every_procedure_language_template_exists():
    for kind in all_kinds():
        for lang in kind.languages:
            render_html(kind, example_data(kind), lang=lang)


def test_missing_required_fact_fails_loudly_naming_the_field():
    kind = next(k for k in all_kinds() if k.id == "us.dispute-cra")
    data = example_data(kind)
    data["facts"]["items"][0]["why"] = ""
    del data["sender"]["address"]
    with pytest.raises(RenderError) as exc:
        render_html(kind, data, lang="en")
    assert "facts.items[0].why: required" in str(exc.value) and "sender.address: required" in str(exc.value)
