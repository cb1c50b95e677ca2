"""Page: the audit log, for workspace owners."""

from datetime import UTC, datetime, timedelta

from fastapi import APIRouter, Request
from sqlmodel import col, select

from app.accounts.models import User
from app.audit import service
from app.deps import DB, Ctx
from app.web import render
from app.workspaces.models import Role
from app.workspaces.service import list_members

router = APIRouter()


def _parse_day(raw: str) -> datetime | None:
    try:
        return datetime.fromisoformat(raw).replace(tzinfo=UTC) if raw else None
    except ValueError:
        return None


def _day_after(day: datetime | None) -> datetime | None:
    """The end of the range (exclusive); None for no end, and for 9999-12-31, the last day there is."""
    try:
        return day + timedelta(days=1) if day else None
    except OverflowError:
        return None


@router.get("/audit")
def audit_log(request: Request, session: DB, ctx: Ctx, action: str = "", actor: str = "", since: str = "",
              until: str = "", page: int = 1):
    ctx.require(Role.owner)
    start, end = _parse_day(since), _parse_day(until)
    errors = {}
    if since and start is None:
        errors["since"] = "Enter a date like 2026-01-31."
    if until and end is None:
        errors["until"] = "Enter a date like 2026-01-31."
    actor_id = int(actor) if actor.isdigit() else None
    result = service.browse(session, workspace_id=ctx.workspace.id, action=action.strip()[:64], actor_id=actor_id,
                            since=start, until=_day_after(end), page=page)
    ids = {e.actor_user_id for e in result.entries if e.actor_user_id}
    names = dict(session.exec(select(User.id, User.name).where(col(User.id).in_(ids))).all()) if ids else {}
    people = [(u.id, u.name) for _m, u in list_members(session, ctx)]
    return render(request, "audit/audit_list.html", {
        "result": result, "names": names, "errors": errors, "people": people,
        "form": {"action": action, "actor": actor, "since": since, "until": until},
    }, status=400 if errors else 200)
