from datetime import datetime

from sqlalchemy import Index, Text
from sqlmodel import Column, Field, SQLModel

from app.clock import utcnow


class AuditEntry(SQLModel, table=True):
    """Append-only: database triggers refuse UPDATE and DELETE (see the migration).

    No foreign keys on purpose: the entry must outlive the user, workspace or record it names.
    `detail` never holds personal data (no names, numbers, addresses), only ids and field names.
    """

    __tablename__ = "audit_entries"
    __table_args__ = (
        Index("ix_audit_entries_workspace_at", "workspace_id", "at"),
        Index("ix_audit_entries_action", "action"),
        Index("ix_audit_entries_actor_at", "actor_user_id", "at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow)
    workspace_id: int | None = None
    actor_user_id: int | None = None
    action: str = Field(max_length=64)
    object_type: str = Field(default="", max_length=32)
    object_id: int | None = None
    ip: str = Field(default="", max_length=64)
    detail: str = Field(default="{}", sa_column=Column(Text, nullable=False, server_default="{}"))
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64, unique=True)
