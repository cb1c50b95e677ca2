"""The deadline engine: procedure + timeline events + today -> deadlines with explanations.

Pure: `today` is always passed in; nothing here reads the clock, a database or the web layer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from functools import lru_cache, partial
from operator import attrgetter

from app.messages import M, Message, render
from app.rules.calendars import (
    WorkCalendar,
    add_months,
    add_working_days,
    add_years,
    calendar_for,
    next_working_day,
    nth_working_day_from,
)
from app.rules.model import Clock, Counting, Extension, Period, Procedure, Roll, Unit, Variant
from app.rules.procedures import get_procedure

EVENT_KINDS: frozenset[str] = frozenset(
    {
        "sent", "delivered", "received", "info_added", "after_annual_report",
        "extension_notified", "clarification_requested", "clarification_received",
        "id_received", "fee_received", "accepted", "answered", "closed",
        # Dates the person reads off a document, given as letter facts (DATE_FACTS) or recorded
        # on the timeline: the FDCPA validation notice, an adverse action notice, a court's
        # decision, a firm's final response; the steps after an FCRA dispute (§611(a)(3), (5), (6)).
        "notice_received", "validation_ends", "decided", "decision_served", "complained",
        "final_response", "completed", "frivolous", "reinserted", "reinsertion_notified",
        # The severity tier of a public-credit case (NDRC Order 36), from a letter's choice fact.
        "tier_minor", "tier_general", "tier_serious", "early_deletion",
    }
)  # fmt: skip
CHANNELS: tuple[str, ...] = ("post", "certified", "online", "email", "fax", "phone", "counter")
# Event kinds that describe the request itself rather than something that happened to it. A letter
# records them as yes/no facts of the same name (e.g. §612(a)(3): the dispute follows the free
# annual report), and `fact_events` turns those facts into events.
FACT_EVENTS: tuple[str, ...] = ("after_annual_report",)
# Date facts: a letter fact holding the date of an event (fact name -> event kind), e.g. the day
# the person received the collector's validation notice.
DATE_FACTS: dict[str, str] = {
    "notice_received_on": "notice_received",
    "validation_period_ends": "validation_ends",
    "decision_date": "decided",
    "decision_served_on": "decision_served",
    "complaint_received_on": "complained",
    "final_response_date": "final_response",
}
# Choice facts: a letter fact whose value stands for an event (fact name -> value -> event kind).
CHOICE_FACTS: dict[str, dict[str, str]] = {
    "severity": {"minor": "tier_minor", "general": "tier_general", "serious": "tier_serious"},
    "deletion_ground": {"early-deletion": "early_deletion"},
}

# Not law: an assumption used only when the delivery date is unknown. Post (including certified
# mail) is taken to arrive 5 business days after mailing; electronic channels and phone the same
# day. Everything computed from such a date is labelled an estimate; callers may override it.
DEFAULT_TRANSIT_DAYS: dict[str, int] = {
    "post": 5, "certified": 5, "online": 0, "email": 0, "fax": 0, "phone": 0, "counter": 0,
}  # fmt: skip

STATES: tuple[str, ...] = ("upcoming", "due-today", "overdue", "no-deadline", "met")


@dataclass(frozen=True)
class TimelineEvent:
    kind: str
    on: date
    channel: str | None = None
    new_due: date | None = None
    voided: bool = False

    def __post_init__(self) -> None:
        if self.kind not in EVENT_KINDS:
            raise ValueError(
                f"unknown event kind {self.kind!r}; valid choices: {', '.join(sorted(EVENT_KINDS))}"
            )
        if self.channel is not None and self.channel not in CHANNELS:
            raise ValueError(
                f"unknown channel {self.channel!r}; valid choices: {', '.join(CHANNELS)}"
            )


@dataclass(frozen=True)
class Deadline:
    procedure: str
    key: str
    label: str
    due: date | None
    estimated: bool
    period: str
    counting: str
    citation: str
    citation_url: str
    # The plain-language explanation is built only when someone reads `explanation_parts` (engine
    # messages, rendered in the reader's language) or `explanation` (the English text): most
    # callers (the Today page, reminders) need the date and state, and the text cost most of a
    # computation. `explain` builds the messages; the result is kept on first use.
    explain: Callable[[], list[Message]] = field(repr=False, compare=False)
    state: str
    days_overdue: int
    days_left: int | None
    verified: bool
    who_must_act: str
    start: date | None = None
    overdue_after: date | None = None  # the last day before we call it late (see Counting.DAY_ONE)
    applies: bool = True  # False: an extension not (validly) taken, or a superseded period
    # Why it is an estimate, as engine messages (a later clock that counts from this one repeats
    # them); `estimate_reasons` is their English text, rendered when read.
    reason_messages: tuple[Message, ...] = field(default=())

    @property
    def estimate_reasons(self) -> tuple[str, ...]:
        return tuple(str(r) for r in self.reason_messages)

    @property
    def explanation_parts(self) -> list[Message]:
        """The explanation as engine messages (app/messages.py), one per sentence or clause."""
        parts = self.__dict__.get("_explanation_parts")
        if parts is None:
            parts = [p for p in self.explain() if p]
            object.__setattr__(self, "_explanation_parts", parts)
        return parts

    @property
    def explanation(self) -> str:
        """The explanation in English (the CLI, the API, logs)."""
        text = self.__dict__.get("_explanation")
        if text is None:
            text = render(self.explanation_parts)
            object.__setattr__(self, "_explanation", text)
        return text

    def to_dict(self) -> dict:
        data = {}
        for name in (f.name for f in fields(self)):
            if name == "explain":
                data["explanation"] = self.explanation
                continue
            if name == "reason_messages":
                data["estimate_reasons"] = list(self.estimate_reasons)
                continue
            value = getattr(self, name)
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, tuple):
                value = list(value)
            data[name] = value
        return data


def fact_events(facts: dict, on: date) -> list[TimelineEvent]:
    """The events a letter's facts stand for: yes/no facts set to exactly True (on the letter's
    day), dates the person read off a document (on that date), and choices (on the letter's day)."""
    out = [TimelineEvent(kind, on) for kind in FACT_EVENTS if facts.get(kind) is True]
    for name, kind in DATE_FACTS.items():
        try:
            out.append(TimelineEvent(kind, date.fromisoformat(str(facts.get(name) or ""))))
        except ValueError:
            continue
    for name, values in CHOICE_FACTS.items():
        kind = values.get(str(facts.get(name) or ""))
        if kind:
            out.append(TimelineEvent(kind, on))
    return out


def estimate_receipt(
    sent_on: date,
    channel: str | None,
    *,
    region: str | None = None,
    jurisdiction: str,
    transit_days: int | None = None,
) -> date:
    """When only the mailing date is known: the estimated day the recipient got it."""
    days = transit_days if transit_days is not None else _transit(channel)
    if days <= 0:
        return sent_on
    return add_working_days(sent_on, days, calendar_for(jurisdiction, region))


def _transit(channel: str | None) -> int:
    if channel is not None and channel not in DEFAULT_TRANSIT_DAYS:
        raise ValueError(f"unknown channel {channel!r}; valid choices: {', '.join(CHANNELS)}")
    return DEFAULT_TRANSIT_DAYS[channel or "post"]  # unknown channel: assume the slowest, post


@dataclass
class _Start:
    on: date
    reasons: list[Message]  # why it is an estimate, if it is
    notes: list[Message]
    paused_days: int = 0
    paused_open: bool = False


def _first(events: list[TimelineEvent], *kinds: str) -> TimelineEvent | None:
    """The earliest event of these kinds; `events` are in date order (see compute_deadlines)."""
    for event in events:
        if event.kind in kinds:
            return event
    return None


def _start(
    proc: Procedure, events: list[TimelineEvent], cal: WorkCalendar, transit: int | None
) -> _Start | None:
    confirmed = _first(events, "delivered", "received")
    if confirmed is not None:
        start = _Start(confirmed.on, [], [])
    else:
        sent = _first(events, "sent") if proc.start_from_sent else None
        if sent is None:
            return None
        days = transit if transit is not None else _transit(sent.channel)
        on, reason = _arrival(sent.on, sent.channel, cal.jurisdiction, cal.region, days)
        start = _Start(on, [reason] if reason is not None else [], [])
    if proc.start_rule == "uk-art-12a":
        _apply_art_12a(start, events)
    return start


@lru_cache(maxsize=4096)  # pure, and the same letter is asked about on every page that shows it
def _arrival(
    sent_on: date, channel: str | None, jurisdiction: str, region: str | None, days: int
) -> tuple[date, Message | None]:
    """The estimated arrival of a letter, and the reason that makes it an estimate (if any)."""
    on = estimate_receipt(sent_on, channel, region=region, jurisdiction=jurisdiction, transit_days=days)
    if not days:
        return on, None
    return on, M(
        "the arrival date is estimated: it was sent on %(sent)s %(how)s, and we allowed "
        "%(transit)s for delivery (a confirmed delivery date will replace this estimate)",
        sent=sent_on, how=_BY[channel or "post"], transit=_count(days, "working day"),
    )


def _apply_art_12a(start: _Start, events: list[TimelineEvent]) -> None:
    """UK GDPR Art 12A: the clock starts when the controller also has the ID and fee it
    reasonably asked for, and stops while it waits for clarification (legal-rules.md §3)."""
    later = [e for e in events if e.kind in ("id_received", "fee_received") and e.on > start.on]
    if later:
        last = max(later, key=lambda e: e.on)
        start.on = last.on
        start.notes.append(
            M("The clock started on %(day)s, when the organisation had the ID it asked for "
              "(Art. 12A).", day=last.on)
            if last.kind == "id_received"
            else M("The clock started on %(day)s, when the organisation had the fee it asked for "
                   "(Art. 12A).", day=last.on)
        )
    asked = sorted(e.on for e in events if e.kind == "clarification_requested")
    answered = sorted(e.on for e in events if e.kind == "clarification_received")
    for ask in asked:
        reply = next((a for a in answered if a >= ask), None)
        if reply is None:
            start.paused_open = True
            start.notes.append(
                M("The clock has been stopped since %(day)s, while the organisation waits for "
                  "you to clarify your request (Art. 12A). It starts again when you answer.", day=ask)
            )
            return
        answered.remove(reply)
        # DPA 2018 s.54(3C)(b): "the period beginning with the day on which the controller makes
        # the request and ending with the day on which the controller receives the information
        # does not count": both days are left out, so 4 to 10 June is 7 days.
        start.paused_days += (reply - ask).days + 1
    if start.paused_days:
        start.notes.append(
            M("The clock was stopped for %(days)s while you clarified your request: the day the "
              "organisation asked and the day your answer reached it both do not count, so the "
              "date moves by that much (Art. 12A; DPA 2018 s.54(3C) counts the pause the same "
              "way).", days=_count(start.paused_days, "day"))
        )
        start.reasons.append(
            M("we count the pause as DPA 2018 s.54(3C) does; the wording of UK GDPR Art. 12A "
              "itself has not been checked")
        )


def _end(start: date, period: Period, cal: WorkCalendar) -> tuple[date, date, date]:
    """(due, overdue_after, unrolled last day) for a period that has a length."""
    n = period.amount or 0
    grace = None
    if period.unit in (Unit.BUSINESS_DAYS, Unit.WORKING_DAYS):
        if period.counting is Counting.DAY_ONE:
            raw, grace = nth_working_day_from(start, n, cal), add_working_days(start, n, cal)
        else:
            raw = add_working_days(start, n, cal)
    elif period.unit is Unit.CALENDAR_DAYS:
        if period.counting is Counting.DAY_ONE:
            raw, grace = start + timedelta(days=n - 1), start + timedelta(days=n)
        else:
            raw = start + timedelta(days=n)
    elif period.unit is Unit.MONTHS:
        raw = add_months(start, n)
    elif period.counting is Counting.DAY_ONE:
        # "N years beginning on the date of such request" (§605A(a)(1)(A), (b)(1)(A)): the start
        # day is the first day, so the period runs through the day before the anniversary. From
        # 29 February we take 28 February, the later of the two possible readings.
        raw = add_years(start - timedelta(days=1), n)
    else:
        raw = add_years(start, n)
    due = next_working_day(raw, cal) if period.roll is Roll.NEXT_WORKING_DAY else raw
    return due, max(due, grace or due), raw


# Labels completed by the date itself rather than "by <date>" ("... must stay in your file until"),
# told by their last word ("... your application" is not one of them).
_OPEN_ENDED = frozenset({"until", "from", "on", "by"})


# How a letter went, completing "it was sent on <date> ...". The English keeps the channel code.
_BY: dict[str, Message] = {
    "post": M("by post"), "certified": M("by certified"), "online": M("by online"),
    "email": M("by email"), "fax": M("by fax"), "phone": M("by phone"), "counter": M("by counter"),
}  # fmt: skip


def _count(n: int, unit: str) -> Message:
    """"1 day", "3 days": one literal message per form, so each language words its own plural."""
    one = n == 1
    if unit == "year":
        return M("%(n)s year", n=n) if one else M("%(n)s years", n=n)
    if unit == "month":
        return M("%(n)s month", n=n) if one else M("%(n)s months", n=n)
    if unit == "working day":
        return M("%(n)s working day", n=n) if one else M("%(n)s working days", n=n)
    return M("%(n)s day", n=n) if one else M("%(n)s days", n=n)


def _why_not_working(day: date, cal: WorkCalendar) -> Message:
    name = cal.holiday_name(day)
    if name:
        return M("a public holiday (%(name)s)", name=name)
    if day.weekday() == 5:
        return M("a Saturday")
    return M("a Sunday") if day.weekday() == 6 else M("not a working day")


def _semicolons(reasons: list[Message]) -> Message:
    """Reasons joined with "; " (a message of its own, so each language keeps the punctuation)."""
    joined = reasons[0]
    for reason in reasons[1:]:
        joined = M("%(first)s; %(then)s", first=joined, then=reason)
    return joined


@lru_cache(maxsize=8192)  # pure; many proceedings share a procedure, a place and dates
def _counting_text(
    period: Period, cal: WorkCalendar, raw: date, due: date, grace: date
) -> tuple[Message, ...]:
    n, c = period.amount or 0, period.counting
    working = period.unit is Unit.WORKING_DAYS
    if c is Counting.DAY_ONE and period.unit is Unit.YEARS:
        text = M(
            "The period begins on the day it arrives, so its last day is the day before the same "
            "date %(years)s later: %(day)s.", years=_count(n, "year"), day=raw,
        )  # fmt: skip
    elif c is Counting.DAY_ONE and period.unit is Unit.CALENDAR_DAYS:
        text = M(
            "The day it arrives counts as day 1, so day %(n)s is %(day)s. The law can also be "
            "read as %(n)s days after arrival, so we only call it late after %(grace)s.",
            n=n, day=due, grace=grace,
        )  # fmt: skip
    elif c is Counting.DAY_ONE and working:
        text = M(
            "The day it arrives counts as day 1 if it is a business day; Saturdays, Sundays and "
            "%(calendar)s are skipped. We only call it late after %(grace)s, the %(n)sth working "
            "day after arrival.", calendar=cal.name_message, grace=grace, n=n,
        )  # fmt: skip
    elif c is Counting.DAY_ONE:
        text = M(
            "The day it arrives counts as day 1 if it is a business day; Saturdays, Sundays and "
            "%(calendar)s are skipped. We only call it late after %(grace)s, the %(n)sth business "
            "day after arrival.", calendar=cal.name_message, grace=grace, n=n,
        )  # fmt: skip
    elif c is Counting.CN_CIVIL_CODE and working:
        text = M(
            "The day it arrives is not counted (Civil Code Art. 201), and only working days "
            "count: public holidays are skipped and make-up working days (调休) count as working "
            "days."
        )
    elif working:
        text = M(
            "Counting starts the next day and only working days count: Saturdays, Sundays and "
            "%(calendar)s are skipped.", calendar=cal.name_message,
        )  # fmt: skip
    elif period.unit is Unit.BUSINESS_DAYS:
        text = M(
            "Counting starts the next day and only business days count: Saturdays, Sundays and "
            "%(calendar)s are skipped.", calendar=cal.name_message,
        )  # fmt: skip
    elif c is Counting.EU_1182_71:
        text = M(
            "The day it arrives is not counted; the period ends on the same date %(months)s "
            "later, or on the last day of that month if there is no such date (EU Regulation "
            "1182/71, Art. 3, applied to the GDPR by analogy).", months=_count(n, "month"),
        )  # fmt: skip
    elif c is Counting.UK_ICO:
        text = M(
            "The day it arrives counts as day 1, and the deadline is the same date %(months)s "
            "later, or the last day of that month if there is no such date (ICO guidance).",
            months=_count(n, "month"),
        )  # fmt: skip
    elif c is Counting.CN_CIVIL_CODE:
        text = M("The day it arrives is not counted (Civil Code Art. 201); day %(n)s is %(day)s.",
                 n=n, day=raw)  # fmt: skip
    elif period.unit is Unit.YEARS:
        text = M("The period ends on the same date %(years)s later.", years=_count(n, "year"))
    else:
        text = M("Counting starts the next day; day %(n)s is %(day)s.", n=n, day=raw)
    return (text, *_roll_text(period, cal, raw, due))


@lru_cache(maxsize=8192)
def _counting_english(period: Period, cal: WorkCalendar, raw: date, due: date, grace: date) -> str:
    """`Deadline.counting`: the counting sentences in English, read on every computation."""
    return render(_counting_text(period, cal, raw, due, grace))


def _roll_text(period: Period, cal: WorkCalendar, raw: date, due: date) -> list[Message]:
    if period.roll is Roll.NONE:
        if period.unit in (Unit.BUSINESS_DAYS, Unit.WORKING_DAYS):
            return []
        return [M("The date does not move if it falls on a weekend or holiday.")]
    if period.counting is Counting.CN_CIVIL_CODE:
        rule = M(
            "If the last day is a rest day or public holiday, it moves to the next working day; "
            "make-up working days (调休) count as working days (Civil Code Art. 203)."
        )
    elif cal.has_holidays:
        rule = M(
            "If the last day is a Saturday, Sunday or holiday (%(calendar)s), it moves to the "
            "next working day.", calendar=cal.name_message,
        )  # fmt: skip
    else:
        rule = M(
            "If the last day is a Saturday or Sunday it moves to the next working day. No member "
            "state was chosen, so public holidays were not checked."
        )
    if due != raw:
        return [rule, M("%(day)s is %(why)s, so the deadline is %(due)s.",
                        day=raw, why=_why_not_working(raw, cal), due=due)]  # fmt: skip
    return [rule]


def compute_deadlines(
    procedure_id: str,
    events: list[TimelineEvent] | tuple[TimelineEvent, ...],
    *,
    region: str | None = None,
    today: date,
    transit_days: int | None = None,
) -> list[Deadline]:
    """Deadlines for one proceeding. Returns [] until something starts the clock (a `sent`,
    `delivered` or `received` event). Raises UnknownProcedure or UnknownRegion (ValueErrors)."""
    plan = _plan(procedure_id)
    proc = plan.proc
    cal = calendar_for(proc.jurisdiction, region)
    if isinstance(events, list | tuple) and len(events) == 1:  # the usual case; sorted() costs more
        live = [] if events[0].voided else [events[0]]
    else:
        live = sorted((e for e in events if not e.voided), key=_EVENT_ORDER)
    start = _start(proc, live, cal, transit_days)
    run = _Run(plan, cal, live, start, today)
    if start is None and not any(run.active(c) for c in plan.normal.order):
        return []
    return run.deadlines()


_EVENT_ORDER = attrgetter("on", "kind")


class _ClockPlan:
    """What one clock needs on every computation, worked out once per procedure (issue 15): the
    computation then reads attributes instead of re-deriving them from the registry's data."""

    __slots__ = (
        "after_event", "citation_text", "citation_url", "clock", "consumer_side",
        "ends_on_event", "fallback_is_estimate", "in_force_from", "jurisdiction", "key", "label",
        "met_by", "notes", "only_if", "opens", "or_after_due_of", "own_kinds", "pausable",
        "period", "period_text", "plain", "procedure", "reasons", "requires_event", "verified",
        "who_must_act",
    )  # fmt: skip

    def __init__(self, proc: Procedure, clock: Clock, notes: tuple[str, ...]) -> None:
        self.clock, self.procedure, self.jurisdiction = clock, proc.id, proc.jurisdiction
        self.key, self.label, self.who_must_act = clock.key, clock.label, clock.who_must_act
        self.period, self.period_text = clock.period, clock.period.text
        self.citation_text, self.citation_url = clock.citation.text, clock.citation.url
        self.met_by, self.opens, self.consumer_side = clock.met_by, clock.opens, clock.consumer_side
        self.only_if, self.requires_event = clock.only_if, clock.requires_event
        self.after_event, self.ends_on_event = clock.after_event, clock.ends_on_event
        self.or_after_due_of = clock.or_after_due_of
        self.fallback_is_estimate = clock.fallback_is_estimate
        self.own_kinds = tuple(k for k in (clock.after_event, clock.ends_on_event) if k)
        self.plain = not clock.only_if and not clock.requires_event  # active once the clock starts
        self.verified = clock.verified and proc.verified
        reasons = []
        if not clock.counting_verified:
            reasons.append(_UNCONFIRMED_COUNTING)
        if not self.verified:
            reasons.append(_UNCONFIRMED_RULE)
        self.reasons = tuple(reasons)
        self.pausable = proc.start_rule == "uk-art-12a" and not clock.or_after_due_of
        # The commencement date concerns the request itself; a clock that runs from an earlier
        # event (e.g. the date of a penalty decision) is not held back by it.
        self.in_force_from = None if clock.after_event else proc.in_force_from
        self.notes = tuple(Message(n) for n in notes if n)


_UNCONFIRMED_COUNTING = M("the way these days are counted has not been confirmed")
_UNCONFIRMED_RULE = M("this rule has not been confirmed in an official text")
_ASSUMED_LAST_DAY = M("we assumed the earlier step happened on the last allowed day")


class _Clocks:
    """The clocks of a procedure, or of one of its variants: the response, its extensions and the
    duties, in an order where a clock that counts from another one's due date comes after it."""

    __slots__ = ("duty_keys", "extensions", "order", "response")

    def __init__(self, proc: Procedure, variant: Variant | None) -> None:
        response, notes, extensions = proc.response, (proc.response.note,), proc.extensions
        if variant is not None:
            if not variant.drops_extensions:
                notes = (variant.note, response.note)
            response = Clock(
                **{
                    **response.__dict__,
                    "period": variant.period,
                    "citation": variant.citation,
                    # The normal note speaks of the normal period; keep it only when the
                    # variant keeps the normal extensions too.
                    "note": variant.note
                    if variant.drops_extensions
                    else " ".join(x for x in (variant.note, response.note) if x),
                }
            )
            if variant.drops_extensions:
                extensions, notes = (), (response.note,)
        self.response = _ClockPlan(proc, response, notes)
        self.extensions = tuple((ext, _extension_plan(proc, ext)) for ext in extensions)
        pending = [self.response, *(_ClockPlan(proc, d, (d.note,)) for d in proc.duties)]
        self.duty_keys = tuple(d.key for d in proc.duties)
        order: list[_ClockPlan] = []
        for _ in range(len(pending) + 1):  # a clock after the one whose due date it counts from
            ready = [c for c in pending if c.or_after_due_of in (None, *(o.key for o in order))]
            order += ready
            pending = [c for c in pending if c not in ready]
        self.order = (*order, *pending)  # the rest wait for a clock that never comes: never computed


def _extension_plan(proc: Procedure, ext: Extension) -> _ClockPlan:
    response = proc.response
    clock = Clock(
        key="extended-response", label=ext.label or response.label,
        who_must_act=response.who_must_act, starts=response.starts,
        period=ext.period, citation=ext.citation, met_by=response.met_by,
        counting_verified=ext.counting_verified and response.counting_verified,
        verified=response.verified,
    )  # fmt: skip
    return _ClockPlan(proc, clock, (clock.note,))


class _Plan:
    __slots__ = ("normal", "proc", "variants")

    def __init__(self, proc: Procedure) -> None:
        self.proc = proc
        self.normal = _Clocks(proc, None)
        self.variants = tuple((v.trigger, _Clocks(proc, v)) for v in proc.variants)


_PLANS: dict[str, _Plan] = {}  # one per procedure of the registry, so bounded by it


def _plan(procedure_id: str) -> _Plan:
    proc = get_procedure(procedure_id)
    plan = _PLANS.get(procedure_id)
    if plan is None or plan.proc is not proc:  # built on first use, and again if the registry changed
        plan = _PLANS[procedure_id] = _Plan(proc)
    return plan


# Keyed by the clock's plan (hashed by identity: cheaper than hashing its Period), the place and
# the start day, which most proceedings share; bounded like the other caches of this module.
@lru_cache(maxsize=16384)
def _dates(
    cp: _ClockPlan, region: str | None, begin: date
) -> tuple[date, date, date, str, tuple[Message, ...]]:
    """(due, overdue_after, unrolled last day, counting sentences in English, estimate reasons)."""
    cal = calendar_for(cp.jurisdiction, region)
    due, grace, raw = _end(begin, cp.period, cal)
    counting = _counting_english(cp.period, cal, raw, due, grace)
    return due, grace, raw, counting, _end_reasons(cp.period, cal, due)


def _end_reasons(period: Period, cal: WorkCalendar, due: date) -> tuple[Message, ...]:
    reasons: tuple[Message, ...] = ()
    if period.roll is Roll.NEXT_WORKING_DAY and not cal.has_holidays:
        reasons += (M("no member state was chosen, so public holidays were not applied"),)
    if cal.is_estimated_year(due):
        reasons += (M("China's holiday schedule for %(year)s is not yet published", year=due.year),)
    return reasons


_new = object.__new__
_set = object.__setattr__


def _new_deadline(
    cp: _ClockPlan, due: date | None, estimated: bool, counting: str,
    explain: Callable[[], list[Message]], state: str, days_overdue: int, days_left: int | None,
    start: date | None, overdue_after: date | None, applies: bool, reason_messages: tuple[Message, ...],
) -> Deadline:
    """Deadline(...) without the frozen dataclass's __init__, which set each of its 19 fields
    through object.__setattr__ and cost a tenth of a computation (issue 15)."""
    deadline = _new(Deadline)
    _set(deadline, "__dict__", {
        "procedure": cp.procedure, "key": cp.key, "label": cp.label, "due": due, "estimated": estimated,
        "period": cp.period_text, "counting": counting, "citation": cp.citation_text,
        "citation_url": cp.citation_url, "explain": explain, "state": state,
        "days_overdue": days_overdue, "days_left": days_left, "verified": cp.verified,
        "who_must_act": cp.who_must_act, "start": start, "overdue_after": overdue_after,
        "applies": applies, "reason_messages": reason_messages,
    })  # fmt: skip
    return deadline


class _Run:
    """One computation. Holds the inputs so each step stays short."""

    __slots__ = ("cal", "done", "events", "kinds", "main", "plan", "start", "today")

    def __init__(self, plan: _Plan, cal, events, start: _Start | None, today: date) -> None:
        self.plan, self.cal, self.events, self.start, self.today = plan, cal, events, start, today
        self.kinds = {e.kind for e in events}
        self.done: dict[str, Deadline] = {}
        self.main: Deadline | None = None  # the response deadline that applies (extended or not)

    def active(self, cp: _ClockPlan) -> bool:
        """Whether a clock applies yet: its events have happened, or it runs from the start."""
        kinds = self.kinds
        if cp.only_if and cp.only_if not in kinds:
            return False
        if cp.requires_event or self.start is None:
            own = any(k in kinds for k in cp.own_kinds)
            return own or bool(cp.or_after_due_of and self.start is not None)
        return True

    def first(self, kinds: tuple[str, ...]) -> TimelineEvent | None:
        """The earliest event of these kinds (the events are in date order)."""
        for event in self.events:
            if event.kind in kinds:
                return event
        return None

    def deadlines(self) -> list[Deadline]:
        clocks = self.plan.normal
        for trigger, variant in self.plan.variants:
            if trigger in self.kinds:
                clocks = variant
                break
        response, done, extended, started = clocks.response, self.done, [], self.start is not None
        for cp in clocks.order:
            if cp.or_after_due_of is not None and cp.or_after_due_of not in done:
                continue
            if not (cp.plain and started) and not self.active(cp):
                continue
            done[cp.key] = self._deadline(cp)
            if cp is response:  # its extensions first: a later duty may count from them
                self.main = done[cp.key]
                for ext, ext_plan in clocks.extensions:
                    ext_deadline = self._extension(ext, ext_plan, done[cp.key])
                    if ext_deadline.applies:
                        self.main = ext_deadline
                    extended.append(ext_deadline)
        out: list[Deadline] = []
        if response.key in done:
            main = done[response.key]
            if not extended:
                out = [main]
            else:
                taken = any(e.applies for e in extended)  # the normal period no longer applies
                out = [_replace(main, applies=False) if taken else main, *extended]
        if clocks.duty_keys:
            out += [done[key] for key in clocks.duty_keys if key in done]
        return out

    def _clock_start(self, cp: _ClockPlan) -> tuple[date | None, list[Message]]:
        """(start date, reasons it is an estimate)."""
        if cp.after_event:
            event = self.first((cp.after_event,))
            if event is not None:
                return event.on, []
        if cp.or_after_due_of:
            other = self.done[cp.or_after_due_of]
            if cp.or_after_due_of == self.plan.proc.response.key and self.main is not None:
                other = self.main  # the extended period, when it applies
            reasons = list(other.reason_messages)
            if cp.fallback_is_estimate:
                reasons.append(_ASSUMED_LAST_DAY)
            return other.due, reasons
        if self.start is None:
            return None, []
        return self.start.on, list(self.start.reasons)

    def _deadline(self, cp: _ClockPlan, extra: Callable[[], list[Message]] | None = None,
                  applies: bool = True) -> Deadline:  # fmt: skip
        begin, reasons = self._clock_start(cp)
        reasons += cp.reasons
        start = self.start
        pausable = cp.pausable and start is not None
        if begin is not None and cp.in_force_from and begin < cp.in_force_from:
            return self._not_in_force(cp, begin, applies)
        ends = self.first((cp.ends_on_event,)) if cp.ends_on_event else None
        if ends is not None:
            return self._printed_date(cp, ends.on, applies)
        period = cp.period
        if begin is None or period.amount is None or (pausable and start.paused_open):
            return self._no_period(cp, begin, reasons, pausable, applies)
        if pausable and start.paused_days:
            due, grace, raw = _end(begin, period, self.cal)
            raw = raw + timedelta(days=start.paused_days)
            due = grace = self._roll(raw, period)
            counting = _counting_english(period, self.cal, raw, due, grace)
            reasons += _end_reasons(period, self.cal, due)
        else:
            due, grace, raw, counting, more = _dates(cp, self.cal.region, begin)
            reasons += more
        if len(reasons) > 1:
            reasons = _unique(reasons)
        state, overdue, left, met = self._state(cp, due, grace)
        notes = start.notes if pausable else ()
        # A partial, not a closure: it costs a third as much to make (issue 15).
        explain = partial(_explain, cp, self.cal, begin, raw, due, grace, notes, extra, reasons,
                          applies, (state, overdue, left, met, self.today))  # fmt: skip
        return _new_deadline(cp, due, bool(reasons), counting, explain, state, overdue,
                             left, begin, grace, applies, tuple(reasons))  # fmt: skip

    def _printed_date(self, cp: _ClockPlan, due: date, applies: bool) -> Deadline:
        """A due date the person read off the document itself (Reg F 12 CFR 1006.34(c)(3): the
        validation notice states the day the validation period ends)."""
        state, overdue, left, met = self._state(cp, due, due)
        counting = M("The date is the one printed on the notice: %(day)s.", day=due)
        explain = partial(_explain_printed, cp, due, counting, (state, overdue, left, met, self.today))
        return _new_deadline(cp, due, False, str(counting), explain, state, overdue, left,
                             None, due, applies, ())  # fmt: skip

    def _roll(self, day: date, period: Period) -> date:
        return next_working_day(day, self.cal) if period.roll is Roll.NEXT_WORKING_DAY else day

    def _no_period(self, cp: _ClockPlan, begin, reasons, pausable, applies) -> Deadline:
        timed = cp.period.amount is not None
        # A stopped clock tells why (the Art. 12A notes); a clock without a period, its own notes.
        notes = (self.start.notes if pausable else ()) if timed else cp.notes
        explain = partial(_explain_no_period, cp, notes)
        counting = ("The clock is stopped, so there is no due date for now." if timed
                    else "The law sets no number of days.")  # fmt: skip
        return _new_deadline(cp, None, bool(reasons) and timed, counting, explain,
                             "no-deadline", 0, None, begin, None, applies,
                             tuple(_unique(reasons)) if timed else ())  # fmt: skip

    def _not_in_force(self, cp: _ClockPlan, begin: date, applies: bool) -> Deadline:
        """A clock that would start before the duty exists: no due date, and the reason."""
        note = self.plan.proc.in_force_note
        explain = _joined([M("%(label)s.", label=Message(cp.label)), Message(note) if note else None,
                           _source(cp.citation_text)])  # fmt: skip
        return _new_deadline(cp, None, False, "Not in force on that date.", explain,
                             "no-deadline", 0, None, begin, None, applies, ())  # fmt: skip

    def _state(
        self, cp: _ClockPlan, due: date, grace: date
    ) -> tuple[str, int, int | None, TimelineEvent | None]:
        """(state, days overdue, days left, the event that met the duty); `_state_text` words it."""
        today = self.today
        if cp.opens:
            if today < due:
                return "upcoming", 0, (due - today).days, None
            return "met", 0, None, None
        met = self.first(cp.met_by) if cp.met_by else None
        if met is not None:
            return "met", max(0, (met.on - grace).days), None, met
        if today < due:
            return "upcoming", 0, (due - today).days, None
        if today <= grace:
            return "due-today", 0, 0, None
        return "overdue", (today - grace).days, None, None

    def _extension(self, ext: Extension, cp: _ClockPlan, normal: Deadline) -> Deadline:
        trigger = self.first(ext.triggers)
        late = (trigger is not None and ext.trigger_within_period and normal.due is not None
                and trigger.on > normal.due)  # fmt: skip
        applies = trigger is not None and not late
        result = self._deadline(cp, partial(_extension_text, ext, trigger, late, normal), applies)
        new_due = trigger.new_due if trigger is not None else None
        if new_due is not None and result.due is not None and new_due > result.due:
            note = M("%(day)s is later than the law allows; the legal limit is %(limit)s.",
                     day=new_due, limit=result.due)  # fmt: skip
            result = _replace(result, explain=_then(result, note))
        return result


def _explain(cp: _ClockPlan, cal: WorkCalendar, begin: date, raw: date, due: date, grace: date,
             notes: list[Message], extra: Callable[[], list[Message]] | None,
             reasons: list[Message], applies: bool, state: tuple) -> list[Message]:  # fmt: skip
    """`Deadline.explain` of a clock with a due date."""
    parts = [
        _headline(cp.label, due),
        M("The period is %(period)s, counted from %(starts)s: %(day)s.",
          period=cp.period.message, starts=Message(cp.clock.starts), day=begin),
        *notes,
        *_counting_text(cp.period, cal, raw, due, grace),
        *cp.notes,
        *(extra() if extra is not None else ()),
        _source(cp.citation_text),
    ]  # fmt: skip
    if reasons:
        parts.append(M("This date is an estimate, because %(reasons)s. Check with an "
                       "advocate before relying on it.", reasons=_semicolons(reasons)))  # fmt: skip
    if applies:
        parts.append(_state_text(cp, due, grace, *state))
    return parts


def _explain_printed(cp: _ClockPlan, due: date, counting: Message, state: tuple) -> list[Message]:
    return [_headline(cp.label, due), counting, *cp.notes, _source(cp.citation_text),
            _state_text(cp, due, due, *state)]  # fmt: skip


def _explain_no_period(cp: _ClockPlan, notes: tuple[Message, ...] | list[Message]) -> list[Message]:
    return [M("%(label)s.", label=Message(cp.label)), *notes, _source(cp.citation_text)]


def _extension_text(
    ext: Extension, trigger: TimelineEvent | None, late: bool, normal: Deadline
) -> list[Message]:
    """What an extension's explanation adds: its condition, whether and when it was met."""
    condition = Message(ext.condition)
    text = [M("This applies only %(condition)s.", condition=condition)]
    if trigger is not None:
        text = [M("This applies %(condition)s: that happened on %(day)s.",
                  condition=condition, day=trigger.on)]  # fmt: skip
        if late:
            text = _late_trigger(ext, trigger, normal)
        if trigger.new_due is not None:
            text.append(M("The recipient named %(day)s as its new date.", day=trigger.new_due))
    if ext.notice_required:
        text.append(M("The law requires %(notice)s.", notice=Message(ext.notice)))
    return text


def _late_trigger(ext: Extension, trigger: TimelineEvent, normal: Deadline) -> list[Message]:
    """Why an extension triggered after the last day of the first period does not count."""
    happened = Message(ext.happened) if ext.happened else M("That happened")
    text = [M("%(happened)s on %(day)s, after the first period ended on %(end)s, so it gives "
              "no extra time.", happened=happened, day=trigger.on, end=normal.due)]
    if ext.too_late:
        text.append(Message(ext.too_late))
    if normal.overdue_after is not None and trigger.on <= normal.overdue_after:
        # Counting.DAY_ONE: on the other reading of the period (N days after arrival) this
        # day is still inside it (legal-rules.md §1.7), so say so rather than decide.
        text.append(M("If the period is read as ending on %(day)s, it came just in time: check "
                      "with an advocate.", day=normal.overdue_after))
    return text


def _state_text(cp: _ClockPlan, due: date, grace: date, state: str, overdue: int, left: int | None,
                met: TimelineEvent | None, today: date) -> Message:  # fmt: skip
    """The sentence that says where the deadline stands (see _Run._state)."""
    if state == "upcoming":
        return M("That is %(days)s from today.", days=_count(left or 0, "day"))
    if state == "met":
        if met is None:  # a date that opens a window (Clock.opens)
            return M("That day has come: you can do this now.")
        if cp.consumer_side:
            return (M("You acted on %(day)s, %(late)s late.", day=met.on, late=_count(overdue, "day"))
                    if overdue else M("You acted on %(day)s, in time.", day=met.on))  # fmt: skip
        return (M("It was answered on %(day)s, %(late)s late.", day=met.on, late=_count(overdue, "day"))
                if overdue else M("It was answered on %(day)s, in time.", day=met.on))  # fmt: skip
    if state == "due-today":
        if today == due:
            return M("That is today.")
        return M("The strict last day has passed, but we only call it late after %(day)s.", day=grace)
    if cp.consumer_side:
        return M("This window closed %(days)s ago.", days=_count(overdue, "day"))
    return M("It is %(days)s late.", days=_count(overdue, "day"))


def _headline(label: str, due: date) -> Message:
    """The first sentence: "<label> by <date>.", or "<label> <date>." for a label completed by
    the date itself ("... must stay in your file until")."""
    if label.rsplit(" ", 1)[-1] in _OPEN_ENDED:
        return M("%(label)s %(day)s.", label=Message(label), day=due)
    return M("%(label)s by %(day)s.", label=Message(label), day=due)


def _source(citation: str) -> Message:
    return M("Source: %(citation)s.", citation=citation)  # citations stay as written


def _unique(reasons: list[Message]) -> list[Message]:
    """The reasons without repeats, in order (messages are compared by id and parameters)."""
    if len({r.msgid for r in reasons}) == len(reasons):  # no two alike: skip the comparisons
        return list(reasons)
    out: list[Message] = []
    for reason in reasons:
        if reason not in out:
            out.append(reason)
    return out


def _joined(parts: list[Message | None]) -> Callable[[], list[Message]]:
    return lambda: [p for p in parts if p]


def _then(deadline: Deadline, note: Message) -> Callable[[], list[Message]]:
    return lambda: [*deadline.explanation_parts, note]


def _replace(deadline: Deadline, **changes) -> Deadline:
    """dataclasses.replace, without its per-field checks (issue 15). The explanation the old one
    kept on first use (`_explanation_parts`, `_explanation`) is not carried over."""
    data = {name: value for name, value in deadline.__dict__.items() if name[0] != "_"}
    data.update(changes)
    copy = _new(Deadline)
    _set(copy, "__dict__", data)
    return copy
