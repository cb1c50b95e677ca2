"""UI translations. English strings are the message ids; other languages live in
app/locale/<lang>.po (gettext format, edited with any PO editor, read with Babel)."""

from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po

LANGUAGES = {"en": "English", "es": "Español"}
DEFAULT = "en"
_LOCALE_DIR = Path(__file__).parent / "locale"


@lru_cache
def catalog(lang: str) -> dict[str, str]:
    path = _LOCALE_DIR / f"{lang}.po"
    if lang == DEFAULT or not path.exists():
        return {}
    with path.open("rb") as fh:
        po = read_po(fh, locale=lang)
    return {m.id: m.string for m in po if m.id and m.string and not m.fuzzy}


def translate(lang: str, message: str, **params: object) -> str:
    text = catalog(lang).get(message, message) if message else message
    return text % params if params else text


def negotiate(accept_language: str | None) -> str:
    """Pick the best supported language from an Accept-Language header."""
    best, best_q = DEFAULT, 0.0
    for part in (accept_language or "").split(","):
        bits = part.strip().split(";q=")
        code = bits[0].split("-")[0].strip().lower()
        try:
            q = float(bits[1]) if len(bits) > 1 else 1.0
        except ValueError:
            q = 0.0
        if code in LANGUAGES and q > best_q:
            best, best_q = code, q
    return best
