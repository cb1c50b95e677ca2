from datetime import date, datetime

from sqlalchemy import Index, Text
from sqlmodel import Column, Field, SQLModel

from app.clock import utcnow


class Recipient(SQLModel, table=True):
    """Who a letter goes to. workspace_id NULL: the seeded directory shared by every workspace
    (read-only); otherwise an entry a workspace added (a creditor, collector, controller...)."""

    __tablename__ = "recipients"
    __table_args__ = (Index("ix_recipients_workspace_kind", "workspace_id", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int | None = Field(default=None, foreign_key="workspaces.id", ondelete="CASCADE")
    slug: str | None = Field(default=None, max_length=80, unique=True)  # seeded entries only
    name: str = Field(max_length=200)
    kind: str = Field(max_length=32)
    jurisdictions: str = Field(default="", max_length=200)  # comma separated: US, US-CA, EU-DE, UK, CN
    purposes: str = Field(default="", max_length=200)  # comma separated: dispute, freeze, fraud-alert...
    postal_address: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    email: str = Field(default="", max_length=254)
    web_form: str = Field(default="", max_length=500)
    phone: str = Field(default="", max_length=60)
    fax: str = Field(default="", max_length=60)
    identification: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    source: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    checked_on: date | None = None
    verified: bool = False
    notes: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    # How a letter can reach it, comma separated (CHANNELS): a counter or an online form needs no
    # postal address, and `hand_in` says where to hand the letter in (issue 14).
    channels: str = Field(default="", max_length=100, sa_column_kwargs={"server_default": ""})
    hand_in: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    updated_at: datetime = Field(default_factory=utcnow)

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.postal_address.splitlines() if line.strip()]

    @property
    def channel_list(self) -> list[str]:
        """How it can be reached; an entry with a postal address and no list takes post."""
        listed = [c.strip() for c in self.channels.split(",") if c.strip()]
        return listed or (["post"] if self.address_lines else [])

    def has(self, field: str, value: str) -> bool:
        return value in [v.strip() for v in getattr(self, field).split(",")]
