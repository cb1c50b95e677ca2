"""Build what a letter template sees: sender, recipient, date, reference, facts, the deadline."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date

from app.letters import enclosures
from app.letters.catalog import LetterKind, effective_recipient
from app.letters.labels import LABELS, id_label
from app.rules import TimelineEvent, compute_deadlines, fact_events, get_procedure
from app.rules.jurisdictions import BY_FOLDER


def masked(number: str | None) -> str:
    """All but the last 4 characters as X, keeping the number's own dashes: 123-45-6789 is XXX-XX-6789."""
    if not number:
        return ""
    keep = [i for i, c in enumerate(number) if c.isalnum()][-4:]
    if len(number) <= 4:
        return "XXX" + number
    return "".join(c if (i in keep or not c.isalnum()) else "X" for i, c in enumerate(number))


# What a hidden date of birth looks like in a letter (the same as on screen: app.crypto.mask_date).
MASKED_DATE = "••••-••-••"


def holds_identifiers(data: dict) -> bool:
    """Whether a letter's data carries the ID number or date of birth of the person."""
    sender = data.get("sender") or {}
    return bool(sender.get("id_number") or sender.get("date_of_birth"))


def masked_data(data: dict) -> dict:
    """The letter's data with the ID number cut to its last four characters and the date of birth
    hidden, at the source: whatever a template prints (even a workspace's own wording reaching for
    sender.id_number), the full values are not there to print."""
    sender = dict(data.get("sender") or {})
    if sender.get("id_number"):
        sender["id_number"] = masked(sender["id_number"])
    if sender.get("date_of_birth"):
        sender["date_of_birth"] = MASKED_DATE
    return {**data, "sender": sender}


def letter_locale(lang: str, jurisdiction: str = "us") -> str:
    """English letters outside the US use British date order (2 November 2026)."""
    if lang == "en":
        return "en_US" if jurisdiction in ("us", "us-ca") else "en_GB"
    return {"zh": "zh_Hans_CN", "de": "de_DE", "fr": "fr_FR", "es": "es_ES", "it": "it_IT"}.get(lang, lang)


def fmt_date(value: date | str | None, lang: str, jurisdiction: str = "us") -> str:
    if not value:
        return ""
    day = value if isinstance(value, date) else date.fromisoformat(str(value))
    return format_date(day, format="long", locale=letter_locale(lang, jurisdiction))


def response_deadline(kind: LetterKind, *, sent_on: date, method: str, region: str | None, lang: str,
                      facts: dict | None = None) -> dict | None:
    """The date by which the law requires an answer, if this letter is sent on `sent_on` by `method`.

    Receipt is estimated from the sending method by the rules engine, so the result says so. Facts
    that change the period (a dispute after the free annual report, §612(a)(3)) go in as events.
    """
    events = [TimelineEvent(kind="sent", on=sent_on, channel=method), *fact_events(facts or {}, sent_on)]
    deadlines = compute_deadlines(kind.procedure_id, events, region=region, today=sent_on)
    main = next((d for d in deadlines if d.key == "response"), deadlines[0] if deadlines else None)
    if main is None:
        return None
    return {
        "due": fmt_date(main.due, lang, kind.jurisdiction) if main.due else "",
        "due_iso": main.due.isoformat() if main.due else None,
        "period": main.period,
        "citation": main.citation,
        "estimated": main.estimated,
        "explanation": main.explanation,
    }


def default_id_shown(kind: LetterKind) -> str:
    """A US letter prints the last 4 digits of the SSN unless the person chooses more (the full
    number in the mail is a risk; a bureau that needs it to find the file may ask). Elsewhere the
    kind decides, as before: a Chinese credit agency finds the file by the full ID number."""
    if kind.jurisdiction in ("us", "us-ca"):
        return "last4"
    return "full" if kind.needs_full_id else "last4"


def id_display(number: str, shown: str) -> str:
    if not number or shown == "none":
        return ""
    return number if shown == "full" else masked(number)


def build_context(kind: LetterKind, data: dict, *, lang: str) -> dict:
    sender = dict(data.get("sender") or {})
    letter_date = date.fromisoformat(data["date"]) if data.get("date") else date.today()
    id_number = sender.get("id_number") or ""
    id_shown = data.get("id_shown") or default_id_shown(kind)
    sender["id_display"] = id_display(id_number, id_shown)
    sender["id_label"] = id_label(sender.get("id_label"), lang)
    where = kind.jurisdiction
    dob = sender.get("date_of_birth")
    sender["date_of_birth_display"] = (dob if dob == MASKED_DATE else fmt_date(dob, lang, where)) if dob else ""
    method = data.get("sending_method") or "post"
    procedure = get_procedure(kind.procedure_id)
    return {
        "kind": kind,
        "lang": lang,
        "L": LABELS[lang],
        "sender": sender,
        "recipient": effective_recipient(kind, data),
        "letter_date": fmt_date(letter_date, lang, where),
        "reference": data.get("reference") or "",
        "sending_method": method,
        "enclosures": enclosures.lines(data, lang),
        # What the envelope holds proof of ("id", "itr"...): the wording claims only these.
        "enclosed": enclosures.tags(data),
        "id_shown": id_shown if id_number else "none",
        "facts": data.get("facts") or {},
        "procedure": procedure,
        "deadline": response_deadline(kind, sent_on=letter_date, method=method, region=data.get("region"), lang=lang,
                                      facts=data.get("facts") or {}),
        "page_size": BY_FOLDER[kind.jurisdiction].page_size,
        "din5008": lang == "de",
        "fmt_date": lambda value: fmt_date(value, lang, where),
    }
