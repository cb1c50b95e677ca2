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


# Codes stored in the database or the catalog and shown through `_(code)` (timeline entries,
# states, outcomes, requested changes, marks, recipient kinds and purposes): the words people
# read. translate() looks a code up here first, so a page never shows "extension_notified" and
# app/locale/<lang>.po translates the words, not the codes.
WORDS: dict[str, str] = {
    "extension_notified": "They said they need more time",
    "info_requested": "They asked for more information",
    "info_provided": "I sent more information",
    "needs-review": "Needs action",
    "no-change": "No change",
    "mark-disputed": "Mark it as disputed",
    "add-statement": "Add my statement",
    "birth-date": "Date of birth",
    "not-mine": "Not mine",
    "cra": "Credit bureau",
    "central-source": "Central request service for free reports",
    "specialty-cra": "Specialty credit bureau",
    "credit-agency": "Credit agency",
    "file-request": "report requests",
    "dispute": "disputes",
    "freeze": "security freezes",
    "fraud-alert": "fraud alerts",
    "identity-theft": "identity theft reports",
    "access": "access requests",
    "rectification": "corrections",
    "erasure": "erasure requests",
    "objection": "objections",
    "complaint": "complaints",
    "validation": "debt validation requests",
    "cease": "requests to stop contact",
    "credit-repair": "credit repair",
    "deletion": "deletion requests",
    "correction": "corrections",
    "automated-decision": "automated decisions",
    # Timeline entries after an FCRA dispute (app.proceedings.models.FCRA_STEPS)
    "completed": "They finished checking my dispute",
    "reinsertion_notified": "They told me a deleted item was put back",
}


def word(code: str) -> str:
    """The English words for a stored code (the code itself when it is already a word)."""
    return WORDS.get(code, code)


def translate(lang: str, message: str, **params: object) -> str:
    message = WORDS.get(message, message) if message else message
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
