"""Proceedings: open one (usually from a letter), record timeline events, void wrong ones, and
recompute the deadlines with the rules engine after every change."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, delete, select

from app import messages
from app.audit import service as audit
from app.cases.models import Case
from app.clock import today, utcnow
from app.errors import Invalid, NotFound
from app.letters.catalog import get_kind
from app.letters.models import Letter
from app.proceedings import next_steps, notes
from app.proceedings.models import (
    CHANNELS,
    EXTRA_EVENT_KINDS,
    FCRA_STEPS,
    OUTCOMES,
    ItemOutcome,
    Proceeding,
    ProceedingDeadline,
    ProceedingEvent,
    ProceedingItem,
)
from app.recipients.models import Recipient
from app.reports.model import account_kept
from app.rules import TimelineEvent, compute_deadlines, fact_events, get_procedure
from app.rules.jurisdictions import for_procedure
from app.tenancy import STAFF, Context, get_case, get_in_case
from app.workspaces.models import Role

log = logging.getLogger(__name__)

WRITERS = (*STAFF, Role.volunteer)
# Item outcomes that end the dispute about an item, and those that leave a next step to choose.
RESOLVED = ("deleted", "corrected")
UNRESOLVED = ("verified", "no-change", "frivolous", "partial")
USER_EVENT_KINDS = ("sent", "delivered", "acknowledged", "extension_notified", "info_requested", "info_provided",
                    "answered", "escalated", "closed", *EXTRA_EVENT_KINDS)


def get_proceeding(session: Session, ctx: Context, proceeding_id: int) -> Proceeding:
    return get_in_case(session, ctx, Proceeding, proceeding_id)


def _record(session, ctx, proceeding, kind, **fields) -> ProceedingEvent:
    event = ProceedingEvent(workspace_id=proceeding.workspace_id, proceeding_id=proceeding.id, kind=kind,
                            created_by_id=ctx.user.id, **fields)
    session.add(event)
    session.flush()
    audit.record(session, action=f"proceeding.{kind}", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="proceeding", object_id=proceeding.id, ip=ctx.ip, detail={"event": event.id})
    return event


def open_proceeding(session: Session, ctx: Context, case: Case, *, procedure_id: str,
                    recipient: Recipient | None = None, title: str = "", region: str = "",
                    parent: Proceeding | None = None, items: list[dict] | None = None,
                    letter: Letter | None = None) -> Proceeding:
    ctx.require(*WRITERS)
    procedure = get_procedure(procedure_id)
    proceeding = Proceeding(workspace_id=ctx.workspace.id, case_id=case.id, procedure_id=procedure_id,
                            recipient_id=recipient.id if recipient else None,
                            recipient_name=recipient.name if recipient else "", region=region or "",
                            title=title or procedure.title, parent_id=parent.id if parent else None,
                            created_by_id=ctx.user.id)
    session.add(proceeding)
    session.flush()
    for item in items or []:
        session.add(ProceedingItem(
            workspace_id=ctx.workspace.id, proceeding_id=proceeding.id, furnisher=item.get("furnisher", "")[:200],
            account=account_kept(item.get("account")), what_is_wrong=item.get("what_is_wrong", ""),
            requested_action=item.get("action", ""), report_item_key=item.get("report_item_key")))
    _record(session, ctx, proceeding, "drafted", on=_letter_day(letter), letter_id=letter.id if letter else None)
    recompute(session, proceeding)
    return proceeding


def _letter_day(letter: Letter | None) -> date:
    """A letter was drafted on the date it carries (never later than today)."""
    if letter is None:
        return today()
    try:
        return min(date.fromisoformat(json.loads(letter.data).get("date") or ""), today())
    except ValueError:
        return today()


def link_letter(session: Session, ctx: Context, proceeding: Proceeding, letter: Letter) -> None:
    """The letter written for this round: a 'drafted' entry that points to it."""
    _record(session, ctx, proceeding, "drafted", on=_letter_day(letter), letter_id=letter.id)


def letter_discarded(session: Session, ctx: Context, letter: Letter) -> None:
    """A round opened for a letter that was discarded before it went out (and has no other live
    letter) is closed with it, so it does not wait for an answer that cannot come."""
    ids = set(session.exec(select(ProceedingEvent.proceeding_id).where(ProceedingEvent.letter_id == letter.id)).all())
    for proceeding in session.exec(select(Proceeding).where(col(Proceeding.id).in_(ids))).all():
        voided = _voided_ids(session, proceeding)
        live = [e for e in events(session, proceeding) if e.id not in voided and e.kind != "voided"]
        if proceeding.state == "closed" or any(e.kind != "drafted" for e in live):
            continue
        others = {e.letter_id for e in live if e.letter_id and e.letter_id != letter.id}
        if any((session.get(Letter, i) or letter).status != "discarded" for i in others):
            continue
        _record(session, ctx, proceeding, "closed", on=today(), note="The letter was discarded before it was sent.")
        proceeding.closed_at = utcnow()
        recompute(session, proceeding)


def proceeding_for_letter(session: Session, letter: Letter) -> Proceeding | None:
    event = session.exec(select(ProceedingEvent).where(ProceedingEvent.letter_id == letter.id)
                         .order_by(ProceedingEvent.id)).first()
    return session.get(Proceeding, event.proceeding_id) if event else None


def track_letter(session: Session, ctx: Context, letter: Letter, *, sent_on: str, channel: str, tracking: str,
                 parent: Proceeding | None = None) -> Proceeding:
    """'I sent this letter': the proceeding is opened (if needed) and the 'sent' event recorded."""
    proceeding = proceeding_for_letter(session, letter)
    if proceeding is None:
        kind = get_kind(letter.kind_id)
        data = json.loads(letter.data)
        case = get_case(session, ctx, letter.case_id)
        recipient = session.get(Recipient, letter.recipient_id) if letter.recipient_id else None
        proceeding = open_proceeding(session, ctx, case, procedure_id=kind.procedure_id, recipient=recipient,
                                     title=kind.title, region=data.get("region") or "", parent=parent,
                                     items=data.get("facts", {}).get("items") or [], letter=letter)
    add_event(session, ctx, proceeding, kind="sent", on=sent_on, channel=channel, tracking=tracking,
              letter_id=letter.id)
    return proceeding


def _parse_day(raw: str, field: str, errors: dict) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors[field] = "Enter a date like 2026-01-31."
        return None


def add_event(session: Session, ctx: Context, proceeding: Proceeding, *, kind: str, on: str, channel: str = "",
              tracking: str = "", new_due: str = "", note: str = "", outcomes: dict[int, str] | None = None,
              letter_id: int | None = None) -> ProceedingEvent:
    ctx.require(*WRITERS)
    errors: dict[str, str] = {}
    if kind not in USER_EVENT_KINDS:
        errors["kind"] = "Choose what happened."
    day = _parse_day(on, "on", errors)
    if not on:
        errors["on"] = "Enter the date it happened."
    elif day and day > today():
        errors["on"] = "This date is in the future."
    if kind == "sent" and channel not in CHANNELS:
        errors["channel"] = "Choose how it was sent."
    due = _parse_day(new_due, "new_due", errors)
    if kind == "extension_notified" and due is None and "new_due" not in errors:
        errors["new_due"] = "Enter the new date they gave."
    if len(note) > 5000:
        errors["note"] = "Use at most 5,000 characters."
    item_ids = {i.id for i in items(session, proceeding)}
    for item_id, outcome in (outcomes or {}).items():
        if item_id not in item_ids or outcome not in OUTCOMES:
            errors[f"outcome_{item_id}"] = "Choose an outcome from the list."
    if errors:
        raise Invalid(errors)
    event = _record(session, ctx, proceeding, kind, on=day, channel=channel if kind == "sent" else "",
                    tracking=tracking[:100], new_due=due, note=note, letter_id=letter_id)
    for item_id, outcome in (outcomes or {}).items():
        if outcome:
            session.add(ItemOutcome(workspace_id=proceeding.workspace_id, event_id=event.id, item_id=item_id,
                                    outcome=outcome))
    if kind == "answered":
        proceeding.answer_reviewed = ctx.role in STAFF and bool(outcomes)
    if kind == "closed":
        proceeding.closed_at = utcnow()
    recompute(session, proceeding)
    return event


def void_event(session: Session, ctx: Context, proceeding: Proceeding, event_id: int, *, reason: str) -> None:
    """A wrong entry is not edited or deleted: a 'voided' entry cancels it, and both stay visible."""
    ctx.require(*WRITERS)
    target = session.exec(select(ProceedingEvent).where(ProceedingEvent.id == event_id,
                                                        ProceedingEvent.proceeding_id == proceeding.id)).first()
    if target is None:
        raise NotFound(f"event {event_id}")
    if target.kind in ("voided", "drafted") or _voided_ids(session, proceeding) & {target.id}:
        raise Invalid({"void": "This entry cannot be voided."})
    if not reason.strip():
        raise Invalid({"void": "Say why this entry is wrong."})
    _record(session, ctx, proceeding, "voided", on=today(), voids_id=target.id, note=reason[:1000])
    if target.kind == "closed":
        proceeding.closed_at = None
    recompute(session, proceeding)


def mark_reviewed(session: Session, ctx: Context, proceeding: Proceeding) -> None:
    ctx.require(*STAFF)
    proceeding.answer_reviewed = True
    recompute(session, proceeding)


def events(session: Session, proceeding: Proceeding) -> list[ProceedingEvent]:
    return list(session.exec(select(ProceedingEvent).where(ProceedingEvent.proceeding_id == proceeding.id)
                             .order_by(ProceedingEvent.on, ProceedingEvent.id)).all())


def items(session: Session, proceeding: Proceeding) -> list[ProceedingItem]:
    return list(session.exec(select(ProceedingItem).where(ProceedingItem.proceeding_id == proceeding.id)
                             .order_by(ProceedingItem.id)).all())


def _voided_ids(session: Session, proceeding: Proceeding) -> set[int]:
    return {e.voids_id for e in events(session, proceeding) if e.kind == "voided" and e.voids_id}


def _rules_events(proceeding: Proceeding, timeline: list[ProceedingEvent], voided: set[int]) -> list[TimelineEvent]:
    place = for_procedure(proceeding.procedure_id)
    uk = bool(place and place.clarification_stops_clock)  # UK GDPR Art 12A
    mapping = {"sent": "sent", "delivered": "delivered", "extension_notified": "extension_notified",
               "answered": "answered", "closed": "closed", **FCRA_STEPS,
               "info_requested": "clarification_requested" if uk else None,
               "info_provided": "clarification_received" if uk else "info_added"}
    out = []
    for e in timeline:
        kind = mapping.get(e.kind)
        if kind and e.id not in voided:
            out.append(TimelineEvent(kind=kind, on=e.on, channel=e.channel or None, new_due=e.new_due))
    return out


def _letter_fact_events(session: Session, live: list[ProceedingEvent]) -> list[TimelineEvent]:
    """What the latest letter of the round says about the request itself, as rules events: a
    dispute that follows the free annual report has 45 days, not 30 (FCRA §612(a)(3))."""
    linked = [e for e in live if e.letter_id]
    letter = session.get(Letter, linked[-1].letter_id) if linked else None
    if letter is None:
        return []
    try:
        facts = json.loads(letter.data).get("facts") or {}
    except (ValueError, AttributeError):
        return []
    return fact_events(facts, linked[-1].on) if isinstance(facts, dict) else []


def recompute(session: Session, proceeding: Proceeding, *, on: date | None = None) -> list[ProceedingDeadline]:
    """Recompute and store the deadlines and the state from the timeline (every change calls this)."""
    timeline = events(session, proceeding)
    voided = _voided_ids(session, proceeding)
    live = [e for e in timeline if e.id not in voided and e.kind != "voided"]
    rules_events = _rules_events(proceeding, live, voided) + _letter_fact_events(session, live)
    try:
        computed = compute_deadlines(proceeding.procedure_id, rules_events,
                                     region=proceeding.region or None, today=on or today())
    except ValueError:
        computed = []
    session.exec(delete(ProceedingDeadline).where(ProceedingDeadline.proceeding_id == proceeding.id))
    rows = [ProceedingDeadline(
        workspace_id=proceeding.workspace_id, proceeding_id=proceeding.id, key=d.key, label=d.label[:300],
        due=d.due, overdue_after=d.overdue_after, estimated=d.estimated, applies=d.applies,
        citation=d.citation[:300], explanation=d.explanation,
        explanation_parts=messages.dump(d.explanation_parts)) for d in computed]
    session.add_all(rows)
    kinds = {e.kind for e in live}
    if "closed" in kinds:
        proceeding.state = "closed"
    elif "answered" in kinds:
        reviewed = proceeding.answer_reviewed and not _next_step_pending(session, proceeding, live)
        proceeding.state = "answered" if reviewed else "needs-review"
    elif "sent" in kinds or "delivered" in kinds:
        proceeding.state = "waiting"
    else:
        proceeding.state = "draft"
    main = next((r for r in rows if r.applies and r.due and r.key in _main_keys(proceeding.procedure_id)), None)
    waiting = proceeding.state == "waiting"
    proceeding.next_due = main.due if main and waiting else None
    proceeding.next_overdue = (main.overdue_after or main.due) if main and waiting else None
    proceeding.next_due_estimated = bool(main and main.estimated and waiting)
    _denormalise(session, proceeding, live, rows)
    session.flush()
    return rows


def refresh_stored_explanations(session: Session) -> int:
    """Recompute the proceedings whose stored deadlines have no explanation parts yet (rows stored
    before deadlines were kept as messages, migration d3a7e5b1c9f4), so no page shows their
    English-only text forever. Returns how many proceedings it recomputed; the next run finds none."""
    ids = session.exec(select(ProceedingDeadline.proceeding_id)
                       .where(ProceedingDeadline.explanation_parts == "[]").distinct()).all()
    done = 0
    for proceeding_id in ids:
        proceeding = session.get(Proceeding, proceeding_id)
        if proceeding is None:
            continue
        try:
            with session.begin_nested():  # one bad proceeding must not stop the server starting
                recompute(session, proceeding)
            done += 1
        except Exception:  # noqa: BLE001 - its page falls back to the English text; retried next start
            log.exception("could not recompute the deadlines of proceeding %s", proceeding_id)
    return done


def _denormalise(session: Session, proceeding: Proceeding, live: list[ProceedingEvent],
                 rows: list[ProceedingDeadline]) -> None:
    """The dates and outcomes the Outcomes page aggregates in SQL (app/outcomes), from the live
    timeline: it never reads every event to count."""
    def days(*kinds: str) -> list[date]:
        return [e.on for e in live if e.kind in kinds]
    proceeding.sent_on = min(days("sent", "delivered"), default=None)
    proceeding.answered_on = min(days("answered"), default=None)
    proceeding.closed_on = max(days("closed"), default=None) if proceeding.state == "closed" else None
    keys = _main_keys(proceeding.procedure_id)
    clocks = {r.key: r for r in rows if r.applies and r.due and r.key in keys}
    main = clocks.get("extended-response") or next((clocks[k] for k in keys if k in clocks), None)
    proceeding.answer_due = (main.overdue_after or main.due) if main else None
    latest = [latest_outcomes(session, proceeding).get(i.id) for i in items(session, proceeding)]
    proceeding.items_total = len(latest)
    proceeding.items_deleted, proceeding.items_corrected, proceeding.items_verified = (
        latest.count(o) for o in ("deleted", "corrected", "verified"))
    proceeding.items_other = sum(1 for o in latest if o and o not in ("deleted", "corrected", "verified"))


def _main_keys(procedure_id: str) -> tuple[str, ...]:
    """The clock that decides when the recipient is late: the procedure's response clock (its key
    is not always "response": DPA 2018 s.164A's is "acknowledge"), unless it is the person's own
    window or a duty nobody can see met (a fraud alert's duration)."""
    try:
        clock = get_procedure(procedure_id).response
    except ValueError:
        return ("response", "extended-response")
    if clock.consumer_side or not clock.met_by:
        return ("response", "extended-response")
    return (clock.key, "extended-response")


def _next_step_pending(session: Session, proceeding: Proceeding, live: list[ProceedingEvent]) -> bool:
    """An answer left items in dispute (verified, unchanged...) and nobody has chosen what to do
    next since it was recorded: no follow-up started, nothing escalated, not closed. Until then the
    proceeding needs action, whoever recorded the answer."""
    answers = [e.id for e in live if e.kind == "answered"]
    if not answers or any(e.kind == "escalated" and e.id > max(answers) for e in live):
        return False
    return any(o in UNRESOLVED for o in latest_outcomes(session, proceeding).values())


def latest_outcomes(session: Session, proceeding: Proceeding) -> dict[int, str]:
    """Each item's latest outcome (entries marked as wrong left out)."""
    latest: dict[int, tuple] = {}
    for item_id, found in outcomes_by_item(session, proceeding).items():
        outcome, on = max(found, key=lambda pair: (pair[1], pair[0].id))
        latest[item_id] = outcome.outcome
    return latest


def open_items(session: Session, proceeding: Proceeding) -> list[ProceedingItem]:
    """The items still in dispute: not deleted or corrected by the recipient."""
    latest = latest_outcomes(session, proceeding)
    return [i for i in items(session, proceeding) if latest.get(i.id) not in RESOLVED]


def resolved_items(session: Session, proceeding: Proceeding) -> list[tuple[ProceedingItem, str]]:
    latest = latest_outcomes(session, proceeding)
    return [(i, latest[i.id]) for i in items(session, proceeding) if latest.get(i.id) in RESOLVED]


def deadlines(session: Session, proceeding: Proceeding) -> list[ProceedingDeadline]:
    return list(session.exec(select(ProceedingDeadline).where(ProceedingDeadline.proceeding_id == proceeding.id)
                             .order_by(ProceedingDeadline.id)).all())


def outcomes_by_item(session: Session, proceeding: Proceeding) -> dict[int, list[tuple[ItemOutcome, date]]]:
    voided = _voided_ids(session, proceeding)
    rows = session.exec(select(ItemOutcome, ProceedingEvent.on, ProceedingEvent.id)
                        .join(ProceedingEvent, ProceedingEvent.id == ItemOutcome.event_id)
                        .where(ProceedingEvent.proceeding_id == proceeding.id)).all()
    out: dict[int, list] = {}
    for outcome, on, event_id in rows:
        if event_id not in voided:
            out.setdefault(outcome.item_id, []).append((outcome, on))
    return out


@dataclass
class Suggestion:
    letter_kind: str
    text: str


def suggestions(session: Session, proceeding: Proceeding, *, on: date | None = None) -> list[Suggestion]:
    """The next steps the law offers in the proceeding's current situation."""
    situation = None
    now = on or today()
    if proceeding.state == "waiting" and proceeding.next_overdue and proceeding.next_overdue < now:
        situation = "overdue"
    elif proceeding.state in ("answered", "needs-review"):
        latest = [o for lst in outcomes_by_item(session, proceeding).values() for o, _ in lst]
        if any(o.outcome == "verified" for o in latest):
            situation = "verified"
        elif any(o.outcome in ("no-change", "frivolous", "partial") for o in latest):
            situation = "refused"
    situations = ([situation] if situation else []) + _more_situations(session, proceeding, now)
    out: list[Suggestion] = []
    for name in situations:
        for o in next_steps.options(proceeding.procedure_id, name):
            if all(s.letter_kind != o.letter_kind for s in out):
                out.append(Suggestion(o.letter_kind, o.text))
    return out


def _more_situations(session: Session, proceeding: Proceeding, now: date) -> list[str]:
    """Situations beyond the main deadline (issue 14): an answer that called the dispute
    frivolous, and each intermediate duty whose date has passed unmet (the FCRA results and
    reinsertion notices, §611(a)(5)(B), (a)(6)(A))."""
    if proceeding.state == "closed":
        return []
    found = []
    latest = [o.outcome for lst in outcomes_by_item(session, proceeding).values() for o, _ in lst]
    if "frivolous" in latest:
        found.append("frivolous")
    voided = _voided_ids(session, proceeding)
    live = [e for e in events(session, proceeding) if e.id not in voided and e.kind != "voided"]
    try:
        computed = compute_deadlines(proceeding.procedure_id, _rules_events(proceeding, live, voided)
                                     + _letter_fact_events(session, live), region=proceeding.region or None,
                                     today=now)
    except ValueError:
        return found
    return found + [f"{d.key}-overdue" for d in computed
                    if d.state == "overdue" and d.key not in _main_keys(proceeding.procedure_id)]


def follow_up(session: Session, ctx: Context, parent: Proceeding, *, letter_kind: str) -> Proceeding:
    """Start the next round: a new proceeding linked to its parent (its letter is written next)."""
    ctx.require(*WRITERS)
    kind = get_kind(letter_kind)
    allowed = {s.letter_kind for s in suggestions(session, parent)} | {
        o.letter_kind for situation in ("overdue", "verified", "refused")
        for o in next_steps.options(parent.procedure_id, situation)}
    if kind.id not in allowed:
        raise Invalid({"letter_kind": "This step does not follow from this proceeding."})
    case = get_case(session, ctx, parent.case_id)
    recipient = session.get(Recipient, parent.recipient_id) if parent.recipient_id else None
    same_recipient = kind.procedure_id.split(".")[:2] == parent.procedure_id.split(".")[:2] and "complaint" not in kind.id
    # The next round carries only what is still in dispute: what the recipient deleted or
    # corrected is done (the letter says so, from resolved_items()).
    remaining = open_items(session, parent)
    if items(session, parent) and not remaining:
        raise Invalid({"letter_kind": "Every item was deleted or corrected: nothing is left to dispute."})
    child = open_proceeding(session, ctx, case, procedure_id=kind.procedure_id,
                            recipient=recipient if same_recipient else None, title=kind.title, region=parent.region,
                            parent=parent, items=[{"furnisher": i.furnisher, "account": i.account,
                                                   "what_is_wrong": i.what_is_wrong, "action": i.requested_action,
                                                   "report_item_key": i.report_item_key}
                                                  for i in remaining])
    _record(session, ctx, parent, "escalated", on=today(), note=notes.next_step(kind.title))
    recompute(session, parent)
    return child


def case_proceedings(session: Session, case: Case) -> list[Proceeding]:
    return list(session.exec(select(Proceeding).where(Proceeding.case_id == case.id)
                             .order_by(col(Proceeding.created_at), col(Proceeding.id))).all())


@dataclass
class ItemHistory:
    """One disputed item (same furnisher and account) and what each round got for it."""

    furnisher: str
    account: str
    what_is_wrong: str
    rounds: list[tuple[Proceeding, str | None, date | None]]


def items_across_rounds(session: Session, case: Case) -> list[ItemHistory]:
    """Every disputed item of the case with its outcome in each round (four queries in all)."""
    rounds = {p.id: p for p in case_proceedings(session, case)}
    if not rounds:
        return []
    rows = session.exec(select(ProceedingItem).where(col(ProceedingItem.proceeding_id).in_(rounds))
                        .order_by(ProceedingItem.id)).all()
    voided = set(session.exec(select(ProceedingEvent.voids_id).where(
        col(ProceedingEvent.proceeding_id).in_(rounds), ProceedingEvent.kind == "voided")).all())
    latest: dict[int, tuple[str, date]] = {}
    for outcome, on, event_id in session.exec(
            select(ItemOutcome, ProceedingEvent.on, ProceedingEvent.id)
            .join(ProceedingEvent, ProceedingEvent.id == ItemOutcome.event_id)
            .where(col(ProceedingEvent.proceeding_id).in_(rounds)).order_by(ProceedingEvent.on)).all():
        if event_id not in voided:
            latest[outcome.item_id] = (outcome.outcome, on)
    histories: dict[tuple[str, str], ItemHistory] = {}
    for item in rows:
        key = (item.furnisher.strip().lower(), item.account.strip().lower())
        history = histories.setdefault(key, ItemHistory(item.furnisher, item.account, item.what_is_wrong, []))
        outcome, on = latest.get(item.id, (None, None))
        history.rounds.append((rounds[item.proceeding_id], outcome, on))
    return list(histories.values())
