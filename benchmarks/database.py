"""A fresh data directory and a migrated database for a benchmark script: SQLite in a temporary
directory, or the database named by RECOURSE_DATABASE_URL (PostgreSQL), with the encryption and
audit keys set as the app sets them."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from sqlalchemy.engine import Engine

from app import crypto
from app.audit import keys as audit_keys
from app.config import Settings
from app.db import make_engine, set_engine
from app.migrate import upgrade


def fresh_database(*, url_from_env: bool = True) -> tuple[Settings, Engine]:
    data_dir = Path(tempfile.mkdtemp())
    settings = Settings(data_dir=data_dir, database_url=os.environ.get("RECOURSE_DATABASE_URL") if url_from_env else None)
    crypto.set_key(crypto.load_or_create_key(data_dir))
    audit_keys.configure(data_dir)
    engine = make_engine(settings.sqlalchemy_url)
    set_engine(engine)
    upgrade(engine)
    return settings, engine
