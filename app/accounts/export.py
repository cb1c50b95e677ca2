"""A person's own data: download everything, or delete the account."""

from sqlmodel import Session, col, func, select

from app.accounts import passwords
from app.accounts.models import User
from app.audit import service as audit
from app.audit.models import AuditEntry
from app.cases.models import CaseNote
from app.consumers.archive import Archive, Folder
from app.consumers.export import _plain, _table, consumer_folder, for_client
from app.consumers.models import Consumer
from app.documents.service import remove_files_of
from app.errors import Invalid
from app.reminders.models import Reminder
from app.workspaces.models import Member, Role, Workspace, WorkspaceKind

SCHEMA, SCHEMA_VERSION = "recourse-export/account", 1


def _own_records(session: Session, user: User) -> list[Folder]:
    """The user's own credit files, each a folder like a consumer export's: every consumer of a
    personal workspace they own, and the one a clinic linked to them as its client (as the client
    may see it: see for_client)."""
    rows = session.exec(select(Member, Workspace).join(Workspace, Workspace.id == Member.workspace_id)
                        .where(Member.user_id == user.id).order_by(col(Member.id))).all()
    out: list[Folder] = []
    for member, workspace in rows:
        if workspace.kind == WorkspaceKind.personal and member.role == Role.owner:
            consumers = session.exec(select(Consumer).where(Consumer.workspace_id == workspace.id)
                                     .order_by(col(Consumer.id))).all()
            out += [consumer_folder(session, c, prefix=f"records/consumer-{c.id}/") for c in consumers]
        elif member.role == Role.client and member.consumer_id:
            consumer = session.exec(select(Consumer).where(Consumer.id == member.consumer_id,
                                                           Consumer.workspace_id == workspace.id)).first()
            if consumer:
                folder = consumer_folder(session, consumer, prefix=f"records/consumer-{consumer.id}/")
                folder.data = for_client(folder.data, user_id=user.id)
                out.append(folder)
    return out


def export_user(session: Session, *, user: User, ip: str, settings, lang: str) -> Archive:
    """Everything about the signed-in person: the archive to stream (see app/consumers/archive.py)."""
    audit.record(session, action="user.exported", actor_id=user.id, object_type="user", object_id=user.id, ip=ip)
    memberships = session.exec(select(Member, Workspace).join(Workspace, Workspace.id == Member.workspace_id)
                               .where(Member.user_id == user.id).order_by(col(Member.id))).all()
    profile = _plain(user)
    profile.pop("password_hash", None)
    folders = _own_records(session, user)
    data = {
        "schema": SCHEMA, "schema_version": SCHEMA_VERSION,
        "account": profile,
        "memberships": [{"workspace": w.name, "kind": w.kind, "role": m.role, "since": m.created_at.isoformat()}
                        for m, w in memberships],
        "own_records": [{"consumer_id": f.data["consumer"]["id"], "name": f.name, "view": f.data["view"],
                         "folder": f.prefix} for f in folders],
        "notes_written": _table(session, CaseNote, CaseNote.author_id == user.id),
        "reminders": _table(session, Reminder, Reminder.user_id == user.id, name="reminders"),
        "activity": [_plain(a) for a in session.exec(
            select(AuditEntry).where(AuditEntry.actor_user_id == user.id).order_by(col(AuditEntry.id)))],
    }
    return Archive(folders=folders, engine=session.get_bind(), settings=settings, lang=lang, subject=user.name,
                   top=data)


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
