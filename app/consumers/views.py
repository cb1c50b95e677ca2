"""Pages: consumers (clients): list, create, view, edit, reveal a sensitive field, export, delete."""

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from app.cases.service import cases_for_consumer
from app.consumers import export, service
from app.consumers.service import ADDRESS_FIELDS, AddressInput, ConsumerInput
from app.deps import DB, Ctx, SettingsDep, audited_read
from app.errors import Invalid
from app.tenancy import STAFF, get_consumer
from app.web import FormLists, app_settings, language, redirect, render

router = APIRouter()
PRIOR_ROWS = 2  # blank prior-address rows on the form (works without JavaScript)


def _form_options() -> dict:
    return {"id_kinds": service.ID_KINDS, "languages": service.CONSUMER_LANGUAGES, "prior_rows": PRIOR_ROWS}


def _read_form(lists: dict[str, list[str]]) -> ConsumerInput:
    def one(name: str) -> str:
        return (lists.get(name) or [""])[0]

    data = ConsumerInput(
        legal_name=one("legal_name"), other_names=one("other_names"), email=one("email"), phone=one("phone"),
        preferred_language=one("preferred_language") or "en", date_of_birth=one("date_of_birth"),
        national_id=one("national_id"), national_id_kind=one("national_id_kind") or "ssn",
        current=AddressInput(**{f: one(f"current_{f}") for f in ADDRESS_FIELDS}),
    )
    for i in range(PRIOR_ROWS):
        data.prior.append(AddressInput(**{f: one(f"prior_{i}_{f}") for f in ADDRESS_FIELDS}))
    return data


def _padded(data: ConsumerInput) -> ConsumerInput:
    while len(data.prior) < PRIOR_ROWS:
        data.prior.append(AddressInput())
    return data


@router.get("/consumers")
def consumer_list(request: Request, session: DB, ctx: Ctx):
    return render(request, "consumers/consumer_list.html", {"consumers": service.list_consumers(session, ctx)})


@router.get("/consumers/new")
def consumer_new_form(request: Request, ctx: Ctx, self: int = 0):
    ctx.require(*STAFF)
    data = _padded(ConsumerInput())
    if self:
        data.legal_name, data.email = ctx.user.name, ctx.user.email
    return render(request, "consumers/consumer_form.html", {"data": data, "consumer": None, **_form_options()})


@router.post("/consumers/new")
def consumer_new(request: Request, lists: FormLists, session: DB, ctx: Ctx):
    ctx.require(*STAFF)
    data = _read_form(lists)
    try:
        consumer = service.create_consumer(session, ctx, data)
    except Invalid as exc:
        return render(request, "consumers/consumer_form.html",
                      {"data": _padded(data), "consumer": None, "errors": exc.errors, **_form_options()}, status=400)
    return redirect(request, f"/consumers/{consumer.id}", flash="Client saved.")


@router.get("/consumers/{consumer_id}")
def consumer_detail(request: Request, session: DB, ctx: Ctx, consumer_id: int):
    consumer = get_consumer(session, ctx, consumer_id)
    return _detail(request, session, ctx, consumer, revealed={})


def _detail(request, session, ctx, consumer, *, revealed: dict, status: int = 200):
    return render(request, "consumers/consumer_detail.html", {
        "consumer": consumer,
        "addresses": service.addresses(session, consumer),
        "cases": cases_for_consumer(session, ctx, consumer.id),
        "revealed": revealed,
        "can_reveal": service.can_reveal(ctx, consumer),
        "id_kinds": service.ID_KINDS,
        "languages": service.CONSUMER_LANGUAGES,
    }, status=status)


@router.get("/consumers/{consumer_id}/edit")
def consumer_edit_form(request: Request, session: DB, ctx: Ctx, consumer_id: int):
    consumer = get_consumer(session, ctx, consumer_id)
    ctx.require(*STAFF)
    data = _padded(service.to_input(session, consumer))
    return render(request, "consumers/consumer_form.html", {"data": data, "consumer": consumer, **_form_options()})


@router.post("/consumers/{consumer_id}/edit")
def consumer_edit(request: Request, lists: FormLists, session: DB, ctx: Ctx, consumer_id: int):
    consumer = get_consumer(session, ctx, consumer_id)
    ctx.require(*STAFF)
    data = _read_form(lists)
    try:
        service.update_consumer(session, ctx, consumer, data)
    except Invalid as exc:
        return render(request, "consumers/consumer_form.html",
                      {"data": _padded(data), "consumer": consumer, "errors": exc.errors, **_form_options()},
                      status=400)
    return redirect(request, f"/consumers/{consumer.id}", flash="Changes saved.")


@router.post("/consumers/{consumer_id}/reveal")
def consumer_reveal(request: Request, lists: FormLists, session: DB, ctx: Ctx, consumer_id: int):
    consumer = get_consumer(session, ctx, consumer_id)
    field = (lists.get("field") or [""])[0]
    value = service.reveal(session, ctx, consumer, field)
    if request.headers.get("hx-request"):
        return render(request, "consumers/_revealed.html", {"value": value, "field": field})
    return _detail(request, session, ctx, consumer, revealed={field: value})


@router.get("/consumers/{consumer_id}/export")
@audited_read
def consumer_export(request: Request, session: DB, ctx: Ctx, settings: SettingsDep, consumer_id: int):
    consumer = get_consumer(session, ctx, consumer_id)
    archive = export.export_consumer(session, ctx, consumer, settings=settings, lang=language(request))
    # Streamed after the transaction commits: see app/consumers/archive.py.
    return StreamingResponse(archive.stream(), media_type="application/zip",
                             headers={"content-disposition": f"attachment; filename=recourse-client-{consumer.id}.zip"})


@router.get("/consumers/{consumer_id}/delete")
def consumer_delete_confirm(request: Request, session: DB, ctx: Ctx, consumer_id: int):
    consumer = get_consumer(session, ctx, consumer_id)
    ctx.require("owner")
    return render(request, "consumers/consumer_delete.html", {"consumer": consumer})


@router.post("/consumers/{consumer_id}/delete")
def consumer_delete(request: Request, lists: FormLists, session: DB, ctx: Ctx, consumer_id: int):
    consumer = get_consumer(session, ctx, consumer_id)
    ctx.require("owner")
    confirm = (lists.get("confirm") or [""])[0]
    if confirm.strip().casefold() != consumer.legal_name.strip().casefold():
        return render(request, "consumers/consumer_delete.html", {
            "consumer": consumer, "form": {"confirm": confirm},
            "errors": {"confirm": "Type the client's full name exactly as shown to confirm."}}, status=400)
    service.delete_consumer(session, ctx, consumer, settings=app_settings(request))
    return redirect(request, "/consumers", flash="The client and all their records were deleted.")
