"""Open sign-up with a confirmed email address.

The sign-up page answers the same way, in about the same time, whether or not the address already
has an account: both paths hash the password, count one email against the limits and queue one
email (sent after the response). A new address gets a link to confirm it; an address that already
has an account gets a "you already have an account" email with a sign-in and a reset link. No user
exists until the link is followed and the password entered again, so a stranger who signs up with
someone else's address can neither lock them out nor hand them an account whose password the
stranger knows.

First-run setup and invitations do not come through here: nobody exists yet to be found, or the
invitation link already proves the address (app.accounts.views).
"""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, delete, select

from app import mail
from app.accounts import passwords
from app.accounts.models import SignupRequest, User
from app.accounts.service import (
    account_field_errors,
    add_user,
    allow_mail,
    find_user,
    new_reset_link,
    token_hash,
)
from app.audit import service as audit
from app.clock import utcnow
from app.config import Settings
from app.errors import Conflict, Invalid
from app.workspaces.models import WorkspaceKind

CONFIRM_HOURS = 24


@dataclass
class Confirmed:
    user: User
    kind: str
    workspace_name: str


def request_signup(session: Session, *, email: str, name: str, password: str, kind: str, workspace_name: str,
                   language: str, settings: Settings, ip: str) -> None:
    """Raises Invalid (the form's own mistakes, never "this address is taken") or TooManyEmails."""
    email, errors = account_field_errors(email=email, name=name, password=password)
    if kind not in WorkspaceKind.__members__:
        errors["kind"] = "Choose one of the two options."
    elif kind == WorkspaceKind.clinic and not workspace_name:
        errors["workspace_name"] = "Give your clinic a name."
    if len(workspace_name) > 200:
        errors["workspace_name"] = "Use at most 200 characters."
    if errors:
        raise Invalid(errors)
    allow_mail(session, purpose="signup", email=email, ip=ip)
    # Hashed on both paths, so the answer takes as long whether or not the address has an account.
    password_hash = passwords.hash_password(password)
    base = settings.base_url.rstrip("/")
    user = find_user(session, email)
    if user is not None:
        reset_link = new_reset_link(session, user=user, settings=settings)
        mail.queue(session, mail.compose("account_exists", user.language, to=user.email, signin_link=f"{base}/signin",
                                         reset_link=reset_link, minutes=settings.password_reset_minutes))
        audit.record(session, action="signup.existing_account", actor_id=user.id, object_type="user",
                     object_id=user.id, ip=ip)
        return
    session.exec(delete(SignupRequest).where(SignupRequest.expires_at < utcnow()))
    token = secrets.token_urlsafe(32)
    row = SignupRequest(email=email, name=name.strip(), password_hash=password_hash, kind=kind,
                        workspace_name=workspace_name, language=language, token_hash=token_hash(token),
                        expires_at=utcnow() + timedelta(hours=CONFIRM_HOURS))
    session.add(row)
    session.flush()
    mail.queue(session, mail.compose("signup_confirm", language, to=email, link=f"{base}/signup/confirm/{token}",
                                     hours=CONFIRM_HOURS))
    audit.record(session, action="signup.requested", object_type="signup", object_id=row.id, ip=ip)


def pending(session: Session, token: str) -> SignupRequest | None:
    row = session.exec(select(SignupRequest).where(SignupRequest.token_hash == token_hash(token))).first()
    if row is None or row.expires_at < utcnow():
        return None
    return row


def confirm_signup(session: Session, *, token: str, password: str, ip: str) -> Confirmed:
    """Creates the account. Invalid for a dead link ("token") or a wrong password ("password");
    Conflict when an account with the address was made meanwhile (by an invitation)."""
    row = pending(session, token)
    if row is None:
        raise Invalid({"token": "This link has expired or was already used. Sign up again."})
    if not passwords.verify_password(row.password_hash, password):
        raise Invalid({"password": "That is not the password you chose when you signed up."})
    # Every pending sign-up for this address ends here (the others were never confirmed).
    session.exec(delete(SignupRequest).where(SignupRequest.email == row.email))
    if find_user(session, row.email) is not None:
        raise Conflict("account exists")
    user = add_user(session, email=row.email, name=row.name, password_hash=row.password_hash,
                    language=row.language, ip=ip)
    return Confirmed(user=user, kind=row.kind, workspace_name=row.workspace_name)
