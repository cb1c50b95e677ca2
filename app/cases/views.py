"""Pages: the case list (search, filters, pages), opening a case, the case page and its actions."""

from fastapi import APIRouter, Request

from app.cases import service
from app.consumers.service import list_consumers
from app.deps import DB, Ctx
from app.errors import Invalid
from app.letters.catalog import KINDS
from app.letters.render import reading_status
from app.letters.service import case_letters, letter_about, letter_titles
from app.proceedings.dashboard import proceeding_about
from app.proceedings.service import case_proceedings, items_across_rounds
from app.tenancy import STAFF, get_case, get_consumer
from app.web import FormData, app_settings, language, redirect, render

router = APIRouter()


def _reading(request: Request, letters) -> dict[int, dict]:
    """Letter id -> its reading copy in the person's language ("Read it in Spanish", issue 13)."""
    lang = language(request)
    return {letter.id: reading_status(lang, letter.lang, KINDS[letter.kind_id])
            for letter in letters if letter.kind_id in KINDS}


@router.get("/cases")
def case_list(request: Request, session: DB, ctx: Ctx, q: str = "", status: str = "open", mine: int = 0,
              page: int = 1):
    status = status if status in ("open", "closed", "all") else "open"
    result = service.search_cases(session, ctx, q=q.strip()[:100], status=status, mine=bool(mine), page=page,
                                  page_size=app_settings(request).page_size)
    return render(request, "cases/case_list.html", {"result": result, "q": q, "status": status, "mine": mine})


@router.get("/cases/new")
def case_new_form(request: Request, session: DB, ctx: Ctx, consumer_id: int = 0):
    ctx.require(*STAFF)
    return render(request, "cases/case_new.html", {"consumers": list_consumers(session, ctx),
                                                   "form": {"consumer_id": str(consumer_id or "")}})


@router.post("/cases/new")
def case_new(request: Request, form: FormData, session: DB, ctx: Ctx):
    ctx.require(*STAFF)
    consumer_id = int(form["consumer_id"]) if form.get("consumer_id", "").isdigit() else 0
    try:
        case = service.open_case(session, ctx, consumer_id=consumer_id, title=form.get("title", ""))
    except Invalid as exc:
        return render(request, "cases/case_new.html", {"consumers": list_consumers(session, ctx), "form": form,
                                                       "errors": exc.errors}, status=400)
    return redirect(request, f"/cases/{case.id}", flash="Case opened.")


def _detail(request: Request, session, ctx, case, *, errors=None, form=None, status=200):
    return render(request, "cases/case_detail.html", {
        "case": case,
        "consumer": get_consumer(session, ctx, case.consumer_id),
        "assignees": service.assignees(session, case),
        "assignable": service.assignable(session, ctx) if ctx.is_staff else [],
        "notes": service.notes(session, ctx, case),
        "letters": (letters := case_letters(session, case)), "letter_titles": letter_titles(),
        "letter_about": letter_about(session, letters),
        # "Read it in Spanish": each letter's reading copy in the person's language (issue 13).
        "letter_reading": _reading(request, letters),
        "proceedings": (rounds := case_proceedings(session, case)),
        "proceeding_about": proceeding_about(session, [p.id for p in rounds]),
        "item_histories": items_across_rounds(session, case),
        "errors": errors or {},
        "form": form or {},
    }, status=status)


@router.get("/cases/{case_id}")
def case_detail(request: Request, session: DB, ctx: Ctx, case_id: int):
    return _detail(request, session, ctx, get_case(session, ctx, case_id))


@router.post("/cases/{case_id}/notes")
def case_note(request: Request, form: FormData, session: DB, ctx: Ctx, case_id: int):
    case = get_case(session, ctx, case_id)
    try:
        service.add_note(session, ctx, case, body=form.get("body", ""), shared=form.get("shared") == "1")
    except Invalid as exc:
        return _detail(request, session, ctx, case, errors=exc.errors, form=form, status=400)
    return redirect(request, f"/cases/{case.id}#notes", flash="Note added.")


@router.post("/cases/{case_id}/assign")
def case_assign(request: Request, form: FormData, session: DB, ctx: Ctx, case_id: int):
    case = get_case(session, ctx, case_id)
    member_id = int(form["member_id"]) if form.get("member_id", "").isdigit() else 0
    try:
        service.assign(session, ctx, case, member_id=member_id)
    except Invalid as exc:
        return _detail(request, session, ctx, case, errors=exc.errors, form=form, status=400)
    return redirect(request, f"/cases/{case.id}", flash="Assigned.")


@router.post("/cases/{case_id}/unassign/{member_id}")
def case_unassign(request: Request, session: DB, ctx: Ctx, case_id: int, member_id: int):
    case = get_case(session, ctx, case_id)
    service.unassign(session, ctx, case, member_id=member_id)
    return redirect(request, f"/cases/{case.id}", flash="Removed from the case.")


@router.post("/cases/{case_id}/close")
def case_close(request: Request, form: FormData, session: DB, ctx: Ctx, case_id: int):
    case = get_case(session, ctx, case_id)
    try:
        service.close_case(session, ctx, case, reason=form.get("reason", ""))
    except Invalid as exc:
        return _detail(request, session, ctx, case, errors=exc.errors, form=form, status=400)
    return redirect(request, f"/cases/{case.id}", flash="Case closed.")


@router.post("/cases/{case_id}/reopen")
def case_reopen(request: Request, session: DB, ctx: Ctx, case_id: int):
    case = get_case(session, ctx, case_id)
    service.reopen_case(session, ctx, case)
    return redirect(request, f"/cases/{case.id}", flash="Case reopened.")
