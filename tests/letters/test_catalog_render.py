"""Every letter kind renders in every language it offers, from its example data, to all three
formats; the PDF text carries the citation, the recipient address, the reference and the deadline.
Golden snapshots of the HTML catch accidental wording changes."""

import io
import os
import re
from pathlib import Path

import pytest

from app.letters.catalog import all_kinds, effective_recipient, example_data, get_kind, validate
from app.letters.context import build_context
from app.letters.render import RenderError, render, render_html
from app.rules import get_procedure

CASES = [(k.id, lang) for k in all_kinds() for lang in k.languages]
GOLDEN = Path(__file__).parent / "golden"
CN_DIGITS = "零一二三四五六七八九"


def _pdf_text(pdf: bytes) -> str:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(io.BytesIO(pdf))
    return " ".join(" ".join(page.get_textpage().get_text_range() for page in doc).split())


def _chinese_number(n: int) -> str:
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else CN_DIGITS[tens]) + "十" if tens else "") + (CN_DIGITS[ones] if ones else "")


def _citation_numbers(procedure_id: str) -> set[str]:
    """The section or article numbers the procedure's citations name (611, 1681i, 15, 159, 25...)."""
    text = " ".join(c.text for c in get_procedure(procedure_id).citations)
    return set(re.findall(r"(?:§§?|Art\.?|s\.|CFR|Code)\s?(\d+(?:\.\d+)?[A-Za-z]?)", text)) | set(
        re.findall(r"\b(1681[a-z](?:-\d)?)\b", text))


def _cites(text: str, numbers: set[str]) -> bool:
    for number in numbers:
        pattern = rf"(§\s?|[Aa]rt(?:icle|ikel|ículo|icolo)?\.?\s?|[Ss]ection\s|s\.\s?|CFR\s|Code\s|U\.S\.C\.\s§?){re.escape(number)}"
        if re.search(pattern, text) or number.startswith("1681") and number in text:
            return True
        if number.isdigit() and int(number) < 100 and f"第{_chinese_number(int(number))}条" in text:
            return True
    return False


@pytest.mark.parametrize(("kind_id", "lang"), CASES)
def test_renders_in_every_format(kind_id, lang):
    kind = get_kind(kind_id)
    data = example_data(kind, lang)
    assert validate(kind, data) == []
    html = render_html(kind, data, lang=lang)
    assert data["reference"] in html
    pdf = render(kind, data, lang=lang, fmt="pdf")
    assert pdf.startswith(b"%PDF")
    text = _pdf_text(pdf)
    assert data["reference"] in text
    recipient = effective_recipient(kind, data)
    if not kind.is_portal_text:
        assert recipient["name"].replace(" ", "") in text.replace(" ", "")
    if not kind.is_portal_text and recipient["address"] and data["sending_method"] not in ("counter", "online"):
        assert recipient["address"][0] in text.replace(" ", "") or recipient["address"][0] in text
    numbers = _citation_numbers(kind.procedure_id)
    if numbers:
        assert _cites(text, numbers), f"{kind_id}/{lang}: none of {sorted(numbers)} cited in the PDF"
    deadline = build_context(kind, data, lang=lang)["deadline"]
    if deadline and deadline["due"]:
        assert deadline["due"].replace(" ", "") in text.replace(" ", ""), f"{kind_id}/{lang}: due date missing"
    docx = render(kind, data, lang=lang, fmt="docx")
    assert docx[:2] == b"PK"


@pytest.mark.parametrize(("kind_id", "lang"), CASES)
def test_golden_html(kind_id, lang):
    """The example letter's HTML equals the reviewed copy in tests/letters/golden/. After an
    intended wording change, regenerate with RECOURSE_UPDATE_GOLDEN=1 and review the diff."""
    kind = get_kind(kind_id)
    # The shared print stylesheet is left out: the snapshots are about each letter's words.
    html = re.sub(r"<style>.*?</style>", "<style>(letters/_letter.css)</style>",
                  render_html(kind, example_data(kind, lang), lang=lang), flags=re.S)
    path = GOLDEN / f"{kind_id}.{lang}.html"
    if os.environ.get("RECOURSE_UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(html, encoding="utf-8")
    assert path.exists(), f"no golden copy for {kind_id}/{lang}: run with RECOURSE_UPDATE_GOLDEN=1"
    assert html == path.read_text(encoding="utf-8"), f"{kind_id}/{lang} wording changed: review and regenerate"


def test_missing_required_fact_fails_loudly_naming_the_field():
    kind = get_kind("us.dispute-cra")
    data = example_data(kind)
    data["facts"]["items"][0]["why"] = ""
    del data["sender"]["address"]
    with pytest.raises(RenderError) as exc:
        render_html(kind, data, lang="en")
    assert "facts.items[0].why: required" in str(exc.value) and "sender.address: required" in str(exc.value)


def test_template_with_an_unknown_field_fails_loudly():
    kind = get_kind("us.dispute-cra")
    broken = '{% extends "letters/_letter.html" %}{% block body %}{{ facts.not_there.deeper }}{% endblock %}'
    with pytest.raises(RenderError) as exc:
        render_html(kind, example_data(kind), lang="en", override=broken)
    assert "not_there" in str(exc.value)


def test_sandbox_refuses_python_internals():
    kind = get_kind("us.dispute-cra")
    for attack in ("{{ sender.__class__.__mro__ }}", "{{ ''.__class__.__subclasses__() }}",
                   "{{ fmt_date.__globals__ }}", "{{ kind.__init__.__globals__ }}"):
        source = '{% extends "letters/_letter.html" %}{% block body %}' + attack + "{% endblock %}"
        with pytest.raises(RenderError) as exc:
            render_html(kind, example_data(kind), lang="en", override=source)
        assert "not allowed" in str(exc.value) or "unsafe" in str(exc.value), attack


def test_chinese_pdf_without_a_cjk_font_fails_clearly(monkeypatch):
    from app.letters import render as render_module

    monkeypatch.setattr(render_module, "cjk_font_available", lambda: False)
    kind = next(k for k in all_kinds() if "zh" in k.languages)
    with pytest.raises(RenderError) as exc:
        render(kind, example_data(kind, "zh"), lang="zh", fmt="pdf")
    assert "fonts-noto-cjk" in str(exc.value)
