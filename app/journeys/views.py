"""/start ("What do you need?"), the journeys' steps, and the plans they leave."""


from fastapi import APIRouter, Request

from app.deps import DB, Ctx
from app.errors import Invalid, NotFound
from app.journeys import engine, plans
from app.journeys import service as journeys
from app.journeys.catalog import BY_SLUG, JOURNEYS
from app.web import FormData, FormLists, redirect, render

router = APIRouter()


def _journey(slug: str) -> engine.Journey:
    if slug not in BY_SLUG:
        raise NotFound(f"journey {slug}")
    return BY_SLUG[slug]


def _case_id(raw: str | int | None) -> int | None:
    try:
        return int(raw) if raw else None
    except ValueError as exc:
        raise NotFound("case") from exc


def _step_page(request, session, ctx, journey, answers, *, case_id, step, errors=None, status=200):
    facts = plans.facts(session, ctx, case_id=case_id, journey=journey, answers=answers)
    number, total = engine.position(journey, answers, facts, step)
    hidden = {k: v for k, v in answers.items() if v and (step is None or k not in {q.name for q in step.questions})}
    context = {"journey": journey, "step": step, "answers": answers, "hidden": hidden, "errors": errors or {},
               "number": number, "total": total, "case_id": case_id,
               "options": {q.name: engine.options_of(q, facts) for q in step.questions} if step else {},
               "summary": plans.summary(journey, answers, facts) if step is None else [],
               "created": journey.preview(answers, facts) if step is None else []}
    return render(request, "journeys/step.html" if step else "journeys/review.html", context, status=status)


@router.get("/start", name="start")
def start(request: Request, session: DB, ctx: Ctx, case: str = ""):
    case_id = _case_id(case)
    return render(request, "journeys/start.html", {"journeys": JOURNEYS, "case_id": case_id,
                                                   **plans.start_page(session, ctx, case_id=case_id)})


@router.get("/start/{slug}", name="journey_first")
def journey_first(request: Request, session: DB, ctx: Ctx, slug: str, case: str = ""):
    journey, case_id = _journey(slug), _case_id(case)
    # Another workspace's case is a 404 here already (facts reads it through the tenancy helpers).
    first = engine.applicable(journey, {}, plans.facts(session, ctx, case_id=case_id, journey=journey))[0]
    return _step_page(request, session, ctx, journey, {}, case_id=case_id, step=first)


@router.post("/start/{slug}", name="journey_step")
def journey_step(request: Request, lists: FormLists, session: DB, ctx: Ctx, slug: str):
    journey = _journey(slug)
    case_id = _case_id((lists.get("case") or [""])[-1])
    # Options that depend on the answers (a saved report's items) are checked once the facts are read.
    facts = plans.facts(session, ctx, case_id=case_id, journey=journey, answers=engine.read(journey, lists))
    answers = engine.read(journey, lists, facts)
    go = (lists.get("go") or ["next"])[-1]
    moved = engine.move(journey, answers, facts, current=(lists.get("step") or [""])[-1], go=go)
    if moved.errors:
        return _step_page(request, session, ctx, journey, answers, case_id=case_id, step=moved.step,
                          errors=moved.errors, status=400)
    if go != "confirm" or moved.step is not None:
        return _step_page(request, session, ctx, journey, answers, case_id=case_id, step=moved.step)
    try:
        plan = plans.create(session, ctx, journey, engine.kept(journey, answers, facts), case_id=case_id)
    except Invalid as exc:
        return _step_page(request, session, ctx, journey, answers, case_id=case_id, step=None, errors=exc.errors,
                          status=400)
    return redirect(request, request.url_for("plan_detail", plan_id=plan.id).path, flash="Your plan is ready.")


@router.get("/plans/{plan_id}", name="plan_detail")
def plan_detail(request: Request, session: DB, ctx: Ctx, plan_id: int):
    return render(request, "journeys/plan.html", plans.plan_page(session, ctx, plan_id))


@router.post("/plans/{plan_id}/steps/{step_id}", name="plan_step_done")
def plan_step_done(request: Request, form: FormData, session: DB, ctx: Ctx, plan_id: int, step_id: int):
    plan = journeys.get_plan(session, ctx, plan_id)
    journeys.mark(session, ctx, plan, step_id, done=form.get("done") == "1")
    return redirect(request, f"{request.url_for('plan_detail', plan_id=plan.id).path}#step-{step_id}")


@router.post("/plans/{plan_id}/steps/{step_id}/number", name="plan_step_number")
def plan_step_number(request: Request, form: FormData, session: DB, ctx: Ctx, plan_id: int, step_id: int):
    plan = journeys.get_plan(session, ctx, plan_id)
    try:
        journeys.record_report_number(session, ctx, plan, step_id, number=form.get("number", ""))
    except Invalid as exc:
        page = plans.plan_page(session, ctx, plan_id)
        return render(request, "journeys/plan.html", {**page, "errors": exc.errors, "form": form,
                                                      "error_step": step_id}, status=400)
    return redirect(request, f"{request.url_for('plan_detail', plan_id=plan.id).path}#step-{step_id}",
                    flash="Saved. Your draft letters now quote the report number.")




@router.get("/words", name="words")
def words(request: Request, ctx: Ctx):
    """Every legal word the app shows, each in one plain sentence (app/glossary.py)."""
    return render(request, "glossary/words.html", {})
