"""Removing an item from a saved report can be undone for a while (issue 13).

The removed item is kept beside the report, inside the same encrypted JSON (under "removed"), with
its place in the report and the time until which it can come back. Nothing else reads that part:
`service.parsed` and every download see the report alone. Entries past their time are dropped the
next time the report is written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.clock import utcnow
from app.reports.model import ITEM_CLASSES, Item

# Long enough to notice a mistake and come back to the page; short enough that a removed item
# does not linger in the stored data.
UNDO_WINDOW = timedelta(minutes=30)
STASH = "removed"


@dataclass(frozen=True)
class Removed:
    item: Item
    at: int  # its place among the report's items
    until: datetime


def _read(data: str) -> list[dict]:
    try:
        stash = json.loads(data or "{}").get(STASH) or []
    except (ValueError, AttributeError):
        return []
    return [e for e in stash if isinstance(e, dict)] if isinstance(stash, list) else []


def _until(entry: dict) -> datetime | None:
    try:
        return datetime.fromisoformat(str(entry.get("until")))
    except ValueError:
        return None


def live_entries(data: str, *, now: datetime | None = None) -> list[dict]:
    """The stored entries that can still be undone."""
    now = now or utcnow()
    return [e for e in _read(data) if (until := _until(e)) is not None and until > now]


def entry(item: Item, at: int, *, now: datetime | None = None) -> dict:
    return {"section": item.section, "key": item.key, "item": item.to_dict(), "at": at,
            "until": ((now or utcnow()) + UNDO_WINDOW).isoformat()}


def removed(data: str) -> list[Removed]:
    """What can be put back, newest first (entries that no longer read as items are skipped)."""
    out = []
    for e in reversed(live_entries(data)):
        try:
            item = ITEM_CLASSES[e["section"]].from_dict(e["item"])
        except (KeyError, TypeError, ValueError):
            continue
        out.append(Removed(item, int(e.get("at") or 0), _until(e)))
    return out
