"""The Outcomes page's figures (issue 16), counted by the database with SQL aggregates.

Every figure is about one cohort: the workspace's proceedings first sent (or delivered) in the
chosen period, read from the columns recompute() keeps on each proceeding and item (sent_on,
answered_on, answer_due, closed_on; the item's latest outcome). No query returns one row per
proceeding except the rows export, so the page stays fast with a million proceedings (see
benchmarks/outcomes.py). Medians use percentile_cont on PostgreSQL and a window-function
equivalent on SQLite. docs/outcomes.md explains each figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Integer, and_, case, cast, func, or_, select, tuple_
from sqlalchemy.sql import ColumnElement
from sqlmodel import Session, col

from app.accounts.models import User
from app.cases.models import Case
from app.proceedings.models import Proceeding, ProceedingItem
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


def purpose_of() -> ColumnElement:
    col_ = Proceeding.procedure_id
    return case((col(col_).in_(IDENTITY_THEFT), "identity-theft"), (col(col_).in_(ESCALATIONS), "escalation"),
                (col(col_).in_(REQUESTS), "request"), (col(col_).in_(DISPUTES), "dispute"), else_="other")


def jurisdiction_of() -> ColumnElement:
    longest_first = sorted(JURISDICTIONS, key=lambda j: -len(j.procedure_prefix))
    return case(*[(col(Proceeding.procedure_id).startswith(j.procedure_prefix), j.code) for j in longest_first],
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


# The groupings the page shows, each counted over the same cohort. On PostgreSQL they are one
# GROUP BY GROUPING SETS query (one pass over the cohort); elsewhere one query per grouping.
SETS: dict[str, tuple[str, ...]] = {"total": (), "purpose": ("purpose",), "recipient": ("recipient", "recipient_group"),
                                    "advocate": ("advocate",), "jurisdiction": ("jurisdiction",)}
KEYS = ("purpose", "recipient", "recipient_group", "advocate", "jurisdiction")
MASKED = ("purpose", "recipient", "advocate", "jurisdiction")  # GROUPING() tells the sets apart by these


def _key_columns() -> list[ColumnElement]:
    return [purpose_of().label("purpose"),
            func.coalesce(func.nullif(Proceeding.recipient_name, ""), "—").label("recipient"),
            recipient_group_of().label("recipient_group"), func.coalesce(User.name, "—").label("advocate"),
            jurisdiction_of().label("jurisdiction")]


def _with_keys(query, ctx: Context, period: Period):
    return (query.outerjoin(Recipient, Recipient.id == Proceeding.recipient_id)
            .outerjoin(User, User.id == Proceeding.created_by_id).where(*_cohort(ctx, period)))


def _per_proceeding(session: Session, ctx: Context, period: Period, today: date):
    """One row per proceeding of the cohort with its group keys and flags (a subquery: the
    database aggregates it, Python never sees it)."""
    answered = col(Proceeding.answered_on).is_not(None)
    flags = [case((answered, 1), else_=0).label("answered"),
             case((and_(answered, col(Proceeding.answer_due).is_not(None)), 1), else_=0).label("with_due"),
             case((_late(), 1), else_=0).label("late"), case((_unanswered_overdue(today), 1), else_=0).label("overdue"),
             case((or_(answered, Proceeding.state == "closed"), 1), else_=0).label("done"),
             case((answered, _days(session)), else_=None).label("days")]
    return _with_keys(select(*_key_columns(), *flags).select_from(Proceeding), ctx, period).subquery("cohort")


def _per_item(ctx: Context, period: Period, today: date):
    return _with_keys(select(*_key_columns(), _item_bucket(today).label("bucket")).select_from(ProceedingItem)
                      .join(Proceeding, Proceeding.id == ProceedingItem.proceeding_id), ctx, period).subquery("items")


def _grouped(session: Session, sub, aggregates: list, *, median: bool) -> dict[str, list[dict]]:
    """Run the aggregates for every grouping set: {set name: [row as dict]}."""
    names = [a.name for a in aggregates]
    out: dict[str, list[dict]] = {name: [] for name in SETS}
    if session.get_bind().dialect.name == "postgresql":
        extra = [func.percentile_cont(0.5).within_group(sub.c.days).label("median")] if median else []
        mask = func.grouping(*[sub.c[k] for k in MASKED]).label("mask")
        query = select(*[sub.c[k] for k in KEYS], mask, *aggregates, *extra).group_by(
            func.grouping_sets(*[tuple_(*[sub.c[k] for k in keys]) for keys in SETS.values()]))
        by_mask = {_mask(keys): name for name, keys in SETS.items()}
        for row in session.execute(query).mappings():
            out[by_mask[row["mask"]]].append(dict(row))
        return out
    for name, keys in SETS.items():
        rows = session.execute(select(*[sub.c[k] for k in keys], *aggregates).group_by(*[sub.c[k] for k in keys]))
        medians = _medians(session, sub, keys) if median else {}
        for row in rows.mappings():
            found = dict(row)
            found["median"] = medians.get(tuple(found[k] for k in keys))
            out[name].append({k: found.get(k) for k in (*KEYS, *names, "median")})
    return out


def _mask(keys: tuple[str, ...]) -> int:
    return sum(1 << (len(MASKED) - 1 - i) for i, k in enumerate(MASKED) if k not in keys)


def _medians(session: Session, sub, keys: tuple[str, ...]) -> dict[tuple, float]:
    """Portable median days to answer per group: number each group's answered rows by their days;
    the median is the middle one, or the mean of the middle two."""
    group = [sub.c[k] for k in keys]
    ranked = select(*group, sub.c.days.label("d"),
                    func.row_number().over(partition_by=group or None, order_by=sub.c.days).label("rn"),
                    func.count().over(partition_by=group or None).label("n")).where(sub.c.days.is_not(None)).subquery()
    middle = or_(ranked.c.rn == (ranked.c.n + 1) // 2, ranked.c.rn == (ranked.c.n + 2) // 2)
    rows = session.execute(select(*[ranked.c[k] for k in keys], func.avg(ranked.c.d)).where(middle)
                           .group_by(*[ranked.c[k] for k in keys])).all()
    return {tuple(row[:-1]): float(row[-1]) for row in rows if row[-1] is not None}


def _sum(column) -> ColumnElement:
    return func.coalesce(func.sum(column), 0)


def _aggregate(session: Session, ctx: Context, period: Period, today: date) -> tuple[Summary, dict[str, list[GroupRow]]]:
    sub = _per_proceeding(session, ctx, period, today)
    found = _grouped(session, sub, [
        func.count().label("n"), _sum(sub.c.answered).label("answered"), _sum(sub.c.with_due).label("with_due"),
        _sum(sub.c.late).label("late"), _sum(sub.c.overdue).label("overdue"),
        _sum(case((sub.c.purpose == "request", sub.c.answered), else_=0)).label("requests_answered"),
        _sum(case((sub.c.purpose == "identity-theft", sub.c.done), else_=0)).label("identity_theft_done")],
        median=True)
    items_sub = _per_item(ctx, period, today)
    items = _grouped(session, items_sub, [_sum(case((items_sub.c.bucket == b, 1), else_=0)).label(b.replace("-", "_"))
                                          for b in ITEM_OUTCOMES], median=False)
    summary = Summary(items={b: 0 for b in ITEM_OUTCOMES})
    for row in found["total"]:
        summary.proceedings, summary.answered, summary.answered_with_due = row["n"], row["answered"], row["with_due"]
        summary.late, summary.unanswered_overdue = row["late"], row["overdue"]
        summary.requests_answered, summary.identity_theft_completed = row["requests_answered"], row["identity_theft_done"]
        summary.median_days = float(row["median"]) if row["median"] is not None and summary.answered else None
    summary.by_purpose = {row["purpose"]: row["n"] for row in found["purpose"]}
    for row in items["total"]:
        summary.items = {b: int(row[b.replace("-", "_")]) for b in ITEM_OUTCOMES}
    groups = {}
    for dimension in DIMENSIONS:
        counted = {row[dimension]: row for row in items[dimension]}
        rows = [GroupRow(r[dimension] or "", r["recipient_group"] if dimension == "recipient" else "", r["n"],
                         r["answered"], r["late"], float(r["median"]) if r["median"] is not None else None,
                         *(int(counted.get(r[dimension], {}).get(b, 0)) for b in ("deleted", "corrected", "verified")))
                for r in found[dimension]]
        groups[dimension] = sorted(rows, key=lambda r: (-r.proceedings, r.key))[:GROUP_LIMIT]
    return summary, groups


GROUP_LIMIT = 50  # the biggest groups of each breakdown


def summary(session: Session, ctx: Context, period: Period, *, today: date) -> Summary:
    return _aggregate(session, ctx, period, today)[0]


def breakdown(session: Session, ctx: Context, period: Period, dimension: str, *, today: date) -> list[GroupRow]:
    """Per recipient, advocate (who opened the proceeding) or jurisdiction: the biggest groups first."""
    return _aggregate(session, ctx, period, today)[1][dimension]


def _item_bucket(today: date) -> ColumnElement:
    outcome = ProceedingItem.outcome
    return case((col(outcome).in_(("deleted", "corrected", "verified")), outcome),
                (col(outcome).is_not(None), "other"),
                (_unanswered_overdue(today), "no-answer"), else_="pending")


ROW_COLUMNS = ("case", "purpose", "jurisdiction", "recipient", "recipient_type", "opened_by", "state", "sent_on",
               "answer_due", "answered_on", "days_to_answer", "answered_late", "closed_on", "items",
               "items_deleted", "items_corrected", "items_verified")


def underlying_rows(session: Session, ctx: Context, period: Period):
    """One row per proceeding of the cohort, for the CSV export: no name, identifier, date of birth,
    account number or note (only the case number, to find the file again)."""
    outcome = ProceedingItem.outcome
    items = (select(ProceedingItem.proceeding_id.label("pid"), func.count().label("n"),
                    _count(outcome == "deleted").label("deleted"), _count(outcome == "corrected").label("corrected"),
                    _count(outcome == "verified").label("verified"))
             .group_by(ProceedingItem.proceeding_id).subquery())
    query = (select(Case.number, purpose_of(), jurisdiction_of(), Proceeding.recipient_name, recipient_group_of(),
                    User.name, Proceeding.state, Proceeding.sent_on, Proceeding.answer_due, Proceeding.answered_on,
                    _days(session), case((_late(), "yes"), else_="no"), Proceeding.closed_on, func.coalesce(items.c.n, 0),
                    func.coalesce(items.c.deleted, 0), func.coalesce(items.c.corrected, 0),
                    func.coalesce(items.c.verified, 0))
             .select_from(Proceeding).join(Case, Case.id == Proceeding.case_id)
             .outerjoin(Recipient, Recipient.id == Proceeding.recipient_id)
             .outerjoin(User, User.id == Proceeding.created_by_id)
             .outerjoin(items, items.c.pid == Proceeding.id)
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
    return Figures(period, *_aggregate(session, ctx, period, today))


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
        *[("total", "", "", f"items_{o}", s.items.get(o, 0)) for o in ITEM_OUTCOMES]]
    for dimension, rows in found.groups.items():
        for r in rows:
            for name in ("proceedings", "answered", "late", "median_days", "deleted", "corrected", "verified"):
                value = getattr(r, name)
                lines.append((dimension, r.key, r.kind, name, "" if value is None else value))
    return lines
