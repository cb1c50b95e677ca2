"""Legal rules registry and deadline engine. Pure: no database, no web, no clock.

Every other part of Recourse asks this package what a procedure is and when something is due.
"""

from app.rules.calendars import UnknownRegion, WorkCalendar, calendar_for
from app.rules.engine import (
    CHANNELS,
    DEFAULT_TRANSIT_DAYS,
    EVENT_KINDS,
    FACT_EVENTS,
    STATES,
    Deadline,
    TimelineEvent,
    compute_deadlines,
    estimate_receipt,
    fact_events,
)
from app.rules.model import (
    Citation,
    Clock,
    Counting,
    Escalation,
    Extension,
    Period,
    Procedure,
    Roll,
    Unit,
    Variant,
)
from app.rules.procedures import (
    JURISDICTIONS,
    PROCEDURES,
    REGIONS,
    UnknownProcedure,
    get_procedure,
)

__all__ = [
    "CHANNELS",
    "DEFAULT_TRANSIT_DAYS",
    "EVENT_KINDS",
    "FACT_EVENTS",
    "JURISDICTIONS",
    "PROCEDURES",
    "REGIONS",
    "STATES",
    "Citation",
    "Clock",
    "Counting",
    "Deadline",
    "Escalation",
    "Extension",
    "Period",
    "Procedure",
    "Roll",
    "TimelineEvent",
    "Unit",
    "UnknownProcedure",
    "UnknownRegion",
    "Variant",
    "WorkCalendar",
    "calendar_for",
    "compute_deadlines",
    "estimate_receipt",
    "fact_events",
    "get_procedure",
]
