"""API tokens: created by a workspace's owners, shown once, stored hashed, revocable, and every
use written to the audit log (app/api/deps.py calls `authenticate` on each request)."""

import secrets

from sqlmodel import Session, col, select

from app.accounts.models import User
from app.accounts.service import token_hash
from app.api.models import SCOPES, ApiToken
from app.audit import service as audit
from app.clock import utcnow
from app.errors import Invalid, NotFound
from app.tenancy import Context
from app.workspaces.models import Member, Role, Workspace

PREFIX = "rcs_"  # recognisable in a leaked config file or a secret scanner


def list_tokens(session: Session, ctx: Context) -> list[ApiToken]:
    ctx.require(Role.owner)
    return list(session.exec(select(ApiToken).where(ApiToken.workspace_id == ctx.workspace.id)
                             .order_by(col(ApiToken.created_at).desc(), col(ApiToken.id).desc())).all())


def create_token(session: Session, ctx: Context, *, name: str, scopes: list[str]) -> tuple[ApiToken, str]:
    """The new token and its secret (the only time the secret exists outside the caller's hands)."""
    ctx.require(Role.owner)
    errors = {}
    name = name.strip()
    if not name:
        errors["name"] = "Give the token a name, like the script that will use it."
    elif len(name) > 100:
        errors["name"] = "Use at most 100 characters."
    if not scopes or any(s not in SCOPES for s in scopes):
        errors["scopes"] = "Choose what the token may do."
    if errors:
        raise Invalid(errors)
    if "write" in scopes:
        scopes = list(SCOPES)  # writing without reading back what was written is of no use
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(workspace_id=ctx.workspace.id, name=name, token_hash=token_hash(secret),
                     hint=secret[:10], scopes=" ".join(scopes), created_by_id=ctx.user.id)
    session.add(token)
    session.flush()
    audit.record(session, action="api_token.created", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="api_token", object_id=token.id, ip=ctx.ip, detail={"name": name, "scopes": token.scopes})
    return token, secret


def revoke_token(session: Session, ctx: Context, token_id: int) -> ApiToken:
    ctx.require(Role.owner)
    token = session.exec(select(ApiToken).where(ApiToken.workspace_id == ctx.workspace.id,
                                                ApiToken.id == token_id)).first()
    if token is None:
        raise NotFound(f"api token {token_id}")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        session.add(token)
        audit.record(session, action="api_token.revoked", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                     object_type="api_token", object_id=token.id, ip=ctx.ip, detail={"name": token.name})
    return token


def authenticate(session: Session, secret: str, *, ip: str) -> tuple[ApiToken, Context] | None:
    """The token and the context it acts in: its workspace, as its creator with their current role.
    None for an unknown or revoked token, or one whose creator is no longer a member."""
    if not secret.startswith(PREFIX) or len(secret) > 200:
        return None
    token = session.exec(select(ApiToken).where(ApiToken.token_hash == token_hash(secret))).first()
    if token is None or token.revoked_at is not None or token.created_by_id is None:
        return None
    row = session.exec(select(Member, User, Workspace)
                       .join(User, User.id == Member.user_id).join(Workspace, Workspace.id == Member.workspace_id)
                       .where(Member.workspace_id == token.workspace_id, Member.user_id == token.created_by_id)).first()
    if row is None:
        return None
    member, user, workspace = row
    return token, Context(user=user, workspace=workspace, member=member, ip=ip)


def record_use(session: Session, token: ApiToken, ctx: Context, *, method: str, path: str) -> None:
    token.last_used_at = utcnow()
    session.add(token)
    audit.record(session, action="api.used", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="api_token", object_id=token.id, ip=ctx.ip,
                 detail={"method": method, "path": path[:200]})
