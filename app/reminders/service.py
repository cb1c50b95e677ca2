"""Reminders: plan rows from the stored deadlines, claim them with a conditional UPDATE, send them.

`plan()` is idempotent: it adds the reminders that are missing and removes the pending ones whose
deadline moved or disappeared (a removed row can come back if the deadline moves back, which a
row kept as "failed" would block through the unique constraint). `claim()` flips one row at a time
from "pending" to "sending" with `UPDATE ... WHERE status = 'pending'` and commits, so of two
runners (cron and the server loop) exactly one sees rowcount == 1. A failed send goes back to
"pending" with a later `send_after` (never lost) until MAX_ATTEMPTS, then "failed".

Emails carry no SSN, date of birth or account number: only the case number, procedure title,
recipient name, the deadline's label, citation and date, and a link to the proceeding.
"""

import hashlib
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event
from sqlalchemy import and_, delete, or_, text, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from app import mail
from app.accounts.models import User
from app.audit import service as audit
from app.cases.models import Case, CaseAssignment
from app.clock import utcnow
from app.config import Settings
from app.db import is_postgres
from app.proceedings.models import Proceeding, ProceedingDeadline
from app.reminders.models import CalendarToken, Reminder
from app.rules import get_procedure
from app.tenancy import Context, visible_cases
from app.workspaces.models import Member, Role, Workspace, WorkspaceKind

log = logging.getLogger("recourse.reminders")

SEND_HOUR = time(8, 0, tzinfo=UTC)
STALE_CLAIM = timedelta(minutes=10)
RETRY_STEP = timedelta(minutes=15)
MAX_ATTEMPTS = 5
DIGEST_DAYS = 7
# Names the advisory lock that serialises planners on PostgreSQL (SQLite serialises writers itself).
_PG_PLAN_LOCK = 0x5245_4D49


def days_before(settings: Settings | None) -> list[int]:
    raw = str(getattr(settings, "reminder_days_before", "3,0"))
    days = {int(part) for part in raw.replace(" ", "").split(",") if part.strip().lstrip("-").isdigit()}
    return sorted((d for d in days if d >= 0), reverse=True)


def _at(day: date) -> datetime:
    return datetime.combine(day, SEND_HOUR)


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


# ---- planning -------------------------------------------------------------------------------

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
    told, are deleted (never sent, so nothing is lost); so are digests older than yesterday."""
    pending = session.exec(select(Reminder).where(Reminder.status == "pending")).all()
    gone = [r.id for r in pending
            if (r.kind != "digest" and _slot(r) not in wanted)
            or (r.kind == "digest" and r.due_date is not None and r.due_date < today - timedelta(days=1))]
    if gone:
        session.exec(delete(Reminder).where(col(Reminder.id).in_(gone)))
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
        line = DigestLine(proceeding.id, case.number, _procedure_title(proceeding), proceeding.recipient_name,
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


# ---- claiming -------------------------------------------------------------------------------

def _claimable(now: datetime):
    return or_(and_(Reminder.status == "pending", Reminder.send_after <= now),
               and_(Reminder.status == "sending", Reminder.claimed_at < now - STALE_CLAIM))


def _begin_write(session: Session) -> None:
    # SQLite: take the write lock at BEGIN (see app/db.py); a no-op option on PostgreSQL.
    session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})


def claim(session: Session, *, runner_id: str, now: datetime, limit: int = 50) -> list[Reminder]:
    """Claim up to `limit` due reminders, one conditional UPDATE and one commit each.

    Unlike other services this one commits: a claim must be visible to the other runner before
    the email goes out. A "sending" row whose claim is older than STALE_CLAIM (a runner that died
    mid-send) is claimable again; so is a pending row whose retry time has come.
    """
    ids = list(session.exec(select(Reminder.id).where(_claimable(now))
                            .order_by(Reminder.send_after, Reminder.id).limit(limit)).all())
    session.commit()  # end the read before writing (SQLite: no read-to-write lock upgrade)
    claimed = []
    for reminder_id in ids:
        _begin_write(session)
        result = session.execute(
            update(Reminder).where(Reminder.id == reminder_id, _claimable(now))
            .values(status="sending", claimed_by=runner_id[:80], claimed_at=now)
            .execution_options(synchronize_session=False))
        session.commit()
        if result.rowcount == 1:
            claimed.append(reminder_id)
    rows = session.exec(select(Reminder).where(col(Reminder.id).in_(claimed)).order_by(Reminder.id)).all()
    session.commit()
    return list(rows)


# ---- rendering ------------------------------------------------------------------------------

@dataclass
class Message:
    to: str
    subject: str
    body: str


def _procedure_title(proceeding: Proceeding) -> str:
    try:
        return get_procedure(proceeding.procedure_id).title
    except ValueError:  # UnknownProcedure: a procedure retired from the registry
        return proceeding.procedure_id


def proceeding_url(settings: Settings, proceeding_id: int) -> str:
    return f"{settings.base_url.rstrip('/')}/proceedings/{proceeding_id}"


SUBJECTS = {"before": "Deadline on {due}", "due": "Deadline today ({due})", "overdue": "Deadline passed ({due})"}
OPENINGS = {
    "before": "A deadline is coming up on {due}.",
    "due": "A deadline falls today, {due}.",
    "overdue": "A deadline passed on {due} without being marked as met.",
}


def render(session: Session, settings: Settings, reminder: Reminder) -> Message | None:
    """The email for one reminder, or None if there is nothing to say any more."""
    user = session.get(User, reminder.user_id)
    if user is None:
        return None
    if reminder.kind == "digest":
        return _render_digest(session, settings, reminder, user)
    proceeding = session.get(Proceeding, reminder.proceeding_id)
    deadline = session.exec(select(ProceedingDeadline).where(
        ProceedingDeadline.proceeding_id == reminder.proceeding_id, ProceedingDeadline.key == reminder.due_key,
        ProceedingDeadline.due == reminder.due_date, col(ProceedingDeadline.applies).is_(True))).first()
    if proceeding is None or deadline is None or proceeding.state == "closed":
        return None
    case = session.get(Case, proceeding.case_id)
    due = deadline.due.isoformat() + (" (estimated)" if deadline.estimated else "")
    subject = f"[Recourse] Case {case.number}: " + SUBJECTS[reminder.kind].format(due=deadline.due.isoformat())
    body = "\n".join([
        f"Hello {user.name},", "", OPENINGS[reminder.kind].format(due=due), "",
        f"Case: {case.number}",
        f"Procedure: {_procedure_title(proceeding)}",
        f"Recipient: {proceeding.recipient_name or '-'}",
        f"Deadline: {deadline.label}",
        f"Due: {due}",
        f"Legal basis: {deadline.citation or '-'}", "",
        f"Open the proceeding: {proceeding_url(settings, proceeding.id)}", "",
        "You receive this because you work on this case in Recourse.",
    ])
    return Message(user.email, subject, body)


def _render_digest(session: Session, settings: Settings, reminder: Reminder, user: User) -> Message | None:
    lines = digest_lines(session, user_id=user.id, workspace_id=reminder.workspace_id,
                         today=reminder.due_date or reminder.send_after.date())
    if not lines:
        return None
    body = [f"Hello {user.name},", "", "Your deadlines for the coming week:", ""]
    for line in lines:
        status = "OVERDUE since" if line.overdue else "due"
        estimated = " (estimated)" if line.estimated else ""
        body += [f"- Case {line.case_number}: {line.procedure} ({line.recipient_name or '-'})",
                 f"  {line.label}: {status} {line.due.isoformat()}{estimated}",
                 f"  {proceeding_url(settings, line.proceeding_id)}"]
    body += ["", "You receive this daily digest as a member of a clinic in Recourse."]
    overdue = sum(1 for line in lines if line.overdue)
    subject = f"[Recourse] {len(lines)} deadline(s) this week, {overdue} overdue"
    return Message(user.email, subject, "\n".join(body))


# ---- sending --------------------------------------------------------------------------------

@dataclass
class SendResult:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)


SessionFactory = Callable[[], Session]


def session_factory(engine_or_factory: Engine | SessionFactory) -> SessionFactory:
    if isinstance(engine_or_factory, Engine):
        return lambda: Session(engine_or_factory, expire_on_commit=False)
    return engine_or_factory


def _finish(session: Session, reminder_id: int, runner_id: str, **values) -> None:
    """Record the outcome, only if this runner still holds the claim."""
    _begin_write(session)
    session.execute(update(Reminder).where(Reminder.id == reminder_id, Reminder.status == "sending",
                                           Reminder.claimed_by == runner_id[:80])
                    .values(**values).execution_options(synchronize_session=False))
    session.commit()


def send_due(engine_or_factory: Engine | SessionFactory, settings: Settings, *, runner_id: str,
             now: datetime, limit: int = 100) -> SendResult:
    """Claim the due reminders, email each one, and record sent / retry later / failed."""
    make_session = session_factory(engine_or_factory)
    result = SendResult()
    with make_session() as session:
        for reminder in claim(session, runner_id=runner_id, now=now, limit=limit):
            message = render(session, settings, reminder)
            session.commit()  # release the read snapshot before talking to SMTP
            if message is None:
                _finish(session, reminder.id, runner_id, status="failed", last_error="deadline changed")
                result.skipped += 1
                continue
            try:
                mail.send(settings, to=message.to, subject=message.subject, body=message.body)
            except mail.MailError as exc:
                _record_failure(session, reminder, runner_id, now, str(exc), result)
                continue
            _finish(session, reminder.id, runner_id, status="sent", sent_at=now, attempts=reminder.attempts + 1,
                    last_error="")
            result.sent += 1
    return result


def _record_failure(session: Session, reminder: Reminder, runner_id: str, now: datetime, error: str,
                    result: SendResult) -> None:
    attempts = reminder.attempts + 1
    if attempts >= MAX_ATTEMPTS:
        log.error("Reminder %s (%s) failed for good after %s attempts: %s", reminder.id, reminder.kind, attempts, error)
        _finish(session, reminder.id, runner_id, status="failed", attempts=attempts, last_error=error[:2000])
        result.failed += 1
    else:
        retry_at = now + RETRY_STEP * attempts
        log.warning("Reminder %s (%s) not sent (attempt %s), retrying after %s: %s", reminder.id, reminder.kind,
                    attempts, retry_at.isoformat(), error)
        _finish(session, reminder.id, runner_id, status="pending", attempts=attempts, last_error=error[:2000],
                send_after=retry_at, claimed_by="", claimed_at=None)
        result.retrying += 1
    result.errors.append(error)


def run_once(engine: Engine, settings: Settings, *, runner_id: str, now: datetime) -> tuple[PlanResult, SendResult]:
    """Plan, then send: what `recourse remind` and the server's scheduler loop do each time."""
    with Session(engine, expire_on_commit=False) as session:
        _begin_write(session)
        planned = plan(session, today=now.date(), settings=settings)
        session.commit()
    return planned, send_due(engine, settings, runner_id=runner_id, now=now)


# ---- the calendar feed ----------------------------------------------------------------------
# A personal iCalendar feed per user at a secret URL; only the token's SHA-256 is stored.

def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def calendar_token(session: Session, *, user: User) -> CalendarToken | None:
    return session.exec(select(CalendarToken).where(CalendarToken.user_id == user.id)).first()


def regenerate_calendar_token(session: Session, ctx: Context) -> str:
    """Create or replace the user's feed token (the old URL stops working) and return the new one."""
    token = secrets.token_urlsafe(32)
    row = calendar_token(session, user=ctx.user)
    if row is None:
        row = CalendarToken(user_id=ctx.user.id, token_hash=_token_hash(token))
    else:
        row.token_hash, row.created_at = _token_hash(token), utcnow()
    session.add(row)
    session.flush()
    audit.record(session, action="calendar.token_regenerated", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="calendar_token", object_id=row.id, ip=ctx.ip)
    return token


def user_for_calendar_token(session: Session, token: str) -> User | None:
    if not token or len(token) > 100:
        return None
    row = session.exec(select(CalendarToken).where(CalendarToken.token_hash == _token_hash(token))).first()
    return session.get(User, row.user_id) if row else None


def feed_url(settings: Settings, token: str) -> str:
    return f"{settings.base_url.rstrip('/')}/calendar/{token}.ics"


CalendarRow = tuple[ProceedingDeadline, Proceeding, Case]


def _deadline_rows(session: Session, proceeding_filter) -> list[CalendarRow]:
    return list(session.exec(
        select(ProceedingDeadline, Proceeding, Case)
        .join(Proceeding, col(Proceeding.id) == ProceedingDeadline.proceeding_id)
        .join(Case, col(Case.id) == Proceeding.case_id)
        .where(proceeding_filter, col(ProceedingDeadline.applies).is_(True), col(ProceedingDeadline.due).is_not(None))
        .order_by(ProceedingDeadline.due, ProceedingDeadline.proceeding_id, ProceedingDeadline.key)).all())


def user_calendar_rows(session: Session, *, user: User) -> list[CalendarRow]:
    """Deadlines of the open proceedings the user may see, across all their workspaces
    (the same rule as the web pages: tenancy.visible_cases per membership)."""
    rows: list[CalendarRow] = []
    for member, workspace in session.exec(select(Member, Workspace).join(Workspace, col(Workspace.id) == Member.workspace_id)
                                          .where(Member.user_id == user.id).order_by(Member.id)).all():
        visible = visible_cases(Context(user=user, workspace=workspace, member=member)).with_only_columns(Case.id)
        rows += _deadline_rows(session, and_(col(Proceeding.case_id).in_(visible), Proceeding.state != "closed"))
    return rows


def proceeding_calendar_rows(session: Session, proceeding: Proceeding) -> list[CalendarRow]:
    return _deadline_rows(session, Proceeding.id == proceeding.id)


def calendar_ics(settings: Settings, rows: list[CalendarRow], *, name: str = "Recourse deadlines") -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Recourse//Deadlines//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    stamp = utcnow().replace(microsecond=0)
    seen = set()
    for deadline, proceeding, case in rows:
        # Deadline rows are rewritten on every recompute (new ids), so the UID rests on what
        # identifies the deadline: its proceeding and key. Calendar apps then update, not duplicate.
        uid = f"deadline-{proceeding.id}-{deadline.key}@recourse"
        if uid in seen:
            continue
        seen.add(uid)
        cal.add_component(_event(settings, deadline, proceeding, case, uid, stamp))
    return cal.to_ical()


def _event(settings: Settings, deadline: ProceedingDeadline, proceeding: Proceeding, case: Case, uid: str,
           stamp: datetime) -> Event:
    estimated = " (estimated)" if deadline.estimated else ""
    summary = f"Case {case.number}: {deadline.label}{estimated}"
    url = proceeding_url(settings, proceeding.id)
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", deadline.due)  # a date: VALUE=DATE, an all-day event
    event.add("dtend", deadline.due + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", "\n\n".join(part for part in (
        f"{_procedure_title(proceeding)}" + (f" - {proceeding.recipient_name}" if proceeding.recipient_name else ""),
        deadline.explanation, deadline.citation and f"Legal basis: {deadline.citation}", url) if part))
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", timedelta(days=-1))
    event.add_component(alarm)
    return event
