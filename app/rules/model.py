"""The shapes of the rules registry. Procedures are data: frozen dataclasses, no behaviour.

Each legal source lives in the reference notes (../shared/reference/legal-rules.md); every
procedure names its citation, and any point those notes mark UNVERIFIED is recorded here as
`verified=False` or as an `unverified` note, so the engine can call the result an estimate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cached_property

from app.messages import M, Message


class Unit(StrEnum):
    CALENDAR_DAYS = "calendar-days"
    BUSINESS_DAYS = "business-days"  # US wording; Saturday, Sunday and holidays excluded
    WORKING_DAYS = "working-days"  # same arithmetic; UK, EU and Chinese (工作日) wording
    MONTHS = "months"
    YEARS = "years"
    NONE = "none"


class Counting(StrEnum):
    # "N-day period beginning on the date of receipt" (FCRA §611(a)(1)(A), (a)(2)(A)) and the CCPA
    # "will begin on the day that the business receives the request" (11 CCR §7021(b)): the start
    # day is day 1, so the last day is start + N - 1. Courts' reading is UNVERIFIED
    # (legal-rules.md §1.7), so we only call the recipient late after start + N.
    DAY_ONE = "day-one"
    # "not later than N days after" the event: the last day is event + N (legal-rules.md §1.7).
    AFTER = "after"
    # Regulation 1182/71 Art 3: the day of the event is not counted; months end on the same date,
    # else the month's last day; Saturday, Sunday or public holiday -> next working day.
    EU_1182_71 = "eu-1182-71"
    # ICO: the day of receipt is day 1; due on the corresponding date next month, clamped to the
    # month's end; weekend or bank holiday -> next working day (legal-rules.md §3).
    UK_ICO = "uk-ico"
    # PRC Civil Code Arts 201-203: the start day is not counted; a last day on a statutory rest
    # day moves to the day after the rest ends (legal-rules.md §5, §7).
    CN_CIVIL_CODE = "cn-civil-code"
    NONE = "none"


class Roll(StrEnum):
    NONE = "none"  # the statute moves nothing (FCRA, legal-rules.md §7 "None in the statute")
    NEXT_WORKING_DAY = "next-working-day"


@dataclass(frozen=True)
class Period:
    amount: int | None
    unit: Unit
    counting: Counting
    roll: Roll = Roll.NONE

    @cached_property  # frozen dataclass: cached_property writes to __dict__ directly
    def text(self) -> str:
        if self.amount is None or self.unit is Unit.NONE:
            return "no fixed period"
        word = {
            Unit.CALENDAR_DAYS: "calendar day",
            Unit.BUSINESS_DAYS: "business day",
            Unit.WORKING_DAYS: "working day",
            Unit.MONTHS: "month",
            Unit.YEARS: "year",
        }[self.unit]
        return f"{self.amount} {word}{'' if self.amount == 1 else 's'}"

    @cached_property
    def message(self) -> Message:
        """`text` as an engine message, one literal id per unit and number (singular, plural)."""
        n = self.amount
        if n is None or self.unit is Unit.NONE:
            return M("no fixed period")
        one = n == 1
        if self.unit is Unit.CALENDAR_DAYS:
            return M("%(n)s calendar day", n=n) if one else M("%(n)s calendar days", n=n)
        if self.unit is Unit.BUSINESS_DAYS:
            return M("%(n)s business day", n=n) if one else M("%(n)s business days", n=n)
        if self.unit is Unit.WORKING_DAYS:
            return M("%(n)s working day", n=n) if one else M("%(n)s working days", n=n)
        if self.unit is Unit.MONTHS:
            return M("%(n)s month", n=n) if one else M("%(n)s months", n=n)
        return M("%(n)s year", n=n) if one else M("%(n)s years", n=n)


NO_PERIOD = Period(None, Unit.NONE, Counting.NONE)


@dataclass(frozen=True)
class Citation:
    text: str
    url: str = ""


@dataclass(frozen=True)
class Clock:
    """One duty with a time limit: the main response, or an intermediate duty."""

    key: str
    label: str  # plain words, completed by "by <date>": "The credit bureau must finish checking"
    who_must_act: str
    starts: str  # what starts the clock, in plain words: "the day the bureau gets your dispute"
    period: Period
    citation: Citation
    counting_verified: bool = True  # False: the counting convention is UNVERIFIED -> estimate
    verified: bool = True  # False: the rule itself is UNVERIFIED -> estimate
    note: str = ""  # one extra plain sentence for the explanation
    consumer_side: bool = False  # True when the consumer must act (a window that closes)
    # Where the clock starts when it is not the receipt of the request: an event kind, and the
    # key of another clock whose due date stands in when that event has not happened yet.
    after_event: str | None = None
    or_after_due_of: str | None = None
    fallback_is_estimate: bool = False  # True: standing in with a due date is only an estimate
    # Event kinds that show the duty was done. The main response is met by an answer or closure;
    # intermediate duties the consumer cannot observe set this to ().
    met_by: tuple[str, ...] = ("answered", "closed")
    # True: the clock exists only once `after_event` (or `ends_on_event`) has happened; it never
    # falls back to the proceeding's start (FCRA §611(a)(5)(B): 5 business days after a
    # reinsertion, which may never happen).
    requires_event: bool = False
    # An event whose own date is the due date when it is known: the end of the FDCPA validation
    # period is printed on the validation notice (Reg F 12 CFR 1006.34(c)(3)).
    ends_on_event: str | None = None
    # A second event kind that must be present for this clock to apply (e.g. the severity tier of
    # a credit-repair case).
    only_if: str | None = None
    # True: the date opens a window (from then on the person may act), it does not close one.
    opens: bool = False


@dataclass(frozen=True)
class Extension:
    """More time for the recipient, counted as a total period from the same start."""

    condition: str  # plain words: "if you send more information during the 30 days"
    triggers: tuple[str, ...]  # event kinds that switch it on
    period: Period
    citation: Citation
    notice_required: bool
    notice: str = ""  # when and how the recipient must tell you
    # The trigger only counts if it happens on or before the last day of the normal period (FCRA
    # §611(a)(1)(B) "during that 30-day period"; GDPR Art 12(3) "within one month"; CCPA
    # §1798.130(a)(2)(A) and 11 CCR §7021(b) "within the first 45 days").
    trigger_within_period: bool = True
    label: str = ""
    counting_verified: bool = True
    # The trigger in plain words, completed by "on <date>" ("You sent more information"), and why
    # a trigger after the first period gives no extra time, with its source.
    happened: str = ""
    too_late: str = ""


@dataclass(frozen=True)
class Variant:
    """A different main period that replaces the normal one when an event is present."""

    trigger: str
    condition: str
    period: Period
    citation: Citation
    note: str = ""
    drops_extensions: bool = True


@dataclass(frozen=True)
class Escalation:
    text: str
    procedure_id: str | None = None


@dataclass(frozen=True)
class Procedure:
    id: str
    title: str
    jurisdiction: str  # one of JURISDICTIONS: US, US-CA, EU, UK, CN
    summary: str  # one plain sentence: what this procedure is for
    citations: tuple[Citation, ...]
    who_must_act: str
    clock_starts: str
    response: Clock
    extensions: tuple[Extension, ...] = ()
    variants: tuple[Variant, ...] = ()
    duties: tuple[Clock, ...] = ()
    consumer_must_include: tuple[str, ...] = ()
    escalation: tuple[Escalation, ...] = ()
    verified: bool = True
    unverified: tuple[str, ...] = ()  # points the reference marks UNVERIFIED
    notes: tuple[str, ...] = ()
    # "receipt": the clock starts on receipt. "uk-art-12a": the later of receipt, ID received and
    # fee received, paused during clarification (UK GDPR Art 12A, legal-rules.md §3).
    start_rule: str = "receipt"
    # False when the clock starts on the consumer's own receipt of something (e.g. an adverse-action
    # notice), or on a step the consumer does not see in the post (the CFPB forwarding a complaint):
    # a `sent` event then means the consumer acted, not that a letter is on its way to the recipient.
    start_from_sent: bool = True
    # A duty that exists only from a commencement date: a clock that would start before it gives no
    # due date, and `in_force_note` says why (e.g. DPA 2018 s.164A, in force 19 June 2026).
    in_force_from: date | None = None
    in_force_note: str = ""

    @property
    def period(self) -> Period:
        return self.response.period

    @property
    def citation(self) -> Citation:
        return self.citations[0]

    def summary_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "jurisdiction": self.jurisdiction,
            "period": self.period.text,
            "counting": self.period.counting.value,
            "citation": self.citation.text,
            "citation_url": self.citation.url,
            "who_must_act": self.who_must_act,
            "clock_starts": self.clock_starts,
            "extensions": [
                {
                    "condition": e.condition,
                    "period": e.period.text,
                    "notice_required": e.notice_required,
                }
                for e in self.extensions
            ],
            "duties": [
                {"key": d.key, "label": d.label, "period": d.period.text} for d in self.duties
            ],
            "consumer_must_include": list(self.consumer_must_include),
            "escalation": [{"text": e.text, "procedure": e.procedure_id} for e in self.escalation],
            "verified": self.verified,
            "unverified": list(self.unverified),
        }
