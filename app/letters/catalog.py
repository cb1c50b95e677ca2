"""The letter catalog: one letter kind per procedure and purpose, as data.

Each kind names its rules-registry procedure, the languages it is written in, the facts it needs
(typed fields, required or optional) and an example data set. The words themselves live in Jinja
templates under templates/letters/<jurisdiction>/<slug>.<lang>.html.

Every letter also gets the common envelope (sender, recipient, date, reference, sending method,
enclosures): see app/letters/context.py, and app/letters/enclosures.py for what may be listed as
enclosed. Example facts are for `recourse letter --example` and previews labelled as examples only:
nothing in `example`, `example_by_lang` or `suggested_enclosures` ever reaches a real draft.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.letters.enclosures import problems as enclosure_problems

FIELD_TYPES = {"text", "longtext", "date", "money", "choice", "bool", "list", "items", "int"}
SENDING_METHODS = ("post", "certified", "online", "email", "fax")
ACTIONS = ("delete", "correct", "mark-disputed", "add-statement")
# How much of the identity number the letter prints (a US letter: the last 4 unless the person
# chooses the full number; see context.id_shown).
ID_SHOWN = ("last4", "full", "none")


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
    # The example letter's own enclosure lines (example data only: never offered in a real draft).
    suggested_enclosures: tuple[str, ...] = ()
    # What the letter form offers to tick as "I will enclose this myself" (enclosures.OPTIONS tags).
    enclosure_options: tuple[str, ...] = ()
    # Documents without which the letter has no legal effect (enclosures.REQUIREMENTS keys): a
    # draft without them cannot be finalised, and the person is told how to get them.
    requires: tuple[str, ...] = ()
    # Identity numbers are masked to the last 4 unless the recipient needs the full number to
    # find the file (bureaus matching a consumer file do; a furnisher has the account number).
    needs_full_id: bool = False
    # Some letters are text to paste into a portal, not mail (e.g. a CFPB complaint narrative).
    is_portal_text: bool = False
    example_region: str | None = None
    # Per letter language: {"de": {"facts": {...}, "enclosures": [...]}}, so an example letter in
    # German tells its facts in German too. Missing keys fall back to `example`.
    example_by_lang: dict[str, dict] = field(default_factory=dict)
    version: str = "1"

    @property
    def slug(self) -> str:
        return self.id.split(".", 1)[1] if "." in self.id else self.id

    def template_name(self, lang: str) -> str:
        return f"letters/{self.jurisdiction}/{self.slug}.{lang}.html"


# What the letter form shows for each choice (the codes stay in the data and the templates). Like
# field labels, these are catalog text in English. The requested changes (ACTIONS) are shown
# through app.i18n.WORDS instead, translated.
CHOICE_LABELS: dict[str, str] = {
    # China
    "pboc-credit-reference-center": "The PBOC Credit Reference Center (征信中心)",
    "credit-agency": "A credit agency",
    "information-provider": "The bank or lender that reported the record (信息提供者)",
    "information-user": "A company that used my credit information (信息使用者)",
    "wrong": "Wrong", "missing": "Missing",
    "post": "Send it to my address", "collect": "I will collect it in person",
    # EU and UK
    "decision-maker": "The company that made the decision",
    "access": "Access to my data", "rectification": "Correction of my data", "erasure": "Erasure of my data",
    "restriction": "Restriction of processing", "objection": "Objection to processing",
    "automated-decision": "A decision made automatically",
    "no-longer-needed": "They no longer need the data for the purpose it was collected for (Art. 17(1)(a))",
    "consent-withdrawn": "I withdrew my consent and nothing else allows the processing (Art. 17(1)(b))",
    "objected": "I objected and they have no overriding grounds (Art. 17(1)(c))",
    "unlawful": "They process the data unlawfully (Art. 17(1)(d))",
    "legal-obligation": "A law requires the erasure (Art. 17(1)(e))",
    "child-online-service": "It was collected when I was a child, for an online service (Art. 17(1)(f))",
    "accuracy-contested": "I dispute that the data are correct (Art. 18(1)(a))",
    "unlawful-keep-data": "The processing is unlawful, but I want the data kept, not erased (Art. 18(1)(b))",
    "needed-for-legal-claims": "They no longer need the data, but I need them for a legal claim (Art. 18(1)(c))",
    "objection-pending": "I objected and they are still checking (Art. 18(1)(d))",
    "nothing": "Nothing", "acknowledgment": "Only an acknowledgment", "incomplete-answer": "An incomplete answer",
    "remove": "Remove the entry", "amend": "Amend the entry",
    "no-reply": "It did not answer within 28 days", "no-action": "It said it would not change the entry",
    "amended": "It changed the entry, but not enough",
    "none": "Nothing yet", "acknowledged-only": "Only an acknowledgment", "outcome-received": "An outcome",
    # United States
    "address-on-report": "The address on my credit report",
    "address-for-disputes": "The address the company gives for disputes",
    "business-address": "The company's business address",
    "adverse-action": "I was turned down because of a report from this bureau",
    "fraud-alert": "I have a fraud alert with this bureau",
    "unemployed": "I am unemployed and will apply for work within 60 days",
    "public-assistance": "I receive public welfare assistance",
    "fraud-inaccuracy": "I believe my file is wrong because of fraud",
    "paid": "I will pay the fee",
    "equifax": "Equifax", "experian": "Experian", "transunion": "TransUnion",
    "tenant-history": "Rental history", "check-writing": "Check-writing and bank account history",
    "medical": "Medical records or payments", "employment": "Employment history",
    "insurance-claims": "Insurance claims",
    "deleted": "They deleted it", "corrected": "They corrected it",
    "remove-freeze": "Remove the freeze", "lift-temporarily": "Lift it for a while (between two dates)",
    "under-16": "A child under 16",
    "represented": "An incapacitated person, or one with a court-appointed guardian or conservator",
}

# ---- shared field definitions ----------------------------------------------------------------

ITEM_FIELDS = (
    Field("furnisher", "text", "Company reporting the item (creditor or collector)"),
    Field("account", "text", "Account number (last 4 is enough)", required=False),
    Field("what_is_wrong", "longtext", "What is wrong"),
    Field("why", "longtext", "Why it is wrong (your facts)"),
    Field("action", "choice", "What must change", choices=ACTIONS),
    Field("correct_to", "text", "What it should say (when it must be corrected)", required=False),
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
        catalog_eu,
        catalog_uk,
        catalog_us,
        catalog_us_ca,
        catalog_us_freeze,
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
        names = {sub.name for sub in f.item_fields}
        for i, item in enumerate(value):
            for sub in f.item_fields:
                _check_value(sub, item.get(sub.name), f"{path}[{i}].{sub.name}", errors)
            # "Correct it to read: ." asks for nothing: a correction needs the value it should have.
            if {"action", "correct_to"} <= names and item.get("action") == "correct" \
                    and not str(item.get("correct_to") or "").strip():
                errors.append(f"{path}[{i}].correct_to: say what it should say")
    if f.max_words and isinstance(value, str) and len(value.split()) > f.max_words:
        errors.append(f"{path}: at most {f.max_words} words")


SENDER_REQUIRED = ("name", "address")


def validate(kind: LetterKind, data: dict) -> list[str]:
    """Every problem with the data, each naming its field: an empty list means it can be rendered."""
    errors: list[str] = []
    if not isinstance(data, dict):
        return ["data: must be a JSON object"]
    sender = data.get("sender") or {}
    recipient = data.get("recipient") or {}
    for key in SENDER_REQUIRED:
        if not sender.get(key):
            errors.append(f"sender.{key}: required")
    if not kind.is_portal_text:
        for key in ("name", "address"):
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
    errors += enclosure_problems(data)
    if data.get("id_shown", "last4") not in ID_SHOWN:
        errors.append(f"id_shown: must be one of {', '.join(ID_SHOWN)}")
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
        "recipient": ({"name": "示例征信机构", "address": ["示例市示例区示例路 1 号", "100000"]}
                      if kind.jurisdiction == "cn" else
                      {"name": "Example Recipient", "address": ["P.O. Box 0000", "Example City"]}),
        "date": "2026-11-02",
        "reference": "RC-2026-0001-01",
        # Proof of the day it arrived: US certified mail; China registered mail (挂号信), since
        # receipt starts the 20-day objection period (legal-rules.md §5).
        "sending_method": "certified" if kind.jurisdiction in ("us", "us-ca", "cn") else "post",
        "region": kind.example_region,
        "enclose_self": list(kind.enclosure_options),
        "enclosures": list(kind.suggested_enclosures),
        "facts": dict(kind.example),
    }


def fields_summary(kind: LetterKind) -> list[dict]:
    return [{"name": f.name, "type": f.type, "required": f.required} for f in kind.fields]


__all__ = [
    "ACTIONS", "CHOICE_LABELS", "DISPUTED_ITEMS", "EXAMPLE_ITEMS", "ID_SHOWN", "Field", "ITEM_FIELDS", "KINDS", "LetterKind",
    "PRIOR_LETTER_DATE", "PRIOR_REFERENCE", "SENDING_METHODS", "UnknownKind", "all_kinds", "example_data",
    "get_kind", "register", "validate",
]
