"""The seeded recipients directory: data files in app/recipients/data/, loaded into the database
(`sync`) when the app migrates. Seeded rows have workspace_id NULL and are read-only; a workspace
adds or copies entries of its own.

Files:
- data/us.json, data/uk.json, data/cn.json: lists of records in our own schema (see RECORD_KEYS).
  Their addresses come from the project's research notes (legal-rules.md §1.10 and §5,
  legal-rules-addresses.md §1); a record's `source` lists only public sources, since pages show it.
- data/eu/: CC0 records from the datenanfragen project (companies/ and supervisory-authorities/),
  converted on load by `_from_datenanfragen`.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sqlmodel import Session, col, select

from app.clock import utcnow
from app.recipients.models import Recipient

DATA = Path(__file__).parent / "data"
KINDS = ("central-source", "cra", "specialty-cra", "credit-agency", "furnisher", "creditor", "collector",
         "controller", "regulator")
# What a seeded entry is used for (shown as words through app.i18n.WORDS).
PURPOSES = ("file-request", "dispute", "freeze", "fraud-alert", "identity-theft", "access", "rectification",
            "erasure", "objection", "complaint", "validation", "cease", "credit-repair", "deletion", "correction",
            "automated-decision")
RECORD_KEYS = ("slug", "name", "kind", "jurisdictions", "purposes", "postal_address", "email", "web_form",
               "phone", "fax", "identification", "source", "checked_on", "verified", "notes")
# Optional keys after those: how a recipient can be reached (CHANNELS; a counter or an online
# form needs no postal address) and where to hand a letter in.
OPTIONAL_KEYS = ("channels", "hand_in")
CHANNELS = ("post", "counter", "online", "email")
# EU-data records that duplicate an entry of our own UK list (uk.json has the checked version).
_SUPERSEDED = {"equifax-gb", "experian-gb", "gbico"}
_EU_SOURCE = (DATA / "eu" / "SOURCE.txt").read_text().strip() if (DATA / "eu" / "SOURCE.txt").exists() else ""


# Points we know the CC0 record does not reflect (it is copied unchanged): said beside the entry.
_KNOWN_STALE = {
    "plgiodo": "This record still names GIODO, which Poland replaced in 2018 with the Urząd Ochrony Danych "
               "Osobowych (UODO). Check the current address and email at uodo.gov.pl before sending.",
    "esaepa": "The email in this record is the agency's press address; complaints go through the AEPD's "
              "electronic office (sede electrónica) or by post.",
}


def _from_datenanfragen(raw: dict, *, authority: bool) -> dict:
    countries = ["UK" if c == "gb" else f"EU-{c.upper()}" for c in raw.get("relevant-countries", [])]
    verified = authority or raw.get("quality") == "verified"
    categories = raw.get("categories", [])
    return {
        "slug": f"eu-{raw['slug']}",
        "name": raw["name"],
        "kind": "regulator" if authority else ("credit-agency" if "credit agency" in categories else "controller"),
        "jurisdictions": countries or ["EU"],
        "purposes": ["complaint"] if authority else ["access", "rectification", "erasure", "objection"],
        "postal_address": raw.get("address", "").splitlines(),
        "email": raw.get("email", "").strip(),
        "web_form": raw.get("webform", ""),
        "phone": raw.get("phone", ""),
        "fax": raw.get("fax", ""),
        "identification": "",
        "source": [*raw.get("sources", []), _EU_SOURCE],
        "checked_on": None,
        # datenanfragen marks records it has checked as "verified"; authorities come from official pages.
        "verified": verified and raw["slug"] not in _KNOWN_STALE,
        "notes": _KNOWN_STALE.get(raw["slug"]) or "" if verified else (
            f"Imported from the datenanfragen directory with quality '{raw.get('quality', 'unknown')}': "
            "the address was not checked. Confirm it on the company's own website before sending."),
    }


def load() -> list[dict]:
    records: list[dict] = []
    # The first three files in their original order (existing rows keep their order), then the rest.
    first = ("us.json", "uk.json", "cn.json")
    for path in sorted(DATA.glob("*.json"), key=lambda p: (first.index(p.name) if p.name in first else 3, p.name)):
        records += json.loads(path.read_text(encoding="utf-8"))
    for sub, authority in (("companies", False), ("supervisory-authorities", True)):
        for path in sorted((DATA / "eu" / sub).glob("*.json")):
            if path.stem in _SUPERSEDED:
                continue
            records.append(_from_datenanfragen(json.loads(path.read_text(encoding="utf-8")), authority=authority))
    return records


def _as_row_values(record: dict) -> dict:
    def joined(value, sep):
        return sep.join(value) if isinstance(value, list) else (value or "")

    return {
        "name": record["name"], "kind": record["kind"],
        "jurisdictions": joined(record.get("jurisdictions"), ","),
        "purposes": joined(record.get("purposes"), ","),
        "postal_address": joined(record.get("postal_address"), "\n"),
        "email": record.get("email") or "", "web_form": record.get("web_form") or "",
        "phone": record.get("phone") or "", "fax": record.get("fax") or "",
        "identification": record.get("identification") or "",
        "source": joined(record.get("source"), "\n"),
        "checked_on": date.fromisoformat(record["checked_on"]) if record.get("checked_on") else None,
        "verified": bool(record.get("verified")), "notes": record.get("notes") or "",
        "channels": joined(record.get("channels"), ","), "hand_in": record.get("hand_in") or "",
    }


def sync(session: Session) -> int:
    """Insert or update every seeded record (matched by slug). Returns how many records exist."""
    records = load()
    existing = {r.slug: r for r in session.exec(select(Recipient).where(col(Recipient.slug).is_not(None))).all()}
    for record in records:
        values = _as_row_values(record)
        row = existing.get(record["slug"])
        if row is None:
            session.add(Recipient(slug=record["slug"], **values))
        elif any(getattr(row, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(row, key, value)
            row.updated_at = utcnow()
    session.flush()
    return len(records)
