"""Cases: open, list and search, assign, notes, close and reopen."""

from dataclasses import dataclass

from sqlmodel import Session, col, func, or_, select

from app.accounts.models import User
from app.audit import service as audit
from app.cases.models import Case, CaseAssignment, CaseNote
from app.clock import utcnow
from app.consumers.models import Consumer
from app.errors import Forbidden, Invalid, NotFound
from app.tenancy import STAFF, Context, get_consumer, get_member, visible_cases
from app.workspaces.models import Member, Role, Workspace


def _next_number(session: Session, workspace: Workspace) -> str:
    # An UPDATE ... RETURNING style increment; the row lock (PostgreSQL) or the write lock (SQLite)
    # keeps two cases from getting the same number.
    session.refresh(workspace, with_for_update=session.get_bind().dialect.name == "postgresql")
    workspace.case_seq += 1
    session.flush()
    return f"{utcnow().year}-{workspace.case_seq:04d}"


def open_case(session: Session, ctx: Context, *, consumer_id: int, title: str = "") -> Case:
    ctx.require(*STAFF)
    if len(title) > 200:
        raise Invalid({"title": "Use at most 200 characters."})
    try:
        consumer = get_consumer(session, ctx, consumer_id)
    except NotFound as exc:  # not DB errors: on PostgreSQL they abort the transaction
        raise Invalid({"consumer_id": "Choose a client from the list."}) from exc
    case = Case(workspace_id=ctx.workspace.id, consumer_id=consumer.id, number=_next_number(session, ctx.workspace),
                title=title, created_by_id=ctx.user.id)
    session.add(case)
    session.flush()
    audit.record(session, action="case.created", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="case", object_id=case.id, ip=ctx.ip)
    return case


@dataclass
class CaseRow:
    case: Case
    consumer_name: str


@dataclass
class CasePage:
    rows: list[CaseRow]
    total: int
    page: int
    pages: int


def search_cases(
    session: Session, ctx: Context, *, q: str = "", status: str = "open", mine: bool = False,
    page: int = 1, page_size: int = 25,
) -> CasePage:
    query = visible_cases(ctx).join(Consumer, Consumer.id == Case.consumer_id)
    if status in ("open", "closed"):
        query = query.where(Case.status == status)
    if mine:
        mine_ids = select(CaseAssignment.case_id).where(CaseAssignment.member_id == ctx.member.id)
        query = query.where(col(Case.id).in_(mine_ids))
    if q:
        like = f"%{q.lower()}%"
        query = query.where(or_(func.lower(Consumer.legal_name).like(like), func.lower(Case.number).like(like),
                                func.lower(Case.title).like(like)))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    pages = max(1, -(-total // page_size))
    page = min(max(page, 1), pages)
    rows = session.execute(
        query.add_columns(Consumer.legal_name)
        .order_by(col(Case.opened_at).desc(), col(Case.id).desc())
        .offset((page - 1) * page_size).limit(page_size)
    ).all()
    return CasePage([CaseRow(c, name) for c, name in rows], total, page, pages)


def assignees(session: Session, case: Case) -> list[tuple[Member, User]]:
    rows = session.exec(
        select(Member, User).join(CaseAssignment, CaseAssignment.member_id == Member.id)
        .join(User, User.id == Member.user_id).where(CaseAssignment.case_id == case.id).order_by(User.name)
    ).all()
    return [(m, u) for m, u in rows]


def assignable(session: Session, ctx: Context) -> list[tuple[Member, User]]:
    rows = session.exec(
        select(Member, User).join(User, User.id == Member.user_id)
        .where(Member.workspace_id == ctx.workspace.id, col(Member.role).in_([Role.owner, Role.advocate, Role.volunteer]))
        .order_by(User.name)
    ).all()
    return [(m, u) for m, u in rows]


def assign(session: Session, ctx: Context, case: Case, *, member_id: int) -> None:
    ctx.require(*STAFF)
    try:
        member = get_member(session, ctx, member_id)
    except NotFound as exc:  # not DB errors: on PostgreSQL they abort the transaction
        raise Invalid({"member_id": "Choose a member from the list."}) from exc
    if member.role == Role.client:
        raise Invalid({"member_id": "Clients cannot be assigned to cases."})
    exists = session.exec(select(CaseAssignment.id).where(
        CaseAssignment.case_id == case.id, CaseAssignment.member_id == member.id)).first()
    if exists:
        return
    session.add(CaseAssignment(case_id=case.id, member_id=member.id, workspace_id=ctx.workspace.id))
    audit.record(session, action="case.assigned", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="case", object_id=case.id, ip=ctx.ip, detail={"member": member.id})


def unassign(session: Session, ctx: Context, case: Case, *, member_id: int) -> None:
    ctx.require(*STAFF)
    row = session.exec(select(CaseAssignment).where(
        CaseAssignment.case_id == case.id, CaseAssignment.member_id == member_id)).first()
    if row is None:
        return
    session.delete(row)
    audit.record(session, action="case.unassigned", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="case", object_id=case.id, ip=ctx.ip, detail={"member": member_id})


def add_note(session: Session, ctx: Context, case: Case, *, body: str, shared: bool = False) -> CaseNote:
    """A staff note is for the team unless an owner or advocate shares it; a client's own note is
    shared by nature (they wrote it)."""
    if shared and not ctx.is_staff and ctx.role != Role.client:
        raise Forbidden("only owners and advocates share notes with the client")
    if not body:
        raise Invalid({"body": "Write something before saving the note."})
    if len(body) > 10000:
        raise Invalid({"body": "Use at most 10,000 characters."})
    shared = shared or ctx.role == Role.client
    note = CaseNote(case_id=case.id, workspace_id=ctx.workspace.id, author_id=ctx.user.id, body=body,
                    shared_with_client=shared)
    session.add(note)
    session.flush()
    audit.record(session, action="note.created", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="case", object_id=case.id, ip=ctx.ip, detail={"note": note.id, "shared": shared})
    return note


def notes(session: Session, ctx: Context, case: Case) -> list[tuple[CaseNote, str]]:
    """The case's notes this member may read: a client sees only those shared with them."""
    query = select(CaseNote, User.name).join(User, User.id == CaseNote.author_id, isouter=True)
    if ctx.role == Role.client:
        query = query.where(CaseNote.shared_with_client == True)  # noqa: E712
    rows = session.exec(
        query.where(CaseNote.case_id == case.id).order_by(col(CaseNote.created_at).desc())
    ).all()
    return [(n, name or "") for n, name in rows]


def close_case(session: Session, ctx: Context, case: Case, *, reason: str) -> None:
    ctx.require(*STAFF)
    if case.status == "closed":
        return
    if len(reason) > 500:
        raise Invalid({"reason": "Use at most 500 characters."})
    case.status, case.closed_at, case.close_reason = "closed", utcnow(), reason
    audit.record(session, action="case.closed", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="case", object_id=case.id, ip=ctx.ip)


def reopen_case(session: Session, ctx: Context, case: Case) -> None:
    ctx.require(*STAFF)
    if case.status == "open":
        return
    case.status, case.closed_at, case.close_reason = "open", None, ""
    audit.record(session, action="case.reopened", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="case", object_id=case.id, ip=ctx.ip)


def cases_for_consumer(session: Session, ctx: Context, consumer_id: int) -> list[Case]:
    return list(session.exec(visible_cases(ctx).where(Case.consumer_id == consumer_id)
                             .order_by(col(Case.opened_at).desc())).all())
