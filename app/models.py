"""Every domain's tables, imported once so SQLModel.metadata is complete (Alembic, tests)."""

from sqlalchemy import Integer

from app.accounts.models import (
    AuthSession,
    LoginAttempt,
    MailRequest,
    PasswordReset,
    SignupRequest,
    User,
)
from app.api.models import ApiToken
from app.audit.models import AuditEntry
from app.cases.models import Case, CaseAssignment, CaseNote
from app.consumers.models import Address, Consumer
from app.credit_reports.models import CreditReport, ReportMark
from app.db import metadata
from app.documents.models import Document, LetterEnclosure
from app.journeys.models import Plan, PlanStep
from app.letters.models import Letter, LetterOverride
from app.proceedings.models import (
    ItemOutcome,
    Proceeding,
    ProceedingDeadline,
    ProceedingEvent,
    ProceedingItem,
)
from app.recipients.models import Recipient
from app.reminders.models import CalendarToken, Reminder
from app.workspaces.models import Invitation, Member, Workspace

# SQLite never reuses an id (AUTOINCREMENT), as PostgreSQL's sequences do not: a new client must not
# inherit a deleted client's id and, with it, their audit entries. New tables get it from here when
# a migration is generated; migration 5d1c0a7e2b9f rebuilt the older ones.
for _table in metadata.sorted_tables:
    if _table.name != "audit_entries" and "id" in _table.c and isinstance(_table.c.id.type, Integer):
        _table.dialect_options["sqlite"]["autoincrement"] = True

__all__ = [
    "ApiToken",
    "CalendarToken", "CreditReport", "Document", "ItemOutcome", "LetterEnclosure", "Proceeding", "ProceedingDeadline",
    "ProceedingEvent", "ProceedingItem", "Reminder",
    "Address", "AuditEntry", "AuthSession", "Case", "CaseAssignment", "CaseNote", "Consumer",
    "Invitation", "Letter", "Plan", "PlanStep", "LetterOverride", "LoginAttempt", "MailRequest", "Member", "PasswordReset", "Recipient", "ReportMark", "SignupRequest", "User",
    "Workspace", "metadata",
]
