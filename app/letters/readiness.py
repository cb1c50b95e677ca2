"""Is a draft ready to be finalised and sent? Everything that stops it, in plain words.

One list for the letter form (beside each field), the letter page (a box that says what to do)
and the finalise and download routes (which refuse while anything is listed):

* a missing or invalid fact (catalog.validate), including "Correct it to read: ." with nothing to
  correct to;
* no recipient, no return address;
* facts that disagree (app/letters/checks.py): a freeze for Experian addressed to Equifax;
* a document the law requires that is neither attached nor ticked as enclosed
  (app/letters/enclosures.py): the §605B block without an identity theft report.

Pure: the letter kind and data in (with `attached` filled in by the service), problems out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.letters import checks, enclosures
from app.letters.catalog import LetterKind, validate
from app.letters.catalog import Problem as Invalidity

_PATH = re.compile(r"^facts\.(\w+)(?:\[(\d+)\]\.(\w+))?$")


@dataclass(frozen=True)
class Problem:
    """`code`: "field", "recipient", "sender", "names" or "requirement". `field` is the form field
    (facts.items.0.why, recipient_id) or, for a requirement, its key. `message` is plain English."""

    code: str
    field: str
    message: str
    where: str = ""  # the field's label, for the letter page


def _label(kind: LetterKind, path: str) -> tuple[str, str]:
    """("facts.items.0.why", "Item 1: Why it is wrong (your facts)") for "facts.items[0].why"."""
    match = _PATH.match(path)
    if not match:
        return path, ""
    name, index, sub = match.groups()
    field = next((f for f in kind.fields if f.name == name), None)
    if field is None:
        return path, ""
    if index is None:
        return f"facts.{name}", field.label
    inner = next((f for f in field.item_fields if f.name == sub), None)
    return f"facts.{name}.{index}.{sub}", f"{field.label}, {int(index) + 1}: {inner.label if inner else sub}"


def _message(text: str) -> str:
    return "This is required." if text == "required" else text[:1].upper() + text[1:].rstrip(".") + "."


def _from_validation(kind: LetterKind, data: dict, error: Invalidity) -> Problem:
    path, text = error.path, error.partition(": ")[2]
    if path == "recipient.address" and (data.get("recipient") or {}).get("name"):
        # Issue 14: many recipients (e.g. in China) are reached at a counter or online, not by post.
        return Problem("recipient", "recipient_id", "This recipient has no postal address. Choose another "
                       "recipient, or hand the letter in at the counter or send it online.")
    if path.startswith("recipient."):
        return Problem("recipient", "recipient_id", "Choose who the letter goes to.")
    if path == "sender.address":
        return Problem("sender", "sender", "Add the client's current address first: letters need a return address.")
    if path.startswith("sender."):
        return Problem("sender", "sender", "Add the client's name to their record first.")
    field, where = _label(kind, path)
    return Problem("field", field, _message(text), where)


def _from_consistency(kind: LetterKind, field: str, message: str) -> Problem:
    if field == "recipient_id":
        return Problem("recipient", field, message)
    match = re.match(r"^facts\.(\w+)\.(\d+)\.(\w+)$", field)
    _, where = _label(kind, f"facts.{match[1]}[{match[2]}].{match[3]}" if match else field)
    return Problem("names" if field.endswith(".furnisher") else "field", field, message, where)


def problems(kind: LetterKind, data: dict) -> list[Problem]:
    out = [_from_validation(kind, data, e) for e in validate(kind, data)]
    seen = {(p.code, p.field) for p in out}
    out += [p for p in (_from_consistency(kind, f, m) for f, m in checks.consistency(kind, data).items())
            if (p.code, p.field) not in seen]
    out += [Problem("requirement", r.key, "") for r in enclosures.missing(kind.requires, data)]
    return list(dict.fromkeys(out))


def form_errors(found: list[Problem]) -> dict[str, str]:
    """Problems the letter form shows beside its fields (requirements are shown on the letter page)."""
    errors: dict[str, str] = {}
    for p in found:
        if p.code != "requirement":
            errors.setdefault(p.field, p.message)
        if p.code == "names":
            errors.setdefault("names_confirmed", p.message)
    return errors
