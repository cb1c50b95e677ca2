"""API tokens: a workspace's keys for scripts and other programs (the JSON API at /api/v1)."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from app.clock import utcnow

SCOPES = ("read", "write")


class ApiToken(SQLModel, table=True):
    """Only the SHA-256 of the secret is stored: the secret is shown once, when it is created.
    A token acts as the owner who created it, with that person's current role in the workspace."""

    __tablename__ = "api_tokens"

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspaces.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=100)
    token_hash: str = Field(max_length=64, unique=True)
    # The first characters of the secret, shown in the list so an owner can tell tokens apart.
    hint: str = Field(default="", max_length=12)
    scopes: str = Field(default="read", max_length=40)  # space-separated, from SCOPES
    created_by_id: int | None = Field(default=None, foreign_key="users.id", ondelete="CASCADE", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None

    @property
    def scope_list(self) -> list[str]:
        return self.scopes.split()
