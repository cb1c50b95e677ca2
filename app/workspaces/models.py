from datetime import datetime
from enum import StrEnum

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from app.clock import utcnow


class WorkspaceKind(StrEnum):
    personal = "personal"
    clinic = "clinic"


class Role(StrEnum):
    owner = "owner"
    advocate = "advocate"
    volunteer = "volunteer"  # sees only the cases assigned to them
    client = "client"  # sees only their own case


class Workspace(SQLModel, table=True):
    __tablename__ = "workspaces"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    kind: str = Field(max_length=16)
    case_seq: int = 0
    created_at: datetime = Field(default_factory=utcnow)


class Member(SQLModel, table=True):
    __tablename__ = "members"
    __table_args__ = (UniqueConstraint("workspace_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspaces.id", ondelete="CASCADE", index=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    role: str = Field(max_length=16)
    # For a client: the consumer whose case they may see.
    consumer_id: int | None = Field(default=None, foreign_key="consumers.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow)


class Invitation(SQLModel, table=True):
    __tablename__ = "invitations"

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspaces.id", ondelete="CASCADE", index=True)
    email: str = Field(max_length=254)
    role: str = Field(max_length=16)
    consumer_id: int | None = Field(default=None, foreign_key="consumers.id", ondelete="CASCADE")
    token_hash: str = Field(max_length=64, unique=True)
    invited_by_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    accepted_at: datetime | None = None
    revoked_at: datetime | None = None
