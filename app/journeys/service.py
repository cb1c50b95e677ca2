"""Journeys' effects: the person's own case, letters drafted with their proceedings, and the plan.

A personal workspace holds one consumer, the person, and their case ("My credit"): a journey
finds them or creates them, so nobody meets the 33-field client form first. In a clinic the
advocate starts a journey from a case (clinic intake), and that case is used.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlmodel import Session, col, select

from app.audit import service as audit
from app.cases import service as cases
from app.cases.models import Case
from app.clock import utcnow
from app.consumers import service as consumers
from app.consumers.models import Address, Consumer
from app.errors import Invalid, NotFound
from app.journeys.models import Plan, PlanStep
from app.letters import service as letters
from app.letters.catalog import get_kind
from app.letters.models import Letter
from app.proceedings import service as proceedings
from app.proceedings.models import Proceeding
from app.recipients.models import Recipient
from app.tenancy import STAFF, Context, get_case, get_in_case, visible_cases, visible_consumers
from app.workspaces.models import WorkspaceKind

ADDRESS_FIELDS = ("line1", "line2", "city", "region", "postal_code", "country")


@dataclass
class StepSpec:
    """One checklist step a journey builds: a key naming its words, whom it is about, and what
    was drafted for it."""

    key: str
    subject: str = ""
    letter: Letter | None = None
    proceeding: Proceeding | None = None
    note: str = ""


def own_consumer(session: Session, ctx: Context) -> Consumer | None:
    """A personal workspace's person: its first consumer."""
    return session.exec(visible_consumers(ctx).order_by(Consumer.id)).first()


def own_case(session: Session, ctx: Context) -> Case | None:
    """The person's case: the first open one of the workspace's first consumer."""
    consumer = own_consumer(session, ctx)
    if consumer is None:
        return None
    return session.exec(visible_cases(ctx).where(Case.consumer_id == consumer.id, Case.status == "open")
                        .order_by(Case.id)).first()


def _has_address(session: Session, consumer_id: int) -> bool:
    return session.exec(select(Address).where(Address.consumer_id == consumer_id,
                                              col(Address.is_current).is_(True))).first() is not None


def has_address(session: Session, ctx: Context, case: Case | None) -> bool:
    """Whether letters have a return address: the case's consumer's, or the person's own."""
    consumer_id = case.consumer_id if case else getattr(own_consumer(session, ctx), "id", None)
    return consumer_id is not None and _has_address(session, consumer_id)


def address_errors(answers: dict) -> dict[str, str]:
    data = consumers.ConsumerInput(legal_name=answers.get("legal_name", ""), current=_address(answers))
    return consumers.validate(data, editing=False)


def _address(answers: dict) -> consumers.AddressInput:
    values = {f: answers.get(f"current_{f}", "") for f in ADDRESS_FIELDS}
    values["country"] = (values["country"] or "US").upper()
    return consumers.AddressInput(**values)


def case_for(session: Session, ctx: Context, answers: dict, *, case_id: int | None) -> Case:
    """The case a journey works in: the one given (clinic intake), or the person's own, created
    with their name and address when this is their first journey."""
    ctx.require(*STAFF)
    if case_id is not None:
        case = get_case(session, ctx, case_id)
    elif ctx.workspace.kind != WorkspaceKind.personal:
        raise Invalid({"case": "Start from a case page."})
    else:
        case = own_case(session, ctx)
    consumer = session.get(Consumer, case.consumer_id) if case else own_consumer(session, ctx)
    if consumer is None:
        data = consumers.ConsumerInput(legal_name=answers.get("legal_name") or ctx.user.name, email=ctx.user.email,
                                       current=_address(answers))
        consumer = consumers.create_consumer(session, ctx, data)
    elif answers.get("current_line1") and not _has_address(session, consumer.id):
        data = consumers.to_input(session, consumer)
        data.current = _address(answers)
        data.legal_name = answers.get("legal_name") or data.legal_name
        consumers.update_consumer(session, ctx, consumer, data)
    return case or cases.open_case(session, ctx, consumer_id=consumer.id, title="My credit")


def seeded(session: Session, slug: str) -> Recipient | None:
    return session.exec(select(Recipient).where(Recipient.slug == slug)).first()


def draft(session: Session, ctx: Context, case: Case, *, kind_id: str, recipient: Recipient | None,
          facts: dict, lang: str = "en", region: str | None = None) -> Letter:
    """A draft letter and the proceeding it opens (so its deadlines show once it is sent), as the
    freeze builder (app/letters/freeze.py) does. Missing facts are left for the letter page to ask."""
    kind = get_kind(kind_id)
    consumer = session.get(Consumer, case.consumer_id)
    data = letters.build_data(session, consumer=consumer, recipient=recipient,
                              reference=letters.next_reference(session, case),
                              letter_date=letters.default_letter_date(), sending_method="certified",
                              region=region, facts=facts)
    letter = letters.save_draft(session, ctx, case, kind=kind, lang=lang if lang in kind.languages else kind.languages[0],
                                recipient=recipient, data=data)
    proceedings.open_proceeding(session, ctx, case, procedure_id=kind.procedure_id, recipient=recipient,
                                title=kind.title, region=region or "", letter=letter,
                                items=facts.get("items") or [])
    return letter


def create_plan(session: Session, ctx: Context, case: Case, *, journey: str, answers: dict,
                steps: list[StepSpec]) -> Plan:
    plan = Plan(workspace_id=ctx.workspace.id, case_id=case.id, journey=journey, created_by_id=ctx.user.id,
                answers=json.dumps(answers, ensure_ascii=False))
    session.add(plan)
    session.flush()
    for i, spec in enumerate(steps):
        session.add(PlanStep(workspace_id=ctx.workspace.id, plan_id=plan.id, position=i, key=spec.key,
                             subject=spec.subject[:200], note=spec.note[:200],
                             letter_id=spec.letter.id if spec.letter else None,
                             proceeding_id=spec.proceeding.id if spec.proceeding else None))
    session.flush()
    audit.record(session, action="plan.created", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="plan", object_id=plan.id, ip=ctx.ip, detail={"journey": journey, "case": case.id})
    return plan


def get_plan(session: Session, ctx: Context, plan_id: int) -> Plan:
    return get_in_case(session, ctx, Plan, plan_id)


def plan_steps(session: Session, plan: Plan) -> list[PlanStep]:
    return list(session.exec(select(PlanStep).where(PlanStep.plan_id == plan.id)
                             .order_by(PlanStep.position, PlanStep.id)).all())


def case_plans(session: Session, ctx: Context) -> list[Plan]:
    mine = visible_cases(ctx).with_only_columns(Case.id)
    return list(session.exec(select(Plan).where(Plan.workspace_id == ctx.workspace.id, col(Plan.case_id).in_(mine))
                             .order_by(col(Plan.id).desc()).limit(20)).all())


def _step(session: Session, plan: Plan, step_id: int) -> PlanStep:
    step = session.exec(select(PlanStep).where(PlanStep.id == step_id, PlanStep.plan_id == plan.id)).first()
    if step is None:
        raise NotFound(f"plan step {step_id}")
    return step


def mark(session: Session, ctx: Context, plan: Plan, step_id: int, *, done: bool) -> PlanStep:
    ctx.require(*STAFF)
    step = _step(session, plan, step_id)
    step.done, step.done_at = done, utcnow() if done else None
    session.add(step)
    audit.record(session, action="plan.step_done" if done else "plan.step_undone", actor_id=ctx.user.id,
                 workspace_id=ctx.workspace.id, object_type="plan", object_id=plan.id, ip=ctx.ip,
                 detail={"step": step.key})
    return step


# The letters that quote the identity theft report's number (FCRA §605B(a)(2), §609(e)(2)(B)).
QUOTE_REPORT = ("us.identity-theft-block", "us.identity-theft-records", "us.fraud-alert-extended")


def record_report_number(session: Session, ctx: Context, plan: Plan, step_id: int, *, number: str) -> PlanStep:
    """The FTC report number, kept on the step and written into the plan's draft letters that cite it."""
    ctx.require(*STAFF)
    number = number.strip()
    if not number or len(number) > 60:
        raise Invalid({"number": "Enter the report number (at most 60 characters)."})
    step = _step(session, plan, step_id)
    step.note, step.done, step.done_at = number, True, utcnow()
    session.add(step)
    case = get_case(session, ctx, plan.case_id)
    for other in plan_steps(session, plan):
        letter = session.get(Letter, other.letter_id) if other.letter_id else None
        if letter is None or letter.status != "draft" or letter.kind_id not in QUOTE_REPORT:
            continue
        data = json.loads(letter.data)
        data["facts"] = {**data.get("facts", {}), "itr_number": number}
        if "itr_agency" in {f.name for f in get_kind(letter.kind_id).fields}:
            data["facts"]["itr_agency"] = "Federal Trade Commission (IdentityTheft.gov)"
        letters.save_draft(session, ctx, case, kind=get_kind(letter.kind_id), lang=letter.lang,
                           recipient=letters.letter_recipient(session, letter), data=data, letter=letter)
    audit.record(session, action="plan.report_number", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="plan", object_id=plan.id, ip=ctx.ip, detail={"step": step.key})
    return step


def track_elsewhere(session: Session, ctx: Context, case: Case, *, procedure_id: str, recipient_name: str,
                    sent_on: str, channel: str) -> Proceeding:
    """A request sent outside Recourse: its proceeding, with the day it went out, so its deadline runs."""
    proceeding = proceedings.open_proceeding(session, ctx, case, procedure_id=procedure_id)
    proceeding.recipient_name = recipient_name[:200]
    session.add(proceeding)
    proceedings.add_event(session, ctx, proceeding, kind="sent", on=sent_on, channel=channel)
    return proceeding
