"""Reminders: rows with a time to send, claimed with a lease (a conditional UPDATE sets who holds the
row and until when) so that any number of runners (`recourse remind` from cron, the server's own
loop in each worker) send each one exactly once. See app/reminders/sending.py."""

from datetime import date, datetime

from sqlalchemy import Index, Text, UniqueConstraint
from sqlmodel import Column, Field, SQLModel

from app.clock import utcnow

REMINDER_KINDS = ("before", "due", "overdue", "digest")
REMINDER_STATUSES = ("pending", "sending", "sent", "failed")


class Reminder(SQLModel, table=True):
    __tablename__ = "reminders"
    __table_args__ = (
        UniqueConstraint("user_id", "proceeding_id", "kind", "due_key", "due_date"),
        Index("ix_reminders_status_send_after", "status", "send_after"),
    )

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspaces.id", ondelete="CASCADE", index=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    proceeding_id: int | None = Field(default=None, foreign_key="proceedings.id", ondelete="CASCADE", index=True)
    kind: str = Field(max_length=16)
    due_key: str = Field(default="", max_length=40)
    due_date: date | None = None
    send_after: datetime
    status: str = Field(default="pending", max_length=16)
    claimed_by: str = Field(default="", max_length=80)
    claimed_at: datetime | None = None
    # While "sending": the claim is claimed_by's until then; afterwards any runner may take it over.
    lease_until: datetime | None = None
    attempts: int = 0
    last_error: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    sent_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)


class CalendarToken(SQLModel, table=True):
    """The secret behind a user's personal iCalendar feed URL (only its hash is stored)."""

    __tablename__ = "calendar_tokens"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", unique=True)
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(default_factory=utcnow)
