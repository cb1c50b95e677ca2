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
from app.workspaces.models import Role


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


COMPANY_KINDS = ("furnisher", "creditor", "collector")


def company_named(session: Session, ctx: Context, name: str) -> Recipient | None:
    """This workspace's own entry for a company (furnisher, creditor or collector), matched on the
    name as reports print it (case and punctuation aside)."""
    wanted = _plain(name)
    rows = session.exec(select(Recipient).where(Recipient.workspace_id == ctx.workspace.id,
                                                col(Recipient.kind).in_(COMPANY_KINDS))).all()
    return next((r for r in rows if _plain(r.name) == wanted), None)


def _plain(name: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in name.upper()).split())


def add_from_report(session: Session, ctx: Context, *, name: str, kind: str, address: list[str],
                    phone: str = "", source: str) -> Recipient:
    """A company's address as a credit report prints it, kept for letters to that company: a
    direct dispute (FCRA §623(a)(8)) sent to the address the furnisher gives on the consumer's
    report is one it must investigate (12 CFR 1022.43(c)). An entry the workspace already has for
    that name is kept as it is."""
    ctx.require(*STAFF, Role.volunteer)
    existing = company_named(session, ctx, name)
    if existing is not None:
        return existing
    row = Recipient(workspace_id=ctx.workspace.id, name=name.strip()[:200],
                    kind=kind if kind in COMPANY_KINDS else "furnisher", jurisdictions="US",
                    purposes="dispute", postal_address="\n".join(a.strip() for a in address if a.strip())[:1000],
                    phone=phone.strip()[:60], source=source[:500], checked_on=utcnow().date())
    session.add(row)
    session.flush()
    audit.record(session, action="recipient.saved", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="recipient", object_id=row.id, ip=ctx.ip, detail={"from": "credit report"})
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
