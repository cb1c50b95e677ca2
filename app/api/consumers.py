"""/api/v1/consumers: the same service functions as the consumer pages."""

from fastapi import APIRouter, status

from app.api.deps import ApiCtx
from app.api.schemas import ConsumerIn, ConsumerOut
from app.consumers import service
from app.consumers.service import AddressInput, ConsumerInput
from app.deps import DB
from app.tenancy import get_consumer

router = APIRouter(tags=["consumers"])


@router.get("/consumers", response_model=list[ConsumerOut])
def consumers_list(session: DB, ctx: ApiCtx):
    return [ConsumerOut.of(c) for c in service.list_consumers(session, ctx)]


@router.post("/consumers", response_model=ConsumerOut, status_code=status.HTTP_201_CREATED)
def consumers_create(body: ConsumerIn, session: DB, ctx: ApiCtx):
    data = ConsumerInput(
        legal_name=body.legal_name.strip(), other_names=body.other_names.strip(), email=body.email.strip(),
        phone=body.phone.strip(), preferred_language=body.preferred_language, date_of_birth=body.date_of_birth.strip(),
        national_id=body.national_id.strip(), national_id_kind=body.national_id_kind,
        current=AddressInput(**body.current_address.model_dump()),
        prior=[AddressInput(**a.model_dump()) for a in body.prior_addresses])
    return ConsumerOut.of(service.create_consumer(session, ctx, data))


@router.get("/consumers/{consumer_id}", response_model=ConsumerOut)
def consumers_get(consumer_id: int, session: DB, ctx: ApiCtx):
    return ConsumerOut.of(get_consumer(session, ctx, consumer_id))
