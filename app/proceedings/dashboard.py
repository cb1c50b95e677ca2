"""The Today page: every open proceeding the member may see, most urgent first.

Two queries: the counts by bucket, and the page's rows with their case and client. Both count and
order on the proceedings table alone (the tenancy helper and the (workspace_id, state, next_due, ...)
index): the page is read bucket by bucket in the index's order, only as far as the page reaches,
and only its rows are joined to their case and client, so it stays fast with thousands of
proceedings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from sqlalchemy import (
    Date,
    Integer,
    Select,
    and_,
    bindparam,
    case,
    func,
    literal_column,
    or_,
    union_all,
)
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


# The page's statements are built once (issue 15): building them and keying SQLAlchemy's compiled
# cache on them, per request, cost more than running them. What a request changes is bound by name:
# the workspace, the days, the filters' values and the page's place.
_TODAY = bindparam("today", type_=Date)
_SOON = bindparam("soon", type_=Date)  # today + 7 days
_BUCKET = case(
    (Proceeding.state == "needs-review", 2),
    (and_(Proceeding.state == "waiting", Proceeding.next_overdue < _TODAY), 0),
    (and_(Proceeding.state == "waiting", Proceeding.next_due <= _SOON), 1),
    else_=3,
)
# The two open states written into the SQL, not expanded into parameters at every execution.
_OPEN = (Proceeding.workspace_id == bindparam("workspace_id"),
         col(Proceeding.state).in_([literal_column("'waiting'"), literal_column("'needs-review'")]))
_ASSIGNED = select(CaseAssignment.case_id).where(CaseAssignment.member_id == bindparam("member_id"))
_FOR_MEMBER = col(Proceeding.case_id).in_(_ASSIGNED)
_TO_RECIPIENT = func.lower(Proceeding.recipient_name).like(bindparam("recipient"))
# Each bucket as conditions on the index's columns (the branches of _BUCKET, in its order: a
# comparison with no date is not true, so it falls through to the next branch), so a bucket's rows
# are read in the index's next_due order and only as far as the page needs.
_NOT_OVERDUE = or_(col(Proceeding.next_overdue).is_(None), Proceeding.next_overdue >= _TODAY)
_IN = (
    and_(Proceeding.state == "waiting", Proceeding.next_overdue < _TODAY),
    and_(Proceeding.state == "waiting", _NOT_OVERDUE, Proceeding.next_due <= _SOON),
    Proceeding.state == "needs-review",
    and_(Proceeding.state == "waiting", _NOT_OVERDUE, or_(col(Proceeding.next_due).is_(None), Proceeding.next_due > _SOON)),
)
# The company each row is about (its first item), read for the page's rows only, in the same query.
_ABOUT = (select(ProceedingItem.furnisher).where(ProceedingItem.proceeding_id == Proceeding.id)
          .order_by(ProceedingItem.id).limit(1).correlate(Proceeding).scalar_subquery())


def _bucket_part(where: tuple, b: int) -> Select:
    """Bucket b's share of the page (its rows offset{b} to end{b}): its proceedings with a due date
    by date, then those without one. The dated ones are read in the index's (next_due, id) order and
    only up to end{b}, so a bucket of thousands is never sorted whole; the undated ones (few) whole."""
    dated = (select(Proceeding.id, Proceeding.next_due).where(*where, _IN[b], col(Proceeding.next_due).is_not(None))
             .order_by(Proceeding.next_due, Proceeding.id).limit(bindparam(f"end{b}")).subquery())
    undated = select(Proceeding.id, Proceeding.next_due).where(*where, _IN[b], col(Proceeding.next_due).is_(None))
    both = union_all(select(dated.c.id, dated.c.next_due), undated).subquery()
    part = (select(both.c.id, literal_column(str(b), Integer).label("bucket"))
            .order_by(both.c.next_due.is_(None), both.c.next_due, both.c.id)
            .offset(bindparam(f"offset{b}")).limit(bindparam(f"limit{b}")).subquery())
    return select(part.c.id, part.c.bucket)


def _statements(where: tuple) -> tuple[Select, Select]:
    """The counts by bucket, and the page's rows with their case and client. Both read the
    proceedings through the (workspace_id, state, next_due, ...) index alone to count and to order;
    only the page's ids are joined to their row, case and client, so the rows come in one query with
    no list of ids sent back."""
    counted = select(_BUCKET.label("bucket")).where(*where).subquery()
    counts = select(counted.c.bucket, func.count()).group_by(counted.c.bucket)
    ids = union_all(*(_bucket_part(where, b) for b in range(len(BUCKETS)))).subquery()
    rows = (select(Proceeding, Case.number, Consumer.legal_name, ids.c.bucket, _ABOUT.label("about"))
            .select_from(ids).join(Proceeding, Proceeding.id == ids.c.id)
            .join(Case, Case.id == Proceeding.case_id).join(Consumer, Consumer.id == Case.consumer_id)
            .order_by(ids.c.bucket, Proceeding.next_due.is_(None), Proceeding.next_due, Proceeding.id))
    return counts, rows


@lru_cache(maxsize=64)
def _staff_statements(member: bool, recipient: bool, prefix: str) -> tuple[Select, Select]:
    """The statements for staff (no visibility condition), by which filters are on."""
    return _statements(_where((), member, recipient, prefix))


def _where(visible: list, member: bool, recipient: bool, prefix: str) -> tuple:
    return (*_OPEN, *visible, *((_FOR_MEMBER,) if member else ()), *((_TO_RECIPIENT,) if recipient else ()),
            *((col(Proceeding.procedure_id).startswith(prefix),) if prefix else ()))


def _window(counts: dict[str, int], shown: tuple[str, ...], start: int, size: int) -> dict[str, int]:
    """Where rows start to start + size of the shown buckets (in order) fall within each bucket."""
    params, before = {}, 0
    for b, name in enumerate(BUCKETS):
        n = counts.get(name, 0) if name in shown else 0
        first, end = max(start - before, 0), min(start + size - before, n)
        if end <= first:  # none of this bucket's rows are on the page
            first = end = 0
        params.update({f"offset{b}": first, f"limit{b}": end - first, f"end{b}": end})
        before += n
    return params


def today_page(session: Session, ctx: Context, *, today: date, member_id: int | None = None, recipient: str = "",
               jurisdiction: str = "", bucket: str = "", page: int = 1, page_size: int = 50) -> TodayPage:
    prefix = JURISDICTION_PREFIXES.get(jurisdiction, "")
    if ctx.is_staff:
        counts_query, rows_query = _staff_statements(bool(member_id), bool(recipient), prefix)
    else:  # the member's visibility condition carries their own ids: built for this request
        visible = in_visible_cases(ctx, Proceeding.case_id)
        counts_query, rows_query = _statements(_where(visible, bool(member_id), bool(recipient), prefix))
    params = {"workspace_id": ctx.workspace.id, "today": today, "soon": today + timedelta(days=7)}
    if member_id:
        params["member_id"] = member_id
    if recipient:
        params["recipient"] = f"%{recipient.lower()}%"
    # Counts and the page's order from the proceedings table alone (issue 15): joining the cases and
    # the clients for every open proceeding, only to count or sort them, cost most of the page.
    counts = {BUCKETS[b]: n for b, n in session.execute(counts_query, params).all()}
    shown = (bucket,) if bucket in BUCKETS else BUCKETS
    total = sum(counts.get(b, 0) for b in shown)
    pages = max(1, -(-total // page_size))
    page = min(max(page, 1), pages)
    window = _window(counts, shown, (page - 1) * page_size, page_size)
    rows = session.execute(rows_query, {**params, **window}).all() if total else []
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


_VOIDED = select(ProceedingEvent.voids_id).where(col(ProceedingEvent.voids_id).is_not(None))
_SENT = select(ProceedingEvent.letter_id).where(ProceedingEvent.kind == "sent", col(ProceedingEvent.letter_id).is_not(None),
                                                col(ProceedingEvent.id).not_in(_VOIDED))
_UNSENT = (select(Letter, Case.number, Consumer.legal_name, Recipient.name)
           .join(Case, Case.id == Letter.case_id).join(Consumer, Consumer.id == Case.consumer_id)
           .outerjoin(Recipient, Recipient.id == Letter.recipient_id)
           .where(Letter.workspace_id == bindparam("workspace_id"), col(Letter.status).in_(("draft", "final")),
                  col(Letter.id).not_in(_SENT)))
_LETTER_FOR_MEMBER = col(Letter.case_id).in_(_ASSIGNED)


def _unsent_statements(query: Select) -> tuple[Select, Select]:
    """The oldest `limit` unsent letters, and how many there are."""
    return (query.order_by(Letter.created_at, Letter.id).limit(bindparam("limit")),
            select(func.count()).select_from(query.subquery()))


@lru_cache(maxsize=2)
def _staff_unsent_statements(member: bool) -> tuple[Select, Select]:
    return _unsent_statements(_UNSENT.where(_LETTER_FOR_MEMBER) if member else _UNSENT)


def unsent_letters(session: Session, ctx: Context, *, member_id: int | None = None,
                   limit: int = 50) -> tuple[list[UnsentLetter], int]:
    """Letters drafted or finalised but not recorded as sent (and not discarded), oldest first:
    each stays on Today until it is sent or discarded. One query, and a count only when there are
    more than fit."""
    if ctx.is_staff:
        rows_query, count_query = _staff_unsent_statements(bool(member_id))
    else:
        query = _UNSENT.where(*in_visible_cases(ctx, Letter.case_id))
        rows_query, count_query = _unsent_statements(query.where(_LETTER_FOR_MEMBER) if member_id else query)
    params = {"workspace_id": ctx.workspace.id, **({"member_id": member_id} if member_id else {})}
    rows = session.execute(rows_query, {**params, "limit": limit}).all()
    # Fewer than `limit`: they are all there is (in the same transaction), so no count is needed.
    total = len(rows) if len(rows) < limit else session.execute(count_query, params).scalar_one()
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
