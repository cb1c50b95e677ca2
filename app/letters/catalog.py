"""The letter catalog: one letter kind per procedure and purpose, as data.

Each kind names its rules-registry procedure, the languages it is written in, the facts it needs
(typed fields, required or optional) and an example data set. The words themselves live in Jinja
templates under templates/letters/<jurisdiction>/<slug>.<lang>.html.

The kinds are plain lists in the per-jurisdiction modules (catalog_us.py, catalog_eu.py...), with
the shapes and shared fields in fields.py; KINDS is built here from those lists, the way
app/rules/procedures.py builds PROCEDURES. Nothing is registered or changed at import time.

Every letter also gets the common envelope (sender, recipient, date, reference, sending method,
enclosures): see app/letters/context.py, and app/letters/enclosures.py for what may be listed as
enclosed. Example facts are for `recourse letter --example` and previews labelled as examples only:
nothing in `example`, `example_by_lang` or `suggested_enclosures` ever reaches a real draft.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from datetime import date
from typing import Any

from app.letters.catalog_cn import CN_KINDS
from app.letters.catalog_cn_courts import CN_COURT_KINDS
from app.letters.catalog_eu import EU_KINDS
from app.letters.catalog_uk import UK_KINDS
from app.letters.catalog_uk_more import UK_MORE_KINDS
from app.letters.catalog_us import US_KINDS
from app.letters.catalog_us_ca import CA_KINDS
from app.letters.catalog_us_ca_more import CA_MORE_KINDS
from app.letters.catalog_us_debt import DEBT_KINDS
from app.letters.catalog_us_freeze import FREEZE_KINDS
from app.letters.enclosures import problems as enclosure_problems
from app.letters.examples_de import EXAMPLES_DE
from app.letters.examples_eu import EXAMPLES_BY_LANG
from app.letters.fields import (
    ACTIONS,
    CHOICE_LABELS,
    DISPUTED_ITEMS,
    EXAMPLE_ITEMS,
    FIELD_TYPES,
    ID_SHOWN,
    ITEM_FIELDS,
    NAME_ONLY_METHODS,
    PRIOR_LETTER_DATE,
    PRIOR_REFERENCE,
    SENDING_METHODS,
    Field,
    LetterKind,
)

# ---- the catalog -----------------------------------------------------------------------------

# Example facts in other languages, by language and kind (German, French, Spanish, Italian).
_EXAMPLES_BY_LANG: dict[str, dict[str, dict]] = {"de": EXAMPLES_DE, **EXAMPLES_BY_LANG}


def _index(*groups: tuple[LetterKind, ...]) -> dict[str, LetterKind]:
    table: dict[str, LetterKind] = {}
    for group in groups:
        for kind in group:
            if kind.id in table:
                raise ValueError(f"duplicate letter kind {kind.id}")
            localised = {lang: examples[kind.id] for lang, examples in _EXAMPLES_BY_LANG.items()
                         if kind.id in examples and lang in kind.languages}
            table[kind.id] = dataclasses.replace(kind, example_by_lang={**kind.example_by_lang, **localised})
    return table


KINDS: dict[str, LetterKind] = _index(
    US_KINDS, FREEZE_KINDS, DEBT_KINDS, CA_KINDS, CA_MORE_KINDS, EU_KINDS, UK_KINDS, UK_MORE_KINDS, CN_KINDS, CN_COURT_KINDS,
)


class UnknownKind(ValueError):
    pass


def get_kind(kind_id: str) -> LetterKind:
    try:
        return KINDS[kind_id]
    except KeyError:
        raise UnknownKind(f"unknown letter kind '{kind_id}'. Valid kinds: {', '.join(sorted(KINDS))}") from None


def all_kinds() -> list[LetterKind]:
    return [KINDS[k] for k in sorted(KINDS)]


# ---- validation ------------------------------------------------------------------------------

class Problem(str):
    """One problem with a letter's data. It reads as "path: message" (what the form and the command
    line show) and carries the field's `path` (e.g. "facts.items[0].why") and a machine `code`
    ("required", "date", "choice"...), so callers need not parse the text."""

    path: str
    code: str

    def __new__(cls, path: str, code: str, message: str) -> Problem:
        problem = super().__new__(cls, f"{path}: {message}")
        problem.path, problem.code = path, code
        return problem


def _problem(path: str, code: str, message: str) -> Problem:
    return Problem(path, code, message)


_MONEY = re.compile(r"^-?\d+(\.\d{1,2})?$")


def _check_value(f: Field, value: Any, path: str, errors: list[Problem]) -> None:
    empty = value is None or value == "" or value == []
    if empty:
        if f.required:
            errors.append(_problem(path, "required", "required"))
        return
    if f.type in ("text", "longtext") and not isinstance(value, str):
        errors.append(_problem(path, "text", "must be text"))
    elif f.type == "date":
        try:
            date.fromisoformat(str(value))
        except ValueError:
            errors.append(_problem(path, "date", "must be a date like 2026-01-31"))
    elif f.type == "money" and not _MONEY.match(str(value)):
        errors.append(_problem(path, "money", "must be an amount like 1240.00"))
    elif f.type == "int" and not str(value).isdigit():
        errors.append(_problem(path, "int", "must be a whole number"))
    elif f.type == "choice" and value not in f.choices:
        errors.append(_problem(path, "choice", f"must be one of {', '.join(f.choices)}"))
    elif f.type == "bool" and not isinstance(value, bool):
        errors.append(_problem(path, "bool", "must be true or false"))
    elif f.type == "list" and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        errors.append(_problem(path, "list", "must be a list of text"))
    elif f.type == "items":
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            errors.append(_problem(path, "items", "must be a list of items"))
            return
        names = {sub.name for sub in f.item_fields}
        for i, item in enumerate(value):
            for sub in f.item_fields:
                _check_value(sub, item.get(sub.name), f"{path}[{i}].{sub.name}", errors)
            # "Correct it to read: ." asks for nothing: a correction needs the value it should have.
            if {"action", "correct_to"} <= names and item.get("action") == "correct" \
                    and not str(item.get("correct_to") or "").strip():
                errors.append(_problem(f"{path}[{i}].correct_to", "correct-to", "say what it should say"))
    if f.max_words and isinstance(value, str) and len(value.split()) > f.max_words:
        errors.append(_problem(path, "max-words", f"at most {f.max_words} words"))


SENDER_REQUIRED = ("name", "address")


def effective_recipient(kind: LetterKind, data: dict) -> dict:
    """The directory recipient, or the addressee the facts name (a court, a department)."""
    recipient = data.get("recipient") or {}
    facts = data.get("facts") if isinstance(data.get("facts"), dict) else {}
    if recipient.get("name") or not kind.addressee_fact or not facts.get(kind.addressee_fact):
        return recipient
    address = facts.get(f"{kind.addressee_fact}_address") or ""
    return {"name": facts[kind.addressee_fact], "address": [address] if address else []}


def validate(kind: LetterKind, data: dict) -> list[Problem]:
    """Every problem with the data, each with its field path and code: an empty list means it can
    be rendered."""
    errors: list[Problem] = []
    if not isinstance(data, dict):
        return [_problem("data", "object", "must be a JSON object")]
    sender = data.get("sender") or {}
    recipient = effective_recipient(kind, data)
    for key in SENDER_REQUIRED:
        if not sender.get(key):
            errors.append(_problem(f"sender.{key}", "required", "required"))
    if not kind.is_portal_text:
        needed = ("name",) if data.get("sending_method") in NAME_ONLY_METHODS else ("name", "address")
        for key in needed:
            if not recipient.get(key):
                errors.append(_problem(f"recipient.{key}", "required", "required"))
    for key in ("address", "previous_addresses"):
        if key in sender and not isinstance(sender[key], list):
            errors.append(_problem(f"sender.{key}", "lines", "must be a list of lines"))
    if "address" in recipient and not isinstance(recipient["address"], list):
        errors.append(_problem("recipient.address", "lines", "must be a list of lines"))
    if data.get("date"):
        try:
            date.fromisoformat(str(data["date"]))
        except ValueError:
            errors.append(_problem("date", "date", "must be a date like 2026-01-31"))
    if data.get("sending_method", "post") not in SENDING_METHODS:
        errors.append(_problem("sending_method", "choice", f"must be one of {', '.join(SENDING_METHODS)}"))
    if not isinstance(data.get("enclosures", []), list):
        errors.append(_problem("enclosures", "list", "must be a list of text"))
    errors += [_problem(path, code, message) for path, code, message in enclosure_problems(data)]
    if data.get("id_shown", "last4") not in ID_SHOWN:
        errors.append(_problem("id_shown", "choice", f"must be one of {', '.join(ID_SHOWN)}"))
    facts = data.get("facts") or {}
    if not isinstance(facts, dict):
        return errors + [_problem("facts", "object", "must be an object")]
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
        "enclose_self": list(kind.enclosure_options),
        "enclosures": list(kind.suggested_enclosures),
        "facts": dict(kind.example),
    }


def fields_summary(kind: LetterKind) -> list[dict]:
    return [{"name": f.name, "type": f.type, "required": f.required} for f in kind.fields]


__all__ = [
    "ACTIONS", "CHOICE_LABELS", "DISPUTED_ITEMS", "EXAMPLE_ITEMS", "FIELD_TYPES", "Field", "ID_SHOWN", "ITEM_FIELDS",
    "KINDS", "LetterKind", "NAME_ONLY_METHODS", "PRIOR_LETTER_DATE", "PRIOR_REFERENCE", "Problem", "SENDING_METHODS",
    "UnknownKind", "all_kinds", "effective_recipient", "example_data", "get_kind", "validate",
]
