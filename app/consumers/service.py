"""Consumers: the people whose credit records a workspace works on."""

import re
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, col, delete, select

from app.audit import service as audit
from app.cases.models import Case
from app.clock import today, utcnow
from app.consumers.models import Address, Consumer
from app.documents.service import remove_files_of
from app.errors import Forbidden, Invalid
from app.tenancy import STAFF, Context, sees_identifiers, visible_consumers
from app.workspaces.models import Role

ID_KINDS = {"ssn": "US Social Security number", "itin": "US ITIN", "national": "National ID number",
            "other": "Other ID number"}
CONSUMER_LANGUAGES = {"en": "English", "es": "Español", "de": "Deutsch", "fr": "Français",
                      "zh": "中文", "it": "Italiano", "nl": "Nederlands", "pt": "Português"}
SENSITIVE_FIELDS = ("national_id", "date_of_birth")
ADDRESS_FIELDS = ("line1", "line2", "city", "region", "postal_code", "country", "from_date", "to_date")


@dataclass
class AddressInput:
    line1: str = ""
    line2: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = "US"
    from_date: str = ""
    to_date: str = ""

    def blank(self) -> bool:
        return not any((self.line1, self.line2, self.city, self.region, self.postal_code, self.from_date, self.to_date))


@dataclass
class ConsumerInput:
    legal_name: str = ""
    other_names: str = ""
    email: str = ""
    phone: str = ""
    preferred_language: str = "en"
    date_of_birth: str = ""
    national_id: str = ""
    national_id_kind: str = "ssn"
    current: AddressInput = field(default_factory=AddressInput)
    prior: list[AddressInput] = field(default_factory=list)


def parse_date(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def _normalise_id(kind: str, raw: str) -> str | None:
    digits = re.sub(r"[\s-]", "", raw)
    if kind in ("ssn", "itin"):
        if not re.fullmatch(r"\d{9}", digits):
            return None
        return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"
    return raw.strip() if 2 <= len(raw.strip()) <= 40 else None


ADDRESS_LIMITS = {"line1": 200, "line2": 200, "city": 100, "region": 100, "postal_code": 20}


def _check_address(prefix: str, a: AddressInput, errors: dict[str, str], *, dates_required: bool) -> None:
    for name, limit in ADDRESS_LIMITS.items():
        if len(getattr(a, name)) > limit:
            errors[f"{prefix}{name}"] = "This is too long."
    if not a.line1:
        errors[f"{prefix}line1"] = "Enter the street address."
    if not a.city:
        errors[f"{prefix}city"] = "Enter the city or town."
    if a.country and not re.fullmatch(r"[A-Za-z]{2}", a.country):
        errors[f"{prefix}country"] = "Use the two-letter country code, like US or DE."
    start, end = parse_date(a.from_date), parse_date(a.to_date)
    if a.from_date and start is None:
        errors[f"{prefix}from_date"] = "Enter a date like 2024-05-31."
    if a.to_date and end is None:
        errors[f"{prefix}to_date"] = "Enter a date like 2024-05-31."
    if dates_required and not a.from_date and f"{prefix}from_date" not in errors:
        errors[f"{prefix}from_date"] = "Enter when you started living here."
    if start and end and start > end:
        errors[f"{prefix}to_date"] = "The end date must be after the start date."
    if (start and start > today()) or (end and end > today()):
        errors[f"{prefix}to_date" if end and end > today() else f"{prefix}from_date"] = "This date is in the future."


def validate(data: ConsumerInput, *, editing: bool) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not data.legal_name:
        errors["legal_name"] = "Enter the full legal name."
    elif len(data.legal_name) > 200:
        errors["legal_name"] = "Use at most 200 characters."
    if len(data.other_names) > 1000:
        errors["other_names"] = "Use at most 1000 characters."
    if len(data.email) > 254 or data.email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", data.email):
        errors["email"] = "Enter a valid email address, like name@example.org."
    if data.phone and not re.fullmatch(r"[0-9+()./\s-]{5,40}", data.phone):
        errors["phone"] = "Use digits, spaces and + ( ) - only."
    if data.preferred_language not in CONSUMER_LANGUAGES:
        errors["preferred_language"] = "Choose a language from the list."
    if data.date_of_birth:
        dob = parse_date(data.date_of_birth)
        if dob is None:
            errors["date_of_birth"] = "Enter a date like 1980-04-30."
        elif dob > today() or dob.year < 1900:
            errors["date_of_birth"] = "This date of birth is not possible."
    if data.national_id_kind not in ID_KINDS:
        errors["national_id_kind"] = "Choose the kind of number."
    elif data.national_id and _normalise_id(data.national_id_kind, data.national_id) is None:
        errors["national_id"] = (
            "A Social Security number has 9 digits, like 123-45-6789."
            if data.national_id_kind in ("ssn", "itin") else "Enter between 2 and 40 characters."
        )
    if not data.current.blank():
        _check_address("current_", data.current, errors, dates_required=False)
    for i, prior in enumerate(data.prior):
        if not prior.blank():
            _check_address(f"prior_{i}_", prior, errors, dates_required=True)
    return errors


def _apply(consumer: Consumer, data: ConsumerInput) -> None:
    consumer.legal_name = data.legal_name
    consumer.other_names = data.other_names
    consumer.email = data.email
    consumer.phone = data.phone
    consumer.preferred_language = data.preferred_language
    consumer.national_id_kind = data.national_id_kind
    # Blank sensitive fields on an edit keep the stored value (it is never sent back to the form).
    if data.date_of_birth:
        consumer.date_of_birth = data.date_of_birth
    if data.national_id:
        consumer.national_id = _normalise_id(data.national_id_kind, data.national_id)
    consumer.updated_at = utcnow()


def _replace_addresses(session: Session, consumer: Consumer, data: ConsumerInput) -> None:
    session.exec(delete(Address).where(Address.consumer_id == consumer.id))
    rows = [(True, data.current)] + [(False, p) for p in data.prior]
    for is_current, a in rows:
        if a.blank():
            continue
        session.add(Address(
            consumer_id=consumer.id, workspace_id=consumer.workspace_id, is_current=is_current,
            line1=a.line1, line2=a.line2, city=a.city, region=a.region, postal_code=a.postal_code,
            country=(a.country or "US").upper(), from_date=parse_date(a.from_date), to_date=parse_date(a.to_date),
        ))


def create_consumer(session: Session, ctx: Context, data: ConsumerInput) -> Consumer:
    ctx.require(*STAFF)
    if errors := validate(data, editing=False):
        raise Invalid(errors)
    consumer = Consumer(workspace_id=ctx.workspace.id, legal_name="", created_by_id=ctx.user.id)
    _apply(consumer, data)
    session.add(consumer)
    session.flush()
    _replace_addresses(session, consumer, data)
    audit.record(session, action="consumer.created", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="consumer", object_id=consumer.id, ip=ctx.ip)
    return consumer


def update_consumer(session: Session, ctx: Context, consumer: Consumer, data: ConsumerInput) -> Consumer:
    ctx.require(*STAFF)
    if errors := validate(data, editing=True):
        raise Invalid(errors)
    changed = sorted(k for k in ("legal_name", "other_names", "email", "phone", "preferred_language",
                                 "national_id_kind") if getattr(consumer, k) != getattr(data, k))
    changed += [k for k in SENSITIVE_FIELDS if getattr(data, k)]
    _apply(consumer, data)
    _replace_addresses(session, consumer, data)
    audit.record(session, action="consumer.updated", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="consumer", object_id=consumer.id, ip=ctx.ip, detail={"fields": changed})
    return consumer


def addresses(session: Session, consumer: Consumer) -> list[Address]:
    return list(session.exec(
        select(Address).where(Address.consumer_id == consumer.id)
        .order_by(col(Address.is_current).desc(), col(Address.from_date).desc())
    ).all())


def to_input(session: Session, consumer: Consumer) -> ConsumerInput:
    """The edit form's starting values (sensitive fields stay blank: they are never sent back)."""
    data = ConsumerInput(
        legal_name=consumer.legal_name, other_names=consumer.other_names, email=consumer.email,
        phone=consumer.phone, preferred_language=consumer.preferred_language,
        national_id_kind=consumer.national_id_kind,
    )
    for a in addresses(session, consumer):
        item = AddressInput(a.line1, a.line2, a.city, a.region, a.postal_code, a.country,
                            a.from_date.isoformat() if a.from_date else "", a.to_date.isoformat() if a.to_date else "")
        if a.is_current:
            data.current = item
        else:
            data.prior.append(item)
    return data


def can_reveal(ctx: Context, consumer: Consumer) -> bool:
    return sees_identifiers(ctx, consumer.id)


def reveal(session: Session, ctx: Context, consumer: Consumer, field_name: str) -> str:
    if field_name not in SENSITIVE_FIELDS:
        raise Invalid({"field": "Unknown field."})
    if not can_reveal(ctx, consumer):
        raise Forbidden("reveal")
    audit.record(session, action="consumer.revealed", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="consumer", object_id=consumer.id, ip=ctx.ip, detail={"field": field_name})
    return getattr(consumer, field_name) or ""


def list_consumers(session: Session, ctx: Context) -> list[Consumer]:
    return list(session.exec(visible_consumers(ctx).order_by(Consumer.legal_name)).all())


def delete_consumer(session: Session, ctx: Context, consumer: Consumer, *, settings) -> None:
    """Remove the consumer and everything filed under them, their uploaded files included; the
    audit entry keeps only the id."""
    ctx.require(Role.owner)
    consumer_id = consumer.id
    case_ids = list(session.exec(select(Case.id).where(Case.consumer_id == consumer_id)).all())
    remove_files_of(session, settings=settings, case_ids=case_ids)
    session.delete(consumer)
    session.flush()
    audit.record(session, action="consumer.deleted", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="consumer", object_id=consumer_id, ip=ctx.ip, detail={"cases": case_ids})
