"""Accounts: sign-up, sign-in with throttling, server-side sessions, password reset."""

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, delete, func, or_, select

from app import mail
from app.accounts import passwords
from app.accounts.models import AuthSession, LoginAttempt, MailRequest, PasswordReset, User
from app.audit import service as audit
from app.clock import utcnow
from app.config import Settings
from app.errors import Invalid

# Throttling: after FREE_FAILURES failed sign-ins within WINDOW (per account or per IP address),
# each further attempt must wait BASE_DELAY, doubling per failure, capped at MAX_DELAY.
FREE_FAILURES = 5
WINDOW = timedelta(minutes=30)
BASE_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(minutes=15)
log = logging.getLogger("recourse")
# Emails a visitor who is not signed in can make us send (password reset, sign-up): at most
# MAIL_PER_ADDRESS to one address and MAIL_PER_IP from one IP address within MAIL_WINDOW.
MAIL_WINDOW = timedelta(minutes=15)
MAIL_PER_ADDRESS = 3
MAIL_PER_IP = 10
# last_seen_at is written at most this often, so every page view does not write to the DB.
TOUCH_EVERY = timedelta(minutes=1)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_email(raw: str) -> str:
    try:
        return validate_email(raw.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise Invalid({"email": "Enter a valid email address, like name@example.org."}) from exc


def users_exist(session: Session) -> bool:
    return session.exec(select(User.id).limit(1)).first() is not None


def account_field_errors(*, email: str, name: str, password: str) -> tuple[str, dict[str, str]]:
    """The normalised email and what is wrong with the fields, without looking at existing accounts."""
    errors: dict[str, str] = {}
    try:
        email = normalise_email(email)
    except Invalid as exc:
        errors.update(exc.errors)
    if not name.strip():
        errors["name"] = "Enter your name."
    elif len(name) > 200:
        errors["name"] = "Use at most 200 characters."
    if (why := passwords.problem(password, email=email)) is not None:
        errors["password"] = why
    return email, errors


def find_user(session: Session, email: str) -> User | None:
    return session.exec(select(User).where(User.email == email.strip().lower()[:254])).first()


def create_user(
    session: Session, *, email: str, name: str, password: str, language: str = "en",
    is_admin: bool = False, ip: str = "",
) -> User:
    """For first-run setup and invitations, where the person proved the address (or nobody exists yet):
    saying that an account exists gives nothing away there. Open sign-up goes through app.accounts.signup."""
    email, errors = account_field_errors(email=email, name=name, password=password)
    if "email" not in errors and find_user(session, email) is not None:
        errors["email"] = "An account with this email already exists. Sign in instead."
    if errors:
        raise Invalid(errors)
    return add_user(session, email=email, name=name, password_hash=passwords.hash_password(password),
                    language=language, is_admin=is_admin, ip=ip)


def add_user(session: Session, *, email: str, name: str, password_hash: str, language: str, is_admin: bool = False,
             ip: str = "") -> User:
    user = User(email=email, name=name.strip(), password_hash=password_hash, language=language, is_admin=is_admin)
    session.add(user)
    session.flush()
    audit.record(session, action="user.created", actor_id=user.id, object_type="user", object_id=user.id, ip=ip)
    return user


class TooManyEmails(Exception):
    """Too many emails asked for, for this address or from this IP address, in a short time."""


def allow_mail(session: Session, *, purpose: str, email: str, ip: str) -> None:
    """Count one email a visitor asked for, or raise TooManyEmails. Counted whether or not the
    address has an account, so the limit itself says nothing about which addresses exist."""
    now = utcnow()
    session.exec(delete(MailRequest).where(MailRequest.at < now - MAIL_WINDOW))
    for column, value, limit in ((MailRequest.email, email, MAIL_PER_ADDRESS), (MailRequest.ip, ip, MAIL_PER_IP)):
        count = session.exec(select(func.count()).where(column == value, MailRequest.at > now - MAIL_WINDOW)).one()
        if count >= limit:
            raise TooManyEmails()
    session.add(MailRequest(purpose=purpose, email=email, ip=ip[:64], at=now))


@dataclass
class Throttle:
    blocked: bool
    wait_seconds: int = 0


def _delay_for(failures: int) -> timedelta:
    if failures < FREE_FAILURES:
        return timedelta(0)
    # Cap the exponent too: thousands of failures must not overflow timedelta.
    return min(BASE_DELAY * (2 ** min(failures - FREE_FAILURES, 16)), MAX_DELAY)


def throttle(session: Session, *, email: str, ip: str) -> Throttle:
    now = utcnow()
    worst = timedelta(0)
    for column, value in ((LoginAttempt.email, email), (LoginAttempt.ip, ip)):
        failures, last = session.exec(
            select(func.count(), func.max(LoginAttempt.at)).where(
                column == value, LoginAttempt.success == False,  # noqa: E712
                LoginAttempt.at > now - WINDOW,
            )
        ).one()
        if last is not None:
            wait = last + _delay_for(failures) - now
            worst = max(worst, wait)
    if worst > timedelta(0):
        return Throttle(True, int(worst.total_seconds()) + 1)
    return Throttle(False)


class SignInError(Exception):
    def __init__(self, message: str, wait_seconds: int = 0):
        super().__init__(message)
        self.wait_seconds = wait_seconds


def authenticate(session: Session, *, email: str, password: str, ip: str) -> User:
    email = email.strip().lower()[:254]
    state = throttle(session, email=email, ip=ip)
    if state.blocked:
        raise SignInError("Too many failed sign-ins.", state.wait_seconds)
    user = session.exec(select(User).where(User.email == email)).first()
    ok = passwords.verify_password(user.password_hash if user else None, password)
    session.add(LoginAttempt(email=email, ip=ip, success=ok))
    if not ok:
        audit.record(session, action="signin.failed", actor_id=user.id if user else None,
                     object_type="user", object_id=user.id if user else None, ip=ip)
        raise SignInError("Wrong email or password.")
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    # A successful sign-in clears the account's failure count.
    session.exec(delete(LoginAttempt).where(LoginAttempt.email == email, LoginAttempt.success == False))  # noqa: E712
    audit.record(session, action="signin", actor_id=user.id, object_type="user", object_id=user.id, ip=ip)
    return user


def start_session(session: Session, *, user: User, settings: Settings, old_token: str | None = None) -> str:
    """Create a new server-side session (rotating away any previous one); returns the cookie value."""
    if old_token:
        end_session(session, old_token)
    _purge_expired_sessions(session, settings)
    token = secrets.token_urlsafe(32)
    session.add(AuthSession(id=token_hash(token), user_id=user.id))
    session.flush()
    return token


def _purge_expired_sessions(session: Session, settings: Settings) -> None:
    now = utcnow()
    session.exec(delete(AuthSession).where(or_(
        AuthSession.last_seen_at < now - timedelta(minutes=settings.session_idle_minutes),
        AuthSession.created_at < now - timedelta(days=settings.session_max_days),
    )))


def end_session(session: Session, token: str) -> None:
    session.exec(delete(AuthSession).where(AuthSession.id == token_hash(token)))


def sign_out(session: Session, *, token: str, ip: str) -> None:
    row = session.get(AuthSession, token_hash(token))
    if row is None:
        return
    session.delete(row)
    audit.record(session, action="signout", actor_id=row.user_id, object_type="user", object_id=row.user_id, ip=ip)


def session_state(created_at, last_seen_at, settings: Settings, now) -> str:
    """"expired" (idle too long or too old), "stale" (last seen over TOUCH_EVERY ago: refresh it)
    or "fresh"."""
    if (now - last_seen_at > timedelta(minutes=settings.session_idle_minutes)
            or now - created_at > timedelta(days=settings.session_max_days)):
        return "expired"
    return "stale" if now - last_seen_at > TOUCH_EVERY else "fresh"


def signed_in_session(session: Session, token: str, settings: Settings, *,
                      touch_apart: bool = False) -> tuple[AuthSession, User] | None:
    """The live session and its user, or None. The session's last-seen time is refreshed at most once
    a minute: in the request's own transaction when it writes anyway (touch_apart=False), otherwise in
    a short transaction of its own that may fail without failing the page (touch_apart=True, for GETs)."""
    # The session and its user in one query (issue 15: every signed-in request pays for this).
    found = session.exec(select(AuthSession, User).join(User, col(User.id) == AuthSession.user_id)
                         .where(AuthSession.id == token_hash(token))).first()
    if found is None:
        return None
    row, user = found
    now = utcnow()
    state = session_state(row.created_at, row.last_seen_at, settings, now)
    if state == "expired":
        return None  # removed by the clean-up in start_session (a delete here could be rolled back)
    if state == "stale":
        if not touch_apart:
            row.last_seen_at = now
        elif _touch_apart(session.get_bind(), row.id, now):
            set_committed_value(row, "last_seen_at", now)  # what the database now holds; nothing to flush
    return row, user


def user_for_token(session: Session, token: str, settings: Settings, *, touch_apart: bool = False) -> User | None:
    """The signed-in user, or None (see signed_in_session)."""
    found = signed_in_session(session, token, settings, touch_apart=touch_apart)
    return found[1] if found else None


def _touch_apart(engine: Engine, session_id: str, now) -> bool:
    # A GET's read transaction cannot safely upgrade to a write on SQLite ("database is locked" when
    # another writer got there first), so the refresh is its own short write, allowed to fail.
    try:
        with engine.connect() as conn:
            # Outside any transaction (the sqlite3 module's own autocommit): wait at most a second.
            raw = conn.connection.dbapi_connection if conn.dialect.name == "sqlite" else None
            if raw is not None:
                raw.execute("PRAGMA busy_timeout=1000")
            try:
                with conn.execution_options(sqlite_begin="IMMEDIATE").begin():
                    conn.execute(update(AuthSession).where(
                        AuthSession.id == session_id, AuthSession.last_seen_at < now - TOUCH_EVERY,
                    ).values(last_seen_at=now))
            finally:
                if raw is not None:
                    raw.execute("PRAGMA busy_timeout=30000")
    except SQLAlchemyError:
        log.warning("could not refresh a session's last-seen time; the next request will", exc_info=True)
        return False
    return True


def new_reset_link(session: Session, *, user: User, settings: Settings) -> str:
    token = secrets.token_urlsafe(32)
    session.add(PasswordReset(user_id=user.id, token_hash=token_hash(token),
                              expires_at=utcnow() + timedelta(minutes=settings.password_reset_minutes)))
    return f"{settings.base_url.rstrip('/')}/password/reset/{token}"


def request_password_reset(session: Session, *, email: str, settings: Settings, ip: str) -> None:
    """Queues a reset email when the account exists. Raises TooManyEmails past the limit; otherwise
    the visitor is told the same thing either way, and the email leaves after the response."""
    try:
        email = normalise_email(email)
    except Invalid:
        return  # no such address can have an account; nothing to send or count
    allow_mail(session, purpose="reset", email=email, ip=ip)
    user = find_user(session, email)
    if user is None:
        return
    link = new_reset_link(session, user=user, settings=settings)
    mail.queue(session, mail.compose("password_reset", user.language, to=user.email, link=link,
                                     minutes=settings.password_reset_minutes))
    audit.record(session, action="password.reset_requested", actor_id=user.id, object_type="user",
                 object_id=user.id, ip=ip)


def valid_reset(session: Session, token: str) -> PasswordReset | None:
    reset = session.exec(select(PasswordReset).where(PasswordReset.token_hash == token_hash(token))).first()
    if reset is None or reset.used_at is not None or reset.expires_at < utcnow():
        return None
    return reset


def reset_password(session: Session, *, token: str, password: str, ip: str) -> User:
    reset = valid_reset(session, token)
    if reset is None:
        raise Invalid({"token": "This reset link has expired or was already used. Ask for a new one."})
    user = session.get(User, reset.user_id)
    if (why := passwords.problem(password, email=user.email)) is not None:
        raise Invalid({"password": why})
    user.password_hash = passwords.hash_password(password)
    reset.used_at = utcnow()
    # Every other reset link and every signed-in session of this account stops working.
    session.exec(delete(PasswordReset).where(PasswordReset.user_id == user.id, col(PasswordReset.used_at).is_(None)))
    session.exec(delete(AuthSession).where(AuthSession.user_id == user.id))
    audit.record(session, action="password.reset", actor_id=user.id, object_type="user", object_id=user.id, ip=ip)
    return user
