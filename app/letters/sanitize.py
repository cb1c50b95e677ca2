"""Clean a workspace's letter wording to an allowlist of HTML tags and attributes (nh3).

It runs twice: on the template source before it is saved (Jinja tags are masked so the cleaner
leaves them alone, and the owner is told what was removed), and on the HTML a wording produced,
before anyone sees it or it becomes a PDF (the page around it comes from our own template).

Left out: link, img (even data: pictures; letters need none), object, embed, iframe, script,
svg and math, forms, base, meta, event attributes (on...), javascript: and other URL schemes,
and styles (elements or attributes) that could load something: url(), @import, escapes.
"""

from __future__ import annotations

import re
import secrets
from collections import Counter
from dataclasses import dataclass, field

import nh3

TAGS = frozenset({
    "a", "abbr", "address", "article", "aside", "b", "blockquote", "br", "caption", "cite", "code", "col",
    "colgroup", "dd", "del", "div", "dl", "dt", "em", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hr", "i", "ins", "li", "main", "mark", "ol", "p", "pre", "q", "s", "section", "small",
    "span", "strong", "style", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u",
    "ul"})
# Removed together with everything inside them.
CONTENT_TAGS = frozenset({"script", "title", "noscript", "template", "iframe", "object", "svg", "math",
                          "textarea", "select", "noembed", "noframes"})
ATTRIBUTES = {
    "*": {"class", "id", "lang", "dir", "title", "style"},
    "a": {"href"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "type", "reversed"}, "li": {"value"}, "time": {"datetime"}, "col": {"span"},
    "colgroup": {"span"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# CSS that could load a resource (url(), @import, image-set(), src()) or hide one (escapes).
_UNSAFE_CSS = re.compile(r"url\s*\(|@import|@font-face|image(-set)?\s*\(|src\s*\(|\\|expression|binding",
                         re.IGNORECASE)
_STYLE_ELEMENT = re.compile(r"<style>(.*?)</style>", re.DOTALL)
_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}")
_ENDRAW = re.compile(r"\{%-?\s*endraw\s*-?%\}")
MAX_DEPTH = 60  # our letters nest about 6 deep
# Checked before the cleaner runs (counting unclosed tags too): html5ever slows down badly on
# HTML nested tens of thousands deep.
MAX_RAW_DEPTH = 1_000
VOID = frozenset({"br", "hr", "col", "img", "input", "meta", "link", "wbr", "area", "base", "embed", "source"})


class TooDeep(ValueError):
    """HTML nested deeper than a letter needs."""


def _attribute(tag: str, name: str, value: str) -> str | None:
    if name == "style" and _UNSAFE_CSS.search(value):
        return None
    return value


def clean_html(html: str, *, keep_comments: bool = False) -> str:
    """`html` with only allowed tags, attributes, URL schemes and harmless styles left."""
    cleaned = nh3.clean(html, tags=set(TAGS), clean_content_tags=set(CONTENT_TAGS), attributes=ATTRIBUTES,
                        attribute_filter=_attribute, strip_comments=not keep_comments, link_rel=None,
                        generic_attribute_prefixes={"data-"}, url_schemes=set(URL_SCHEMES))
    return _STYLE_ELEMENT.sub(lambda m: "" if _UNSAFE_CSS.search(m.group(1)) else m.group(0), cleaned)


_TAG_NAME = re.compile(r"(/?)([a-zA-Z][a-zA-Z0-9-]*)")
_ATTR_NAME = re.compile(r"[^\s\"'=<>/]+")
_UNQUOTED = re.compile(r"[^\s>]*")


@dataclass
class _Names:
    """Start tags and attribute names counted, and the deepest nesting (unclosed tags count)."""

    tags: Counter = field(default_factory=Counter)
    attributes: Counter = field(default_factory=Counter)
    max_depth: int = 0


def _names(html: str) -> _Names:
    """One pass over the text (Python's HTMLParser is quadratic on some unclosed input); close
    enough for counting, exact on the cleaner's well-formed output."""
    found, depth, i, n = _Names(), 0, 0, len(html)
    while (i := html.find("<", i)) != -1:
        if html.startswith("<!--", i):
            end = html.find("-->", i + 4)
            i = n if end == -1 else end + 3
            continue
        match = _TAG_NAME.match(html, i + 1)
        if not match:
            i += 1
            continue
        closing, tag = match.group(1), match.group(2).lower()
        attributes, i = _attributes(html, match.end())
        if closing:
            depth = max(depth - 1, 0) if tag not in VOID else depth
            continue
        found.tags[tag] += 1
        found.attributes.update(attributes)
        if tag not in VOID:
            depth += 1
            found.max_depth = max(found.max_depth, depth)
    return found


def _attributes(html: str, i: int) -> tuple[list[str], int]:
    """Attribute names from `i` to the end of the tag, and where the tag ends."""
    names, n = [], len(html)
    while i < n and html[i] != ">":
        char = html[i]
        if char in "\"'":
            end = html.find(char, i + 1)
            i = n if end == -1 else end + 1
        elif char.isspace() or char == "/":
            i += 1
        elif char == "=":
            i += 1
            while i < n and html[i].isspace():
                i += 1
            if i < n and html[i] not in "\"'":
                i = _UNQUOTED.match(html, i).end()
        elif match := _ATTR_NAME.match(html, i):
            names.append(match.group(0).lower())
            i = match.end()
        else:
            i += 1
    return names, i + 1


def removed(before: str, after: str) -> list[str]:
    """What cleaning took out, as `<tag>` and `attribute` names, in a stable order."""
    old, new = _names(before), _names(after)
    tags = [f"<{t}>" for t in sorted(old.tags) if old.tags[t] > new.tags[t]]
    return tags + [a for a in sorted(old.attributes) if old.attributes[a] > new.attributes[a]]


def check_depth(html: str, limit: int) -> None:
    if _names(html).max_depth > limit:
        raise TooDeep(f"HTML nested more than {limit} deep")


@dataclass
class CleanSource:
    source: str
    removed: list[str] = field(default_factory=list)
    lost_jinja: bool = False


def _closing(source: str, start: int, close: str) -> int:
    """Where the Jinja tag opened before `start` ends (after `close`), skipping quoted strings;
    -1 if it never does. One pass: hostile input cannot make it slow."""
    i, quote = start, ""
    while i < len(source):
        char = source[i]
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif source.startswith(close, i):
            return i + len(close)
        i += 1
    return -1


def jinja_spans(source: str):
    """(start, end) of each Jinja tag: {{ }}, {% %}, {# #}; {% raw %}...{% endraw %} is one."""
    i = 0
    while (start := source.find("{", i)) != -1:
        opener = source[start + 1:start + 2]
        if opener == "#":
            end = source.find("#}", start + 2)
            end = end + 2 if end != -1 else -1
        elif opener in ("{", "%"):
            end = _closing(source, start + 2, "}}" if opener == "{" else "%}")
            if end != -1 and _RAW.fullmatch(source, start, end):
                after = _ENDRAW.search(source, end)
                end = after.end() if after else -1
        else:
            i = start + 1
            continue
        if end == -1:  # never closed: Jinja will say so when the template is parsed
            return
        yield start, end
        i = end


def clean_source(source: str) -> CleanSource:
    """Clean a wording's template source without touching its Jinja tags.

    Each Jinja tag becomes an HTML comment the cleaner keeps in place (also inside tables and
    attribute values), then is put back. A Jinja tag inside an HTML tag itself, or inside
    something removed, cannot survive: `lost_jinja` says so and the source is left for the owner.
    """
    nonce = secrets.token_hex(6)
    pieces, parts, last = [], [], 0
    for start, end in jinja_spans(source):
        parts += [source[last:start], f"<!--jinja:{nonce}:{len(pieces)}-->"]
        pieces.append(source[start:end])
        last = end
    masked = "".join(parts) + source[last:]
    check_depth(masked, MAX_RAW_DEPTH)
    cleaned = clean_html(masked, keep_comments=True)
    marker = re.compile(rf"(?:<!--|&lt;!--)jinja:{nonce}:(\d+)(?:-->|--&gt;)")
    if [int(i) for i in marker.findall(cleaned)] != list(range(len(pieces))):
        return CleanSource(source, removed(masked, cleaned), lost_jinja=True)
    restored = marker.sub(lambda m: pieces[int(m.group(1))], cleaned)
    return CleanSource(restored, removed(masked, cleaned))


def clean_output(html: str) -> str:
    """The body of the HTML a wording produced, cleaned. Our page shell goes around it.
    Raises TooDeep for HTML nested deeper than a letter needs."""
    lower = html.lower()
    start, end = lower.find("<body"), lower.rfind("</body")
    if start != -1 and end > start:
        html = html[html.index(">", start) + 1 if ">" in html[start:end] else end:end]
    elif (head := lower.rfind("</head")) != -1:
        html = html[head + len("</head"):].partition(">")[2]
    check_depth(html, MAX_RAW_DEPTH)
    cleaned = clean_html(html)
    check_depth(cleaned, MAX_DEPTH)
    return cleaned
