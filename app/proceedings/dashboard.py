"""The Today page: every open proceeding the member may see, most urgent first.

One query for the counts, one for the ids of the page's rows (both on the proceedings table alone,
through the tenancy helper and the (workspace_id, state, next_due) index) and one for those 50 rows
with their case and client, so it stays fast with thousands of proceedings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, case, func
from sqlmodel import Session, col, select

from app.cases.models import Case, CaseAssignment
from app.consumers.models import Consumer
from app.letters.models import Letter
from app.letters.service import letter_company
from app.proceedings.models import Proceeding, ProceedingEvent, ProceedingItem
from app.recipients.models import Recipient
from app.rules.jurisdictions import TABLE
from app.tenancy import Context, in_visible_cases

BUCKETS = ("overdue", "due-soon", "needs-review", "waiting")
JURISDICTION_PREFIXES = {j.code: j.procedure_prefix for j in TABLE}  # the one table (app/rules/jurisdictions.py)


@dataclass
class Row:
    proceeding: Proceeding
    bucket: str
    case_number: str
    consumer_name: str
    about: str = ""  # the company its first item is about, so the page names it in a sentence


@dataclass
class TodayPage:
    rows: list[Row]
    counts: dict[str, int]
    total: int
    page: int
    pages: int


def _bucket(today: date):
    soon = today + timedelta(days=7)
    return case(
        (Proceeding.state == "needs-review", 2),
        (and_(Proceeding.state == "waiting", Proceeding.next_overdue < today), 0),
        (and_(Proceeding.state == "waiting", Proceeding.next_due <= soon), 1),
        else_=3,
    )


def today_page(session: Session, ctx: Context, *, today: date, member_id: int | None = None, recipient: str = "",
               jurisdiction: str = "", bucket: str = "", page: int = 1, page_size: int = 50) -> TodayPage:
    where = [Proceeding.workspace_id == ctx.workspace.id, *in_visible_cases(ctx, Proceeding.case_id),
             col(Proceeding.state).in_(("waiting", "needs-review"))]
    if member_id:
        assigned = select(CaseAssignment.case_id).where(CaseAssignment.member_id == member_id)
        where.append(col(Proceeding.case_id).in_(assigned))
    if recipient:
        where.append(func.lower(Proceeding.recipient_name).like(f"%{recipient.lower()}%"))
    if jurisdiction in JURISDICTION_PREFIXES:
        where.append(col(Proceeding.procedure_id).startswith(JURISDICTION_PREFIXES[jurisdiction]))
    # Counts and the page's ids from the proceedings table alone (issue 15): joining the cases and
    # the clients for every open proceeding, only to count or sort them, cost most of the page.
    counted = select(_bucket(today).label("bucket")).where(*where).subquery()
    counts = {BUCKETS[b]: n for b, n in session.exec(
        select(counted.c.bucket, func.count()).group_by(counted.c.bucket)).all()}
    if bucket in BUCKETS:
        where.append(_bucket(today) == BUCKETS.index(bucket))
        total = counts.get(bucket, 0)
    else:
        total = sum(counts.values())
    pages = max(1, -(-total // page_size))
    page = min(max(page, 1), pages)
    order = (_bucket(today), Proceeding.next_due.is_(None), Proceeding.next_due, Proceeding.id)
    ids = list(session.exec(select(Proceeding.id).where(*where).order_by(*order)
                            .offset((page - 1) * page_size).limit(page_size)).all())
    # The company each row is about (its first item), read for these rows only, in the same query.
    about = (select(ProceedingItem.furnisher).where(ProceedingItem.proceeding_id == Proceeding.id)
             .order_by(ProceedingItem.id).limit(1).correlate(Proceeding).scalar_subquery())
    rows = session.execute(
        select(Proceeding, Case.number, Consumer.legal_name, _bucket(today).label("bucket"), about.label("about"))
        .join(Case, Case.id == Proceeding.case_id).join(Consumer, Consumer.id == Case.consumer_id)
        .where(col(Proceeding.id).in_(ids)).order_by(*order)
    ).all() if ids else []
    return TodayPage([Row(p, BUCKETS[b], number, name, company or "") for p, number, name, b, company in rows],
                     {b: counts.get(b, 0) for b in BUCKETS}, total, page, pages)


@dataclass
class UnsentLetter:
    letter: Letter
    case_number: str
    consumer_name: str
    recipient_name: str | None

    @property
    def about(self) -> str:
        return letter_company(self.letter)


def unsent_letters(session: Session, ctx: Context, *, member_id: int | None = None,
                   limit: int = 50) -> tuple[list[UnsentLetter], int]:
    """Letters drafted or finalised but not recorded as sent (and not discarded), oldest first:
    each stays on Today until it is sent or discarded. Two queries, whatever the number."""
    voided = select(ProceedingEvent.voids_id).where(col(ProceedingEvent.voids_id).is_not(None))
    sent = (select(ProceedingEvent.letter_id).where(ProceedingEvent.kind == "sent",
                                                    col(ProceedingEvent.letter_id).is_not(None),
                                                    col(ProceedingEvent.id).not_in(voided)))
    query = (select(Letter, Case.number, Consumer.legal_name, Recipient.name)
             .join(Case, Case.id == Letter.case_id).join(Consumer, Consumer.id == Case.consumer_id)
             .outerjoin(Recipient, Recipient.id == Letter.recipient_id)
             .where(Letter.workspace_id == ctx.workspace.id, *in_visible_cases(ctx, Letter.case_id),
                    col(Letter.status).in_(("draft", "final")), col(Letter.id).not_in(sent)))
    if member_id:
        query = query.where(col(Letter.case_id).in_(select(CaseAssignment.case_id)
                                                    .where(CaseAssignment.member_id == member_id)))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(Letter.created_at, Letter.id).limit(limit)).all()
    return [UnsentLetter(*row) for row in rows], total


def proceeding_about(session: Session, proceeding_ids: list[int]) -> dict[int, str]:
    """Proceeding id -> the company its first item is about (one query), so a page can name each
    request in a sentence: 'Dispute with the bureau to Experian about Midland Credit'."""
    if not proceeding_ids:
        return {}
    rows = session.exec(select(ProceedingItem.proceeding_id, ProceedingItem.furnisher)
                        .where(col(ProceedingItem.proceeding_id).in_(proceeding_ids))
                        .order_by(col(ProceedingItem.id).desc())).all()
    return {pid: furnisher for pid, furnisher in rows}  # the lowest id wins: it is written last
