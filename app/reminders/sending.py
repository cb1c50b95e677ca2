"""Sending: each due reminder is claimed with a lease, the lease is checked again just before the
email goes out, and the outcome is recorded, so that any number of runners (`recourse remind` from
cron, the scheduler inside every server worker) deliver each reminder exactly once.

A runner handles one reminder at a time:

1. Claim. One conditional UPDATE, committed at once, turns a due "pending" row (or a "sending" row
   whose lease ran out: its runner died or stalled) into "sending", held by this run (`claimed_by`,
   an id unique to the run) until `lease_until` = now + LEASE. When two runners race for a row the
   database lets exactly one UPDATE match. A run holds one lease at a time, so a long run never
   sits on rows it has not reached yet.
2. Render the email (nothing is sent for a deadline that moved or closed).
3. Renew, immediately before talking to SMTP: a conditional UPDATE extends the lease only if this
   run still holds it and it has not run out. If no row matches, the lease was taken over (or the
   row is gone) and this runner sends nothing. This stops a runner that stalled past its lease.
4. Send, with a hard limit (SEND_TIMEOUT) on the whole SMTP conversation, well inside the renewed
   lease: no other runner can claim the row while this send may still be running, as long as the
   runners' clocks agree to within LEASE_MARGIN.
5. Record "sent" if this run still holds the row. If the send succeeded but the lease was taken
   over meanwhile (only possible if this process was suspended for minutes or the clocks disagree),
   the row is marked "sent" anyway, because it was: the runner that took it over then fails its own
   step 3 and sends nothing (if it had already passed step 3, the person gets two emails; logged).
   A failed send goes back to "pending" with a later `send_after` (never lost) until MAX_ATTEMPTS,
   then "failed"; only the holder records that.

A mail server that takes the message but never confirms it leaves the outcome unknown; the
reminder is retried (a missed deadline costs more than a repeated email) with the same Message-ID,
which most mail systems use to show the message once.
"""

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import and_, or_, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app import mail
from app.clock import Clock, utcnow
from app.config import Settings
from app.reminders import messages
from app.reminders.models import Reminder
from app.reminders.planning import PlanResult, plan

log = logging.getLogger("recourse.reminders")

LEASE = timedelta(minutes=5)
SEND_TIMEOUT = 60.0  # seconds for one whole SMTP conversation (app.mail enforces it)
# What the lease must have left beyond the send: recording the outcome, clocks that disagree.
LEASE_MARGIN = timedelta(minutes=2)
RETRY_STEP = timedelta(minutes=15)
MAX_ATTEMPTS = 5
CANDIDATES = 5  # rows looked at per claim, so that racing runners skip past each other's claims


@dataclass
class SendResult:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    skipped: int = 0
    lost: int = 0  # lease taken over by another runner before the send: that runner sends it
    errors: list[str] = field(default_factory=list)


SessionFactory = Callable[[], Session]


def session_factory(engine_or_factory: Engine | SessionFactory) -> SessionFactory:
    if isinstance(engine_or_factory, Engine):
        return lambda: Session(engine_or_factory, expire_on_commit=False)
    return engine_or_factory


def new_claim_id(runner_id: str) -> str:
    """Unique to one run, so two runs that share a runner id (same host name and pid in two
    containers) still never mistake each other's claims for their own."""
    return f"{runner_id[:71]}/{secrets.token_hex(4)}"


def _claimable(now: datetime):
    return or_(and_(Reminder.status == "pending", Reminder.send_after <= now),
               and_(Reminder.status == "sending", Reminder.lease_until < now))


def _held(claim_id: str):
    return and_(Reminder.status == "sending", Reminder.claimed_by == claim_id)


def _update(session: Session, reminder_id: int, condition, **values) -> bool:
    """One conditional UPDATE in its own committed transaction; True if it changed the row."""
    # SQLite: take the write lock at BEGIN (see app/db.py); a no-op option on PostgreSQL.
    session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
    result = session.execute(update(Reminder).where(Reminder.id == reminder_id, condition).values(**values)
                             .execution_options(synchronize_session=False))
    session.commit()
    return result.rowcount == 1


def claim_next(session: Session, *, claim_id: str, now: datetime) -> Reminder | None:
    """Claim one due reminder for `claim_id` until now + LEASE, or None if none is due.

    Unlike other services this one commits: a claim must be visible to the other runners before
    the email goes out."""
    for _ in range(100):  # each pass that finds rows but claims none means others claimed them
        ids = list(session.exec(select(Reminder.id).where(_claimable(now))
                                .order_by(Reminder.send_after, Reminder.id).limit(CANDIDATES)).all())
        session.commit()  # end the read before writing (SQLite: no read-to-write lock upgrade)
        if not ids:
            return None
        for reminder_id in ids:
            if _update(session, reminder_id, _claimable(now), status="sending", claimed_by=claim_id,
                       claimed_at=now, lease_until=now + LEASE):
                reminder = session.exec(select(Reminder).where(Reminder.id == reminder_id)
                                        .execution_options(populate_existing=True)).one()
                session.commit()
                return reminder
    return None


def _message_id(settings: Settings, reminder: Reminder) -> str:
    # The same on every attempt, different for every row (created_at too: a database set up again
    # starts its ids again).
    host = urlsplit(settings.base_url).hostname or "localhost"
    return f"<reminder-{reminder.id}-{reminder.created_at:%Y%m%d%H%M%S%f}@{host}>"


def deliver(session: Session, settings: Settings, reminder: Reminder, *, claim_id: str, clock: Clock,
            result: SendResult) -> None:
    """Steps 2 to 5 of the module docstring for one reminder claimed by `claim_id`."""
    message = messages.render(session, settings, reminder)
    session.commit()  # release the read snapshot before talking to SMTP
    if message is None:
        if _update(session, reminder.id, _held(claim_id), status="failed", last_error="deadline changed",
                   lease_until=None):
            result.skipped += 1
        return
    now = clock()
    if not _update(session, reminder.id, and_(_held(claim_id), Reminder.lease_until > now), lease_until=now + LEASE):
        log.warning("Reminder %s not sent by %s: its lease ran out and another runner took it over",
                    reminder.id, claim_id)
        result.lost += 1
        return
    if (now + LEASE - LEASE_MARGIN - clock()).total_seconds() < SEND_TIMEOUT:
        # The renewal itself took minutes (a stalled database): too little lease is left for a full
        # send. The row is left for when its lease runs out.
        log.warning("Reminder %s not sent by %s: too little of its lease left", reminder.id, claim_id)
        result.lost += 1
        return
    try:
        mail.send(settings, to=message.to, subject=message.subject, body=message.body, timeout=SEND_TIMEOUT,
                  message_id=_message_id(settings, reminder))
    except mail.MailError as exc:
        _record_failure(session, reminder, claim_id, clock(), str(exc), result)
        return
    _record_sent(session, reminder, claim_id, clock())
    result.sent += 1


def _record_sent(session: Session, reminder: Reminder, claim_id: str, now: datetime) -> None:
    values = {"status": "sent", "sent_at": now, "attempts": Reminder.attempts + 1, "last_error": "",
              "lease_until": None}
    if _update(session, reminder.id, _held(claim_id), **values):
        return
    # The lease was taken over while the email was going out. It did go out, so the row says so:
    # the runner that took the row over then finds it "sent" when it renews, and sends nothing.
    note = f"sent by {claim_id} after its lease was taken over"
    recorded = _update(session, reminder.id, Reminder.status != "sent", **{**values, "claimed_by": claim_id,
                                                                           "last_error": note})
    log.warning("Reminder %s was sent by %s after its lease was taken over (%s)", reminder.id, claim_id,
                "recorded as sent" if recorded else "the other runner had already sent it")


def _record_failure(session: Session, reminder: Reminder, claim_id: str, now: datetime, error: str,
                    result: SendResult) -> None:
    attempts = reminder.attempts + 1
    result.errors.append(error)
    if attempts >= MAX_ATTEMPTS:
        log.error("Reminder %s (%s) failed for good after %s attempts: %s", reminder.id, reminder.kind, attempts, error)
        if _update(session, reminder.id, _held(claim_id), status="failed", attempts=attempts,
                   last_error=error[:2000], lease_until=None):
            result.failed += 1
        return
    retry_at = now + RETRY_STEP * attempts
    log.warning("Reminder %s (%s) not sent (attempt %s), retrying after %s: %s", reminder.id, reminder.kind,
                attempts, retry_at.isoformat(), error)
    if _update(session, reminder.id, _held(claim_id), status="pending", attempts=attempts, last_error=error[:2000],
               send_after=retry_at, claimed_by="", claimed_at=None, lease_until=None):
        result.retrying += 1


def send_due(engine_or_factory: Engine | SessionFactory, settings: Settings, *, runner_id: str,
             clock: Clock = utcnow, limit: int = 100) -> SendResult:
    """Claim, send and record due reminders one at a time, up to `limit` of them."""
    make_session = session_factory(engine_or_factory)
    claim_id = new_claim_id(runner_id)
    result = SendResult()
    with make_session() as session:
        for _ in range(limit):
            reminder = claim_next(session, claim_id=claim_id, now=clock())
            if reminder is None:
                break
            deliver(session, settings, reminder, claim_id=claim_id, clock=clock, result=result)
    return result


def run_once(engine: Engine, settings: Settings, *, runner_id: str,
             clock: Clock = utcnow) -> tuple[PlanResult, SendResult]:
    """Plan, then send: what `recourse remind` and the server's scheduler loop do each time."""
    with Session(engine, expire_on_commit=False) as session:
        session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
        planned = plan(session, today=clock().date(), settings=settings)
        session.commit()
    return planned, send_due(engine, settings, runner_id=runner_id, clock=clock)
