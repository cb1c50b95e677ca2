"""The deadline engine: procedure + timeline events + today -> deadlines with explanations.

Pure: `today` is always passed in; nothing here reads the clock, a database or the web layer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from datetime import date, timedelta
from functools import lru_cache

from app.rules.calendars import (
    WorkCalendar,
    add_months,
    add_working_days,
    add_years,
    calendar_for,
    next_working_day,
    nth_working_day_from,
)
from app.rules.model import Clock, Counting, Extension, Period, Procedure, Roll, Unit
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
    # The plain-language explanation is rendered only when someone reads `explanation`: most
    # callers (the Today page, reminders) need the date and state, and the text cost most of a
    # computation. `explain` builds it; the result is kept on first use.
    explain: Callable[[], str] = field(repr=False, compare=False)
    state: str
    days_overdue: int
    days_left: int | None
    verified: bool
    who_must_act: str
    start: date | None = None
    overdue_after: date | None = None  # the last day before we call it late (see Counting.DAY_ONE)
    applies: bool = True  # False: an extension not (validly) taken, or a superseded period
    estimate_reasons: tuple[str, ...] = field(default=())

    @property
    def explanation(self) -> str:
        text = self.__dict__.get("_explanation")
        if text is None:
            text = self.explain()
            object.__setattr__(self, "_explanation", text)
        return text

    def to_dict(self) -> dict:
        data = {}
        for name in (f.name for f in fields(self)):
            if name == "explain":
                data["explanation"] = self.explanation
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
    reasons: list[str]  # why it is an estimate, if it is
    notes: list[str]
    paused_days: int = 0
    paused_open: bool = False


def _first(events: list[TimelineEvent], *kinds: str) -> TimelineEvent | None:
    found = [e for e in events if e.kind in kinds]
    return min(found, key=lambda e: e.on) if found else None


def _start(
    proc: Procedure, events: list[TimelineEvent], cal: WorkCalendar, transit: int | None
) -> _Start | None:
    confirmed = _first(events, "delivered", "received")
    sent = _first(events, "sent") if proc.start_from_sent else None
    if confirmed is not None:
        start = _Start(confirmed.on, [], [])
    elif sent is not None:
        days = transit if transit is not None else _transit(sent.channel)
        on = estimate_receipt(
            sent.on, sent.channel, region=cal.region, jurisdiction=cal.jurisdiction,
            transit_days=days,
        )  # fmt: skip
        how = f"by {sent.channel or 'post'}"
        start = _Start(
            on,
            [
                f"the arrival date is estimated: it was sent on {_fmt(sent.on)} {how}, and we "
                f"allowed {days} working day{'s' if days != 1 else ''} for delivery (a confirmed "
                "delivery date will replace this estimate)"
            ]
            if days
            else [],
            [],
        )
    else:
        return None
    if proc.start_rule == "uk-art-12a":
        _apply_art_12a(start, events)
    return start


def _apply_art_12a(start: _Start, events: list[TimelineEvent]) -> None:
    """UK GDPR Art 12A: the clock starts when the controller also has the ID and fee it
    reasonably asked for, and stops while it waits for clarification (legal-rules.md §3)."""
    later = [e for e in events if e.kind in ("id_received", "fee_received") and e.on > start.on]
    if later:
        last = max(later, key=lambda e: e.on)
        start.on = last.on
        start.notes.append(
            f"The clock started on {_fmt(last.on)}, when the organisation had the "
            f"{'ID' if last.kind == 'id_received' else 'fee'} it asked for (Art. 12A)."
        )
    asked = sorted(e.on for e in events if e.kind == "clarification_requested")
    answered = sorted(e.on for e in events if e.kind == "clarification_received")
    for ask in asked:
        reply = next((a for a in answered if a >= ask), None)
        if reply is None:
            start.paused_open = True
            start.notes.append(
                f"The clock has been stopped since {_fmt(ask)}, while the organisation waits for "
                "you to clarify your request (Art. 12A). It starts again when you answer."
            )
            return
        answered.remove(reply)
        # DPA 2018 s.54(3C)(b): "the period beginning with the day on which the controller makes
        # the request and ending with the day on which the controller receives the information
        # does not count": both days are left out, so 4 to 10 June is 7 days.
        start.paused_days += (reply - ask).days + 1
    if start.paused_days:
        start.notes.append(
            f"The clock was stopped for {_plural(start.paused_days, 'day')} while you clarified "
            "your request: the day the organisation asked and the day your answer reached it "
            "both do not count, so the date moves by that much (Art. 12A; DPA 2018 s.54(3C) "
            "counts the pause the same way)."
        )
        start.reasons.append(
            "we count the pause as DPA 2018 s.54(3C) does; the wording of UK GDPR Art. 12A "
            "itself has not been checked"
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


# Labels completed by the date itself rather than "by <date>" ("... must stay in your file until").
_OPEN_ENDED = ("until", "from", "on")


@lru_cache(maxsize=4096)
def _fmt(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _why_not_working(day: date, cal: WorkCalendar) -> str:
    name = cal.holiday_name(day)
    if name:
        return f"a public holiday ({name})"
    return f"a {day:%A}" if day.weekday() >= 5 else "not a working day"


@lru_cache(maxsize=8192)  # pure; many proceedings share a procedure, a place and dates
def _counting_text(period: Period, cal: WorkCalendar, raw: date, due: date, grace: date) -> str:
    n, c = period.amount or 0, period.counting
    days_word = "working days" if period.unit is Unit.WORKING_DAYS else "business days"
    if c is Counting.DAY_ONE and period.unit is Unit.YEARS:
        text = (
            f"The period begins on the day it arrives, so its last day is the day before the "
            f"same date {_plural(n, 'year')} later: {_fmt(raw)}."
        )
    elif c is Counting.DAY_ONE and period.unit is Unit.CALENDAR_DAYS:
        text = (
            f"The day it arrives counts as day 1, so day {n} is {_fmt(due)}. The law can also be "
            f"read as {n} days after arrival, so we only call it late after {_fmt(grace)}."
        )
    elif c is Counting.DAY_ONE:
        text = (
            f"The day it arrives counts as day 1 if it is a business day; Saturdays, Sundays and "
            f"{cal.name} are skipped. We only call it late after {_fmt(grace)}, the {n}th "
            f"{days_word[:-1]} after arrival."
        )
    elif c is Counting.CN_CIVIL_CODE and period.unit is Unit.WORKING_DAYS:
        text = (
            "The day it arrives is not counted (Civil Code Art. 201), and only working days "
            "count: public holidays are skipped and make-up working days (调休) count as working "
            "days."
        )
    elif period.unit in (Unit.BUSINESS_DAYS, Unit.WORKING_DAYS):
        text = (
            f"Counting starts the next day and only {days_word} count: Saturdays, Sundays and "
            f"{cal.name} are skipped."
        )
    elif c is Counting.EU_1182_71:
        text = (
            f"The day it arrives is not counted; the period ends on the same date "
            f"{_plural(n, 'month')} later, or on the last day of that month if there is no such "
            "date (EU Regulation 1182/71, Art. 3, applied to the GDPR by analogy)."
        )
    elif c is Counting.UK_ICO:
        text = (
            f"The day it arrives counts as day 1, and the deadline is the same date "
            f"{_plural(n, 'month')} later, or the last day of that month if there is no such date "
            "(ICO guidance)."
        )
    elif c is Counting.CN_CIVIL_CODE:
        text = f"The day it arrives is not counted (Civil Code Art. 201); day {n} is {_fmt(raw)}."
    elif period.unit is Unit.YEARS:
        text = f"The period ends on the same date {_plural(n, 'year')} later."
    else:
        text = f"Counting starts the next day; day {n} is {_fmt(raw)}."
    return f"{text} {_roll_text(period, cal, raw, due)}".strip()


def _roll_text(period: Period, cal: WorkCalendar, raw: date, due: date) -> str:
    if period.roll is Roll.NONE:
        if period.unit in (Unit.BUSINESS_DAYS, Unit.WORKING_DAYS):
            return ""
        return "The date does not move if it falls on a weekend or holiday."
    if period.counting is Counting.CN_CIVIL_CODE:
        rule = (
            "If the last day is a rest day or public holiday, it moves to the next working day; "
            "make-up working days (调休) count as working days (Civil Code Art. 203)."
        )
    elif cal.has_holidays:
        rule = (
            f"If the last day is a Saturday, Sunday or holiday ({cal.name}), it moves to the "
            "next working day."
        )
    else:
        rule = (
            "If the last day is a Saturday or Sunday it moves to the next working day. No member "
            "state was chosen, so public holidays were not checked."
        )
    if due != raw:
        rule += f" {_fmt(raw)} is {_why_not_working(raw, cal)}, so the deadline is {_fmt(due)}."
    return rule


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
    proc = get_procedure(procedure_id)
    cal = calendar_for(proc.jurisdiction, region)
    live = sorted((e for e in events if not e.voided), key=lambda e: (e.on, e.kind))
    start = _start(proc, live, cal, transit_days)
    run = _Run(proc, cal, live, start, today)
    if start is None and not any(run.active(c) for c in (proc.response, *proc.duties)):
        return []
    return run.deadlines()


class _Run:
    """One computation. Holds the inputs so each step stays short."""

    def __init__(self, proc, cal, events, start: _Start | None, today: date) -> None:
        self.proc, self.cal, self.events, self.start, self.today = proc, cal, events, start, today
        self.kinds = {e.kind for e in events}
        self.done: dict[str, Deadline] = {}
        self.main: Deadline | None = None  # the response deadline that applies (extended or not)

    def active(self, clock: Clock) -> bool:
        """Whether a clock applies yet: its events have happened, or it runs from the start."""
        if clock.only_if and clock.only_if not in self.kinds:
            return False
        own = any(k in self.kinds for k in (clock.after_event, clock.ends_on_event) if k)
        if clock.requires_event or self.start is None:
            return own or bool(clock.or_after_due_of and self.start is not None)
        return True

    def deadlines(self) -> list[Deadline]:
        variant = next((v for v in self.proc.variants if v.trigger in self.kinds), None)
        response = self.proc.response
        extensions = self.proc.extensions
        if variant is not None:
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
                extensions = ()
        pending = [c for c in (response, *self.proc.duties) if self.active(c)]
        extended: list[Deadline] = []
        for _ in range(len(pending) + 1):  # resolve clocks that start from another clock's due
            for clock in [c for c in pending if c.or_after_due_of in (None, *self.done)]:
                self.done[clock.key] = self._deadline(clock)
                pending.remove(clock)
                if clock is response:  # its extensions first: a later duty may count from them
                    self.main = self.done[response.key]
                    for ext in extensions:
                        ext_deadline = self._extension(ext, self.done[response.key])
                        if ext_deadline.applies:
                            self.main = ext_deadline
                        extended.append(ext_deadline)
        out: list[Deadline] = []
        if response.key in self.done:
            applies = not any(e.applies for e in extended)
            out = [_replace(self.done[response.key], applies=applies) if not applies
                   else self.done[response.key], *extended]
        out += [self.done[d.key] for d in self.proc.duties if d.key in self.done]
        return out

    def _clock_start(self, clock: Clock) -> tuple[date | None, list[str]]:
        """(start date, reasons it is an estimate)."""
        if clock.after_event:
            event = _first(self.events, clock.after_event)
            if event is not None:
                return event.on, []
        if clock.or_after_due_of:
            other = self.done[clock.or_after_due_of]
            if clock.or_after_due_of == self.proc.response.key and self.main is not None:
                other = self.main  # the extended period, when it applies
            reasons = list(other.estimate_reasons)
            if clock.fallback_is_estimate:
                reasons.append("we assumed the earlier step happened on the last allowed day")
            return other.due, reasons
        if self.start is None:
            return None, []
        return self.start.on, list(self.start.reasons)

    def _deadline(self, clock: Clock, *, extra: str = "", applies: bool = True) -> Deadline:
        period, label = clock.period, None
        begin, reasons = self._clock_start(clock)
        verified = clock.verified and self.proc.verified
        if not clock.counting_verified:
            reasons.append("the way these days are counted has not been confirmed")
        if not verified:
            reasons.append("this rule has not been confirmed in an official text")
        pausable = (self.proc.start_rule == "uk-art-12a" and not clock.or_after_due_of
                    and self.start is not None)
        # The commencement date concerns the request itself; a clock that runs from an earlier
        # event (e.g. the date of a penalty decision) is not held back by it.
        if (begin is not None and self.proc.in_force_from and begin < self.proc.in_force_from
                and not clock.after_event):
            return self._not_in_force(clock, begin, verified)
        ends = _first(self.events, clock.ends_on_event) if clock.ends_on_event else None
        if ends is not None:
            return self._printed_date(clock, ends.on, verified)
        if begin is None or period.amount is None or (pausable and self.start.paused_open):
            return self._no_period(clock, label, begin, reasons, verified, pausable, period)
        due, grace, raw = _end(begin, period, self.cal)
        if pausable and self.start.paused_days:
            raw = raw + timedelta(days=self.start.paused_days)
            due = grace = self._roll(raw, period)
        if period.roll is Roll.NEXT_WORKING_DAY and not self.cal.has_holidays:
            reasons.append("no member state was chosen, so public holidays were not applied")
        if self.cal.is_estimated_year(due):
            reasons.append(f"China's holiday schedule for {due.year} is not yet published")
        counting = _counting_text(period, self.cal, raw, due, grace)
        state, overdue, left, state_text = self._state(clock, due, grace)
        label = label or clock.label
        citation = clock.citation
        notes = list(self.start.notes) if pausable else []
        reasons = list(dict.fromkeys(reasons))

        def explain() -> str:
            parts = [
                f"{label} {_fmt(due)}." if label.endswith(_OPEN_ENDED)
                else f"{label} by {_fmt(due)}.",
                f"The period is {period.text}, counted from {clock.starts}: {_fmt(begin)}.",
                *notes,
                counting,
                clock.note,
                extra,
                f"Source: {citation.text}.",
            ]
            if reasons:
                parts.append(
                    "This date is an estimate, because " + "; ".join(reasons) + ". "
                    "Check with an advocate before relying on it."
                )
            if applies:
                parts.append(state_text)
            return " ".join(p for p in parts if p)

        return Deadline(
            procedure=self.proc.id, key=clock.key, label=label, due=due,
            estimated=bool(reasons), period=period.text, counting=counting,
            citation=citation.text, citation_url=citation.url,
            explain=explain, state=state, days_overdue=overdue,
            days_left=left, verified=verified, who_must_act=clock.who_must_act, start=begin,
            overdue_after=grace, applies=applies, estimate_reasons=tuple(reasons),
        )  # fmt: skip

    def _printed_date(self, clock: Clock, due: date, verified: bool) -> Deadline:
        """A due date the person read off the document itself (Reg F 12 CFR 1006.34(c)(3): the
        validation notice states the day the validation period ends)."""
        state, overdue, left, state_text = self._state(clock, due, due)
        counting = f"The date is the one printed on the notice: {_fmt(due)}."
        text = [f"{clock.label} {_fmt(due)}." if clock.label.endswith(_OPEN_ENDED)
                else f"{clock.label} by {_fmt(due)}.", counting, clock.note,
                f"Source: {clock.citation.text}.", state_text]
        return Deadline(
            procedure=self.proc.id, key=clock.key, label=clock.label, due=due, estimated=False,
            period=clock.period.text, counting=counting, citation=clock.citation.text,
            citation_url=clock.citation.url, explain=_joined(text),
            state=state, days_overdue=overdue, days_left=left, verified=verified,
            who_must_act=clock.who_must_act, start=None, overdue_after=due,
        )  # fmt: skip

    def _roll(self, day: date, period: Period) -> date:
        return next_working_day(day, self.cal) if period.roll is Roll.NEXT_WORKING_DAY else day

    def _no_period(self, clock, label, begin, reasons, verified, pausable, period) -> Deadline:
        label = label or clock.label
        if period.amount is None:
            counting = "The law sets no number of days."
            text = [f"{label}.", clock.note, f"Source: {clock.citation.text}."]
        else:
            counting = "The clock is stopped, so there is no due date for now."
            text = [f"{label}.", *(self.start.notes if pausable else []),
                    f"Source: {clock.citation.text}."]  # fmt: skip
        return Deadline(
            procedure=self.proc.id, key=clock.key, label=label, due=None,
            estimated=bool(reasons) and period.amount is not None, period=period.text,
            counting=counting, citation=clock.citation.text, citation_url=clock.citation.url,
            explain=_joined(text), state="no-deadline", days_overdue=0,
            days_left=None, verified=verified, who_must_act=clock.who_must_act, start=begin,
            estimate_reasons=tuple(dict.fromkeys(reasons)) if period.amount is not None else (),
        )  # fmt: skip

    def _not_in_force(self, clock: Clock, begin: date, verified: bool) -> Deadline:
        """A clock that would start before the duty exists: no due date, and the reason."""
        text = [f"{clock.label}.", self.proc.in_force_note, f"Source: {clock.citation.text}."]
        return Deadline(
            procedure=self.proc.id, key=clock.key, label=clock.label, due=None, estimated=False,
            period=clock.period.text, counting="Not in force on that date.",
            citation=clock.citation.text, citation_url=clock.citation.url,
            explain=_joined(text), state="no-deadline", days_overdue=0,
            days_left=None, verified=verified, who_must_act=clock.who_must_act, start=begin,
        )  # fmt: skip

    def _state(self, clock: Clock, due: date, grace: date) -> tuple[str, int, int | None, str]:
        if clock.opens:
            if self.today < due:
                left = (due - self.today).days
                return "upcoming", 0, left, f"That is {_plural(left, 'day')} from today."
            return "met", 0, None, "That day has come: you can do this now."
        met = _first(self.events, *clock.met_by) if clock.met_by else None
        if met is not None:
            late = max(0, (met.on - grace).days)
            who = "You acted" if clock.consumer_side else "It was answered"
            extra = f", {_plural(late, 'day')} late" if late else ", in time"
            return "met", late, None, f"{who} on {_fmt(met.on)}{extra}."
        if self.today < due:
            left = (due - self.today).days
            return "upcoming", 0, left, f"That is {_plural(left, 'day')} from today."
        if self.today <= grace:
            if self.today == due:
                return "due-today", 0, 0, "That is today."
            return (
                "due-today",
                0,
                0,
                (f"The strict last day has passed, but we only call it late after {_fmt(grace)}."),
            )
        late = (self.today - grace).days
        if clock.consumer_side:
            return "overdue", late, None, f"This window closed {_plural(late, 'day')} ago."
        return "overdue", late, None, f"It is {_plural(late, 'day')} late."

    def _extension(self, ext: Extension, normal: Deadline) -> Deadline:
        trigger = _first(self.events, *ext.triggers)
        applies, extra = trigger is not None, f"This applies only {ext.condition}."
        if trigger is not None:
            extra = f"This applies {ext.condition}: that happened on {_fmt(trigger.on)}."
            if ext.trigger_within_period and normal.due is not None and trigger.on > normal.due:
                applies = False
                extra = self._late_trigger(ext, trigger, normal)
            if trigger.new_due is not None:
                extra += f" The recipient named {_fmt(trigger.new_due)} as its new date."
        if ext.notice_required:
            extra += f" The law requires {ext.notice}."
        clock = Clock(
            key="extended-response", label=ext.label or self.proc.response.label,
            who_must_act=self.proc.response.who_must_act, starts=self.proc.response.starts,
            period=ext.period, citation=ext.citation, met_by=self.proc.response.met_by,
            counting_verified=ext.counting_verified and self.proc.response.counting_verified,
            verified=self.proc.response.verified,
        )  # fmt: skip
        result = self._deadline(clock, extra=extra, applies=applies)
        new_due = trigger.new_due if trigger is not None else None
        if new_due is not None and result.due is not None and new_due > result.due:
            note = (
                f" {_fmt(new_due)} is later than the law allows; the legal limit is "
                f"{_fmt(result.due)}."
            )
            result = _replace(result, explain=_then(result, note))
        return _replace(result, applies=applies)

    @staticmethod
    def _late_trigger(ext: Extension, trigger: TimelineEvent, normal: Deadline) -> str:
        """Why an extension triggered after the last day of the first period does not count."""
        happened = ext.happened or "That happened"
        text = (
            f"{happened} on {_fmt(trigger.on)}, after the first period ended on "
            f"{_fmt(normal.due)}, so it gives no extra time. {ext.too_late}"
        ).strip()
        if normal.overdue_after is not None and trigger.on <= normal.overdue_after:
            # Counting.DAY_ONE: on the other reading of the period (N days after arrival) this
            # day is still inside it (legal-rules.md §1.7), so say so rather than decide.
            text += (
                f" If the period is read as ending on {_fmt(normal.overdue_after)}, it came just "
                "in time: check with an advocate."
            )
        return text


def _joined(parts: list[str]) -> Callable[[], str]:
    return lambda: " ".join(p for p in parts if p)


def _then(deadline: Deadline, note: str) -> Callable[[], str]:
    return lambda: deadline.explanation + note


def _replace(deadline: Deadline, **changes) -> Deadline:
    return replace(deadline, **changes)
