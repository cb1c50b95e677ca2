from datetime import datetime

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.clock import utcnow
from app.crypto import EncryptedBytes, EncryptedText


class Letter(SQLModel, table=True):
    """A letter written in a case. While a draft its data can change; once finalised it is an
    immutable snapshot: the exact HTML and PDF, the template key and version, and the data hash.
    Data, HTML and PDF are encrypted at rest (they carry identity numbers)."""

    __tablename__ = "letters"

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspaces.id", ondelete="CASCADE", index=True)
    case_id: int = Field(foreign_key="cases.id", ondelete="CASCADE", index=True)
    kind_id: str = Field(max_length=64)
    lang: str = Field(max_length=8)
    recipient_id: int | None = Field(default=None, foreign_key="recipients.id", ondelete="SET NULL")
    reference: str = Field(max_length=40)
    status: str = Field(default="draft", max_length=16)
    data: str = Field(sa_column=Column(EncryptedText, nullable=False))
    data_hash: str = Field(default="", max_length=64)
    template_key: str = Field(default="", max_length=200)
    template_version: str = Field(default="", max_length=16)
    html: str | None = Field(default=None, sa_column=Column(EncryptedText, nullable=True))
    pdf: bytes | None = Field(default=None, sa_column=Column(EncryptedBytes, nullable=True))
    # The same snapshot with the ID number (last four kept) and date of birth hidden, rendered at
    # finalising from the same template and data: what a member who may not reveal them sees.
    html_masked: str | None = Field(default=None, sa_column=Column(EncryptedText, nullable=True))
    created_by_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow)
    finalised_at: datetime | None = None


class LetterOverride(SQLModel, table=True):
    """A clinic's own wording of a letter kind, run in Jinja's sandbox."""

    __tablename__ = "letter_overrides"
    __table_args__ = (UniqueConstraint("workspace_id", "kind_id", "lang"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspaces.id", ondelete="CASCADE", index=True)
    kind_id: str = Field(max_length=64)
    lang: str = Field(max_length=8)
    source: str = Field(sa_column=Column(Text, nullable=False))
    updated_by_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    updated_at: datetime = Field(default_factory=utcnow)
