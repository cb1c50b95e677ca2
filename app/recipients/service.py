"""The recipients directory: the seeded entries plus the workspace's own."""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlmodel import Session, col, or_, select

from app.audit import service as audit
from app.clock import utcnow
from app.errors import Forbidden, Invalid, NotFound
from app.recipients.directory import KINDS
from app.recipients.models import Recipient
from app.rules.jurisdictions import BY_FOLDER
from app.tenancy import STAFF, Context


def visible(ctx: Context):
    """Seeded entries (no workspace) and this workspace's own; never another workspace's."""
    return select(Recipient).where(or_(col(Recipient.workspace_id).is_(None), Recipient.workspace_id == ctx.workspace.id))


def get_visible(session: Session, ctx: Context, recipient_id: int) -> Recipient:
    row = session.exec(visible(ctx).where(Recipient.id == recipient_id)).first()
    if row is None:
        raise NotFound(f"recipient {recipient_id}")
    return row


def get_own(session: Session, ctx: Context, recipient_id: int) -> Recipient:
    row = get_visible(session, ctx, recipient_id)
    if row.workspace_id is None:
        raise Forbidden("seeded directory entries are read-only; make a copy to edit")
    return row


def search(session: Session, ctx: Context, *, q: str = "", kind: str = "", jurisdiction: str = "",
           purpose: str = "", limit: int = 200) -> list[Recipient]:
    query = visible(ctx)
    if q:
        query = query.where(col(Recipient.name).ilike(f"%{q}%"))
    if kind:
        query = query.where(Recipient.kind == kind)
    if jurisdiction:
        query = query.where(col(Recipient.jurisdictions).contains(jurisdiction))
    if purpose:
        query = query.where(col(Recipient.purposes).contains(purpose))
    return list(session.exec(query.order_by(Recipient.name).limit(limit)).all())


def for_letter(session: Session, ctx: Context, *, kinds: tuple[str, ...], jurisdiction: str) -> list[Recipient]:
    place = BY_FOLDER.get(jurisdiction)
    prefix = place.recipient_tag if place else ""
    query = visible(ctx)
    if prefix:
        query = query.where(col(Recipient.jurisdictions).contains(prefix))
    rows = list(session.exec(query.order_by(Recipient.name)).all())
    if kinds:
        preferred = [r for r in rows if r.kind in kinds]
        rows = preferred + [r for r in rows if r.kind not in kinds]
    return rows


@dataclass
class RecipientInput:
    name: str = ""
    kind: str = "creditor"
    jurisdictions: str = ""
    purposes: str = ""
    postal_address: str = ""
    email: str = ""
    web_form: str = ""
    phone: str = ""
    identification: str = ""
    notes: str = ""

    @classmethod
    def from_form(cls, form: dict[str, str]) -> RecipientInput:
        return cls(**{f.name: form.get(f.name, "").strip() for f in fields(cls)})

    @classmethod
    def from_row(cls, row: Recipient) -> RecipientInput:
        return cls(**{f.name: getattr(row, f.name) for f in fields(cls)})


def _validate(data: RecipientInput) -> None:
    errors = {}
    if not data.name:
        errors["name"] = "Enter the name."
    elif len(data.name) > 200:
        errors["name"] = "Use at most 200 characters."
    if data.kind not in KINDS:
        errors["kind"] = "Choose a kind from the list."
    if not data.postal_address and not data.email and not data.web_form:
        errors["postal_address"] = "Give at least a postal address, an email or a web form."
    if data.email and "@" not in data.email:
        errors["email"] = "Enter a valid email address, like name@example.org."
    if data.web_form and not data.web_form.startswith(("https://", "http://")):
        errors["web_form"] = "Enter a full web address starting with https://"
    for name in ("jurisdictions", "purposes", "phone", "email"):
        if len(getattr(data, name)) > 200:
            errors[name] = "Use at most 200 characters."
    if errors:
        raise Invalid(errors)


def save(session: Session, ctx: Context, data: RecipientInput, row: Recipient | None = None) -> Recipient:
    ctx.require(*STAFF)
    _validate(data)
    row = row or Recipient(workspace_id=ctx.workspace.id, name="", kind=data.kind)
    for f in fields(RecipientInput):
        setattr(row, f.name, getattr(data, f.name))
    row.jurisdictions = ",".join(j.strip().upper() for j in data.jurisdictions.split(",") if j.strip())
    row.updated_at, row.checked_on = utcnow(), utcnow().date()
    row.source = row.source or "Added by this workspace"
    session.add(row)
    session.flush()
    audit.record(session, action="recipient.saved", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="recipient", object_id=row.id, ip=ctx.ip)
    return row


def copy(session: Session, ctx: Context, source: Recipient) -> Recipient:
    ctx.require(*STAFF)
    row = Recipient(workspace_id=ctx.workspace.id, **{
        k: getattr(source, k) for k in ("name", "kind", "jurisdictions", "purposes", "postal_address", "email",
                                        "web_form", "phone", "fax", "identification", "source", "checked_on",
                                        "verified", "notes")})
    session.add(row)
    session.flush()
    audit.record(session, action="recipient.copied", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="recipient", object_id=row.id, ip=ctx.ip, detail={"from": source.id})
    return row


def delete(session: Session, ctx: Context, row: Recipient) -> None:
    ctx.require(*STAFF)
    session.delete(row)
    audit.record(session, action="recipient.deleted", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="recipient", object_id=row.id, ip=ctx.ip)
