"""A person's own data: download everything, or delete the account."""

from sqlmodel import Session, col, func, select

from app.accounts import passwords
from app.accounts.models import User
from app.audit import service as audit
from app.audit.models import AuditEntry
from app.cases.models import CaseNote
from app.consumers.export import _plain, consumer_bundle, for_client, zip_bundle
from app.consumers.models import Consumer
from app.documents.service import remove_files_of
from app.errors import Invalid
from app.workspaces.models import Member, Role, Workspace, WorkspaceKind

README = (
    "This archive holds everything Recourse stores about you: your account, your workspaces and roles,\n"
    "the records of your own credit file (personal workspaces, or the case a clinic shares with you),\n"
    "notes you wrote, and the history of what you did. data.json is readable by any JSON tool.\n"
    "It may contain sensitive numbers in clear text: keep it safe.\n"
)


def _own_records(session: Session, user: User) -> list[dict]:
    """Consumer records that are the user's own: all of a personal workspace they own, or the one
    a clinic linked to them as its client (as the client may see it: see for_client)."""
    rows = session.exec(select(Member, Workspace).join(Workspace, Workspace.id == Member.workspace_id)
                        .where(Member.user_id == user.id)).all()
    out: list[dict] = []
    for member, workspace in rows:
        if workspace.kind == WorkspaceKind.personal and member.role == Role.owner:
            out += [consumer_bundle(session, c)
                    for c in session.exec(select(Consumer).where(Consumer.workspace_id == workspace.id)).all()]
        elif member.role == Role.client and member.consumer_id:
            consumer = session.get(Consumer, member.consumer_id)
            if consumer:
                out.append(for_client(consumer_bundle(session, consumer), user_id=user.id))
    return out


def export_user(session: Session, *, user: User, ip: str) -> bytes:
    memberships = session.exec(select(Member, Workspace).join(Workspace, Workspace.id == Member.workspace_id)
                               .where(Member.user_id == user.id)).all()
    profile = _plain(user)
    profile.pop("password_hash", None)
    data = {
        "account": profile,
        "memberships": [{"workspace": w.name, "kind": w.kind, "role": m.role, "since": m.created_at.isoformat()}
                        for m, w in memberships],
        "own_records": _own_records(session, user),
        "notes_written": [_plain(n) for n in session.exec(select(CaseNote).where(CaseNote.author_id == user.id))],
        "activity": [_plain(a) for a in session.exec(
            select(AuditEntry).where(AuditEntry.actor_user_id == user.id).order_by(col(AuditEntry.id)))],
    }
    audit.record(session, action="user.exported", actor_id=user.id, object_type="user", object_id=user.id, ip=ip)
    return zip_bundle(data, README)


def delete_account(session: Session, *, user: User, password: str, confirm: str, ip: str, settings) -> None:
    if not passwords.verify_password(user.password_hash, password):
        raise Invalid({"password": "That is not your current password."})
    rows = session.exec(select(Member, Workspace).join(Workspace, Workspace.id == Member.workspace_id)
                        .where(Member.user_id == user.id)).all()
    doomed: list[Workspace] = []
    for member, workspace in rows:
        members = session.exec(select(func.count()).where(Member.workspace_id == workspace.id)).one()
        owners = session.exec(select(func.count()).where(Member.workspace_id == workspace.id,
                                                          Member.role == Role.owner)).one()
        if members == 1:
            doomed.append(workspace)
        elif member.role == Role.owner and owners == 1:
            raise Invalid({"password": "You are the only owner of a workspace that has other members. "
                                       "Make another member owner first, then delete your account."})
    user_id = user.id
    remove_files_of(session, settings=settings, workspace_ids=[w.id for w in doomed])
    for workspace in doomed:
        audit.record(session, action="workspace.deleted", actor_id=user_id, workspace_id=workspace.id,
                     object_type="workspace", object_id=workspace.id, ip=ip)
        session.delete(workspace)
    session.flush()
    session.delete(user)
    session.flush()
    # The entry keeps only the numeric id: no name, no email.
    audit.record(session, action="user.deleted", actor_id=user_id, object_type="user", object_id=user_id, ip=ip)
