"""The facts a follow-up letter takes from the earlier round: only what the person gave or
recorded, and only what is still in dispute.

Items the recipient deleted or corrected (their outcomes, app/proceedings) are left out and listed
as resolved; the rest keep the reasons and corrections of the earlier letter. Dates come from the
timeline the person recorded. Nothing comes from example data.
"""

from __future__ import annotations

import json

from sqlmodel import Session

from app.letters.catalog import LetterKind
from app.letters.models import Letter
from app.proceedings import service as proceedings
from app.proceedings.models import Proceeding
from app.reports.model import account_kept

# What an answer said about an item, as a follow-up letter reports it.
RESULT_WORDS = {"verified": "Verified as reported", "no-change": "Not changed", "partial": "Changed only in part",
                "frivolous": "Called frivolous or irrelevant", "deleted": "Deleted", "corrected": "Corrected"}


def _key(furnisher: str, account: str) -> tuple[str, str]:
    return furnisher.strip().lower(), account_kept(account).lower()


def _live(session: Session, proceeding: Proceeding) -> list:
    timeline = proceedings.events(session, proceeding)
    voided = {e.voids_id for e in timeline if e.kind == "voided"}
    return [e for e in timeline if e.id not in voided and e.kind != "voided"]


def _earlier_letter(session: Session, live: list) -> tuple[Letter | None, dict]:
    linked = [e for e in live if e.letter_id]
    letter = session.get(Letter, linked[-1].letter_id) if linked else None
    return letter, (json.loads(letter.data) if letter else {})


def _items(kind: LetterKind, session: Session, round_: Proceeding, earlier: dict) -> list[dict]:
    field = next(f for f in kind.fields if f.name == "items")
    names = {f.name for f in field.item_fields}
    given = {_key(str(i.get("furnisher", "")), str(i.get("account", ""))): i
             for i in (earlier.get("facts") or {}).get("items") or [] if isinstance(i, dict)}
    parent = session.get(Proceeding, round_.parent_id) if round_.parent_id else None
    outcomes = proceedings.latest_outcomes(session, parent) if parent else {}
    parent_items = {_key(i.furnisher, i.account): i.id for i in proceedings.items(session, parent)} if parent else {}
    out = []
    for item in proceedings.items(session, round_):
        before = given.get(_key(item.furnisher, item.account), {})
        row = {"furnisher": item.furnisher, "account": before.get("account") or item.account,
               "what_is_wrong": before.get("what_is_wrong") or item.what_is_wrong, "why": before.get("why", ""),
               "action": before.get("action") or item.requested_action or "delete",
               "correct_to": before.get("correct_to", ""), "description": before.get("description", ""),
               "result": RESULT_WORDS.get(outcomes.get(parent_items.get(_key(item.furnisher, item.account), 0), ""), "")}
        out.append({k: v for k, v in row.items() if k in names})
    return out


def _events(parent: Proceeding, live: list, recipient: str, session: Session) -> list[dict]:
    """The earlier round as the person recorded it, for a complaint's "what happened"."""
    labels = {i.id: f"{i.furnisher}{' ' + i.account if i.account else ''}" for i in proceedings.items(session, parent)}
    outcomes = proceedings.outcomes_by_item(session, parent)
    out = []
    for e in live:
        if e.kind == "sent":
            out.append(f"I sent my letter to {recipient}.")
        elif e.kind == "delivered":
            out.append(f"{recipient} received my letter.")
        elif e.kind == "answered":
            said = [f"{labels[item_id]}: {RESULT_WORDS.get(o.outcome, o.outcome).lower()}"
                    for item_id, found in outcomes.items() for o, on in found if on == e.on and item_id in labels]
            out.append(f"{recipient} answered." + (f" {'; '.join(said)}." if said else ""))
        else:
            continue
        out[-1] = {"date": e.on.isoformat(), "what_happened": out[-1]}
    return out


def follow_up_facts(session: Session, round_: Proceeding, kind: LetterKind) -> dict:
    """Facts for the letter of a follow-up round (`round_` is the new proceeding)."""
    names = {f.name for f in kind.fields}
    parent = session.get(Proceeding, round_.parent_id) if round_.parent_id else None
    live = _live(session, parent) if parent else []
    letter, earlier = _earlier_letter(session, live)
    facts: dict = {}
    if "items" in names:
        facts["items"] = _items(kind, session, round_, earlier)
    if "resolved" in names and parent:
        facts["resolved"] = [{"furnisher": i.furnisher, "account": i.account, "outcome": outcome}
                             for i, outcome in proceedings.resolved_items(session, parent)]
    sent = [e for e in live if e.kind == "sent"]
    if sent and "prior_letter_date" in names:
        facts["prior_letter_date"] = sent[-1].on.isoformat()
    if sent and "controller_complaint_date" in names and parent.procedure_id == "uk.dpa.complaint":
        facts["controller_complaint_date"] = sent[-1].on.isoformat()  # the s.164A complaint came first
    if letter is not None and "prior_reference" in names:
        facts["prior_reference"] = letter.reference
    delivered = [e for e in live if e.kind == "delivered"]
    if delivered and "prior_received_date" in names:
        facts["prior_received_date"] = delivered[-1].on.isoformat()
    answered = [e for e in live if e.kind == "answered"]
    if answered and "results_date" in names:
        facts["results_date"] = answered[-1].on.isoformat()
    if parent and {"company", "events"} <= names:
        recipient = (earlier.get("recipient") or {}).get("name") or parent.recipient_name
        facts["company"] = recipient
        facts["events"] = _events(parent, live, recipient, session)
    return facts
