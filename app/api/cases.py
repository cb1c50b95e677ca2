"""/api/v1/cases: the same service functions as the case pages."""

from typing import Literal

from fastapi import APIRouter, Query, status

from app.api.deps import ApiCtx
from app.api.schemas import CaseIn, CaseList, CaseOut
from app.cases import service
from app.deps import DB, SettingsDep
from app.tenancy import get_case

router = APIRouter(tags=["cases"])


@router.get("/cases", response_model=CaseList)
def cases_list(session: DB, ctx: ApiCtx, settings: SettingsDep, q: str = Query("", max_length=200),
               status: Literal["open", "closed", "all"] = "open", page: int = Query(1, ge=1, le=100_000)):
    found = service.search_cases(session, ctx, q=q, status=status, page=page, page_size=settings.page_size)
    return CaseList(items=[CaseOut.of(r.case) for r in found.rows], total=found.total, page=found.page,
                    pages=found.pages)


@router.post("/cases", response_model=CaseOut, status_code=status.HTTP_201_CREATED)
def cases_create(body: CaseIn, session: DB, ctx: ApiCtx):
    return CaseOut.of(service.open_case(session, ctx, consumer_id=body.consumer_id, title=body.title.strip()))


@router.get("/cases/{case_id}", response_model=CaseOut)
def cases_get(case_id: int, session: DB, ctx: ApiCtx):
    return CaseOut.of(get_case(session, ctx, case_id))
