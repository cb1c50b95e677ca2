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
from html.parser import HTMLParser

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
# Jinja: {{ ... }}, {% ... %}, {# ... #}, and {% raw %}...{% endraw %} as one piece; quoted strings
# may hold the closing characters.
_JINJA = re.compile(r"""\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}
                      | \{\{(?:'[^']*'|"[^"]*"|[^'"}]|\}(?!\}))*\}\}
                      | \{%(?:'[^']*'|"[^"]*"|[^'"%]|%(?!\}))*%\}
                      | \{\#.*?\#\}""", re.DOTALL | re.VERBOSE)
MAX_DEPTH = 60
VOID = frozenset({"br", "hr", "col", "img", "input", "meta", "link", "wbr", "area", "base", "embed", "source"})


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


class _Names(HTMLParser):
    """Counts start tags and attribute names, for telling the owner what was removed."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.attributes: Counter[str] = Counter()
        self.depth = self.max_depth = 0

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        self.attributes.update(name for name, _ in attrs)
        if tag not in VOID:
            self.depth += 1
            self.max_depth = max(self.max_depth, self.depth)

    def handle_endtag(self, tag):
        if tag not in VOID:
            self.depth = max(self.depth - 1, 0)


def _names(html: str) -> _Names:
    parser = _Names()
    parser.feed(html)
    parser.close()
    return parser


def removed(before: str, after: str) -> list[str]:
    """What cleaning took out, as `<tag>` and `attribute` names, in a stable order."""
    old, new = _names(before), _names(after)
    tags = [f"<{t}>" for t in sorted(old.tags) if old.tags[t] > new.tags[t]]
    return tags + [a for a in sorted(old.attributes) if old.attributes[a] > new.attributes[a]]


def too_deep(html: str) -> bool:
    return _names(html).max_depth > MAX_DEPTH


@dataclass
class CleanSource:
    source: str
    removed: list[str] = field(default_factory=list)
    lost_jinja: bool = False


def clean_source(source: str) -> CleanSource:
    """Clean a wording's template source without touching its Jinja tags.

    Each Jinja tag becomes an HTML comment the cleaner keeps in place (also inside tables and
    attribute values), then is put back. A Jinja tag inside an HTML tag itself, or inside
    something removed, cannot survive: `lost_jinja` says so and the source is left for the owner.
    """
    nonce = secrets.token_hex(6)
    pieces: list[str] = []

    def mask(match: re.Match) -> str:
        pieces.append(match.group(0))
        return f"<!--jinja:{nonce}:{len(pieces) - 1}-->"

    masked = _JINJA.sub(mask, source)
    cleaned = clean_html(masked, keep_comments=True)
    marker = re.compile(rf"(?:<!--|&lt;!--)jinja:{nonce}:(\d+)(?:-->|--&gt;)")
    if [int(i) for i in marker.findall(cleaned)] != list(range(len(pieces))):
        return CleanSource(source, removed(masked, cleaned), lost_jinja=True)
    restored = marker.sub(lambda m: pieces[int(m.group(1))], cleaned)
    return CleanSource(restored, removed(masked, cleaned))


_BODY = re.compile(r"<body\b[^>]*>(.*)</body\s*>", re.DOTALL | re.IGNORECASE)
_HEAD = re.compile(r".*</head\s*>", re.DOTALL | re.IGNORECASE)


def clean_output(html: str) -> str:
    """The body of the HTML a wording produced, cleaned. Our page shell goes around it."""
    match = _BODY.search(html)
    return clean_html(match.group(1) if match else _HEAD.sub("", html, count=1))
