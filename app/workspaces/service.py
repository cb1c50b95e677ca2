"""Workspaces and members: create, invite by email link, accept, change roles, remove, switch."""

import secrets
from datetime import timedelta

from sqlalchemy import bindparam
from sqlmodel import Session, col, func, select

from app import mail
from app.accounts.models import User
from app.accounts.service import normalise_email, token_hash
from app.audit import service as audit
from app.clock import utcnow
from app.config import Settings
from app.consumers.models import Consumer
from app.errors import Conflict, Forbidden, Invalid, NotFound
from app.i18n import translate
from app.tenancy import Context, get_scoped
from app.workspaces.models import Invitation, Member, Role, Workspace, WorkspaceKind


def create_workspace(session: Session, *, user: User, name: str, kind: str, ip: str = "") -> Workspace:
    errors = {}
    if kind not in WorkspaceKind.__members__:
        errors["kind"] = "Choose one of the two options."
    if not name.strip():
        errors["workspace_name"] = "Give your workspace a name."
    elif len(name) > 200:
        errors["workspace_name"] = "Use at most 200 characters."
    if errors:
        raise Invalid(errors)
    workspace = Workspace(name=name.strip(), kind=kind)
    session.add(workspace)
    session.flush()
    member = Member(workspace_id=workspace.id, user_id=user.id, role=Role.owner)
    session.add(member)
    user.current_workspace_id = workspace.id
    session.flush()
    audit.record(session, action="workspace.created", actor_id=user.id, workspace_id=workspace.id,
                 object_type="workspace", object_id=workspace.id, ip=ip, detail={"kind": kind})
    return workspace


def memberships(session: Session, user: User) -> list[tuple[Member, Workspace]]:
    rows = session.exec(
        select(Member, Workspace).join(Workspace, Workspace.id == Member.workspace_id)
        .where(Member.user_id == user.id).order_by(Workspace.name)
    ).all()
    return [(m, w) for m, w in rows]


def context_for(session: Session, user: User, ip: str = "") -> Context | None:
    """The user's current workspace, falling back to any workspace they belong to."""
    return context_from(user, memberships(session, user), ip)


def context_from(user: User, rows: list[tuple[Member, Workspace]], ip: str = "") -> Context | None:
    """context_for, from memberships already read (no query: app.deps calls it on the event loop)."""
    if not rows:
        return None
    chosen = next(((m, w) for m, w in rows if w.id == user.current_workspace_id), rows[0])
    if user.current_workspace_id != chosen[1].id:
        user.current_workspace_id = chosen[1].id
    return Context(user=user, workspace=chosen[1], member=chosen[0], ip=ip)


def switch(session: Session, *, user: User, workspace_id: int) -> Workspace:
    member = session.exec(
        select(Member).where(Member.user_id == user.id, Member.workspace_id == workspace_id)
    ).first()
    if member is None:
        raise NotFound("workspace")
    user.current_workspace_id = workspace_id
    return session.get(Workspace, workspace_id)


# Built once, the workspace bound by name: every Today page lists the members for its filter, and
# building the statement and its cache key cost more than running it (issue 15).
_MEMBERS = (select(Member, User).join(User, User.id == Member.user_id)
            .where(Member.workspace_id == bindparam("workspace_id")).order_by(User.name))


def list_members(session: Session, ctx: Context) -> list[tuple[Member, User]]:
    rows = session.exec(_MEMBERS, params={"workspace_id": ctx.workspace.id}).all()
    return [(m, u) for m, u in rows]


def pending_invitations(session: Session, ctx: Context) -> list[Invitation]:
    return list(session.exec(
        select(Invitation).where(
            Invitation.workspace_id == ctx.workspace.id, col(Invitation.accepted_at).is_(None),
            col(Invitation.revoked_at).is_(None), Invitation.expires_at > utcnow(),
        ).order_by(col(Invitation.created_at).desc())
    ).all())


def invite(
    session: Session, ctx: Context, *, email: str, role: str, consumer_id: int | None, settings: Settings,
    lang: str = "en",
) -> tuple[Invitation, str]:
    """Creates the invitation and queues its email (in `lang`); returns it with its link."""
    ctx.require(Role.owner)
    errors: dict[str, str] = {}
    try:
        email = normalise_email(email)
    except Invalid as exc:
        errors.update(exc.errors)
    if role not in Role.__members__:
        errors["role"] = "Choose a role."
    if role == Role.client:
        consumer = session.exec(
            select(Consumer).where(Consumer.workspace_id == ctx.workspace.id, Consumer.id == (consumer_id or -1))
        ).first()
        if consumer is None:
            errors["consumer_id"] = "Choose the client whose case this person may see."
    else:
        consumer_id = None
    if "email" not in errors:
        already = session.exec(
            select(Member.id).join(User, User.id == Member.user_id)
            .where(Member.workspace_id == ctx.workspace.id, User.email == email)
        ).first()
        if already:
            errors["email"] = "This person is already a member."
    if errors:
        raise Invalid(errors)
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        workspace_id=ctx.workspace.id, email=email, role=role, consumer_id=consumer_id,
        token_hash=token_hash(token), invited_by_id=ctx.user.id,
        expires_at=utcnow() + timedelta(days=settings.invitation_days),
    )
    session.add(invitation)
    session.flush()
    audit.record(session, action="invitation.created", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="invitation", object_id=invitation.id, ip=ctx.ip, detail={"role": role})
    link = f"{settings.base_url.rstrip('/')}/invite/{token}"
    # Sent only once this transaction commits (app.mail).
    mail.queue(session, mail.compose("invitation", lang, to=email, name=ctx.user.name, workspace=ctx.workspace.name,
                                     role=translate(lang, role), days=settings.invitation_days, link=link))
    return invitation, link


def find_invitation(session: Session, token: str) -> Invitation | None:
    inv = session.exec(select(Invitation).where(Invitation.token_hash == token_hash(token))).first()
    if inv is None or inv.accepted_at or inv.revoked_at or inv.expires_at < utcnow():
        return None
    return inv


def accept_invitation(session: Session, *, token: str, user: User, ip: str = "") -> Member:
    inv = find_invitation(session, token)
    if inv is None:
        raise NotFound("invitation")
    # The link alone is not enough: a forwarded or leaked link must not let someone else in.
    if inv.email != user.email:
        raise Forbidden("invitation is for another email address")
    existing = session.exec(
        select(Member).where(Member.workspace_id == inv.workspace_id, Member.user_id == user.id)
    ).first()
    if existing:
        raise Conflict("already a member")
    member = Member(workspace_id=inv.workspace_id, user_id=user.id, role=inv.role, consumer_id=inv.consumer_id)
    session.add(member)
    inv.accepted_at = utcnow()
    user.current_workspace_id = inv.workspace_id
    session.flush()
    audit.record(session, action="member.joined", actor_id=user.id, workspace_id=inv.workspace_id,
                 object_type="member", object_id=member.id, ip=ip, detail={"role": inv.role})
    return member


def revoke_invitation(session: Session, ctx: Context, invitation_id: int) -> None:
    ctx.require(Role.owner)
    inv = get_scoped(session, ctx, Invitation, invitation_id)
    inv.revoked_at = utcnow()
    audit.record(session, action="invitation.revoked", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="invitation", object_id=inv.id, ip=ctx.ip)


def _owner_count(session: Session, workspace_id: int) -> int:
    return session.exec(
        select(func.count()).where(Member.workspace_id == workspace_id, Member.role == Role.owner)
    ).one()


def change_role(session: Session, ctx: Context, *, member_id: int, role: str, consumer_id: int | None) -> Member:
    ctx.require(Role.owner)
    member = get_scoped(session, ctx, Member, member_id)
    if role not in Role.__members__:
        raise Invalid({"role": "Choose a role."})
    if member.role == Role.owner and role != Role.owner and _owner_count(session, ctx.workspace.id) <= 1:
        raise Invalid({"role": "A workspace needs at least one owner. Make someone else owner first."})
    if role == Role.client:
        if not consumer_id or session.exec(
            select(Consumer.id).where(Consumer.workspace_id == ctx.workspace.id, Consumer.id == consumer_id)
        ).first() is None:
            raise Invalid({"consumer_id": "Choose the client whose case this person may see."})
        member.consumer_id = consumer_id
    else:
        member.consumer_id = None
    before, member.role = member.role, role
    audit.record(session, action="member.role_changed", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="member", object_id=member.id, ip=ctx.ip, detail={"from": before, "to": role})
    return member


def remove_member(session: Session, ctx: Context, *, member_id: int) -> None:
    ctx.require(Role.owner)
    member = get_scoped(session, ctx, Member, member_id)
    if member.role == Role.owner and _owner_count(session, ctx.workspace.id) <= 1:
        raise Invalid({"member": "You are the only owner. Make someone else owner before leaving."})
    session.delete(member)
    audit.record(session, action="member.removed", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="member", object_id=member_id, ip=ctx.ip)
