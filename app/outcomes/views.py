"""The Outcomes page (issue 16): a workspace's results over a grant period, with charts, tables
and CSV exports of the figures and of the rows they are counted from."""

import csv
import io

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.audit import service as audit
from app.clock import today
from app.deps import DB, Ctx, audited_read
from app.errors import Invalid
from app.outcomes import periods, queries
from app.outcomes.charts import bar_chart
from app.tenancy import STAFF
from app.web import render, t

router = APIRouter()


def _form(request: Request) -> dict[str, str]:
    params = request.query_params
    year, quarter = periods.current_quarter(today())
    return {"period": params.get("period", "quarter")[:10], "year": params.get("year", str(year))[:10],
            "quarter": params.get("quarter", str(quarter))[:2], "start": params.get("start", "")[:10],
            "end": params.get("end", "")[:10]}


def _outcome_words(request: Request) -> dict[str, str]:
    return {"deleted": t(request, "Deleted"), "corrected": t(request, "Corrected"), "verified": t(request, "Verified"),
            "other": t(request, "Other answer (unchanged, frivolous, in part)"),
            "no-answer": t(request, "No answer by the deadline"), "pending": t(request, "Waiting or not recorded")}


def _group_words(request: Request) -> dict[str, str]:
    return {"bureau": t(request, "Credit bureau"), "furnisher": t(request, "Furnisher, creditor or collector"),
            "controller": t(request, "Data controller"), "authority": t(request, "Authority"), "unknown": "—", "": "—"}


def _charts(request: Request, found: queries.Figures) -> dict:
    items = found.summary.items
    words = _outcome_words(request)
    return {
        "items": bar_chart("chart-items", t(request, "Items by outcome"),
                           t(request, "How many disputed items each outcome had, in the period."),
                           [(words[o], items.get(o, 0)) for o in queries.ITEM_OUTCOMES]),
        "median": bar_chart("chart-median", t(request, "Median days to answer, by recipient"),
                            t(request, "For each recipient, the median number of days between sending and the answer."),
                            [(r.key, r.median_days) for r in found.groups["recipient"] if r.median_days is not None]),
        "jurisdiction": bar_chart("chart-jurisdiction", t(request, "Requests and disputes sent, by law"),
                                  t(request, "How many were sent in the period under each law."),
                                  [(r.key or "—", r.proceedings) for r in found.groups["jurisdiction"]]),
    }


@router.get("/outcomes", name="outcomes")
def outcomes_page(request: Request, session: DB, ctx: Ctx):
    ctx.require(*STAFF)
    form = _form(request)
    try:
        period = periods.parse(form, today=today())
    except Invalid as exc:
        return render(request, "outcomes/outcomes_page.html", {"form": form, "errors": exc.errors, "found": None},
                      status=400)
    found = queries.figures(session, ctx, period, today=today())
    return render(request, "outcomes/outcomes_page.html", {
        "form": form, "found": found, "charts": _charts(request, found), "item_outcomes": queries.ITEM_OUTCOMES,
        "outcome_words": _outcome_words(request), "group_words": _group_words(request), "query": request.url.query})


def _csv(filename: str, header: tuple, rows) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _period_or_page(request: Request):
    form = _form(request)
    try:
        return periods.parse(form, today=today()), None
    except Invalid as exc:
        return None, render(request, "outcomes/outcomes_page.html", {"form": form, "errors": exc.errors,
                                                                     "found": None}, status=400)


@router.get("/outcomes/figures.csv", name="outcomes_figures_csv")
def outcomes_figures_csv(request: Request, session: DB, ctx: Ctx):
    ctx.require(*STAFF)
    period, page = _period_or_page(request)
    if page:
        return page
    found = queries.figures(session, ctx, period, today=today())
    return _csv(f"outcomes-{period.start}-{period.end}.csv", ("section", "group", "group_type", "figure", "value"),
                queries.figure_lines(found))


@router.get("/outcomes/rows.csv", name="outcomes_rows_csv")
@audited_read
def outcomes_rows_csv(request: Request, session: DB, ctx: Ctx):
    ctx.require(*STAFF)
    period, page = _period_or_page(request)
    if page:
        return page
    rows = [tuple(_cell(v) for v in row) for row in queries.underlying_rows(session, ctx, period)]
    audit.record(session, action="outcomes.rows_exported", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="workspace", object_id=ctx.workspace.id, ip=ctx.ip,
                 detail={"start": period.start.isoformat(), "end": period.end.isoformat(), "rows": len(rows)})
    return _csv(f"outcomes-rows-{period.start}-{period.end}.csv", queries.ROW_COLUMNS, rows)


def _cell(value):
    if value is True or value is False:
        return "yes" if value else "no"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return "" if value is None else value
