"""The letter catalog: one letter kind per procedure and purpose, as data.

Each kind names its rules-registry procedure, the languages it is written in, the facts it needs
(typed fields, required or optional) and an example data set. The words themselves live in Jinja
templates under templates/letters/<jurisdiction>/<slug>.<lang>.html.

Every letter also gets the common envelope (sender, recipient, date, reference, sending method,
enclosures): see `COMMON` below and app/letters/context.py.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

FIELD_TYPES = {"text", "longtext", "date", "money", "choice", "bool", "list", "items", "int"}
SENDING_METHODS = ("post", "certified", "online", "email", "fax", "counter")
# Channels that need no postal address: the letter is addressed by name and says where it is
# handed in (issue 14: many Chinese channels are a counter or a website).
NAME_ONLY_METHODS = ("online", "email", "counter")
ACTIONS = ("delete", "correct", "mark-disputed", "add-statement")


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    label: str
    required: bool = True
    help: str = ""
    choices: tuple[str, ...] = ()
    # For "items": the sub-fields of each item.
    item_fields: tuple[Field, ...] = ()
    max_words: int | None = None

    def __post_init__(self):
        assert self.type in FIELD_TYPES, self.type


@dataclass(frozen=True)
class LetterKind:
    id: str
    procedure_id: str
    title: str
    jurisdiction: str  # template folder: us, us-ca, eu, uk, cn
    languages: tuple[str, ...]
    purpose: str  # one plain sentence shown when choosing a letter
    fields: tuple[Field, ...]
    example: dict[str, Any]  # the kind-specific facts of the example data set
    recipient_kinds: tuple[str, ...] = ()
    suggested_enclosures: tuple[str, ...] = ()
    # Identity numbers are masked to the last 4 unless the recipient needs the full number to
    # find the file (bureaus matching a consumer file do; a furnisher has the account number).
    needs_full_id: bool = False
    # Some letters are text to paste into a portal, not mail (e.g. a CFPB complaint narrative).
    is_portal_text: bool = False
    example_region: str | None = None
    # Per letter language: {"de": {"facts": {...}, "enclosures": [...]}}, so an example letter in
    # German tells its facts in German too. Missing keys fall back to `example`.
    example_by_lang: dict[str, dict] = field(default_factory=dict)
    # A fact that names the addressee when no directory entry fits (a court, a local department):
    # the letter is addressed to it by name, and to `<fact>_address` if given.
    addressee_fact: str = ""
    version: str = "1"

    @property
    def slug(self) -> str:
        return self.id.split(".", 1)[1] if "." in self.id else self.id

    def template_name(self, lang: str) -> str:
        return f"letters/{self.jurisdiction}/{self.slug}.{lang}.html"


# ---- shared field definitions ----------------------------------------------------------------

ITEM_FIELDS = (
    Field("furnisher", "text", "Company reporting the item (creditor or collector)"),
    Field("account", "text", "Account number (last 4 is enough)", required=False),
    Field("what_is_wrong", "longtext", "What is wrong"),
    Field("why", "longtext", "Why it is wrong (your facts)"),
    Field("action", "choice", "What must change", choices=ACTIONS),
    Field("correct_to", "text", "Correct it to (only when the action is 'correct')", required=False),
)
DISPUTED_ITEMS = Field("items", "items", "The items you dispute", item_fields=ITEM_FIELDS,
                       help="One entry per wrong item on the report.")
PRIOR_LETTER_DATE = Field("prior_letter_date", "date", "Date of your earlier letter")
PRIOR_REFERENCE = Field("prior_reference", "text", "Reference of your earlier letter", required=False)

EXAMPLE_ITEMS = [
    {"furnisher": "Acme Collections LLC", "account": "XXXX4321",
     "what_is_wrong": "The report shows a collection account with a balance of $1,240.",
     "why": "I never had an account with Acme or with the original creditor named. I did not sign up for it.",
     "action": "delete", "correct_to": ""},
    {"furnisher": "First Example Bank", "account": "XXXX9876",
     "what_is_wrong": "The account shows a 60-day late payment in March 2025.",
     "why": "I paid on time; my bank statement shows the payment cleared on 2 March 2025.",
     "action": "correct", "correct_to": "Paid as agreed for March 2025"},
]

# ---- the catalog -----------------------------------------------------------------------------

KINDS: dict[str, LetterKind] = {}


def register(*kinds: LetterKind) -> None:
    for kind in kinds:
        if kind.id in KINDS:
            raise ValueError(f"duplicate letter kind {kind.id}")
        KINDS[kind.id] = kind


class UnknownKind(ValueError):
    pass


def get_kind(kind_id: str) -> LetterKind:
    _load()
    try:
        return KINDS[kind_id]
    except KeyError:
        raise UnknownKind(f"unknown letter kind '{kind_id}'. Valid kinds: {', '.join(sorted(KINDS))}") from None


def all_kinds() -> list[LetterKind]:
    _load()
    return [KINDS[k] for k in sorted(KINDS)]


_loaded = False


def _load() -> None:
    """Import the per-jurisdiction catalogs once (each calls register())."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    from app.letters import (  # noqa: F401
        catalog_cn,
        catalog_cn_courts,
        catalog_eu,
        catalog_uk,
        catalog_uk_more,
        catalog_us,
        catalog_us_ca,
        catalog_us_ca_more,
        catalog_us_debt,
    )


# ---- validation ------------------------------------------------------------------------------

_MONEY = re.compile(r"^-?\d+(\.\d{1,2})?$")


def _check_value(f: Field, value: Any, path: str, errors: list[str]) -> None:
    empty = value is None or value == "" or value == []
    if empty:
        if f.required:
            errors.append(f"{path}: required")
        return
    if f.type in ("text", "longtext") and not isinstance(value, str):
        errors.append(f"{path}: must be text")
    elif f.type == "date":
        try:
            date.fromisoformat(str(value))
        except ValueError:
            errors.append(f"{path}: must be a date like 2026-01-31")
    elif f.type == "money" and not _MONEY.match(str(value)):
        errors.append(f"{path}: must be an amount like 1240.00")
    elif f.type == "int" and not str(value).isdigit():
        errors.append(f"{path}: must be a whole number")
    elif f.type == "choice" and value not in f.choices:
        errors.append(f"{path}: must be one of {', '.join(f.choices)}")
    elif f.type == "bool" and not isinstance(value, bool):
        errors.append(f"{path}: must be true or false")
    elif f.type == "list" and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        errors.append(f"{path}: must be a list of text")
    elif f.type == "items":
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            errors.append(f"{path}: must be a list of items")
            return
        for i, item in enumerate(value):
            for sub in f.item_fields:
                _check_value(sub, item.get(sub.name), f"{path}[{i}].{sub.name}", errors)
    if f.max_words and isinstance(value, str) and len(value.split()) > f.max_words:
        errors.append(f"{path}: at most {f.max_words} words")


SENDER_REQUIRED = ("name", "address")


def effective_recipient(kind: LetterKind, data: dict) -> dict:
    """The directory recipient, or the addressee the facts name (a court, a department)."""
    recipient = data.get("recipient") or {}
    facts = data.get("facts") if isinstance(data.get("facts"), dict) else {}
    if recipient.get("name") or not kind.addressee_fact or not facts.get(kind.addressee_fact):
        return recipient
    address = facts.get(f"{kind.addressee_fact}_address") or ""
    return {"name": facts[kind.addressee_fact], "address": [address] if address else []}


def validate(kind: LetterKind, data: dict) -> list[str]:
    """Every problem with the data, each naming its field: an empty list means it can be rendered."""
    errors: list[str] = []
    if not isinstance(data, dict):
        return ["data: must be a JSON object"]
    sender = data.get("sender") or {}
    recipient = effective_recipient(kind, data)
    for key in SENDER_REQUIRED:
        if not sender.get(key):
            errors.append(f"sender.{key}: required")
    if not kind.is_portal_text:
        needed = ("name",) if data.get("sending_method") in NAME_ONLY_METHODS else ("name", "address")
        for key in needed:
            if not recipient.get(key):
                errors.append(f"recipient.{key}: required")
    for key in ("address", "previous_addresses"):
        if key in sender and not isinstance(sender[key], list):
            errors.append(f"sender.{key}: must be a list of lines")
    if "address" in recipient and not isinstance(recipient["address"], list):
        errors.append("recipient.address: must be a list of lines")
    if data.get("date"):
        try:
            date.fromisoformat(str(data["date"]))
        except ValueError:
            errors.append("date: must be a date like 2026-01-31")
    if data.get("sending_method", "post") not in SENDING_METHODS:
        errors.append(f"sending_method: must be one of {', '.join(SENDING_METHODS)}")
    if not isinstance(data.get("enclosures", []), list):
        errors.append("enclosures: must be a list of text")
    facts = data.get("facts") or {}
    if not isinstance(facts, dict):
        return errors + ["facts: must be an object"]
    for f in kind.fields:
        _check_value(f, facts.get(f.name), f"facts.{f.name}", errors)
    return errors


# ---- example data ----------------------------------------------------------------------------

EXAMPLE_SENDERS: dict[str, dict] = {
    "us": {"name": "Jordan Example", "address": ["123 Maple Street, Apt 4", "Springfield, IL 62704"],
           "date_of_birth": "1985-06-15", "id_number": "123-45-6789", "id_label": "Social Security number",
           "previous_addresses": ["9 Oak Avenue, Peoria, IL 61602 (2022 to 2024)"],
           "email": "jordan@example.org", "phone": "(217) 555-0100"},
    "us-ca": {"name": "Alex Example", "address": ["456 Ocean Avenue", "Oakland, CA 94607"],
              "date_of_birth": "1985-06-15", "id_number": "", "id_label": "",
              "previous_addresses": ["12 Pine Street, Fresno, CA 93701 (2022 to 2024)"],
              "email": "alex@example.org", "phone": "(510) 555-0100"},
    "eu": {"name": "Jana Beispiel", "address": ["Musterstraße 12", "10115 Berlin", "Deutschland"],
           "date_of_birth": "1985-06-15", "id_number": "", "id_label": "",
           "previous_addresses": ["Beispielweg 3, 80331 München (2021–2024)"], "email": "jana@example.org"},
    "uk": {"name": "Sam Example", "address": ["12 Example Road", "Manchester", "M1 1AA"],
           "date_of_birth": "1985-06-15", "previous_addresses": ["3 Sample Street, Leeds LS1 1AA (2021 to 2024)"],
           "email": "sam@example.org"},
    "cn": {"name": "张示例", "address": ["北京市朝阳区示例路1号", "100000"], "date_of_birth": "1985-06-15",
           "id_number": "110101198506150000", "id_label": "身份证号码", "phone": "13800000000"},
}


def example_data(kind: LetterKind, lang: str | None = None) -> dict:
    """A fresh deep copy each time: callers may change it without touching the catalog."""
    data = copy.deepcopy(_example_data(kind))
    localised = copy.deepcopy(kind.example_by_lang.get(lang or "", {}))
    data["facts"].update(localised.get("facts", {}))
    if "enclosures" in localised:
        data["enclosures"] = localised["enclosures"]
    return data


def _example_data(kind: LetterKind) -> dict:
    sender_key = kind.jurisdiction
    return {
        "sender": dict(EXAMPLE_SENDERS[sender_key]),
        "recipient": ({"name": "", "address": []} if kind.addressee_fact else  # named in the facts
                      {"name": "示例征信机构", "address": ["示例市示例区示例路 1 号", "100000"]}
                      if kind.jurisdiction == "cn" else
                      {"name": "Example Recipient", "address": ["P.O. Box 0000", "Example City"]}),
        "date": "2026-11-02",
        "reference": "RC-2026-0001-01",
        # Proof of the day it arrived: US certified mail; China registered mail (挂号信), since
        # receipt starts the 20-day objection period (legal-rules.md §5).
        "sending_method": "counter" if kind.addressee_fact else
                          "certified" if kind.jurisdiction in ("us", "us-ca", "cn") else "post",
        "region": kind.example_region,
        "enclosures": list(kind.suggested_enclosures),
        "facts": dict(kind.example),
    }


def fields_summary(kind: LetterKind) -> list[dict]:
    return [{"name": f.name, "type": f.type, "required": f.required} for f in kind.fields]


__all__ = [
    "ACTIONS", "DISPUTED_ITEMS", "EXAMPLE_ITEMS", "Field", "ITEM_FIELDS", "KINDS", "LetterKind",
    "PRIOR_LETTER_DATE", "PRIOR_REFERENCE", "SENDING_METHODS", "UnknownKind", "all_kinds", "example_data",
    "get_kind", "register", "validate",
]
