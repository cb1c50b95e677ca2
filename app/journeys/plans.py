"""What the journey pages show: facts a journey needs, the review's summary, the start page and
the plan page (a checklist with progress, the letters, the deadlines and the next step)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlmodel import Session

from app.journeys import engine
from app.journeys import service as journeys
from app.journeys.catalog import BY_SLUG
from app.journeys.models import Plan, PlanStep
from app.letters.models import Letter
from app.proceedings import service as proceedings
from app.proceedings.models import Proceeding
from app.tenancy import Context, get_case


def facts(session: Session, ctx: Context, *, case_id: int | None, journey: engine.Journey | None = None,
          answers: dict | None = None) -> dict:
    """What we already know: whether letters have a return address, and what the journey itself
    reads (a fix journey: the case's saved reports and their findings)."""
    case = get_case(session, ctx, case_id) if case_id is not None else journeys.own_case(session, ctx)
    known = {"has_address": journeys.has_address(session, ctx, case)}
    if journey is not None and journey.known is not None:
        known.update(journey.known(session, ctx, case, answers or {}))
    return known


def summary(journey: engine.Journey, answers: dict, known: dict) -> list[tuple[engine.Question, list[str]]]:
    """The review's "your answers": each asked question with its answer(s) as shown on screen."""
    rows = []
    for step in engine.applicable(journey, answers, known):
        for q in step.questions:
            value = answers.get(q.name, "")
            if q.kind == "multi":
                shown = [engine.choice_label(q, v, known) for v in value.split(",") if v]
            elif q.kind == "choice":
                shown = [engine.choice_label(q, value, known)] if value else []
            else:
                shown = [line for line in value.splitlines() if line.strip()]
            rows.append((q, shown))
    return rows


def start_page(session: Session, ctx: Context, *, case_id: int | None) -> dict:
    if case_id is not None:
        get_case(session, ctx, case_id)
    return {"plans": [(p, BY_SLUG.get(p.journey)) for p in journeys.case_plans(session, ctx)]}


def create(session: Session, ctx: Context, journey: engine.Journey, answers: dict, *, case_id: int | None) -> Plan:
    case = journeys.case_for(session, ctx, answers, case_id=case_id)
    steps = journey.build(session, ctx, case, answers)
    return journeys.create_plan(session, ctx, case, journey=journey.slug, answers=answers, steps=steps)


@dataclass
class StepView:
    step: PlanStep
    words: engine.StepWords | None
    letter: Letter | None
    proceeding: Proceeding | None
    link: tuple[str, str] | None


def _view(session: Session, journey: engine.Journey | None, step: PlanStep, case_id: int) -> StepView:
    words = journey.words.get(step.key) if journey else None
    letter = session.get(Letter, step.letter_id) if step.letter_id else None
    if step.proceeding_id:
        proceeding = session.get(Proceeding, step.proceeding_id)
    else:
        proceeding = proceedings.proceeding_for_letter(session, letter) if letter else None
    link = (words.link_by_subject.get(step.subject) or words.link) if words else None
    if link:  # a link inside Recourse may name the plan's case, or what the step noted (a country)
        link = (link[0], link[1].replace("{case}", str(case_id)).replace("{note}", step.note))
    return StepView(step, words, letter, proceeding, link)


def plan_page(session: Session, ctx: Context, plan_id: int) -> dict:
    plan = journeys.get_plan(session, ctx, plan_id)
    journey = BY_SLUG.get(plan.journey)
    views = [_view(session, journey, s, plan.case_id) for s in journeys.plan_steps(session, plan)]
    done = sum(1 for v in views if v.step.done)
    return {"plan": plan, "journey": journey, "steps": views, "done": done, "total": len(views),
            "next": next((v for v in views if not v.step.done), None),
            "answers": json.loads(plan.answers or "{}"), "case": get_case(session, ctx, plan.case_id)}
