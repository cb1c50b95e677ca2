"""Calendar feeds: a personal iCalendar feed per user at a secret URL (only the token's SHA-256
is stored), and one proceeding's deadlines as an .ics download."""

import hashlib
import secrets
from datetime import datetime, timedelta

from icalendar import Alarm, Calendar, Event
from sqlalchemy import and_
from sqlmodel import Session, col, select

from app import i18n, messages
from app.accounts.models import User
from app.audit import service as audit
from app.cases.models import Case
from app.clock import utcnow
from app.config import Settings
from app.proceedings.models import Proceeding, ProceedingDeadline
from app.reminders.messages import proceeding_url
from app.reminders.models import CalendarToken
from app.reminders.planning import procedure_title
from app.tenancy import Context, visible_cases
from app.workspaces.models import Member, Workspace


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


def calendar_ics(settings: Settings, rows: list[CalendarRow], *, name: str = "Recourse deadlines",
                 lang: str = i18n.DEFAULT) -> bytes:
    """The feed in `lang`: the owner's saved language for the personal feed (fetched by a calendar
    app, without a session), the reader's for a download. Legal citations stay as written."""
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
        cal.add_component(_event(settings, deadline, proceeding, case, uid, stamp, lang))
    return cal.to_ical()


def _event(settings: Settings, deadline: ProceedingDeadline, proceeding: Proceeding, case: Case, uid: str,
           stamp: datetime, lang: str = i18n.DEFAULT) -> Event:
    translate = i18n.translate
    summary = translate(lang, "Case %(number)s: %(label)s (estimated)" if deadline.estimated else "Case %(number)s: %(label)s",
                        number=case.number, label=translate(lang, deadline.label))
    explanation = (messages.render(messages.load(deadline.explanation_parts), lang)
                   if deadline.explanation_parts and deadline.explanation_parts != "[]" else deadline.explanation)
    url = proceeding_url(settings, proceeding.id)
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", deadline.due)  # a date: VALUE=DATE, an all-day event
    event.add("dtend", deadline.due + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", "\n\n".join(part for part in (
        translate(lang, procedure_title(proceeding)) + (f" - {proceeding.recipient_name}" if proceeding.recipient_name else ""),
        explanation, deadline.citation and translate(lang, "Legal basis: %(citation)s", citation=deadline.citation), url) if part))
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", timedelta(days=-1))
    event.add_component(alarm)
    return event
