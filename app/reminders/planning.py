"""Planning: which reminder rows should exist, from the stored deadlines, and who is told.

`plan()` is idempotent: it adds the reminders that are missing and removes the pending ones whose
deadline moved or disappeared (a removed row can come back if the deadline moves back, which a
row kept as "failed" would block through the unique constraint). Clinic members also get a daily
digest of their overdue and coming deadlines.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import delete, text
from sqlmodel import Session, col, select

from app.cases.models import Case, CaseAssignment
from app.config import Settings
from app.db import is_postgres
from app.proceedings.models import Proceeding, ProceedingDeadline
from app.reminders.models import Reminder
from app.rules import get_procedure
from app.workspaces.models import Member, Role, Workspace, WorkspaceKind

SEND_HOUR = time(8, 0, tzinfo=UTC)
DIGEST_DAYS = 7
# Names the advisory lock that serialises planners on PostgreSQL (SQLite serialises writers itself).
_PG_PLAN_LOCK = 0x5245_4D49


def days_before(settings: Settings | None) -> list[int]:
    raw = str(getattr(settings, "reminder_days_before", "3,0"))
    days = {int(part) for part in raw.replace(" ", "").split(",") if part.strip().lstrip("-").isdigit()}
    return sorted((d for d in days if d >= 0), reverse=True)


def _at(day: date) -> datetime:
    return datetime.combine(day, SEND_HOUR)


def procedure_title(proceeding: Proceeding) -> str:
    try:
        return get_procedure(proceeding.procedure_id).title
    except ValueError:  # UnknownProcedure: a procedure retired from the registry
        return proceeding.procedure_id


# ---- who is told ----------------------------------------------------------------------------

def _may_see(member: Member, case: Case) -> bool:
    """tenancy.visible_cases for one member and one case (volunteers see assigned cases only)."""
    if member.workspace_id != case.workspace_id:
        return False
    if member.role == Role.client:
        return member.consumer_id == case.consumer_id
    return True


def recipients_for(session: Session, case: Case) -> list[Member]:
    """The members assigned to the case who may see it; if none, the workspace's owners."""
    assigned = session.exec(select(Member).join(CaseAssignment, col(CaseAssignment.member_id) == Member.id)
                            .where(CaseAssignment.case_id == case.id).order_by(Member.id)).all()
    members = [m for m in assigned if _may_see(m, case)]
    if not members:
        members = list(session.exec(select(Member).where(Member.workspace_id == case.workspace_id,
                                                         Member.role == Role.owner).order_by(Member.id)).all())
    return members


# ---- deadline reminders ---------------------------------------------------------------------

@dataclass
class PlanResult:
    created: int = 0
    removed: int = 0


Slot = tuple[int, int, str, str, date]  # user_id, proceeding_id, kind, due_key, due_date


def _slots(deadline: ProceedingDeadline, days: list[int]) -> list[tuple[str, datetime]]:
    due = deadline.due
    out = [("before" if n else "due", _at(due - timedelta(days=n))) for n in days]
    out.append(("overdue", _at((deadline.overdue_after or due) + timedelta(days=1))))
    return out


def _open_deadlines(session: Session):
    return session.exec(
        select(ProceedingDeadline, Proceeding, Case)
        .join(Proceeding, col(Proceeding.id) == ProceedingDeadline.proceeding_id)
        .join(Case, col(Case.id) == Proceeding.case_id)
        .where(Proceeding.state != "closed", col(ProceedingDeadline.applies).is_(True),
               col(ProceedingDeadline.due).is_not(None))
        .order_by(ProceedingDeadline.proceeding_id, ProceedingDeadline.key)).all()


def plan(session: Session, *, today: date, settings: Settings | None = None) -> PlanResult:
    """Create missing deadline and digest reminders, remove pending ones that no longer apply."""
    if is_postgres(session):
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_PLAN_LOCK})
    days = days_before(settings)
    oldest = _at(today - timedelta(days=1))  # a send day more than a day gone is history, not news
    wanted: dict[Slot, tuple[int, datetime]] = {}
    recipients: dict[int, list[Member]] = {}
    for deadline, proceeding, case in _open_deadlines(session):
        if case.id not in recipients:
            recipients[case.id] = recipients_for(session, case)
        for member in recipients[case.id]:
            for kind, send_after in _slots(deadline, days):
                slot = (member.user_id, proceeding.id, kind, deadline.key, deadline.due)
                wanted[slot] = (proceeding.workspace_id, send_after)
    result = PlanResult()
    result.removed = _remove_stale(session, wanted, today)
    existing = {_slot(r) for r in session.exec(select(Reminder).where(col(Reminder.proceeding_id).is_not(None)))}
    for slot, (workspace_id, send_after) in wanted.items():
        if slot in existing or send_after < oldest:
            continue
        user_id, proceeding_id, kind, key, due = slot
        session.add(Reminder(workspace_id=workspace_id, user_id=user_id, proceeding_id=proceeding_id, kind=kind,
                             due_key=key, due_date=due, send_after=send_after))
        result.created += 1
    result.created += _plan_digests(session, today=today)
    session.flush()
    return result


def _slot(r: Reminder) -> Slot:
    return (r.user_id, r.proceeding_id, r.kind, r.due_key, r.due_date)


def _remove_stale(session: Session, wanted: dict, today: date) -> int:
    """Pending reminders whose deadline moved, vanished or closed, or whose member is no longer
    told, are deleted (never sent, so nothing is lost); so are digests older than yesterday.
    Rows being sent ("sending") are left to their runner."""
    pending = session.exec(select(Reminder).where(Reminder.status == "pending")).all()
    gone = [r.id for r in pending
            if (r.kind != "digest" and _slot(r) not in wanted)
            or (r.kind == "digest" and r.due_date is not None and r.due_date < today - timedelta(days=1))]
    if gone:
        session.exec(delete(Reminder).where(col(Reminder.id).in_(gone), Reminder.status == "pending"))
    return len(gone)


# ---- the daily digest (clinics only) --------------------------------------------------------

@dataclass
class DigestLine:
    proceeding_id: int
    case_number: str
    procedure: str
    recipient_name: str
    label: str
    due: date
    estimated: bool
    overdue: bool


def _digest_map(session: Session, *, today: date) -> dict[tuple[int, int], list[DigestLine]]:
    """(user_id, workspace_id) -> that member's overdue and due-within-7-days proceedings, one line
    each (the most urgent deadline), for the members who would get the reminders."""
    lines: dict[tuple[int, int], dict[int, DigestLine]] = {}
    recipients: dict[int, list[Member]] = {}
    for deadline, proceeding, case in _open_deadlines(session):
        overdue = (deadline.overdue_after or deadline.due) < today
        if not overdue and deadline.due > today + timedelta(days=DIGEST_DAYS):
            continue
        if case.id not in recipients:
            recipients[case.id] = recipients_for(session, case)
        line = DigestLine(proceeding.id, case.number, procedure_title(proceeding), proceeding.recipient_name,
                          deadline.label, deadline.due, deadline.estimated, overdue)
        for member in recipients[case.id]:
            mine = lines.setdefault((member.user_id, member.workspace_id), {})
            current = mine.get(proceeding.id)
            if current is None or (line.overdue, -line.due.toordinal()) > (current.overdue, -current.due.toordinal()):
                mine[proceeding.id] = line
    return {k: sorted(v.values(), key=lambda x: (not x.overdue, x.due, x.proceeding_id)) for k, v in lines.items()}


def digest_lines(session: Session, *, user_id: int, workspace_id: int, today: date) -> list[DigestLine]:
    return _digest_map(session, today=today).get((user_id, workspace_id), [])


def _plan_digests(session: Session, *, today: date) -> int:
    members = session.exec(select(Member).join(Workspace, col(Workspace.id) == Member.workspace_id)
                           .where(Workspace.kind == WorkspaceKind.clinic, Member.role != Role.client)).all()
    existing = set(session.exec(select(Reminder.user_id, Reminder.workspace_id).where(
        Reminder.kind == "digest", Reminder.due_date == today)).all())
    digests = _digest_map(session, today=today)
    created = 0
    for member in members:
        if (member.user_id, member.workspace_id) in existing or not digests.get((member.user_id, member.workspace_id)):
            continue
        session.add(Reminder(workspace_id=member.workspace_id, user_id=member.user_id, kind="digest",
                             due_date=today, send_after=_at(today)))
        created += 1
    return created
