"""Issue 10.1: a workspace's letter wording is cleaned to an allowlist of HTML when it is saved
and again whenever it is shown or made into a PDF; the page around it is always our own."""

import re
from io import BytesIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfWriter
from sqlmodel import select

from app.config import ROOT
from app.letters.catalog import example_data, get_kind
from app.letters.models import Letter, LetterOverride
from app.letters.render import render_html, template_source
from tests.conftest import post
from tests.letters.test_letters_web import _form
from tests.letters.test_pdf_fetch import embedded_files as attachments

URL = "/letter-templates/us.dispute-cra/en"
HOSTILE = """
<script>alert(1)</script><noscript>x</noscript>
<link rel="stylesheet" href="http://127.0.0.1:9/x.css"><base href="file:///etc/"><meta http-equiv="refresh" content="0;url=http://x">
<img src="file:///etc/passwd" alt="key"><img src="http://127.0.0.1:9/p.png">
<iframe src="http://127.0.0.1:9/f"></iframe><object data="x.pdf">o</object><embed src="y.swf">
<svg><image href="http://127.0.0.1:9/s.png"/></svg><math><mi>x</mi></math>
<form action="http://x"><input name="q"><button>Go</button><textarea>t</textarea></form>
<p onclick="alert(1)" style="background: url(http://127.0.0.1:9/bg.png)">Clinic text</p>
<p style="color: red; margin-left: 2mm">Kept style</p>
<style>@import url("http://127.0.0.1:9/i.css"); p { background: u\\72l(x) }</style>
<style>.cn-body > p { text-indent: 2em }</style>
<a href="javascript:alert(1)">js</a> <a rel="attachment" href="file:///etc/passwd" download>file</a>
<a href="https://www.consumerfinance.gov/">CFPB</a>
"""
FORBIDDEN_TAGS = ("script", "noscript", "link", "base", "meta", "img", "iframe", "object", "embed", "svg", "math",
                  "form", "input", "button", "textarea", "image")


def _wording(body: str) -> str:
    return ('{% extends "letters/_letter.html" %}{% block subject %}Dispute{% endblock %}'
            "{% block body %}" + body + "{% endblock %}")


def assert_clean(html: str) -> BeautifulSoup:
    soup = BeautifulSoup(html, "html.parser")
    content = soup.body or soup  # a page's head is checked by _our_page
    for tag in FORBIDDEN_TAGS:
        assert content.find(tag) is None, tag
    for element in content.find_all(True):
        for name, value in element.attrs.items():
            assert not name.startswith("on"), (element.name, name)
            text = " ".join(value) if isinstance(value, list) else value
            assert "url(" not in text and "javascript:" not in text.lower(), (element.name, name, text)
        assert element.get("rel") is None and element.get("download") is None
    for style in content.find_all("style"):
        assert "url(" not in style.text and "@import" not in style.text and "\\" not in style.text
    return soup


def _our_page(soup: BeautifulSoup, page_class: str = "us10"):
    """The page shell is ours: one head with our stylesheet, our body class, nothing else in the head."""
    assert len(soup.find_all("head")) == 1 and len(soup.find_all("body")) == 1
    head = soup.head
    tags = head.find_all(True)
    if len(tags) == 4:  # the browser view adds its own screen rule for the main landmark (app/letters/views.py)
        assert tags[3].name == "style" and tags[3].text.lstrip().startswith("@media screen { main.letter-screen")
        tags = tags[:3]
    assert [t.name for t in tags] == ["meta", "title", "style"]
    assert "@page" in head.style.text and "string(reference)" in head.style.text
    assert soup.body["class"] == [page_class]


def test_saved_wording_is_cleaned_and_the_owner_is_told(make_client, world, session):
    alice = make_client("alice@example.org")
    body = ('<p class="{{ \'lead\' if sender.name else \'\' }}">Dear {{ recipient.name }} & co,</p>'
            '<table>{% for item in facts["items"] %}<tr><td>{{ loop.index }}</td><td>{{ item.furnisher }}</td></tr>'
            "{% endfor %}</table>{# a note for staff #}" + HOSTILE)
    r = post(alice, URL, {"source": _wording(body)})
    assert r.status_code == 303, r.text[r.text.find("error-summary"):][:800]
    page = alice.get(URL)
    flash = BeautifulSoup(page.text, "html.parser").select_one(".flash-info")
    assert flash is not None
    for name in ("<script>", "<img>", "<iframe>", "<link>", "onclick", "<form>"):
        assert name in flash.text, name
    session.expire_all()
    saved = session.exec(select(LetterOverride)).one().source
    # The template itself survives, Jinja and all.
    for piece in ("{% extends \"letters/_letter.html\" %}", "{{ 'lead' if sender.name else '' }}",
                  '{% for item in facts["items"] %}', "{{ item.furnisher }}", "{# a note for staff #}",
                  "Dear {{ recipient.name }} &amp; co,", "Clinic text", 'style="color: red; margin-left: 2mm"',
                  ".cn-body > p { text-indent: 2em }", '<a href="https://www.consumerfinance.gov/">CFPB</a>'):
        assert piece in saved, piece
    assert_clean(saved)
    # The page the owner sees shows the cleaned wording.
    assert "&lt;script&gt;" not in page.text.split('id="source"')[1].split("</textarea>")[0]


def test_a_wording_with_jinja_inside_a_tag_is_refused_with_input_kept(make_client, world, session):
    alice = make_client("alice@example.org")
    source = _wording('<p {% if sender.name %}class="x"{% endif %}>Hello</p>')
    r = post(alice, URL, {"source": source})
    assert r.status_code == 400
    soup = BeautifulSoup(r.text, "html.parser")
    assert soup.select_one("#source-error") is not None
    assert soup.select_one("textarea#source").text == source
    assert session.exec(select(LetterOverride)).first() is None


def _draft(alice, world, session) -> int:
    r = post(alice, f"/cases/{world.ids['case1']}/letters/new?kind=us.dispute-cra", _form(session))
    assert r.status_code == 303
    return int(r.headers["location"].rsplit("/", 1)[1])


@pytest.mark.parametrize("source", [
    _wording(HOSTILE),
    # A wording that does not use our layout and writes its own head.
    "<!doctype html><html><head><base href='file:///'><link rel=stylesheet href='http://127.0.0.1:9/a.css'>"
    "<style>@import url(http://127.0.0.1:9/b.css)</style><meta http-equiv=refresh content='0;url=http://x'>"
    "</head><body class='evil' onload='alert(1)'>" + HOSTILE + "{{ sender.name }}</body></html>",
], ids=["extends-layout", "own-page"])
def test_stored_wording_is_cleaned_again_at_render(make_client, world, session, source):
    """A row saved before cleaning existed (or written straight to the database) is still cleaned
    in the preview, the letter view, the DOCX and the PDF."""
    session.add(LetterOverride(workspace_id=world.ids["ws_a"], kind_id="us.dispute-cra", lang="en", source=source))
    session.commit()
    alice = make_client("alice@example.org")
    letter_id = _draft(alice, world, session)
    view = alice.get(f"/letters/{letter_id}/view")
    assert view.status_code == 200
    soup = assert_clean(view.text)
    _our_page(soup)
    assert "Clinic text" in view.text and "Dave Client" in view.text
    assert alice.get(f"/letters/{letter_id}").status_code == 200
    pdf = alice.get(f"/letters/{letter_id}/pdf")
    assert pdf.status_code == 200 and attachments(pdf.content) == []
    assert b"alert(1)" not in alice.get(f"/letters/{letter_id}/docx").content


def test_a_snapshot_finalised_before_cleaning_is_cleaned_on_view_and_download(make_client, world, session):
    alice = make_client("alice@example.org")
    letter_id = _draft(alice, world, session)
    session.rollback()
    letter = session.get(Letter, letter_id)
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    writer.add_attachment("encryption.key", b"TOP-SECRET")
    out = BytesIO()
    writer.write(out)
    letter.status, letter.template_key = "final", "override:1"
    letter.html = "<!doctype html><html><head><title>x</title></head><body>" + HOSTILE + "</body></html>"
    letter.pdf = out.getvalue()
    session.add(letter)
    session.commit()
    assert attachments(letter.pdf) == ["encryption.key"]
    view = alice.get(f"/letters/{letter_id}/view")
    _our_page(assert_clean(view.text))
    assert "Clinic text" in view.text
    pdf = alice.get(f"/letters/{letter_id}/pdf")
    assert pdf.status_code == 200 and attachments(pdf.content) == [] and b"TOP-SECRET" not in pdf.content


# ---- our own templates pass through untouched ---------------------------------------------------

# Every kind template and partial (the pages of the app in templates/letters/ itself are not letters).
TEMPLATES = sorted(p for p in (ROOT / "templates" / "letters").rglob("*.html") if p.parent.name != "letters")


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT / "templates" / "letters")))
def test_cleaning_our_own_letter_templates_changes_nothing(path: Path):
    from app.letters.sanitize import clean_source

    source = path.read_text(encoding="utf-8")
    cleaned = clean_source(source)
    assert (cleaned.source, cleaned.removed, cleaned.lost_jinja) == (source, [], False)


def _shape(html: str) -> tuple[str, list]:
    body = BeautifulSoup(html, "html.parser").body
    tags = [(t.name, tuple(t.get("class") or ()), t.get("data-kind")) for t in body.find_all(True)]
    return " ".join(body.get_text(" ").split()), tags


@pytest.mark.parametrize(("kind_id", "lang"), [("us.dispute-cra", "en"), ("eu.access", "de"),
                                               ("cn.pipl-correction", "zh"), ("us-ca.ccpa-know", "en"),
                                               ("uk.cca-correction", "en")])
def test_our_template_with_hostile_additions_renders_exactly_our_letter(kind_id, lang):
    """Cleaning removes what was added and nothing of ours: same text, tags, classes and head."""
    kind = get_kind(kind_id)
    data = example_data(kind, lang)
    trusted = render_html(kind, data, lang=lang)
    source = template_source(kind, lang).replace(
        "{% block body %}", '{% block body %}<script>alert(1)</script><img src="file:///etc/passwd"><iframe '
                            'src="http://127.0.0.1:9/"></iframe><link rel="attachment" href="/etc/passwd">', 1)
    untrusted = render_html(kind, data, lang=lang, override=source)
    assert _shape(untrusted) == _shape(trusted)
    head = re.compile(r"<head>.*</head>", re.S)
    assert head.search(untrusted).group(0) == head.search(trusted).group(0)


@pytest.mark.parametrize("source", ["{{" * 50_000, "{%" * 50_000, "{# " * 30_000, "{{ '" * 25_000,
                                    "{% raw %}" * 10_000, "<a href='" * 10_000, "<!--" * 25_000],
                         ids=["open-print", "open-statement", "open-comment", "open-quote", "open-raw",
                              "open-attribute", "open-html-comment"])
def test_cleaning_a_hostile_source_takes_linear_time(source):
    """The cleaner runs under a time limit anyway; these inputs were quadratic in a first version."""
    import time

    from app.letters.sanitize import clean_source

    started = time.monotonic()
    clean_source(source)
    assert time.monotonic() - started < 2
