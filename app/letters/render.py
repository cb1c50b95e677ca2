"""Render a letter: HTML (Jinja, StrictUndefined), PDF (WeasyPrint, from the same HTML) and
DOCX (python-docx, from the same HTML's structure).

A missing fact is an error naming the field, never a blank in a letter sent to a bureau.
Workspace overrides run in Jinja's sandbox (app/letters/overrides.py).
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
from functools import lru_cache
from html.parser import HTMLParser

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateNotFound, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from app.config import ROOT
from app.letters.catalog import LetterKind, validate
from app.letters.context import build_context

FORMATS = ("html", "pdf", "docx")


class RenderError(ValueError):
    """The letter cannot be rendered; the message names the field or the cause."""


def _configure(env: Environment) -> Environment:
    env.filters["lines"] = lambda value: [line for line in (value or "").splitlines() if line.strip()]
    return env


@lru_cache
def letter_env() -> Environment:
    return _configure(Environment(loader=FileSystemLoader(str(ROOT / "templates")), undefined=StrictUndefined,
                                  autoescape=True, trim_blocks=True, lstrip_blocks=True))


@lru_cache
def sandbox_env() -> SandboxedEnvironment:
    return _configure(SandboxedEnvironment(loader=FileSystemLoader(str(ROOT / "templates")),
                                           undefined=StrictUndefined, autoescape=True, trim_blocks=True,
                                           lstrip_blocks=True))


def template_source(kind: LetterKind, lang: str) -> str:
    try:
        source, _filename, _uptodate = letter_env().loader.get_source(letter_env(), kind.template_name(lang))
    except TemplateNotFound as exc:
        raise RenderError(f"{kind.id} has no '{lang}' version; languages: {', '.join(kind.languages)}") from exc
    return source


def template_version(kind: LetterKind, lang: str, override: str | None = None) -> str:
    """A short hash of the exact template text used, stored with every snapshot."""
    text = override if override is not None else template_source(kind, lang)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def data_hash(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def render_html(kind: LetterKind, data: dict, *, lang: str, override: str | None = None) -> str:
    if lang not in kind.languages:
        raise RenderError(f"{kind.id} has no '{lang}' version; languages: {', '.join(kind.languages)}")
    if errors := validate(kind, data):
        raise RenderError("; ".join(errors))
    context = build_context(kind, data, lang=lang)
    try:
        if override is not None:
            template = sandbox_env().from_string(override)
        else:
            template = letter_env().get_template(kind.template_name(lang))
        return template.render(context)
    except UndefinedError as exc:
        raise RenderError(f"missing field in letter template: {exc.message}") from exc
    except SecurityError as exc:
        raise RenderError(f"the letter template tried something not allowed: {exc}") from exc
    except TemplateNotFound as exc:
        raise RenderError(f"{kind.id} has no '{lang}' template ({exc.name})") from exc


# ---- PDF -------------------------------------------------------------------------------------

@lru_cache
def cjk_font_available() -> bool:
    if not shutil.which("fc-list"):
        return False
    out = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False).stdout  # noqa: S607
    return bool(out.strip())


def render_pdf(html: str, *, lang: str) -> bytes:
    from app.pdf import html_to_pdf  # WeasyPrint loads slowly: only when a PDF is asked for

    if lang == "zh" and not cjk_font_available():
        raise RenderError("Chinese letters need a CJK font to show real characters. "
                          "Install one, for example: apt-get install fonts-noto-cjk")
    return html_to_pdf(html)


# ---- DOCX ------------------------------------------------------------------------------------

class _Blocks(HTMLParser):
    """Reads the letter HTML into simple blocks: (style, [(text, bold)]) for python-docx."""

    BLOCKS = {"p": "Normal", "h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3", "li": "List Bullet",
              "address": "Normal", "dt": "Normal", "dd": "Normal", "div": "Normal"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, list[tuple[str, bool]]]] = []
        self._style: str | None = None
        self._runs: list[tuple[str, bool]] = []
        self._bold = 0
        self._skip = 0
        self._ordered: list[bool] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag in ("style", "head", "script") or "no-docx" in classes:
            self._skip += 1
            return
        if tag in ("ul", "ol"):
            self._ordered.append(tag == "ol")
        if tag in ("strong", "b", "h1", "h2", "h3"):
            self._bold += 1
        if tag == "br":
            self._runs.append(("\n", False))
        if tag in self.BLOCKS and "block" not in classes:
            self._flush()
            style = self.BLOCKS[tag]
            if tag == "li" and self._ordered and self._ordered[-1]:
                style = "List Number"
            self._style = style

    def handle_endtag(self, tag):
        if tag in ("style", "head", "script") or (self._skip and tag in ("div", "section", "p", "span", "footer")):
            self._skip = max(self._skip - 1, 0)
            return
        if tag in ("ul", "ol") and self._ordered:
            self._ordered.pop()
        if tag in ("strong", "b", "h1", "h2", "h3"):
            self._bold = max(self._bold - 1, 0)
        if tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data):
        if self._skip:
            return
        text = " ".join(data.split())
        if text:
            if self._runs and not self._runs[-1][0].endswith(("\n", " ")) and data[:1].isspace():
                text = " " + text
            self._runs.append((text, self._bold > 0))

    def _flush(self):
        if any(t.strip() for t, _ in self._runs):
            self.blocks.append((self._style or "Normal", self._runs))
        self._runs, self._style = [], None


def render_docx(html: str, *, reference: str, lang: str) -> bytes:
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from app.letters.labels import LABELS

    parser = _Blocks()
    parser.feed(html)
    parser.close()
    doc = Document()
    doc.styles["Normal"].font.size = Pt(11)
    for style, runs in parser.blocks:
        paragraph = doc.add_paragraph(style=style if style in doc.styles else "Normal")
        for text, bold in runs:
            if text == "\n":
                paragraph.add_run().add_break()
            else:
                paragraph.add_run(text).bold = bold
    # Footer: the reference and "Page X of N" on every page (Word fills in the fields).
    footer = doc.sections[0].footer.paragraphs[0]
    labels = LABELS[lang]
    footer.add_run(f"{labels['reference']}: {reference}    {labels['page']} ")
    for field in ("PAGE", None, "NUMPAGES"):
        if field is None:
            footer.add_run(f" {labels['of']} ")
            continue
        run = footer.add_run()
        for kind, text in (("begin", None), (None, field), ("end", None)):
            if kind:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
            else:
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = text
            run._r.append(el)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def render(kind: LetterKind, data: dict, *, lang: str, fmt: str, override: str | None = None) -> bytes:
    if fmt not in FORMATS:
        raise RenderError(f"format must be one of {', '.join(FORMATS)}")
    html = render_html(kind, data, lang=lang, override=override)
    if fmt == "html":
        return html.encode()
    if fmt == "pdf":
        return render_pdf(html, lang=lang)
    return render_docx(html, reference=data.get("reference") or "", lang=lang)
