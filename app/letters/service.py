"""Letters in a case: draft from a kind, recipient and facts; preview; finalise into an immutable
snapshot; workspace overrides of the wording."""

from __future__ import annotations

import json
from datetime import date

from sqlmodel import Session, col, func, select

from app.audit import service as audit
from app.cases.models import Case
from app.clock import today, utcnow
from app.consumers.models import Consumer
from app.consumers.service import ID_KINDS, addresses
from app.documents import service as documents
from app.documents.models import Document
from app.errors import Conflict, Invalid, NotFound
from app.letters import enclosures, overrides, readiness, render
from app.letters.catalog import SENDING_METHODS, LetterKind, all_kinds, get_kind
from app.letters.checks import shares_name
from app.letters.context import holds_identifiers, masked_data
from app.letters.models import Letter, LetterOverride
from app.proceedings import service as proceedings
from app.recipients.models import Recipient
from app.tenancy import STAFF, Context, get_in_case
from app.workspaces.models import Role


def sender_for(session: Session, consumer: Consumer) -> dict:
    """The sender block, from the consumer record (identity numbers are masked later as needed)."""
    rows = addresses(session, consumer)
    current = next((a for a in rows if a.is_current), None)

    def lines(a) -> list[str]:
        city_line = " ".join(x for x in (a.city + ("," if a.region else ""), a.region, a.postal_code) if x)
        out = [a.line1] + ([a.line2] if a.line2 else []) + [city_line]
        return out + ([a.country] if a.country and a.country != "US" else [])

    previous = [f"{', '.join(lines(a))} ({a.from_date or '?'} – {a.to_date or '?'})" for a in rows if not a.is_current]
    return {
        "name": consumer.legal_name, "address": lines(current) if current else [],
        "date_of_birth": consumer.date_of_birth or "", "id_number": consumer.national_id or "",
        "id_label": ID_KINDS.get(consumer.national_id_kind, "") if consumer.national_id else "",
        "previous_addresses": previous, "email": consumer.email, "phone": consumer.phone,
    }


def recipient_block(recipient: Recipient | None) -> dict:
    """The recipient as the envelope needs it. A directory entry's name describes the entry
    ("Experian: disputes by mail"); when its postal address starts with the addressee, the letter
    prints that address as it is, not the description."""
    if recipient is None:
        return {"name": "", "address": []}
    name, lines = recipient.name, recipient.address_lines
    if lines and shares_name(name, lines[0]):
        name, lines = lines[0], lines[1:]
    return {"name": name, "address": lines, "email": recipient.email, "kind": recipient.kind,
            "hand_in": recipient.hand_in, "channels": recipient.channel_list}


def letter_recipient(session: Session, letter: Letter) -> Recipient | None:
    return session.get(Recipient, letter.recipient_id) if letter.recipient_id else None


def next_reference(session: Session, case: Case) -> str:
    count = session.exec(select(func.count()).where(Letter.case_id == case.id)).one()
    return f"RC-{case.number}-{count + 1:02d}"


def letter_titles() -> dict[str, str]:
    """Letter kind id -> its title: pages name a letter by what it is, never by its id."""
    return {k.id: k.title for k in all_kinds()}


def letter_company(letter: Letter) -> str:
    """The company the letter is about (its first item's furnisher), read from the letter's own
    data: no query, so a list of letters can name each one in a sentence."""
    try:
        items = (json.loads(letter.data).get("facts") or {}).get("items") or []
        return str((items[0] or {}).get("furnisher") or "") if isinstance(items, list) and items else ""
    except (ValueError, AttributeError, TypeError):
        return ""


def letter_about(session: Session, letters: list[Letter]) -> dict[int, tuple[str, str]]:
    """Letter id -> (recipient name, first item's company): pages name a letter in a sentence,
    'Dispute with the bureau to Experian about Midland Credit', not by its reference alone.
    One query for the recipients, however many letters."""
    ids = {letter.recipient_id for letter in letters if letter.recipient_id}
    names = dict(session.exec(select(Recipient.id, Recipient.name).where(col(Recipient.id).in_(ids))).all()) if ids else {}
    return {letter.id: (names.get(letter.recipient_id, ""), letter_company(letter)) for letter in letters}


def _jurisdictions_for(country: str, region: str = "") -> set[str]:
    from app.rules.calendars import EU_REGIONS

    country = (country or "").upper()
    if country == "US":
        return {"us", "us-ca"} if (region or "").upper() in ("CA", "CALIFORNIA") else {"us"}
    return {"GB": {"uk"}, "CN": {"cn"}}.get(country) or ({"eu"} if country in EU_REGIONS else set())


def home_jurisdictions(session: Session, case: Case) -> tuple[set[str], str]:
    """The letter groups the chooser shows first (issue 13), and why: "client" (where the case's
    consumer lives, from their current address) or, when that is unknown, "workspace" (where most
    of the workspace's clients live); (set(), "") when neither is known: the whole catalog."""
    from app.consumers.models import Address

    address = session.exec(select(Address).where(Address.consumer_id == case.consumer_id,
                                                 Address.workspace_id == case.workspace_id,
                                                 Address.is_current == True)).first()  # noqa: E712
    if address is not None and address.country:
        return _jurisdictions_for(address.country, address.region or ""), "client"
    usual = session.exec(select(Address.country).where(Address.workspace_id == case.workspace_id,
                                                       Address.is_current == True, Address.country != "")  # noqa: E712
                         .group_by(Address.country).order_by(func.count().desc(), Address.country).limit(1)).first()
    return (_jurisdictions_for(usual), "workspace") if usual else (set(), "")


def case_letters(session: Session, case: Case) -> list[Letter]:
    return list(session.exec(select(Letter).where(Letter.case_id == case.id).order_by(col(Letter.id).desc())).all())


def get_letter(session: Session, ctx: Context, letter_id: int) -> Letter:
    return get_in_case(session, ctx, Letter, letter_id)


def build_data(session: Session, *, consumer: Consumer, recipient: Recipient | None, reference: str,
               letter_date: date, sending_method: str, region: str | None, facts: dict,
               enclosures: list[str] | None = None, enclose_self: list[str] | None = None,
               id_shown: str = "", names_confirmed: bool = False) -> dict:
    """A draft's data. Enclosures are only what the person gave: lines they typed (`enclosures`)
    and options they ticked (`enclose_self`); attached documents are added when it is rendered."""
    data = {
        "sender": sender_for(session, consumer), "recipient": recipient_block(recipient),
        "date": letter_date.isoformat(), "reference": reference, "sending_method": sending_method,
        "region": region or None, "enclosures": list(enclosures or []), "enclose_self": list(enclose_self or []),
        "facts": facts,
    }
    if id_shown:
        data["id_shown"] = id_shown
    if names_confirmed:
        data["names_confirmed"] = True
    return data


def check_form(kind: LetterKind, *, lang: str, sending_method: str, letter_date: str, data: dict) -> dict[str, str]:
    """Problems to show beside the letter form's fields. Missing documents are not among them: a
    draft may be saved without them, and the letter page says how to get them."""
    found = [p for p in readiness.problems(kind, data) if p.code != "sender" and p.field != "date"]
    errors = readiness.form_errors(found)
    if lang not in kind.languages:
        errors["lang"] = "Choose a language this letter is written in."
    if sending_method not in SENDING_METHODS:
        errors["sending_method"] = "Choose how you will send it."
    try:
        date.fromisoformat(letter_date)
    except ValueError:
        errors["letter_date"] = "Enter a date like 2026-01-31."
    if not data["sender"]["address"] and not kind.is_portal_text:
        errors["sender"] = "Add the client's current address first: letters need a return address."
    return errors


def save_draft(session: Session, ctx: Context, case: Case, *, kind: LetterKind, lang: str, recipient: Recipient | None,
               data: dict, letter: Letter | None = None) -> Letter:
    ctx.require(*STAFF, Role.volunteer)
    if letter is None:
        letter = Letter(workspace_id=ctx.workspace.id, case_id=case.id, kind_id=kind.id, lang=lang,
                        reference=data["reference"], data="{}", created_by_id=ctx.user.id)
    elif letter.status != "draft":
        raise Conflict("a finalised letter cannot change")
    letter.lang, letter.recipient_id = lang, recipient.id if recipient else None
    letter.data = json.dumps(data, ensure_ascii=False)
    session.add(letter)
    session.flush()
    audit.record(session, action="letter.saved", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="letter", object_id=letter.id, ip=ctx.ip, detail={"kind": kind.id, "case": case.id})
    return letter


def active_override(session: Session, workspace_id: int, kind_id: str, lang: str) -> LetterOverride | None:
    return session.exec(select(LetterOverride).where(
        LetterOverride.workspace_id == workspace_id, LetterOverride.kind_id == kind_id,
        LetterOverride.lang == lang)).first()


def render_data(session: Session, letter: Letter) -> dict:
    """The letter's data as its template sees it. A draft lists the documents attached to it now;
    a finalised letter keeps the list it was finalised with (its packet and its text agree)."""
    data = json.loads(letter.data)
    if letter.status != "final":
        data["attached"] = [{"document_id": d.id, "kind": d.kind, "name": d.filename}
                            for d in documents.enclosures(session, letter)]
    return data


def enclosure_list(session: Session, letter: Letter) -> list[tuple[str, Document | None]]:
    """The letter's enclosure lines, each with the attached document that is its file (None when
    the person encloses it themselves, or when the file was deleted after the letter was final)."""
    entries = enclosures.entries(render_data(session, letter), letter.lang)
    ids = [e.document_id for e in entries if e.document_id]
    found = {d.id: d for d in documents.in_case(session, letter, ids)}
    return [(e.line, found.get(e.document_id) if e.document_id else None) for e in entries]


def problems(session: Session, letter: Letter) -> list[readiness.Problem]:
    """What stops this draft from being finalised (nothing, once it is final)."""
    if letter.status != "draft":
        return []
    return readiness.problems(get_kind(letter.kind_id), render_data(session, letter))


def letter_html(session: Session, letter: Letter) -> str:
    """The finalised snapshot, or a fresh rendering of a draft (with the workspace's wording)."""
    return _html(session, letter)[0]


def _html(session: Session, letter: Letter) -> tuple[str, bool]:
    """The letter's HTML, and whether it came from a workspace's wording (untrusted)."""
    kind = get_kind(letter.kind_id)
    if letter.status == "final" and letter.html is not None:
        if not letter.template_key.startswith("override:"):
            return letter.html, False
        # Cleaned again on the way out: snapshots made before wording was cleaned may hold anything.
        return render.untrusted_page(kind, json.loads(letter.data), lang=letter.lang, html=letter.html), True
    override = active_override(session, letter.workspace_id, kind.id, letter.lang)
    html = render.render_html(kind, render_data(session, letter), lang=letter.lang,
                              override=override.source if override else None)
    return html, override is not None


class NotReady(Invalid):
    """The draft still lacks something it needs (see problems())."""


def finalise(session: Session, ctx: Context, letter: Letter) -> Letter:
    ctx.require(*STAFF, Role.volunteer)
    if letter.status == "final":
        return letter
    if letter.status != "draft":
        raise Conflict("a discarded letter cannot be finalised")
    kind = get_kind(letter.kind_id)
    data = render_data(session, letter)
    if found := readiness.problems(kind, data):
        raise NotReady({p.field: p.message or p.code for p in found})
    override = active_override(session, letter.workspace_id, kind.id, letter.lang)
    source = override.source if override else None
    html = render.render_html(kind, data, lang=letter.lang, override=source)
    letter.html = html
    letter.pdf = render.render_pdf(html, lang=letter.lang, untrusted=override is not None)
    letter.data = json.dumps(data, ensure_ascii=False)  # with the documents it was finalised with
    # The same snapshot without the full identifiers, for members who may not see them (letters/copies.py).
    letter.html_masked = _masked_snapshot(kind, data, lang=letter.lang, override=source)
    letter.template_key = f"override:{override.id}" if override else kind.template_name(letter.lang)
    letter.template_version = render.template_version(kind, letter.lang, source)
    letter.data_hash = render.data_hash(data)
    letter.status, letter.finalised_at = "final", utcnow()
    audit.record(session, action="letter.finalised", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="letter", object_id=letter.id, ip=ctx.ip,
                 detail={"kind": kind.id, "template_version": letter.template_version, "data_hash": letter.data_hash})
    return letter


def _masked_snapshot(kind: LetterKind, data: dict, *, lang: str, override: str | None) -> str | None:
    if not holds_identifiers(data):
        return None
    try:
        return render.render_html(kind, masked_data(data), lang=lang, override=override)
    except (ValueError, TypeError):  # a wording that needs the real date: no masked copy (copies.py says so)
        return None


def discard(session: Session, ctx: Context, letter: Letter) -> None:
    """An unsent letter the person will not send: it leaves Today and can no longer be finalised.
    Kept (not deleted) so the case's history and audit trail stay whole."""
    ctx.require(*STAFF, Role.volunteer)
    if letter.status == "discarded":
        return
    if documents.letter_sent(session, letter):
        raise Conflict("a letter recorded as sent cannot be discarded")
    letter.status = "discarded"
    session.add(letter)
    session.flush()
    proceedings.letter_discarded(session, ctx, letter)
    audit.record(session, action="letter.discarded", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="letter", object_id=letter.id, ip=ctx.ip, detail={"kind": letter.kind_id})


def docx_bytes(session: Session, letter: Letter) -> bytes:
    return render.render_docx(letter_html(session, letter), reference=letter.reference, lang=letter.lang)


def pdf_bytes(session: Session, letter: Letter) -> bytes:
    if letter.status == "final" and letter.pdf is not None:
        if letter.template_key.startswith("override:"):  # made before attachments were refused
            from app.pdf import without_attachments  # WeasyPrint loads slowly: only when needed

            return without_attachments(letter.pdf)
        return letter.pdf
    html, untrusted = _html(session, letter)
    return render.render_pdf(html, lang=letter.lang, untrusted=untrusted)


def save_override(session: Session, ctx: Context, *, kind: LetterKind, lang: str,
                  source: str) -> tuple[LetterOverride, list[str]]:
    """Cleans, checks and saves a workspace's wording; returns the row and what cleaning removed."""
    ctx.require(Role.owner)
    if lang not in kind.languages:
        raise NotFound("language")
    source, removed, problems = overrides.prepare(kind, lang, source)
    if problems:
        raise Invalid({"source": " ".join(problems)})
    row = active_override(session, ctx.workspace.id, kind.id, lang) or LetterOverride(
        workspace_id=ctx.workspace.id, kind_id=kind.id, lang=lang, source="")
    row.source, row.updated_by_id, row.updated_at = source, ctx.user.id, utcnow()
    session.add(row)
    session.flush()
    audit.record(session, action="letter_override.saved", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="letter_override", object_id=row.id, ip=ctx.ip,
                 detail={"kind": kind.id, "lang": lang, "removed": removed})
    return row, removed


def reset_override(session: Session, ctx: Context, *, kind: LetterKind, lang: str) -> None:
    ctx.require(Role.owner)
    row = active_override(session, ctx.workspace.id, kind.id, lang)
    if row is not None:
        session.delete(row)
        audit.record(session, action="letter_override.reset", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                     object_type="letter_override", object_id=row.id, ip=ctx.ip, detail={"kind": kind.id, "lang": lang})


def default_letter_date() -> date:
    return today()


