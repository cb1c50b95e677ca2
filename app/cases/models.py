from datetime import datetime

from sqlalchemy import Index, UniqueConstraint, false
from sqlmodel import Field, SQLModel

from app.clock import utcnow


class Case(SQLModel, table=True):
    """One consumer's file in a workspace."""

    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("workspace_id", "number"),
        Index("ix_cases_workspace_status_opened", "workspace_id", "status", "opened_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspaces.id", ondelete="CASCADE", index=True)
    consumer_id: int = Field(foreign_key="consumers.id", ondelete="CASCADE", index=True)
    number: str = Field(max_length=20)
    title: str = Field(default="", max_length=200)
    status: str = Field(default="open", max_length=16)
    opened_at: datetime = Field(default_factory=utcnow)
    closed_at: datetime | None = None
    close_reason: str = Field(default="", max_length=500)
    created_by_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")


class CaseAssignment(SQLModel, table=True):
    __tablename__ = "case_assignments"
    __table_args__ = (UniqueConstraint("case_id", "member_id"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", ondelete="CASCADE", index=True)
    member_id: int = Field(foreign_key="members.id", ondelete="CASCADE", index=True)
    workspace_id: int = Field(foreign_key="workspaces.id", ondelete="CASCADE")


class CaseNote(SQLModel, table=True):
    __tablename__ = "case_notes"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", ondelete="CASCADE", index=True)
    workspace_id: int = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    author_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    body: str = Field(max_length=10000)
    # Staff notes are for the team; an owner or advocate may share one with the client. A note the
    # client writes is theirs, so it is shared.
    shared_with_client: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    created_at: datetime = Field(default_factory=utcnow)
