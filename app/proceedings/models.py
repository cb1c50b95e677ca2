"""Proceedings: one request, dispute, follow-up or complaint to one recipient under one procedure,
with its timeline of events and the deadlines computed from them."""

from datetime import date, datetime

from sqlalchemy import Index, Text
from sqlmodel import Column, Field, SQLModel

from app.clock import utcnow

# What the person can record after a bureau dispute (FCRA §611(a)(3), (5)(B), (6)), with the rules
# engine's event kind for each: they start the clocks of the notices the bureau owes.
FCRA_STEPS = {"completed": "completed", "frivolous": "frivolous", "reinserted": "reinserted",
              "reinsertion_notified": "reinsertion_notified"}
EXTRA_EVENT_KINDS = tuple(FCRA_STEPS)
# What the user records on a timeline. Mapped onto the rules engine's event kinds in service.py.
EVENT_KINDS = ("drafted", "sent", "delivered", "acknowledged", "extension_notified", "info_requested",
               "info_provided", "answered", "escalated", "closed", "voided", "completed", "frivolous",
               "reinserted", "reinsertion_notified")
CHANNELS = ("post", "certified", "online", "email", "fax", "counter")
OUTCOMES = ("deleted", "corrected", "verified", "frivolous", "no-change", "partial")
STATES = ("draft", "waiting", "overdue", "needs-review", "answered", "closed")


class Proceeding(SQLModel, table=True):
    __tablename__ = "proceedings"
    __table_args__ = (
        # The Today page: open proceedings of a workspace by their next due date. It also holds
        # everything Today counts and sorts by, so neither reads the table itself (issue 15).
        Index("ix_proceedings_workspace_state_due", "workspace_id", "state", "next_due", "next_overdue", "case_id"),
        # The Outcomes page (issue 16): a workspace's proceedings sent in a period.
        Index("ix_proceedings_workspace_sent_on", "workspace_id", "sent_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspaces.id", ondelete="CASCADE", index=True)
    case_id: int = Field(foreign_key="cases.id", ondelete="CASCADE", index=True)
    parent_id: int | None = Field(default=None, foreign_key="proceedings.id", ondelete="SET NULL", index=True)
    procedure_id: str = Field(max_length=64)
    recipient_id: int | None = Field(default=None, foreign_key="recipients.id", ondelete="SET NULL", index=True)
    recipient_name: str = Field(default="", max_length=200)
    region: str = Field(default="", max_length=8)
    title: str = Field(default="", max_length=200)
    state: str = Field(default="draft", max_length=16)
    answer_reviewed: bool = True
    # Denormalised from proceeding_deadlines for fast dashboards (recomputed on every change).
    next_due: date | None = None
    # The last day before the recipient counts as late (after the due date for "period beginning
    # on receipt" counting, where the reference advises not to call it late a day early).
    next_overdue: date | None = None
    next_due_estimated: bool = False
    created_by_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow)
    closed_at: datetime | None = None
    # Denormalised from the live timeline for the Outcomes page's SQL aggregates (recomputed on
    # every change, like next_due): first sent/delivered day, first answer, the day after which the
    # recipient was late (extended date if any), and the day it was closed.
    sent_on: date | None = None
    answered_on: date | None = None
    answer_due: date | None = None
    closed_on: date | None = None
    # Its items by latest outcome (entries marked as wrong left out), for the same page: deleted,
    # corrected, verified, any other outcome, and how many items it has.
    items_total: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    items_deleted: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    items_corrected: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    items_verified: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    items_other: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class ProceedingItem(SQLModel, table=True):
    """What a dispute is about, in structured form (report items can attach later via report_item_key)."""

    __tablename__ = "proceeding_items"

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    proceeding_id: int = Field(foreign_key="proceedings.id", ondelete="CASCADE", index=True)
    furnisher: str = Field(max_length=200)
    account: str = Field(default="", max_length=40)
    what_is_wrong: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    requested_action: str = Field(default="", max_length=32)
    report_item_key: str | None = Field(default=None, max_length=80)


class ProceedingEvent(SQLModel, table=True):
    """A timeline entry. Never edited: a wrong entry is voided by a new 'voided' entry."""

    __tablename__ = "proceeding_events"

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    proceeding_id: int = Field(foreign_key="proceedings.id", ondelete="CASCADE", index=True)
    kind: str = Field(max_length=24)
    on: date
    channel: str = Field(default="", max_length=16)
    tracking: str = Field(default="", max_length=100)
    new_due: date | None = None
    note: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    voids_id: int | None = Field(default=None, foreign_key="proceeding_events.id", ondelete="SET NULL")
    letter_id: int | None = Field(default=None, foreign_key="letters.id", ondelete="SET NULL")
    created_by_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow)


class ItemOutcome(SQLModel, table=True):
    __tablename__ = "item_outcomes"

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    event_id: int = Field(foreign_key="proceeding_events.id", ondelete="CASCADE", index=True)
    item_id: int = Field(foreign_key="proceeding_items.id", ondelete="CASCADE", index=True)
    outcome: str = Field(max_length=16)


class ProceedingDeadline(SQLModel, table=True):
    """The rules engine's deadlines for a proceeding, stored so they can be queried and sorted."""

    __tablename__ = "proceeding_deadlines"
    __table_args__ = (Index("ix_proceeding_deadlines_workspace_due", "workspace_id", "due"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    proceeding_id: int = Field(foreign_key="proceedings.id", ondelete="CASCADE", index=True)
    key: str = Field(max_length=40)
    label: str = Field(default="", max_length=300)
    due: date | None = None
    overdue_after: date | None = None
    estimated: bool = False
    applies: bool = True
    citation: str = Field(default="", max_length=300)
    explanation: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))  # English
    # The explanation as engine messages (app/messages.py dump(): JSON), rendered in the reader's
    # language with the `msg` filter; '[]' on rows stored before it existed (see app/migrate.py).
    explanation_parts: str = Field(default="[]", sa_column=Column(Text, nullable=False, server_default="[]"))
