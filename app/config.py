"""Settings, read from the environment (prefix RECOURSE_) or a .env file.

The data directory holds everything that must survive a restart: the SQLite database, the
encryption key, uploaded files. Back it up as a whole (see README).
"""

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RECOURSE_", env_file=".env", extra="ignore")

    data_dir: Path = Field(default=Path("data"), description="Where the database and keys live.")
    database_url: str | None = Field(default=None, description="Defaults to SQLite in data_dir.")
    # Base64 of 32 random bytes. When unset, a key is generated into data_dir/encryption.key.
    encryption_key: str | None = None
    base_url: str = "http://127.0.0.1:8000"
    open_signup: bool = True
    session_idle_minutes: int = 120
    session_max_days: int = 14
    # Seconds a worker may reuse a signed-in session it read (app/accounts/session_cache.py); changes
    # made through Recourse end it at once in every worker sharing this data_dir. 0 turns it off:
    # do that when several servers share one database but not one data_dir.
    session_cache_seconds: float = 10
    # Seconds a worker may reuse the rendered middle of a busy page, such as Today
    # (app/page_cache.py); any write through Recourse ends it at once in every worker sharing this
    # data_dir. 0 turns it off, under the same condition as above.
    page_cache_seconds: float = 10
    # Re-read a page template when its file changes (for editing templates on a running server);
    # off, each template is checked once and compiled once per worker (issue 15).
    template_reload: bool = False
    password_reset_minutes: int = 60
    invitation_days: int = 14
    # Proxies (comma-separated IPs or CIDRs) whose X-Forwarded-For / X-Forwarded-Proto are believed.
    # Default none: the address that connected is the client (so no one can pick their own IP for
    # the sign-in throttle or the audit log by sending a header).
    trusted_proxies: str = ""
    # Secure cookies are also switched on per request when the request arrived over https.
    secure_cookies: bool = False
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = True
    smtp_from: str = "Recourse <recourse@localhost>"
    page_size: int = 25
    # Evidence uploads (PDF, PNG, JPEG), checked by content.
    upload_max_mb: int = 20
    # Reminders: days before a deadline to email (0 = on the day); overdue reminders always follow.
    reminder_days_before: str = "3,0"
    # Run reminders inside `recourse serve` as well (otherwise run `recourse remind` from cron).
    scheduler_enabled: bool = False
    scheduler_interval_seconds: int = 300

    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir.resolve() / 'recourse.db'}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
