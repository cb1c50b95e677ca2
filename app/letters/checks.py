"""Facts in one letter that must agree with each other (issue 17).

A freeze letter addressed to Experian must freeze the file at Experian; a letter for a credit
bureau goes to a credit bureau; a direct dispute goes to the company that reports the items. A
letter that names the wrong company can be set aside, so these are checked before a draft is
saved and again before it is finalised.

Pure: the letter data in, messages out ("field: message", like catalog.validate).
"""

from __future__ import annotations

import re

from app.letters.catalog import LetterKind

BUREAUS = {"equifax": "Equifax", "experian": "Experian", "transunion": "TransUnion"}
BUREAU_KINDS = frozenset({"cra", "specialty-cra"})
# Words in company names that say nothing about which company it is.
_GENERIC = frozenset(["the", "of", "and", "llc", "inc", "incorporated", "corp", "corporation", "co", "company", "na", "n", "a", "bank", "usa", "us", "national", "trust", "fsb", "services", "service", "financial", "finance", "credit", "card", "cards", "group", "holdings", "lp", "llp", "ltd", "plc", "gmbh", "ag", "collection", "collections", "recovery", "management", "solutions", "consumer", "dept", "department", "p", "o", "box"])


def _tokens(text: str) -> set[str]:
    return {t for t in re.split(r"[^a-z0-9]+", (text or "").lower()) if len(t) >= 3 and t not in _GENERIC}


def shares_name(a: str, b: str) -> bool:
    """Whether two names share a distinctive word (strict: "don't know" is no)."""
    return bool(_tokens(a) & _tokens(b))


def names_match(a: str, b: str) -> bool:
    """Whether two names can be the same company: they share a distinctive word, or one has none
    (then we cannot tell, and do not stop the person)."""
    left, right = _tokens(a), _tokens(b)
    if not left or not right:
        return True
    return bool(left & right) or any(x in y or y in x for x in left for y in right if min(len(x), len(y)) >= 4)


def bureau_named(recipient: dict) -> str:
    """Which nationwide bureau a recipient is ("equifax", ...), from its name and first address line."""
    text = " ".join([str(recipient.get("name") or ""), *[str(x) for x in (recipient.get("address") or [])[:1]]])
    text = re.sub(r"[^a-z]", "", text.lower())
    found = [key for key in BUREAUS if key in text]
    return found[0] if len(found) == 1 else ""


def consistency(kind: LetterKind, data: dict) -> dict[str, str]:
    """Every disagreement between the recipient and the facts: form field -> what to do about it
    (recipient_id, facts.items.0.furnisher, facts.lift_from)."""
    recipient = data.get("recipient") or {}
    facts = data.get("facts") or {}
    errors: dict[str, str] = {}
    if facts.get("request") == "lift-temporarily":  # a lift "for a while" needs its two dates
        start, end = str(facts.get("lift_from") or ""), str(facts.get("lift_until") or "")
        if not start or not end:
            errors["facts.lift_from"] = "Give the first and the last day of the lift."
        elif end < start:
            errors["facts.lift_until"] = "The last day must come after the first."
    if not recipient.get("name"):
        return errors  # no recipient yet: validate() already says so
    if facts.get("bureau") in BUREAUS and bureau_named(recipient) != facts.get("bureau"):
        errors["recipient_id"] = ("This letter is for one bureau but addressed to another. Choose the address "
                                  "of the bureau chosen below, or change the bureau.")
    their_kind = recipient.get("kind")
    if their_kind and kind.recipient_kinds and set(kind.recipient_kinds) <= BUREAU_KINDS \
            and their_kind not in BUREAU_KINDS:
        errors["recipient_id"] = "This letter is for a credit bureau. Choose a credit bureau's address."
    if "furnisher" in (kind.recipient_kinds or ()) and not data.get("names_confirmed"):
        for i, item in enumerate(facts.get("items") or []):
            if isinstance(item, dict) and not names_match(str(item.get("furnisher") or ""), recipient["name"]):
                errors[f"facts.items.{i}.furnisher"] = (
                    "The letter goes to another company than the one that reports this item. Choose that "
                    "company's address, or tick below that you checked they are the same company.")
    return errors
