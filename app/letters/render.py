"""Render a letter: HTML (Jinja, StrictUndefined), PDF (WeasyPrint, from the same HTML) and
DOCX (python-docx, from the same HTML's structure).

A missing fact is an error naming the field, never a blank in a letter sent to a bureau.
A workspace's own wording is untrusted (any self-registered owner writes one): it runs in the
sandbox (app/letters/sandbox.py) inside a child process with a time and memory budget
(app/limits.py), its output is cleaned (app/letters/sanitize.py) and placed in our own page shell,
and its PDF is made in a child process too. Our own templates need none of that.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import subprocess
from datetime import date
from functools import lru_cache
from html.parser import HTMLParser

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateNotFound, UndefinedError
from jinja2.exceptions import SecurityError, TemplateSyntaxError
from markupsafe import Markup

from app import limits
from app.config import ROOT
from app.letters import sanitize
from app.letters.catalog import LetterKind, get_kind, validate
from app.letters.context import build_context, fmt_date
from app.letters.sandbox import LetterLoader, LetterSandbox, OutputTooLarge, render_bounded

FORMATS = ("html", "pdf", "docx")
# The budget of one workspace wording: filling in the template, then making its PDF. Our own
# letters fill in within 50 ms and make a PDF within 2 s.
TEMPLATE_SECONDS, TEMPLATE_MEMORY_MB = 5.0, 256
PDF_SECONDS, PDF_MEMORY_MB = 60.0, 1024


class RenderError(ValueError):
    """The letter cannot be rendered; the message names the field or the cause. `limit` is set
    when a workspace's wording went over its budget ("time", "memory", "output", "depth")."""

    def __init__(self, message: str, *, limit: str | None = None):
        super().__init__(message)
        self.limit = limit


def limit_message(limit: str) -> str:
    # Named `errors` so app/i18n_extract.py offers these messages for translation.
    errors = {
        "time": "This letter wording takes too long to fill in. Remove loops that repeat many times.",
        "memory": "This letter wording needs too much memory. Remove what builds very long text or lists.",
        "output": "This letter wording makes a letter that is far too long. Remove loops that repeat many times.",
        "depth": "This letter wording puts HTML inside HTML too many times. Use simpler HTML.",
        "crash": "This letter wording could not be filled in. Make it simpler.",
        "busy": "The server is busy filling in other letters. Try again in a minute.",
    }
    return errors.get(limit, errors["crash"])


def _configure(env: Environment) -> Environment:
    env.filters["lines"] = lambda value: [line for line in (value or "").splitlines() if line.strip()]
    return env


@lru_cache
def letter_env() -> Environment:
    return _configure(Environment(loader=FileSystemLoader(str(ROOT / "templates")), undefined=StrictUndefined,
                                  autoescape=True, trim_blocks=True, lstrip_blocks=True))


@lru_cache
def sandbox_env() -> LetterSandbox:
    return _configure(LetterSandbox(loader=LetterLoader(str(ROOT / "templates")), undefined=StrictUndefined,
                                    autoescape=True, trim_blocks=True, lstrip_blocks=True))


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
    if override is not None:
        return _page(kind, data, lang, _limited(_fill_override, kind.id, data, lang, override))
    try:
        return letter_env().get_template(kind.template_name(lang)).render(build_context(kind, data, lang=lang))
    except UndefinedError as exc:
        raise RenderError(f"missing field in letter template: {exc.message}") from exc
    except TemplateNotFound as exc:
        raise RenderError(f"{kind.id} has no '{lang}' template ({exc.name})") from exc


# ---- reading copies ---------------------------------------------------------------------------
# A letter goes out in the language its recipient needs; the person reads a copy in their own
# language (issue 13). The copy is our standard wording in that language, filled in from the same
# data, with a banner on top (and on every printed page) saying it is not the letter to send.
# It is the kind's real template when the kind can be sent in that language (an EU access letter
# in Spanish, a Chinese letter in English), else `<slug>.<lang>.reading.html` beside the letter.
READING_LANGS = ("en", "es")


def reading_template_name(kind: LetterKind, lang: str) -> str | None:
    """The template of the reading copy of `kind` in `lang`, or None when there is none yet."""
    if lang in kind.languages:
        return kind.template_name(lang)
    name = kind.template_name(lang).removesuffix(".html") + ".reading.html"
    try:
        letter_env().loader.get_source(letter_env(), name)
    except TemplateNotFound:
        return None
    return name


def reading_status(lang: str, letter_lang: str, kind: LetterKind) -> dict:
    """The person's reading copy of a letter in `lang` (their UI language): "same" when the letter
    is already in it, "ready" when a copy exists, "missing" when there is none yet."""
    if letter_lang == lang:
        status = "same"
    else:
        status = "ready" if reading_template_name(kind, lang) else "missing"
    return {"lang": lang, "status": status}


def reading_banner(letter_lang: str, lang: str, *, own_wording: bool = False) -> Markup:
    from app.letters.labels import READING

    words = READING.get(lang) or READING["en"]
    text = words["banner"].format(language=words["languages"].get(letter_lang, letter_lang))
    note = Markup('<p id="reading-own-wording">{}</p>').format(words["own_wording"]) if own_wording else ""
    return Markup('<div class="reading-banner" role="note" id="reading-banner" lang="{lang}">'
                  '<p><strong>{title}</strong> {text}</p>{note}</div>').format(
                      lang=lang, title=words["title"], text=text, note=note)


def _reading_style(banner_text: str) -> str:
    """The banner's look. Printed, it stays at the top of the first page and its words also go in
    the top margin of every page (a page margin box: WeasyPrint and Chromium print it)."""
    quoted = banner_text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
    return ("<style>.reading-banner { border: 2pt solid #000; background: #fff3c4; color: #000; padding: 2mm 3mm;"
            " margin: 0 0 4mm; font-size: 10.5pt; } .reading-banner p { margin: 0; }"
            f' @page {{ @top-center {{ content: "{quoted}"; font-size: 8.5pt; font-weight: bold; color: #000; }} }}'
            " @page :first { margin-top: 20mm; }</style>")


def render_reading_html(kind: LetterKind, data: dict, *, letter_lang: str, lang: str, own_wording: bool = False) -> str:
    """The reading copy of a letter written in `letter_lang`, in `lang`, with its banner.
    Raises RenderError when the data is not complete, or when there is no copy in `lang` yet.
    `own_wording`: the letter uses a workspace's wording, and the banner says the copy does not."""
    name = reading_template_name(kind, lang)
    if name is None:
        raise RenderError(f"{kind.id} has no reading copy in '{lang}' yet")
    if errors := validate(kind, data):
        raise RenderError("; ".join(errors))
    try:
        html = letter_env().get_template(name).render(build_context(kind, data, lang=lang))
    except UndefinedError as exc:
        raise RenderError(f"missing field in reading copy template: {exc.message}") from exc
    banner = reading_banner(letter_lang, lang, own_wording=own_wording)
    style = _reading_style(" ".join(re.sub(r"<[^>]+>", " ", banner.split("</p>", 1)[0]).split()))
    head, sep, rest = html.partition("<body")
    if not sep:
        return f"{style}{banner}{html}"
    tag, _gt, body = rest.partition(">")
    return f"{head.replace('</head>', style + '</head>', 1)}<body{tag}>{banner}{body}"


def untrusted_page(kind: LetterKind, data: dict, *, lang: str, html: str) -> str:
    """HTML a workspace's wording produced earlier (a finalised snapshot), cleaned again."""
    return _page(kind, data, lang, _limited(_clean, html))


def _limited(fn, *args) -> str:
    try:
        return limits.run(fn, *args, seconds=TEMPLATE_SECONDS, memory_mb=TEMPLATE_MEMORY_MB)
    except limits.LimitExceeded as exc:
        raise RenderError(limit_message(exc.limit), limit=exc.limit) from exc


def _page(kind: LetterKind, data: dict, lang: str, content: str) -> str:
    """Cleaned content inside our own page: head, stylesheet and body class come from us."""
    context = build_context(kind, data, lang=lang)
    page = letter_env().get_template("letters/_page.html")
    return page.render({**context, "content": Markup(content)})  # noqa: S704 - cleaned in _clean


# ---- run in the child process (app/limits.py) -------------------------------------------------

def _clean(html: str) -> str:
    try:
        return sanitize.clean_output(html)
    except sanitize.TooDeep:
        raise RenderError(limit_message("depth"), limit="depth") from None


def warm_up() -> None:
    """Compile the shared letter layouts and load the date formats of every letter language."""
    for name in ("letters/_page.html", "letters/_letter.html", "letters/_letter.css"):
        sandbox_env().get_template(name)
    for lang, jurisdiction in (("en", "us"), ("en", "uk"), ("de", "eu"), ("zh", "cn")):
        fmt_date(date(2026, 1, 1), lang, jurisdiction)


def _fill_override(kind_id: str, data: dict, lang: str, source: str) -> str:
    """The wording filled in and cleaned. Every failure becomes a RenderError here, so nothing
    unpicklable or unexpected reaches the server."""
    try:
        template = sandbox_env().from_string(source)
        html = render_bounded(template, build_context(get_kind(kind_id), data, lang=lang))
    except MemoryError:
        raise
    except OutputTooLarge:
        raise RenderError(limit_message("output"), limit="output") from None
    except UndefinedError as exc:
        raise RenderError(f"missing field in letter template: {exc.message}") from None
    except SecurityError as exc:
        raise RenderError(f"the letter template tried something not allowed: {exc}") from None
    except TemplateNotFound as exc:
        raise RenderError(f"a letter template may only use the letter layouts, not {exc.name}") from None
    except TemplateSyntaxError as exc:
        raise RenderError(f"Line {exc.lineno}: {exc.message}") from None
    except Exception as exc:  # noqa: BLE001 - the owner's template failed: say how, never a 500
        raise RenderError(f"{type(exc).__name__}: {exc}") from None
    return _clean(html)


# ---- PDF -------------------------------------------------------------------------------------

@lru_cache
def cjk_font_available() -> bool:
    if not shutil.which("fc-list"):
        return False
    out = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False).stdout  # noqa: S607
    return bool(out.strip())


def render_pdf(html: str, *, lang: str, untrusted: bool = False) -> bytes:
    """The PDF of a letter's HTML; `untrusted` (a workspace's wording) makes it in a child process."""
    from app.pdf import html_to_pdf  # WeasyPrint loads slowly: only when a PDF is asked for

    if lang == "zh" and not cjk_font_available():
        raise RenderError("Chinese letters need a CJK font to show real characters. "
                          "Install one, for example: apt-get install fonts-noto-cjk")
    if not untrusted:
        return html_to_pdf(html)
    try:
        return limits.run(html_to_pdf, html, seconds=PDF_SECONDS, memory_mb=PDF_MEMORY_MB)
    except limits.LimitExceeded as exc:
        raise RenderError(limit_message(exc.limit), limit=exc.limit) from exc


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
        return render_pdf(html, lang=lang, untrusted=override is not None)
    return render_docx(html, reference=data.get("reference") or "", lang=lang)
