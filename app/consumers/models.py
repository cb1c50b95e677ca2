from datetime import date, datetime

from sqlalchemy import Column, Index
from sqlmodel import Field, SQLModel

from app.clock import utcnow
from app.crypto import Encrypted


class Consumer(SQLModel, table=True):
    """The person whose credit records are at stake."""

    __tablename__ = "consumers"
    __table_args__ = (Index("ix_consumers_workspace_name", "workspace_id", "legal_name"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspaces.id", ondelete="CASCADE", index=True)
    legal_name: str = Field(max_length=200)
    other_names: str = Field(default="", max_length=1000)
    email: str = Field(default="", max_length=254)
    phone: str = Field(default="", max_length=40)
    preferred_language: str = Field(default="en", max_length=8)
    # Encrypted at rest (AES-GCM); shown masked unless a permitted member reveals it.
    date_of_birth: str | None = Field(default=None, sa_column=Column(Encrypted(255), nullable=True))
    national_id: str | None = Field(default=None, sa_column=Column(Encrypted(255), nullable=True))
    national_id_kind: str = Field(default="ssn", max_length=16)
    created_by_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class Address(SQLModel, table=True):
    """Current and prior addresses (bureaus ask for the last two years)."""

    __tablename__ = "addresses"

    id: int | None = Field(default=None, primary_key=True)
    consumer_id: int = Field(foreign_key="consumers.id", ondelete="CASCADE", index=True)
    workspace_id: int = Field(foreign_key="workspaces.id", ondelete="CASCADE", index=True)
    is_current: bool = False
    line1: str = Field(max_length=200)
    line2: str = Field(default="", max_length=200)
    city: str = Field(max_length=100)
    region: str = Field(default="", max_length=100)
    postal_code: str = Field(default="", max_length=20)
    country: str = Field(default="US", max_length=2)
    from_date: date | None = None
    to_date: date | None = None
