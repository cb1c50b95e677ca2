"""Pages: the recipients directory (seeded entries, read-only; the workspace's own, editable)."""

from fastapi import APIRouter, Request

from app.deps import DB, Ctx
from app.errors import Invalid
from app.recipients import service
from app.recipients.directory import KINDS
from app.recipients.service import RecipientInput
from app.tenancy import STAFF
from app.web import FormData, redirect, render

router = APIRouter()


@router.get("/recipients")
def recipient_list(request: Request, session: DB, ctx: Ctx, q: str = "", kind: str = "", jurisdiction: str = ""):
    rows = service.search(session, ctx, q=q.strip()[:100], kind=kind if kind in KINDS else "",
                          jurisdiction=jurisdiction.strip().upper()[:10])
    return render(request, "recipients/recipient_list.html",
                  {"rows": rows, "kinds": KINDS, "q": q, "kind": kind, "jurisdiction": jurisdiction})


@router.get("/recipients/new")
def recipient_new_form(request: Request, ctx: Ctx):
    ctx.require(*STAFF)
    return render(request, "recipients/recipient_form.html", {"data": RecipientInput(), "row": None, "kinds": KINDS})


@router.post("/recipients/new")
def recipient_new(request: Request, form: FormData, session: DB, ctx: Ctx):
    ctx.require(*STAFF)
    data = RecipientInput.from_form(form)
    try:
        row = service.save(session, ctx, data)
    except Invalid as exc:
        return render(request, "recipients/recipient_form.html",
                      {"data": data, "row": None, "kinds": KINDS, "errors": exc.errors}, status=400)
    return redirect(request, f"/recipients/{row.id}", flash="Saved.")


@router.get("/recipients/{recipient_id}")
def recipient_detail(request: Request, session: DB, ctx: Ctx, recipient_id: int):
    row = service.get_visible(session, ctx, recipient_id)
    return render(request, "recipients/recipient_detail.html", {"row": row})


@router.get("/recipients/{recipient_id}/edit")
def recipient_edit_form(request: Request, session: DB, ctx: Ctx, recipient_id: int):
    row = service.get_own(session, ctx, recipient_id)
    ctx.require(*STAFF)
    return render(request, "recipients/recipient_form.html",
                  {"data": RecipientInput.from_row(row), "row": row, "kinds": KINDS})


@router.post("/recipients/{recipient_id}/edit")
def recipient_edit(request: Request, form: FormData, session: DB, ctx: Ctx, recipient_id: int):
    row = service.get_own(session, ctx, recipient_id)
    data = RecipientInput.from_form(form)
    try:
        service.save(session, ctx, data, row)
    except Invalid as exc:
        return render(request, "recipients/recipient_form.html",
                      {"data": data, "row": row, "kinds": KINDS, "errors": exc.errors}, status=400)
    return redirect(request, f"/recipients/{row.id}", flash="Saved.")


@router.post("/recipients/{recipient_id}/copy")
def recipient_copy(request: Request, session: DB, ctx: Ctx, recipient_id: int):
    row = service.copy(session, ctx, service.get_visible(session, ctx, recipient_id))
    return redirect(request, f"/recipients/{row.id}/edit", flash="Copied into your workspace. You can edit it now.")


@router.post("/recipients/{recipient_id}/delete")
def recipient_delete(request: Request, session: DB, ctx: Ctx, recipient_id: int):
    service.delete(session, ctx, service.get_own(session, ctx, recipient_id))
    return redirect(request, "/recipients", flash="Deleted.")
