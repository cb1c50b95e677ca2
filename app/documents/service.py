"""Evidence documents: upload (type checked by content), list, read, delete; letter enclosures."""

import hashlib
import re
import unicodedata

from sqlalchemy import event
from sqlalchemy.orm import Session as SASession
from sqlmodel import Session, col, select

from app.audit import service as audit
from app.cases.models import Case
from app.documents import content, storage
from app.documents.models import DOCUMENT_KINDS, Document, LetterEnclosure
from app.errors import Conflict, Invalid
from app.letters.models import Letter
from app.proceedings.models import Proceeding, ProceedingEvent
from app.tenancy import STAFF, Context, get_case, get_in_case
from app.workspaces.models import Role

# What we accept, recognised by the file's first bytes (its name and the browser's claim are ignored).
SIGNATURES = ((b"%PDF-", "application/pdf"), (b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"))
EXTENSIONS = {"application/pdf": (".pdf",), "image/png": (".png",), "image/jpeg": (".jpg", ".jpeg")}
UPLOADERS = (*STAFF, Role.volunteer, Role.client)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def max_bytes(settings) -> int:
    return int(getattr(settings, "upload_max_mb", 20)) * 1024 * 1024


def sniff(data: bytes) -> str | None:
    return next((ctype for magic, ctype in SIGNATURES if data.startswith(magic)), None)


def display_filename(name: str, content_type: str) -> str:
    """The name shown and offered on download: no folders, no control characters, at most 200
    characters, ending in the extension of what the file really is."""
    name = re.split(r"[\\/]", name or "")[-1]
    name = "".join(ch for ch in _CONTROL.sub("", name) if unicodedata.category(ch) not in ("Cf", "Cc"))
    name = name.strip().strip(".") or "document"
    ext = EXTENSIONS[content_type]
    if not name.lower().endswith(ext):
        name += ext[0]
    stem, dot, suffix = name.rpartition(".")
    return stem[: 200 - len(suffix) - 1] + dot + suffix


def check_file(data: bytes, settings) -> str:
    """The sniffed content type, or Invalid with a message for the file field."""
    if not data:
        raise Invalid({"file": "This file is empty. Choose the file again, or pick another one."})
    if len(data) > max_bytes(settings):
        raise Invalid({"file": "This file is too large. Upload a smaller file, or scan at a lower resolution."})
    content_type = sniff(data)
    if content_type is None:
        raise Invalid({"file": "Only PDF, PNG and JPEG files can be uploaded, and this file is none of them "
                               "(whatever its name says). Save or scan it as PDF, PNG or JPEG and try again."})
    problem = content.problem(data, content_type)  # parsed, not only sniffed
    if problem == content.BUSY:
        raise Invalid({"file": "The server is checking too many files at once. Try again in a minute."})
    if problem == content.TOO_BIG:
        raise Invalid({"file": "This file is too large or complex to check. Upload a smaller file, or scan at a "
                               "lower resolution."})
    if problem and content_type == content.PDF:
        raise Invalid({"file": "This PDF is damaged and cannot be opened. Save or scan it again as PDF and try again."})
    if problem:
        raise Invalid({"file": "This picture is damaged and cannot be opened. Save or scan it again and try again."})
    return content_type


def case_events(session: Session, case: Case) -> list[tuple[ProceedingEvent, Proceeding]]:
    """Timeline entries of this case's proceedings a document can be attached to."""
    rows = session.exec(
        select(ProceedingEvent, Proceeding).join(Proceeding, col(ProceedingEvent.proceeding_id) == Proceeding.id)
        .where(Proceeding.case_id == case.id, Proceeding.workspace_id == case.workspace_id,
               ProceedingEvent.kind != "voided")
        .order_by(col(ProceedingEvent.on).desc(), col(ProceedingEvent.id).desc())
    ).all()
    return [(e, p) for e, p in rows]


def _check_event(session: Session, case: Case, event_id: int | None) -> None:
    if event_id is None:
        return
    found = session.exec(
        select(ProceedingEvent.id).join(Proceeding, col(ProceedingEvent.proceeding_id) == Proceeding.id)
        .where(ProceedingEvent.id == event_id, Proceeding.case_id == case.id,
               Proceeding.workspace_id == case.workspace_id)
    ).first()
    if found is None:
        raise Invalid({"event_id": "Choose an entry from this case's timeline, or none."})


def upload(session: Session, ctx: Context, case: Case, *, filename: str, data: bytes, kind: str,
           event_id: int | None = None, settings) -> Document:
    ctx.require(*UPLOADERS)
    get_case(session, ctx, case.id)  # a volunteer only on assigned cases, a client only on their own
    if kind not in DOCUMENT_KINDS:
        raise Invalid({"kind": "Choose what kind of document this is."})
    content_type = check_file(data, settings)
    _check_event(session, case, event_id)
    storage_key = storage.save(settings, data)
    session.info.setdefault("documents_written", []).append((settings, storage_key))
    doc = Document(workspace_id=case.workspace_id, case_id=case.id, event_id=event_id, kind=kind,
                   filename=display_filename(filename, content_type), content_type=content_type, size=len(data),
                   sha256=hashlib.sha256(data).hexdigest(), storage_key=storage_key, uploaded_by_id=ctx.user.id)
    session.add(doc)
    session.flush()
    audit.record(session, action="document.uploaded", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="document", object_id=doc.id, ip=ctx.ip,
                 detail={"case": case.id, "kind": kind, "size": doc.size, "sha256": doc.sha256})
    return doc


def list_for_case(session: Session, case: Case) -> list[Document]:
    return list(session.exec(select(Document).where(Document.case_id == case.id,
                                                    Document.workspace_id == case.workspace_id)
                             .order_by(col(Document.created_at).desc(), col(Document.id).desc())).all())


def get_document(session: Session, ctx: Context, document_id: int) -> Document:
    return get_in_case(session, ctx, Document, document_id)


def download(session: Session, ctx: Context, doc: Document, *, settings) -> bytes:
    """The file, with an audit entry: evidence files hold IDs, addresses and account numbers."""
    data = read(doc, settings)
    audit.record(session, action="document.downloaded", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="document", object_id=doc.id, ip=ctx.ip, detail={"case": doc.case_id})
    return data


def read(doc: Document, settings) -> bytes:
    return storage.load(settings, doc.storage_key)


def remove_files_of(session: Session, *, settings, case_ids: list[int] | None = None,
                    workspace_ids: list[int] | None = None) -> None:
    """The files of every document in these cases or workspaces go once the transaction commits
    (their rows go with the cases and workspaces, by cascade)."""
    query = select(Document.storage_key)
    if case_ids is not None:
        query = query.where(col(Document.case_id).in_(case_ids))
    if workspace_ids is not None:
        query = query.where(col(Document.workspace_id).in_(workspace_ids))
    keys = session.exec(query).all() if (case_ids or workspace_ids) else []
    session.info.setdefault("documents_removed", []).extend((settings, key) for key in keys)


def delete(session: Session, ctx: Context, doc: Document, *, settings) -> None:
    ctx.require(*STAFF)
    for row in session.exec(select(LetterEnclosure).where(LetterEnclosure.document_id == doc.id)).all():
        session.delete(row)
    session.delete(doc)
    session.flush()
    # The file goes once the transaction commits: a rollback must not leave a row without its file.
    session.info.setdefault("documents_removed", []).append((settings, doc.storage_key))
    audit.record(session, action="document.deleted", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="document", object_id=doc.id, ip=ctx.ip,
                 detail={"case": doc.case_id, "kind": doc.kind, "sha256": doc.sha256})


@event.listens_for(SASession, "after_commit")
def _after_commit(session) -> None:
    session.info.pop("documents_written", None)
    for settings, storage_key in session.info.pop("documents_removed", []):
        storage.remove(settings, storage_key)


@event.listens_for(SASession, "after_rollback")
def _after_rollback(session) -> None:
    session.info.pop("documents_removed", None)
    for settings, storage_key in session.info.pop("documents_written", []):
        storage.remove(settings, storage_key)  # no row points at it any more


# ---- enclosures -----------------------------------------------------------------------------

def enclosures(session: Session, letter: Letter) -> list[Document]:
    rows = session.exec(
        select(Document).join(LetterEnclosure, col(LetterEnclosure.document_id) == Document.id)
        .where(LetterEnclosure.letter_id == letter.id, Document.workspace_id == letter.workspace_id)
        .order_by(col(LetterEnclosure.position), col(LetterEnclosure.id))
    ).all()
    return list(rows)


def in_case(session: Session, letter: Letter, document_ids: list[int]) -> list[Document]:
    """Documents of the letter's case with these ids (those deleted since are simply missing)."""
    if not document_ids:
        return []
    return list(session.exec(select(Document).where(col(Document.id).in_(document_ids),
                                                    Document.case_id == letter.case_id,
                                                    Document.workspace_id == letter.workspace_id)).all())


def letter_sent(session: Session, letter: Letter) -> bool:
    """Recorded as sent (and that entry not voided): what went in the envelope is history."""
    sent = select(ProceedingEvent.id).where(ProceedingEvent.letter_id == letter.id, ProceedingEvent.kind == "sent")
    voided = select(ProceedingEvent.voids_id).where(col(ProceedingEvent.voids_id).is_not(None))
    return session.exec(sent.where(col(ProceedingEvent.id).not_in(voided))).first() is not None


def set_enclosures(session: Session, ctx: Context, letter: Letter, document_ids: list[int]) -> list[Document]:
    ctx.require(*STAFF, Role.volunteer)
    get_case(session, ctx, letter.case_id)
    # The finalised letter lists its enclosures: from then on they are part of that exact copy.
    if letter.status != "draft" or letter_sent(session, letter):
        raise Conflict("the letter is final: its enclosures cannot change")
    ids = list(dict.fromkeys(document_ids))
    docs = {d.id: d for d in session.exec(select(Document).where(
        col(Document.id).in_(ids), Document.case_id == letter.case_id, Document.workspace_id == letter.workspace_id))}
    if len(docs) != len(ids):
        raise Invalid({"documents": "Choose documents from this letter's case."})
    for row in session.exec(select(LetterEnclosure).where(LetterEnclosure.letter_id == letter.id)).all():
        session.delete(row)
    session.flush()
    for position, doc_id in enumerate(ids):
        session.add(LetterEnclosure(workspace_id=letter.workspace_id, letter_id=letter.id, document_id=doc_id,
                                    position=position))
    session.flush()
    audit.record(session, action="letter.enclosures_set", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="letter", object_id=letter.id, ip=ctx.ip, detail={"documents": ids})
    return [docs[i] for i in ids]
