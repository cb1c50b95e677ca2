"""Pages: a case's documents (upload, download, delete) and a letter's enclosures and mailing packet."""


from fastapi import APIRouter, Request

from app.deps import DB, Ctx, SettingsDep, audited_read
from app.documents import packet, service
from app.documents.models import DOCUMENT_KINDS
from app.errors import Conflict, Invalid
from app.letters import copies
from app.letters import service as letters
from app.letters.render import RenderError
from app.tenancy import get_case
from app.web import (
    FormData,
    FormFiles,
    FormLists,
    app_settings,
    attachment,
    read_upload,
    redirect,
    render,
    t,
)

router = APIRouter()


def _list_page(request: Request, session, ctx, case, *, errors=None, form=None, status=200):
    settings = app_settings(request)
    return render(request, "documents/document_list.html", {
        "case": case, "documents": service.list_for_case(session, case), "kinds": DOCUMENT_KINDS,
        "events": service.case_events(session, case), "max_mb": getattr(settings, "upload_max_mb", 20),
        "errors": errors or {}, "form": form or {"kind": "other", "event_id": ""},
    }, status=status)


@router.get("/cases/{case_id}/documents")
def document_list(request: Request, session: DB, ctx: Ctx, case_id: int, event_id: str = ""):
    # Coming from a timeline entry ("attach a document to this entry"): preselect it.
    form = {"kind": "bureau-answer" if event_id.isdigit() else "other", "event_id": event_id if event_id.isdigit() else ""}
    return _list_page(request, session, ctx, get_case(session, ctx, case_id), form=form)


@router.post("/cases/{case_id}/documents")
def document_upload(request: Request, form: FormData, files: FormFiles, session: DB, ctx: Ctx,
                    settings: SettingsDep, case_id: int):
    case = get_case(session, ctx, case_id)
    values = {"kind": form.get("kind") or "", "event_id": form.get("event_id") or ""}
    filename, data = read_upload(files.get("file"), service.max_bytes(settings))
    try:
        if not filename and not data:
            raise Invalid({"file": "Choose a file to upload."})
        if values["event_id"] and not values["event_id"].isdigit():
            raise Invalid({"event_id": "Choose an entry from this case's timeline, or none."})
        service.upload(session, ctx, case, filename=filename, data=data, kind=values["kind"],
                       event_id=int(values["event_id"]) if values["event_id"] else None, settings=settings)
    except Invalid as exc:
        return _list_page(request, session, ctx, case, errors=exc.errors, form=values, status=400)
    return redirect(request, f"/cases/{case.id}/documents", flash="Document uploaded.")


@router.get("/documents/{document_id}")
@audited_read
def document_download(request: Request, session: DB, ctx: Ctx, document_id: int):
    doc = service.get_document(session, ctx, document_id)
    return attachment(service.download(session, ctx, doc, settings=app_settings(request)), doc.content_type,
                      doc.filename)


@router.post("/documents/{document_id}/delete")
def document_delete(request: Request, session: DB, ctx: Ctx, document_id: int):
    doc = service.get_document(session, ctx, document_id)
    service.delete(session, ctx, doc, settings=app_settings(request))
    return redirect(request, f"/cases/{doc.case_id}/documents", flash="Document deleted.")


# ---- letter enclosures and the mailing packet ------------------------------------------------

def _enclosure_page(request: Request, session, ctx, letter, *, chosen=None, errors=None, status=200):
    case = get_case(session, ctx, letter.case_id)
    if chosen is None:
        chosen = [d.id for d in service.enclosures(session, letter)]
    return render(request, "documents/enclosure_form.html", {
        "letter": letter, "case": case, "documents": service.list_for_case(session, case),
        "chosen": chosen, "locked": letter.status != "draft", "errors": errors or {},
    }, status=status)


@router.get("/letters/{letter_id}/enclosures")
def enclosure_form(request: Request, session: DB, ctx: Ctx, letter_id: int):
    return _enclosure_page(request, session, ctx, letters.get_letter(session, ctx, letter_id))


@router.post("/letters/{letter_id}/enclosures")
def enclosure_save(request: Request, lists: FormLists, session: DB, ctx: Ctx, letter_id: int):
    letter = letters.get_letter(session, ctx, letter_id)
    raw = lists.get("document_id", [])
    ids = [int(v) for v in raw if v.isdigit()]
    try:
        if len(ids) != len(raw):
            raise Invalid({"documents": "Choose documents from this letter's case."})
        service.set_enclosures(session, ctx, letter, ids)
    except Invalid as exc:
        return _enclosure_page(request, session, ctx, letter, chosen=ids, errors=exc.errors, status=400)
    except Conflict:
        return redirect(request, f"/letters/{letter.id}/enclosures", level="error",
                        flash="This letter is finalised, so its enclosures can no longer change.")
    return redirect(request, f"/letters/{letter.id}/enclosures", flash="Enclosures saved.")


@router.get("/letters/{letter_id}/packet")
@audited_read
def letter_packet(request: Request, session: DB, ctx: Ctx, letter_id: int):
    letter = letters.get_letter(session, ctx, letter_id)
    case = get_case(session, ctx, letter.case_id)
    settings = app_settings(request)
    if letters.problems(session, letter):
        return redirect(request, f"/letters/{letter.id}", level="error",
                        flash="This letter is not ready yet: the letter page says what it still needs.")
    try:
        # The letter as this member may see it (masked for a volunteer: app/letters/copies.py).
        letter_pdf = copies.pdf_for(session, ctx, case, letter)
    except RenderError as exc:
        return redirect(request, f"/letters/{letter.id}", flash=str(exc), level="error")
    except copies.IdentifiersHidden:
        return redirect(request, f"/letters/{letter.id}", level="error", flash=t(request, (
            "This letter holds the client's ID number and date of birth, which your role may not see, "
            "and no copy without them could be made. Ask an owner or advocate for it.")))
    copies.record(session, ctx, case, letter, how="packet")
    files = []
    for line, doc in letters.enclosure_list(session, letter):
        try:
            files.append((line, doc, service.read(doc, settings) if doc else None))
        except Exception:  # noqa: BLE001 - a missing or damaged file is listed, not fatal
            files.append((line, doc, b""))
    content = packet.build_packet(letter_pdf, files, reference=letter.reference, lang=letter.lang)
    return attachment(content, "application/pdf", f"{letter.reference}-packet.pdf")
