from datetime import datetime

from sqlmodel import Field, SQLModel

from app.clock import utcnow


class User(SQLModel, table=True):
    __tablename__ = "users"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True, index=True)
    name: str = Field(max_length=200)
    password_hash: str = Field(max_length=255)
    language: str = Field(default="en", max_length=8)
    # The account made on the setup page administers the instance.
    is_admin: bool = False
    current_workspace_id: int | None = Field(default=None, foreign_key="workspaces.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow)


class AuthSession(SQLModel, table=True):
    """A signed-in browser. The cookie holds a random token; only its SHA-256 is stored."""

    __tablename__ = "auth_sessions"

    id: str = Field(primary_key=True, max_length=64)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow)


class PasswordReset(SQLModel, table=True):
    __tablename__ = "password_resets"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_at: datetime | None = None


class LoginAttempt(SQLModel, table=True):
    """Sign-in attempts, kept to throttle guessing per account and per IP address."""

    __tablename__ = "login_attempts"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, index=True)
    ip: str = Field(max_length=64, index=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    success: bool = False


class SignupRequest(SQLModel, table=True):
    """An open sign-up waiting for its email address to be confirmed. No user exists until then, so
    the sign-up page answers the same whether or not the address already has an account. The
    password is kept only as its Argon2id hash; confirming asks for it again (so whoever holds the
    mailbox cannot finish an account that a stranger started with a password they know)."""

    __tablename__ = "signup_requests"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, index=True)
    name: str = Field(max_length=200)
    password_hash: str = Field(max_length=255)
    kind: str = Field(max_length=16)
    workspace_name: str = Field(default="", max_length=200)
    language: str = Field(default="en", max_length=8)
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime


class MailRequest(SQLModel, table=True):
    """An email a visitor who is not signed in asked us to send (password reset, sign-up), kept to
    limit them per address and per IP address. Counted whether or not the address has an account."""

    __tablename__ = "mail_requests"

    id: int | None = Field(default=None, primary_key=True)
    purpose: str = Field(max_length=16)
    email: str = Field(max_length=254, index=True)
    ip: str = Field(max_length=64, index=True)
    at: datetime = Field(default_factory=utcnow, index=True)
