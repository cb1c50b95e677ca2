"""Evidence: files uploaded to a case or to a timeline event, stored encrypted in the data dir."""

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from app.clock import utcnow

DOCUMENT_KINDS = ("id", "proof-of-address", "police-report", "ftc-report", "bureau-answer", "mail-receipt",
                  "credit-report", "proof-of-authority", "credit-commitment", "other")


class Document(SQLModel, table=True):
    __tablename__ = "documents"

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspaces.id", ondelete="CASCADE", index=True)
    case_id: int = Field(foreign_key="cases.id", ondelete="CASCADE", index=True)
    event_id: int | None = Field(default=None, foreign_key="proceeding_events.id", ondelete="SET NULL", index=True)
    kind: str = Field(default="other", max_length=24)
    filename: str = Field(max_length=200)
    content_type: str = Field(max_length=40)
    size: int
    sha256: str = Field(max_length=64)
    storage_key: str = Field(max_length=80, unique=True)
    uploaded_by_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow)


class LetterEnclosure(SQLModel, table=True):
    """Documents chosen as enclosures of a letter (merged into the packet PDF)."""

    __tablename__ = "letter_enclosures"
    __table_args__ = (UniqueConstraint("letter_id", "document_id"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    letter_id: int = Field(foreign_key="letters.id", ondelete="CASCADE", index=True)
    document_id: int = Field(foreign_key="documents.id", ondelete="CASCADE", index=True)
    position: int = 0
