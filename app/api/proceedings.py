"""/api/v1 proceedings: list a case's, read one with its timeline and deadlines, add an event.
The same service functions as the proceeding pages (deadlines are recomputed on every event)."""

from fastapi import APIRouter, status

from app.api.deps import ApiCtx
from app.api.schemas import DeadlineOut, EventIn, EventOut, ProceedingDetail, ProceedingOut
from app.deps import DB
from app.proceedings import service
from app.tenancy import get_case

router = APIRouter(tags=["proceedings"])


@router.get("/cases/{case_id}/proceedings", response_model=list[ProceedingOut])
def proceedings_list(case_id: int, session: DB, ctx: ApiCtx):
    case = get_case(session, ctx, case_id)
    return [ProceedingOut.of(p) for p in service.case_proceedings(session, case)]


def _detail(session, proceeding) -> ProceedingDetail:
    return ProceedingDetail(**ProceedingOut.of(proceeding).model_dump(),
                            events=[EventOut.of(e) for e in service.events(session, proceeding)],
                            deadlines=[DeadlineOut.of(d) for d in service.deadlines(session, proceeding)])


@router.get("/proceedings/{proceeding_id}", response_model=ProceedingDetail)
def proceedings_get(proceeding_id: int, session: DB, ctx: ApiCtx):
    return _detail(session, service.get_proceeding(session, ctx, proceeding_id))


@router.get("/proceedings/{proceeding_id}/deadlines", response_model=list[DeadlineOut])
def proceedings_deadlines(proceeding_id: int, session: DB, ctx: ApiCtx):
    proceeding = service.get_proceeding(session, ctx, proceeding_id)
    return [DeadlineOut.of(d) for d in service.deadlines(session, proceeding)]


@router.post("/proceedings/{proceeding_id}/events", response_model=ProceedingDetail,
             status_code=status.HTTP_201_CREATED)
def proceedings_add_event(proceeding_id: int, body: EventIn, session: DB, ctx: ApiCtx):
    """Record what happened (sent, delivered, answered, ...); answers the proceeding with its new deadlines."""
    proceeding = service.get_proceeding(session, ctx, proceeding_id)
    service.add_event(session, ctx, proceeding, kind=body.kind, on=body.on.strip(), channel=body.channel,
                      tracking=body.tracking.strip(), new_due=body.new_due.strip(), note=body.note.strip(),
                      outcomes=body.outcomes)
    return _detail(session, proceeding)
