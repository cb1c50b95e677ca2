"""Tenant isolation: the one choke point for reading owned rows.

Every query for a row that carries `workspace_id` goes through `scoped()` or one of the
`visible_*` helpers below. A row in another workspace, or one this member may not see, is a
NotFound (404), never a 403: we do not confirm that it exists.
"""

from dataclasses import dataclass
from typing import TypeVar

from sqlmodel import Session, SQLModel, col, select
from sqlmodel.sql.expression import SelectOfScalar

from app.accounts.models import User
from app.cases.models import Case, CaseAssignment
from app.consumers.models import Consumer
from app.errors import Forbidden, NotFound
from app.workspaces.models import Member, Role, Workspace

T = TypeVar("T", bound=SQLModel)

STAFF = (Role.owner, Role.advocate)


@dataclass
class Context:
    """Who is acting, in which workspace, with which role."""

    user: User
    workspace: Workspace
    member: Member
    ip: str = ""

    @property
    def role(self) -> str:
        return self.member.role

    def require(self, *roles: str) -> None:
        if self.member.role not in roles:
            raise Forbidden(f"needs role {' or '.join(roles)}")

    @property
    def is_staff(self) -> bool:
        return self.member.role in STAFF


def sees_identifiers(ctx: Context, consumer_id: int) -> bool:
    """Who sees a consumer's full ID number and date of birth, on screen (reveal) and in every letter,
    download and packet: owners and advocates, and the client themselves. A volunteer works with
    them masked (the last four characters of the number; no date of birth)."""
    return ctx.is_staff or (ctx.role == Role.client and ctx.member.consumer_id == consumer_id)


def scoped(ctx: Context, model: type[T]) -> SelectOfScalar[T]:
    return select(model).where(model.workspace_id == ctx.workspace.id)


def get_scoped(session: Session, ctx: Context, model: type[T], obj_id: int) -> T:
    obj = session.exec(scoped(ctx, model).where(model.id == obj_id)).first()
    if obj is None:
        raise NotFound(f"{model.__name__} {obj_id}")
    return obj


def visible_cases(ctx: Context) -> SelectOfScalar[Case]:
    query = scoped(ctx, Case)
    if ctx.role == Role.volunteer:
        assigned = select(CaseAssignment.case_id).where(CaseAssignment.member_id == ctx.member.id)
        query = query.where(col(Case.id).in_(assigned))
    elif ctx.role == Role.client:
        query = query.where(Case.consumer_id == (ctx.member.consumer_id or -1))
    return query


def in_visible_cases(ctx: Context, case_id) -> list:
    """The conditions that keep rows of this workspace (already filtered by their own workspace_id)
    to the cases this member may see: none for staff, who see every case of the workspace. Saves the
    Today page a lookup per open proceeding (issue 15)."""
    if ctx.is_staff:
        return []
    return [col(case_id).in_(visible_cases(ctx).with_only_columns(Case.id))]


def visible_consumers(ctx: Context) -> SelectOfScalar[Consumer]:
    query = scoped(ctx, Consumer)
    if ctx.role == Role.volunteer:
        mine = visible_cases(ctx).with_only_columns(Case.consumer_id)
        query = query.where(col(Consumer.id).in_(mine))
    elif ctx.role == Role.client:
        query = query.where(Consumer.id == (ctx.member.consumer_id or -1))
    return query


def get_case(session: Session, ctx: Context, case_id: int) -> Case:
    case = session.exec(visible_cases(ctx).where(Case.id == case_id)).first()
    if case is None:
        raise NotFound(f"case {case_id}")
    return case


def get_consumer(session: Session, ctx: Context, consumer_id: int) -> Consumer:
    consumer = session.exec(visible_consumers(ctx).where(Consumer.id == consumer_id)).first()
    if consumer is None:
        raise NotFound(f"consumer {consumer_id}")
    return consumer


def get_in_case(session: Session, ctx: Context, model: type[T], obj_id: int) -> T:
    """A row filed under a case (letter, proceeding, document, report): it must be in this workspace
    and its case visible to this member, else NotFound."""
    obj = get_scoped(session, ctx, model, obj_id)
    get_case(session, ctx, obj.case_id)
    return obj


def get_member(session: Session, ctx: Context, member_id: int) -> Member:
    return get_scoped(session, ctx, Member, member_id)
