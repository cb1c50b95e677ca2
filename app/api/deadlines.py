"""/api/v1/deadlines/compute: the rules engine on a timeline you send (nothing is stored), as the
proceeding pages use it: dates in, deadlines with their citation and explanation out."""

from fastapi import APIRouter

from app.api.deps import ApiCtx
from app.api.schemas import ComputedDeadline, ComputeIn
from app.clock import today
from app.errors import Invalid
from app.rules import TimelineEvent, UnknownProcedure, UnknownRegion, compute_deadlines

router = APIRouter(tags=["deadlines"])


@router.post("/deadlines/compute", response_model=list[ComputedDeadline])
def deadlines_compute(body: ComputeIn, ctx: ApiCtx):
    try:
        events = [TimelineEvent(kind=e.kind, on=e.on, channel=e.channel, new_due=e.new_due, voided=e.voided)
                  for e in body.events]
    except ValueError as exc:  # the message names the valid kinds or channels
        raise Invalid({"events": str(exc)}) from None
    try:
        found = compute_deadlines(body.procedure_id, events, region=body.region or None,
                                  today=body.today or today(), transit_days=body.transit_days)
    except UnknownProcedure:
        raise Invalid({"procedure_id": "No such procedure in the rules registry."}) from None
    except UnknownRegion as exc:
        raise Invalid({"region": str(exc)}) from None
    return [ComputedDeadline(**{k: v for k, v in d.to_dict().items() if k in ComputedDeadline.model_fields})
            for d in found]
