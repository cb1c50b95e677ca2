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

from sqlalchemy import Integer, and_, case, cast, func, literal, or_, select
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


def summary(session: Session, ctx: Context, period: Period, *, today: date) -> Summary:
    where = _cohort(ctx, period)
    purpose = purpose_of()
    answered = col(Proceeding.answered_on).is_not(None)
    out = Summary()
    for name, n, n_answered, n_due, n_late, n_overdue in session.execute(
            select(purpose, func.count(), _count(answered),
                   _count(and_(answered, col(Proceeding.answer_due).is_not(None))), _count(_late()),
                   _count(_unanswered_overdue(today))).where(*where).group_by(purpose)).all():
        out.by_purpose[name] = n
        out.proceedings += n
        out.answered += n_answered
        out.answered_with_due += n_due
        out.late += n_late
        out.unanswered_overdue += n_overdue
        if name == "request":
            out.requests_answered = n_answered
    out.identity_theft_completed = session.execute(
        select(func.count()).where(*where, purpose == "identity-theft",
                                   or_(answered, Proceeding.state == "closed"))).scalar_one()
    out.median_days = _medians(session, None, where).get(None)
    out.items = item_counts(session, ctx, period, today=today)
    return out


def _item_bucket(today: date) -> ColumnElement:
    outcome = ProceedingItem.outcome
    return case((col(outcome).in_(("deleted", "corrected", "verified")), outcome),
                (col(outcome).is_not(None), "other"),
                (_unanswered_overdue(today), "no-answer"), else_="pending")


def item_counts(session: Session, ctx: Context, period: Period, *, today: date) -> dict[str, int]:
    bucket = _item_bucket(today)
    rows = session.execute(select(bucket, func.count()).select_from(ProceedingItem)
                           .join(Proceeding, Proceeding.id == ProceedingItem.proceeding_id)
                           .where(*_cohort(ctx, period)).group_by(bucket)).all()
    found = dict(rows)
    return {b: found.get(b, 0) for b in ITEM_OUTCOMES}


def _medians(session: Session, group: ColumnElement | None, where: list, joins=()) -> dict:
    """The median days to answer per group (None: over the whole cohort), among answered
    proceedings with a sent day."""
    days = _days(session)
    conditions = [*where, col(Proceeding.answered_on).is_not(None)]
    label = group if group is not None else literal(None)
    if session.get_bind().dialect.name == "postgresql":
        query = select(label, func.percentile_cont(0.5).within_group(days)).select_from(Proceeding)
        for target, on in joins:
            query = query.outerjoin(target, on)
        query = query.where(*conditions)
        if group is not None:
            query = query.group_by(group)
        return {k: float(v) for k, v in session.execute(query).all() if v is not None}
    # Portable: number each group's rows by their days; the median is the middle one (or the mean
    # of the middle two).
    ranked = select(label.label("g"), days.label("d"),
                    func.row_number().over(partition_by=group, order_by=days).label("rn"),
                    func.count().over(partition_by=group).label("n")).select_from(Proceeding)
    for target, on in joins:
        ranked = ranked.outerjoin(target, on)
    ranked = ranked.where(*conditions).subquery()
    middle = or_(ranked.c.rn == (ranked.c.n + 1) // 2, ranked.c.rn == (ranked.c.n + 2) // 2)
    return {k: float(v) for k, v in session.execute(
        select(ranked.c.g, func.avg(ranked.c.d)).where(middle).group_by(ranked.c.g)).all() if v is not None}


def _dimension(dimension: str):
    """(group key expression, extra label expression, outer joins) for a breakdown."""
    if dimension == "recipient":
        return (func.coalesce(func.nullif(Proceeding.recipient_name, ""), "—"), recipient_group_of(),
                ((Recipient, Recipient.id == Proceeding.recipient_id),))
    if dimension == "advocate":
        return func.coalesce(User.name, "—"), literal(""), ((User, User.id == Proceeding.created_by_id),)
    return jurisdiction_of(), literal(""), ()


def breakdown(session: Session, ctx: Context, period: Period, dimension: str, *, limit: int = 50) -> list[GroupRow]:
    """Per recipient, advocate (who opened the proceeding) or jurisdiction: the biggest groups first."""
    key, kind, joins = _dimension(dimension)
    where = _cohort(ctx, period)
    query = select(key, func.max(kind), func.count(), _count(col(Proceeding.answered_on).is_not(None)),
                   _count(_late())).select_from(Proceeding)
    for target, on in joins:
        query = query.outerjoin(target, on)
    rows = {k: GroupRow(k, g or "", n, a, late) for k, g, n, a, late in session.execute(
        query.where(*where).group_by(key).order_by(func.count().desc(), key).limit(limit)).all()}
    medians = _medians(session, key, where, joins)
    outcome = ProceedingItem.outcome
    items = (select(key, _count(outcome == "deleted"), _count(outcome == "corrected"), _count(outcome == "verified"))
             .select_from(ProceedingItem).join(Proceeding, Proceeding.id == ProceedingItem.proceeding_id))
    for target, on in joins:
        items = items.outerjoin(target, on)
    for k, deleted, corrected, verified in session.execute(items.where(*where).group_by(key)).all():
        if k in rows:
            rows[k].deleted, rows[k].corrected, rows[k].verified = deleted, corrected, verified
    for k, row in rows.items():
        row.median_days = medians.get(k)
    return list(rows.values())


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
    return Figures(period, summary(session, ctx, period, today=today),
                   {d: breakdown(session, ctx, period, d) for d in DIMENSIONS})


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
