"""The letter form: facts fields generated from a kind's Field specs, and parsing them back."""

from __future__ import annotations

from app.letters.catalog import Field, LetterKind

BLANK_ITEM_ROWS = 2  # extra empty item rows, so more items can be added without JavaScript


def item_rows(kind: LetterKind, facts: dict) -> dict[str, int]:
    """How many rows each items-field shows: what is filled in, plus blank rows."""
    return {f.name: len(facts.get(f.name) or []) + BLANK_ITEM_ROWS for f in kind.fields if f.type == "items"}


def _value(f: Field, raw: dict[str, list[str]], key: str):
    values = raw.get(key) or []
    first = values[0].strip() if values else ""
    if f.type == "bool":
        return bool(values) and first in ("1", "true", "on", "yes")
    if f.type == "list":
        return [line.strip() for line in first.splitlines() if line.strip()]
    return first


def parse_facts(kind: LetterKind, raw: dict[str, list[str]]) -> dict:
    facts: dict = {}
    for f in kind.fields:
        if f.type != "items":
            facts[f.name] = _value(f, raw, f"facts.{f.name}")
            continue
        items = []
        index = 0
        while any(k.startswith(f"facts.{f.name}.{index}.") for k in raw):
            item = {sub.name: _value(sub, raw, f"facts.{f.name}.{index}.{sub.name}") for sub in f.item_fields}
            # A row left completely empty is not an item.
            if any(v for k, v in item.items() if k != "action"):
                items.append(item)
            index += 1
        facts[f.name] = items
    return facts


def field_errors(errors: list[str]) -> dict[str, str]:
    """Turn validation problems (catalog.Problem: path "facts.items[0].why", code "required") into
    form field keys and messages."""
    out: dict[str, str] = {}
    for message in errors:
        text = message.partition(": ")[2]
        path = getattr(message, "path", None) or message.partition(": ")[0]
        key = path.replace("[", ".").replace("]", "")
        out[key] = {"required": "This is required."}.get(text, text[:1].upper() + text[1:] + ".")
    return out
