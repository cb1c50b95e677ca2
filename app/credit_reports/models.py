"""Saved credit reports: the tables. The parsed report is stored whole, encrypted, as the documented
JSON format (app/reports/model.py Report.to_dict); bureau and date stay readable for lists and sorting.

A person's marks ("not mine", "I do not recognise this") belong to the case, not to one report: an
account keeps its key from bureau to bureau and from one pull to the next, so one mark covers all.
"""

from datetime import date, datetime

from sqlalchemy import Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.clock import utcnow
from app.crypto import EncryptedText

HOW_OBTAINED = ("annualcreditreport.com", "bureau website", "mailed copy", "from a lender", "other")
SOURCES = ("json", "csv", "text", "pdf", "html", "image", "typed")
MARKS = ("not-mine", "unrecognised")


class CreditReport(SQLModel, table=True):
    __tablename__ = "credit_reports"
    __table_args__ = (Index("ix_credit_reports_case_pulled", "case_id", "pulled"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspaces.id", ondelete="CASCADE", index=True)
    case_id: int = Field(foreign_key="cases.id", ondelete="CASCADE")
    bureau: str = Field(default="", max_length=120)
    pulled: date | None = None
    obtained: str = Field(default="", max_length=120)
    source: str = Field(default="typed", max_length=8)
    data: str = Field(sa_column=Column(EncryptedText, nullable=False))
    created_by_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    # The findings (JSON, encrypted) and the key of what they were computed from: see
    # app/credit_reports/stored.py. Recomputed when the key changes, not on every view.
    analysis: str | None = Field(default=None, sa_column=Column(EncryptedText, nullable=True))
    analysis_key: str = Field(default="", max_length=64)


class ReportMark(SQLModel, table=True):
    """An item the person says is not theirs ("not-mine") or does not recognise ("unrecognised")."""

    __tablename__ = "report_marks"
    __table_args__ = (UniqueConstraint("case_id", "item_key"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspaces.id", ondelete="CASCADE", index=True)
    case_id: int = Field(foreign_key="cases.id", ondelete="CASCADE")
    item_key: str = Field(max_length=40)
    mark: str = Field(max_length=16)
    created_by_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow)
