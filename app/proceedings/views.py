"""Pages: Today (what is overdue, due soon, waiting, needs review), a proceeding's timeline with
its deadlines and next steps, and recording what happened."""

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from sqlmodel import col, select

from app import page_cache
from app.clock import today
from app.deps import DB, Ctx
from app.documents.models import Document
from app.errors import Invalid
from app.letters.catalog import UnknownKind, get_kind
from app.letters.service import get_letter, letter_titles
from app.proceedings import answers, dashboard, review, service
from app.proceedings.models import CHANNELS, OUTCOMES
from app.rules import get_procedure
from app.tenancy import STAFF, get_case
from app.web import FormData, language, redirect, render, render_fragment
from app.workspaces.service import list_members

router = APIRouter()


@router.get("/today")
def today_view(request: Request, session: DB, ctx: Ctx, member: str = "", recipient: str = "", jurisdiction: str = "",
               bucket: str = "", page: int = 1):
    on = today()
    # The middle of the page is the same for every view until something is written (app/page_cache.py).
    key = ("today", ctx.workspace.id, ctx.member.id, ctx.member.role, language(request), on, request.url.query)
    body = page_cache.cached(key, lambda: _today_body(request, session, ctx, on, member=member, recipient=recipient,
                                                      jurisdiction=jurisdiction, bucket=bucket, page=page))
    return render(request, "proceedings/today.html", {"body": body})


def _today_body(request, session, ctx, on, *, member, recipient, jurisdiction, bucket, page):
    member_id = int(member) if member.isdigit() else None
    result = dashboard.today_page(session, ctx, today=on, member_id=member_id, recipient=recipient.strip()[:100],
                                  jurisdiction=jurisdiction, bucket=bucket, page=page)
    members = [(m.id, u.name) for m, u in list_members(session, ctx) if m.role != "client"]
    unsent, unsent_total = dashboard.unsent_letters(session, ctx, member_id=member_id)
    return render_fragment(request, "proceedings/_today_body.html", {
        "result": result, "members": members, "buckets": dashboard.BUCKETS,
        "unsent": unsent, "unsent_total": unsent_total, "letter_titles": letter_titles(),
        "jurisdictions": list(dashboard.JURISDICTION_PREFIXES),
        "form": {"member": member, "recipient": recipient, "jurisdiction": jurisdiction, "bucket": bucket},
        "today": on})


def _detail(request, session, ctx, proceeding, *, errors=None, form=None, status=200):
    case = get_case(session, ctx, proceeding.case_id)
    timeline = service.events(session, proceeding)
    voided = {e.voids_id for e in timeline if e.kind == "voided"}
    children = [p for p in service.case_proceedings(session, case) if p.parent_id == proceeding.id]
    attached: dict[int, list[Document]] = {}
    for doc in session.exec(select(Document).where(col(Document.event_id).in_([e.id for e in timeline]))).all():
        attached.setdefault(doc.event_id, []).append(doc)
    return render(request, "proceedings/proceeding_detail.html", {
        "proceeding": proceeding, "case": case, "procedure": get_procedure(proceeding.procedure_id),
        "timeline": timeline, "voided": voided, "attached": attached, "deadlines": service.deadlines(session, proceeding),
        "items": service.items(session, proceeding), "outcomes": service.outcomes_by_item(session, proceeding),
        "suggestions": service.suggestions(session, proceeding), "children": children,
        "parent": session.get(type(proceeding), proceeding.parent_id) if proceeding.parent_id else None,
        "event_kinds": service.USER_EVENT_KINDS, "channels": CHANNELS, "outcome_choices": OUTCOMES,
        "errors": errors or {}, "form": form or {"on": today().isoformat()}, "today": today()}, status=status)


@router.get("/proceedings/{proceeding_id}")
def proceeding_detail(request: Request, session: DB, ctx: Ctx, proceeding_id: int):
    return _detail(request, session, ctx, service.get_proceeding(session, ctx, proceeding_id))


@router.post("/proceedings/{proceeding_id}/events")
def proceeding_event(request: Request, form: FormData, session: DB, ctx: Ctx, proceeding_id: int):
    proceeding = service.get_proceeding(session, ctx, proceeding_id)
    outcomes = {int(k.split("_", 1)[1]): v for k, v in form.items()
                if k.startswith("outcome_") and k.split("_", 1)[1].isdigit() and v}
    try:
        service.add_event(session, ctx, proceeding, kind=form.get("kind", ""), on=form.get("on", ""),
                          channel=form.get("channel", ""), tracking=form.get("tracking", ""),
                          new_due=form.get("new_due", ""), note=form.get("note", ""), outcomes=outcomes)
    except Invalid as exc:
        return _detail(request, session, ctx, proceeding, errors=exc.errors, form=form, status=400)
    return redirect(request, f"/proceedings/{proceeding.id}", flash="Saved to the timeline.")


@router.post("/proceedings/{proceeding_id}/events/{event_id}/void")
def proceeding_void(request: Request, form: FormData, session: DB, ctx: Ctx, proceeding_id: int, event_id: int):
    proceeding = service.get_proceeding(session, ctx, proceeding_id)
    try:
        service.void_event(session, ctx, proceeding, event_id, reason=form.get("reason", ""))
    except Invalid as exc:
        return _detail(request, session, ctx, proceeding, errors=exc.errors, status=400)
    return redirect(request, f"/proceedings/{proceeding.id}", flash="The entry is marked as wrong.")


@router.post("/proceedings/{proceeding_id}/reviewed")
def proceeding_reviewed(request: Request, session: DB, ctx: Ctx, proceeding_id: int):
    proceeding = service.get_proceeding(session, ctx, proceeding_id)
    service.mark_reviewed(session, ctx, proceeding)
    return redirect(request, f"/proceedings/{proceeding.id}", flash="Marked as reviewed.")


@router.post("/proceedings/{proceeding_id}/follow-up")
def proceeding_follow_up(request: Request, form: FormData, session: DB, ctx: Ctx, proceeding_id: int):
    proceeding = service.get_proceeding(session, ctx, proceeding_id)
    try:
        get_kind(form.get("letter_kind", ""))
        child = service.follow_up(session, ctx, proceeding, letter_kind=form.get("letter_kind", ""))
    except UnknownKind:
        return _detail(request, session, ctx, proceeding,
                       errors={"letter_kind": "This step does not follow from this proceeding."}, status=400)
    except Invalid as exc:
        return _detail(request, session, ctx, proceeding, errors=exc.errors, status=400)
    # A finding of the answer review brings its drafted paragraph into the letter (issue 16).
    finding = f"&finding={form['finding']}" if form.get("finding") in review.DRAFTS else ""
    return redirect(request, f"/cases/{child.case_id}/letters/new?kind={form['letter_kind']}&proceeding={child.id}"
                    f"{finding}", flash="Next round started. Write its letter now.")


@router.post("/letters/{letter_id}/sent")
def letter_sent(request: Request, form: FormData, session: DB, ctx: Ctx, letter_id: int):
    letter = get_letter(session, ctx, letter_id)
    ctx.require(*STAFF, "volunteer")
    if letter.status != "final":
        return redirect(request, f"/letters/{letter.id}", flash="Finalise the letter before you record it as sent.",
                        level="error")
    try:
        proceeding = service.track_letter(session, ctx, letter, sent_on=form.get("on", ""),
                                          channel=form.get("channel", ""), tracking=form.get("tracking", ""))
    except Invalid as exc:
        return redirect(request, f"/letters/{letter.id}", flash=next(iter(exc.errors.values())), level="error")
    return redirect(request, f"/proceedings/{proceeding.id}", flash="Recorded as sent. The deadline is on this page.")




# ---- answer review (issue 16) -----------------------------------------------------------------

def _review_page(request, session, ctx, proceeding, *, form, errors=None, status=200):
    ctx.require(*service.WRITERS)
    classes = {k: form.get(f"class_{k}", "") for k in answers.keys(session, proceeding)}
    checks = {c for c in review.CHECKS if form.get(c)}
    chosen = {v for v in classes.values() if v in review.CLASSES}
    found = review.findings(proceeding.procedure_id, chosen, checks) if chosen and not errors else []
    return render(request, "proceedings/proceeding_review.html", {
        "proceeding": proceeding, "items": {str(i.id): i for i in service.items(session, proceeding)},
        "keys": list(classes), "classes": review.CLASSES, "checks": review.relevant_checks(proceeding.procedure_id),
        "findings": found,
        "form": {"on": today().isoformat(), **form}, "errors": errors or {}, "saved": form.get("saved") == "1",
        "today": today()}, status=status)


@router.get("/proceedings/{proceeding_id}/review")
def proceeding_review(request: Request, session: DB, ctx: Ctx, proceeding_id: int):
    proceeding = service.get_proceeding(session, ctx, proceeding_id)
    form = {k: v[:40] for k, v in request.query_params.items()}
    return _review_page(request, session, ctx, proceeding, form=form)


@router.post("/proceedings/{proceeding_id}/review")
def proceeding_review_save(request: Request, form: FormData, session: DB, ctx: Ctx, proceeding_id: int):
    proceeding = service.get_proceeding(session, ctx, proceeding_id)
    classes = {k.split("_", 1)[1]: v for k, v in form.items() if k.startswith("class_")}
    checks = {c for c in review.CHECKS if form.get(c)}
    try:
        answers.record_review(session, ctx, proceeding, on=form.get("on", ""), classes=classes, checks=checks,
                              new_due=form.get("new_due", ""))
    except Invalid as exc:
        return _review_page(request, session, ctx, proceeding, form=form, errors=exc.errors, status=400)
    query = urlencode({**{f"class_{k}": v for k, v in classes.items() if v}, **{c: "1" for c in checks},
                       "saved": "1"})
    return redirect(request, f"/proceedings/{proceeding.id}/review?{query}#findings", flash="Saved to the timeline.")
