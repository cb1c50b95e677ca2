"""Setting up outside a web request (the `recourse` commands): settings, engine, key, migrations."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

from app.config import Settings, get_settings


def settings_for(data_dir: Path | None, **overrides) -> Settings:
    """Settings from --data-dir (and any overrides), else from the environment (RECOURSE_*)."""
    if data_dir is None and not overrides:
        return get_settings()
    values = {"data_dir": data_dir} if data_dir is not None else {}
    return Settings(**values, **overrides)


def open_engine(settings: Settings, *, migrate: bool = False) -> Engine:
    """The engine for this installation, with the encryption key loaded (created on first run)."""
    from app import crypto
    from app.audit import keys as audit_keys
    from app.db import make_engine, set_engine

    settings.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    engine = make_engine(settings.sqlalchemy_url)
    set_engine(engine)
    crypto.load_keys(settings.data_dir, settings.encryption_key)
    audit_keys.configure(settings.data_dir)
    # What the CLI changes (a user, a member) must end the web workers' remembered sessions too.
    from app import page_cache
    from app.accounts import session_cache

    session_cache.configure(settings.data_dir, settings.session_cache_seconds)
    page_cache.configure(settings.data_dir, settings.page_cache_seconds)
    if migrate:
        from app.migrate import upgrade

        upgrade(engine)
    return engine
