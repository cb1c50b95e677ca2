"""/api/v1/outcomes: the Outcomes page's figures (app/outcomes) as JSON, for a funder's report built
in another system. The same queries and the same period rules as the page; owners and advocates only."""

from datetime import date

from fastapi import APIRouter
from pydantic import BaseModel

from app.api.deps import ApiCtx
from app.clock import today
from app.deps import DB
from app.outcomes import periods, queries

router = APIRouter(tags=["outcomes"])


class OutcomeGroup(BaseModel):
    key: str
    kind: str = ""
    proceedings: int
    answered: int
    late: int
    median_days: float | None
    deleted: int
    corrected: int
    verified: int


class OutcomesOut(BaseModel):
    start: date
    end: date
    proceedings: int
    by_purpose: dict[str, int]
    answered: int
    answered_with_due: int
    late: int
    share_late: float | None
    unanswered_overdue: int
    requests_answered: int
    identity_theft_completed: int
    identity_theft_plans_completed: int
    median_days: float | None
    items: dict[str, int]
    by_recipient: list[OutcomeGroup]
    by_advocate: list[OutcomeGroup]
    by_jurisdiction: list[OutcomeGroup]


@router.get("/outcomes", response_model=OutcomesOut)
def outcomes_get(session: DB, ctx: ApiCtx, period: str = "quarter", year: str = "", quarter: str = "",
                 start: str = "", end: str = ""):
    """Figures for proceedings first sent in the period: `period` is quarter (with year and quarter),
    year (with year) or custom (with start and end, YYYY-MM-DD, at most five years). Defaults: this quarter."""
    on = today()
    chosen = periods.parse({"period": period, "year": year, "quarter": quarter, "start": start, "end": end}, today=on)
    found = queries.figures(session, ctx, chosen, today=on)
    s = found.summary

    def groups(name: str) -> list[OutcomeGroup]:
        return [OutcomeGroup(**vars(r)) for r in found.groups[name]]

    return OutcomesOut(start=chosen.start, end=chosen.end, proceedings=s.proceedings, by_purpose=s.by_purpose,
                       answered=s.answered, answered_with_due=s.answered_with_due, late=s.late,
                       share_late=s.share_late, unanswered_overdue=s.unanswered_overdue,
                       requests_answered=s.requests_answered, identity_theft_completed=s.identity_theft_completed,
                       identity_theft_plans_completed=s.identity_theft_plans_completed, median_days=s.median_days,
                       items=s.items, by_recipient=groups("recipient"), by_advocate=groups("advocate"),
                       by_jurisdiction=groups("jurisdiction"))
