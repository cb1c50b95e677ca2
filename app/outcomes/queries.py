"""The Outcomes page's figures (issue 16), counted by the database with SQL aggregates.

Every figure is about one cohort: the workspace's proceedings first sent (or delivered) in the
chosen period, read from the columns recompute() keeps on each proceeding and item (sent_on,
answered_on, answer_due, closed_on; the item's latest outcome). The page runs two GROUP BY
queries that return aggregated rows (per combination of purpose, recipient, advocate and law, and
per day count or outcome), never one row per proceeding; the rows export is the only exception.
Medians come from the exact histogram of days to answer (the same number percentile_cont(0.5)
gives), identical on SQLite and PostgreSQL. See benchmarks/outcomes.py and docs/outcomes.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Integer, and_, case, cast, func, or_, select, text
from sqlalchemy.sql import ColumnElement
from sqlmodel import Session, col

from app.accounts.models import User
from app.cases.models import Case
from app.journeys.models import Plan, PlanStep
from app.proceedings.models import Proceeding
from app.recipients.models import Recipient
from app.rules import PROCEDURES
from app.rules.jurisdictions import TABLE as JURISDICTIONS
from app.tenancy import STAFF, Context

# What each procedure is for, as the page counts it. Identity theft first: a block is also a
# request to a bureau, but it belongs to the person's recovery plan (FCRA §605B, §609(e), §605A).
IDENTITY_THEFT = tuple(p for p in PROCEDURES if "identity-theft" in p or "fraud-alert" in p)
ESCALATIONS = tuple(p for p in PROCEDURES if p not in IDENTITY_THEFT and (
    "complaint" in p or "referral" in p or "reconsideration" in p))
REQUESTS = tuple(p for p in PROCEDURES if p not in IDENTITY_THEFT + ESCALATIONS and (
    p.endswith(("report", "access", "know", "check")) or p == "us.fcra.method-of-verification"))
DISPUTES = tuple(p for p in PROCEDURES if p not in IDENTITY_THEFT + ESCALATIONS + REQUESTS and any(
    w in p for w in ("dispute", "rectification", "correct", "erasure", "objection", "deletion", "delete",
                     "repair", "validation", "restriction", "automated-decision")))
PURPOSES = ("dispute", "request", "escalation", "identity-theft", "other")

# Recipient directory kinds grouped the way grant reports name them.
RECIPIENT_GROUPS = {"central-source": "bureau", "cra": "bureau", "specialty-cra": "bureau",
                    "credit-agency": "bureau", "furnisher": "furnisher", "creditor": "furnisher",
                    "collector": "furnisher", "controller": "controller", "regulator": "authority"}
ITEM_OUTCOMES = ("deleted", "corrected", "verified", "other", "no-answer", "pending")
DIMENSIONS = ("recipient", "advocate", "jurisdiction")


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive


@dataclass
class Summary:
    proceedings: int = 0
    by_purpose: dict[str, int] = field(default_factory=dict)
    answered: int = 0
    answered_with_due: int = 0
    late: int = 0
    unanswered_overdue: int = 0
    requests_answered: int = 0
    identity_theft_completed: int = 0
    identity_theft_plans_completed: int = 0
    median_days: float | None = None
    items: dict[str, int] = field(default_factory=dict)

    @property
    def share_late(self) -> float | None:
        return self.late / self.answered_with_due if self.answered_with_due else None


@dataclass
class GroupRow:
    key: str
    kind: str = ""  # recipient group (bureau, furnisher...) for the recipient dimension
    proceedings: int = 0
    answered: int = 0
    late: int = 0
    median_days: float | None = None
    deleted: int = 0
    corrected: int = 0
    verified: int = 0


def purpose_of(col_=Proceeding.procedure_id) -> ColumnElement:
    return case((col(col_).in_(IDENTITY_THEFT), "identity-theft"), (col(col_).in_(ESCALATIONS), "escalation"),
                (col(col_).in_(REQUESTS), "request"), (col(col_).in_(DISPUTES), "dispute"), else_="other")


def jurisdiction_of(col_=Proceeding.procedure_id) -> ColumnElement:
    longest_first = sorted(JURISDICTIONS, key=lambda j: -len(j.procedure_prefix))
    return case(*[(col(col_).startswith(j.procedure_prefix), j.code) for j in longest_first],
                else_="")


def recipient_group_of() -> ColumnElement:
    return case(*[(Recipient.kind == k, g) for k, g in RECIPIENT_GROUPS.items()], else_="unknown")


def _days(session: Session) -> ColumnElement:
    """Calendar days from sent to answered."""
    if session.get_bind().dialect.name == "postgresql":
        return cast(Proceeding.answered_on - Proceeding.sent_on, Integer)
    return cast(func.julianday(Proceeding.answered_on) - func.julianday(Proceeding.sent_on), Integer)


def _cohort(ctx: Context, period: Period) -> list[ColumnElement]:
    return [Proceeding.workspace_id == ctx.workspace.id, col(Proceeding.sent_on).is_not(None),
            Proceeding.sent_on >= period.start, Proceeding.sent_on <= period.end]


def _late() -> ColumnElement:
    return and_(col(Proceeding.answered_on).is_not(None), col(Proceeding.answer_due).is_not(None),
                Proceeding.answered_on > Proceeding.answer_due)


def _unanswered_overdue(today: date) -> ColumnElement:
    return and_(col(Proceeding.answered_on).is_(None), col(Proceeding.answer_due).is_not(None),
                Proceeding.answer_due < today, Proceeding.state != "closed")


def _count(condition: ColumnElement):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


# The groupings the page shows, all rolled up from one GROUP BY over every key at once (see
# _aggregate): (set name, the keys it groups by).
SETS: dict[str, tuple[str, ...]] = {"total": (), "purpose": ("purpose",), "recipient": ("recipient", "recipient_group"),
                                    "advocate": ("advocate",), "jurisdiction": ("jurisdiction",)}
COUNTS = ("n", "answered", "with_due", "late", "overdue", "done", "deleted", "corrected", "verified", "other",
          "no_answer", "pending")


def _grouped_cohort(session: Session, ctx: Context, period: Period, today: date):
    """The cohort grouped by its raw columns (procedure, recipient, who opened it, days to
    answer): the database hashes on plain columns, and the result is small."""
    answered = col(Proceeding.answered_on).is_not(None)
    unclassified = (Proceeding.items_total - Proceeding.items_deleted - Proceeding.items_corrected
                    - Proceeding.items_verified - Proceeding.items_other)
    overdue = _unanswered_overdue(today)
    days = case((answered, _days(session)), else_=None).label("days")
    raw = (Proceeding.procedure_id, Proceeding.recipient_id, Proceeding.recipient_name, Proceeding.created_by_id)
    return select(*raw, days, func.count().label("n"), _count(answered).label("answered"),
                  _count(and_(answered, col(Proceeding.answer_due).is_not(None))).label("with_due"),
                  _count(_late()).label("late"), _count(overdue).label("overdue"),
                  _count(or_(answered, Proceeding.state == "closed")).label("done"),
                  _sum(Proceeding.items_deleted).label("deleted"), _sum(Proceeding.items_corrected).label("corrected"),
                  _sum(Proceeding.items_verified).label("verified"), _sum(Proceeding.items_other).label("other"),
                  _sum(case((overdue, unclassified), else_=0)).label("no_answer"),
                  _sum(case((overdue, 0), else_=unclassified)).label("pending"),
                  ).where(*_cohort(ctx, period)).group_by(*raw, days).subquery("cohort")


def _keyed(sub):
    """The small grouped rows with the page's keys: purpose and law from the procedure, the
    recipient's name and type, the name of who opened it."""
    return (select(purpose_of(sub.c.procedure_id).label("purpose"),
                   func.coalesce(func.nullif(sub.c.recipient_name, ""), "—").label("recipient"),
                   recipient_group_of().label("recipient_group"), func.coalesce(User.name, "—").label("advocate"),
                   jurisdiction_of(sub.c.procedure_id).label("jurisdiction"),
                   *[c for c in sub.c if c.name not in ("procedure_id", "recipient_id", "recipient_name",
                                                         "created_by_id")])
            .select_from(sub).outerjoin(Recipient, Recipient.id == sub.c.recipient_id)
            .outerjoin(User, User.id == sub.c.created_by_id))


def _sum(column) -> ColumnElement:
    return func.coalesce(func.sum(column), 0)


def _median(histogram: dict[int, int]) -> float | None:
    """The exact median of a histogram {days: how many}: the middle value, or the mean of the two
    middle values (what percentile_cont(0.5) gives)."""
    total = sum(histogram.values())
    if not total:
        return None
    wanted, found, seen = {(total + 1) // 2, (total + 2) // 2}, [], 0
    for days in sorted(histogram):
        before, seen = seen, seen + histogram[days]
        found += [days for position in wanted if before < position <= seen]
    return sum(found) / len(found)


def _aggregate(session: Session, ctx: Context, period: Period, today: date) -> tuple[Summary, dict[str, list[GroupRow]]]:
    """One GROUP BY query (by procedure, recipient, who opened it and days to answer) returns a
    few hundred aggregated rows, whatever the number of proceedings; the page's groupings are sums
    of those, and the medians come from the exact histogram of days. Item counts are columns of
    each proceeding."""
    if session.get_bind().dialect.name == "postgresql":
        # The planner cannot know how few groups there are; with room to hash them it does not
        # sort the cohort on disk (for this transaction only).
        session.execute(text("SET LOCAL work_mem = '32MB'"))
    counted = session.execute(_keyed(_grouped_cohort(session, ctx, period, today))).mappings().all()
    sets = {name: _roll_up(counted, keys) for name, keys in SETS.items()}
    total = sets["total"].get((), {})
    summary = Summary(proceedings=total.get("n", 0), answered=total.get("answered", 0),
                      answered_with_due=total.get("with_due", 0), late=total.get("late", 0),
                      unanswered_overdue=total.get("overdue", 0), requests_answered=total.get("requests_answered", 0),
                      identity_theft_completed=total.get("identity_theft_done", 0),
                      median_days=_median(total.get("days", {})),
                      by_purpose={key[0]: row["n"] for key, row in sets["purpose"].items() if row["n"]},
                      items={b: total.get(b.replace("-", "_"), 0) for b in ITEM_OUTCOMES})
    groups = {}
    for dimension in DIMENSIONS:
        rows = [GroupRow(key[0] or "", key[1] if dimension == "recipient" else "", row["n"], row["answered"],
                         row["late"], _median(row["days"]),
                         row["deleted"], row["corrected"], row["verified"])
                for key, row in sets[dimension].items() if row["n"]]
        groups[dimension] = sorted(rows, key=lambda r: (-r.proceedings, r.key))[:GROUP_LIMIT]
    return summary, groups


def _roll_up(counted, keys: tuple[str, ...]) -> dict[tuple, dict]:
    """Sum the aggregated rows into the groups of one set, with each group's histogram of days."""
    groups: dict[tuple, dict] = {}
    for row in counted:
        found = groups.setdefault(tuple(row[k] for k in keys), {**dict.fromkeys(COUNTS, 0), "days": {}})
        for name in COUNTS:
            found[name] += int(row[name])
        # Counted for one purpose only: requests answered, identity theft steps answered or closed.
        found["requests_answered"] = found.get("requests_answered", 0) + (
            int(row["answered"]) if row["purpose"] == "request" else 0)
        found["identity_theft_done"] = found.get("identity_theft_done", 0) + (
            int(row["done"]) if row["purpose"] == "identity-theft" else 0)
        if row["days"] is not None:
            found["days"][int(row["days"])] = found["days"].get(int(row["days"]), 0) + int(row["n"])
    return groups


GROUP_LIMIT = 50  # the biggest groups of each breakdown


def plans_completed(session: Session, ctx: Context, period: Period) -> int:
    """Identity-theft recovery plans ("Someone used my identity") whose every step is ticked, with
    the last tick in the period (days counted in UTC): one aggregate over the workspace's plan steps."""
    finished = (select(PlanStep.plan_id)
                .join(Plan, Plan.id == PlanStep.plan_id)
                .where(PlanStep.workspace_id == ctx.workspace.id, Plan.workspace_id == ctx.workspace.id,
                       Plan.journey == "identity-theft")
                .group_by(PlanStep.plan_id)
                .having(func.count() == func.sum(case((col(PlanStep.done).is_(True), 1), else_=0)),
                        func.max(PlanStep.done_at) >= datetime.combine(period.start, time.min, UTC),
                        func.max(PlanStep.done_at) < datetime.combine(period.end + timedelta(days=1), time.min, UTC))
                .subquery())
    return session.execute(select(func.count()).select_from(finished)).scalar_one()


def summary(session: Session, ctx: Context, period: Period, *, today: date) -> Summary:
    found = _aggregate(session, ctx, period, today)[0]
    found.identity_theft_plans_completed = plans_completed(session, ctx, period)
    return found


def breakdown(session: Session, ctx: Context, period: Period, dimension: str, *, today: date) -> list[GroupRow]:
    """Per recipient, advocate (who opened the proceeding) or jurisdiction: the biggest groups first."""
    return _aggregate(session, ctx, period, today)[1][dimension]


ROW_COLUMNS = ("case", "purpose", "jurisdiction", "recipient", "recipient_type", "opened_by", "state", "sent_on",
               "answer_due", "answered_on", "days_to_answer", "answered_late", "closed_on", "items",
               "items_deleted", "items_corrected", "items_verified")


def underlying_rows(session: Session, ctx: Context, period: Period):
    """One row per proceeding of the cohort, for the CSV export: no name, identifier, date of birth,
    account number or note (only the case number, to find the file again)."""
    query = (select(Case.number, purpose_of(), jurisdiction_of(), Proceeding.recipient_name, recipient_group_of(),
                    User.name, Proceeding.state, Proceeding.sent_on, Proceeding.answer_due, Proceeding.answered_on,
                    _days(session), case((_late(), "yes"), else_="no"), Proceeding.closed_on, Proceeding.items_total,
                    Proceeding.items_deleted, Proceeding.items_corrected, Proceeding.items_verified)
             .select_from(Proceeding).join(Case, Case.id == Proceeding.case_id)
             .outerjoin(Recipient, Recipient.id == Proceeding.recipient_id)
             .outerjoin(User, User.id == Proceeding.created_by_id)
             .where(*_cohort(ctx, period)).order_by(Proceeding.sent_on, Proceeding.id))
    return session.execute(query.execution_options(yield_per=1000))


@dataclass
class Figures:
    period: Period
    summary: Summary
    groups: dict[str, list[GroupRow]]


def figures(session: Session, ctx: Context, period: Period, *, today: date) -> Figures:
    """Everything the page shows: for owners and advocates only (volunteers and clients see single
    cases, not a workspace's totals)."""
    ctx.require(*STAFF)
    found = Figures(period, *_aggregate(session, ctx, period, today))
    found.summary.identity_theft_plans_completed = plans_completed(session, ctx, period)
    return found


def figure_lines(found: Figures) -> list[tuple[str, str, str, str, object]]:
    """The page's figures as (section, group, group type, figure, value) lines for the CSV export."""
    s = found.summary
    share = round(s.share_late, 4) if s.share_late is not None else ""
    lines: list[tuple[str, str, str, str, object]] = [
        ("total", "", "", "proceedings", s.proceedings),
        *[("total", "", "", f"{p}_sent", s.by_purpose.get(p, 0)) for p in PURPOSES],
        ("total", "", "", "answered", s.answered), ("total", "", "", "answered_late", s.late),
        ("total", "", "", "share_answered_late", share),
        ("total", "", "", "unanswered_past_due", s.unanswered_overdue),
        ("total", "", "", "median_days_to_answer", s.median_days if s.median_days is not None else ""),
        ("total", "", "", "requests_answered", s.requests_answered),
        ("total", "", "", "identity_theft_completed", s.identity_theft_completed),
        ("total", "", "", "identity_theft_plans_completed", s.identity_theft_plans_completed),
        *[("total", "", "", f"items_{o}", s.items.get(o, 0)) for o in ITEM_OUTCOMES]]
    for dimension, rows in found.groups.items():
        for r in rows:
            for name in ("proceedings", "answered", "late", "median_days", "deleted", "corrected", "verified"):
                value = getattr(r, name)
                lines.append((dimension, r.key, r.kind, name, "" if value is None else value))
    return lines
