"""Test fixtures: a database built from the real migrations, the app, and the personas.

SQLite (default): the migrated database file is built once per run and copied for each test.
PostgreSQL (RECOURSE_TEST_DATABASE_URL set): a template database is migrated once per run and
each test gets its own database created from it, dropped afterwards.
"""

import itertools
import logging
import os
import re
import shutil
import socket
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from app import crypto
from app.accounts import passwords
from app.audit import keys as audit_keys
from app.config import Settings
from app.db import make_engine, set_engine
from app.main import create_app
from app.migrate import upgrade

PG_URL = os.environ.get("RECOURSE_TEST_DATABASE_URL")
PASSWORD = "a long test passphrase"
_counter = itertools.count()


@pytest.fixture(autouse=True, scope="session")
def _fast_hashing():
    # Argon2id still, with small cost parameters so the suite stays quick.
    passwords._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(scope="session")
def key() -> bytes:
    k = os.urandom(32)
    crypto.set_key(k)
    return k


def _admin_engine():
    return create_engine(PG_URL, isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def template_db(tmp_path_factory, key):
    """A migrated, empty database to copy for each test."""
    if PG_URL:
        name = f"recourse_tpl_{uuid.uuid4().hex[:8]}"
        admin = _admin_engine()
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        yield name
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    else:
        path = tmp_path_factory.mktemp("template") / "recourse.db"
        engine = make_engine(f"sqlite:///{path}")
        upgrade(engine)
        engine.dispose()
        yield path


@pytest.fixture
def db_url(template_db, tmp_path) -> str:
    if PG_URL:
        name = f"recourse_t_{os.getpid()}_{next(_counter)}"
        admin = _admin_engine()
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template_db}"'))
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    else:
        path = tmp_path / "recourse.db"
        shutil.copy(template_db, path)
        yield f"sqlite:///{path}"


@pytest.fixture
def settings(db_url, tmp_path, key) -> Settings:
    import base64

    return Settings(data_dir=tmp_path / "data", database_url=db_url,
                    encryption_key=base64.urlsafe_b64encode(key).decode(), smtp_host=None)


@pytest.fixture
def engine(settings):
    engine = make_engine(settings.sqlalchemy_url)
    set_engine(engine)
    # The audit log's head file lives in the data dir, beside where the key would be.
    audit_keys.configure(settings.data_dir)
    yield engine
    engine.dispose()


@pytest.fixture
def app(settings, engine, monkeypatch):
    import app.config as config_module

    monkeypatch.setattr(config_module, "get_settings", lambda: settings)
    for module in ("app.accounts.views", "app.workspaces.views", "app.cases.views", "app.deps"):
        monkeypatch.setattr(f"{module}.get_settings", lambda: settings, raising=False)
    application = create_app(settings, configure_db=False)
    return application


@pytest.fixture
def client(app):
    with TestClient(app, follow_redirects=False) as c:
        yield c


@pytest.fixture
def session(engine):
    with Session(engine, expire_on_commit=False) as s:
        yield s


def csrf(client: TestClient) -> str:
    if "recourse_csrf" not in client.cookies:
        client.get("/healthz")
        client.get("/signin")
    return client.cookies.get("recourse_csrf")


def post(client: TestClient, url: str, data: dict | None = None, **kwargs):
    payload = dict(data or {})
    payload.setdefault("csrf_token", csrf(client))
    return client.post(url, data=payload, **kwargs)


def sign_in(client: TestClient, email: str, password: str = PASSWORD):
    response = post(client, "/signin", {"email": email, "password": password})
    assert response.status_code == 303, response.text
    return response


def mail_links(caplog, path: str) -> list[str]:
    """Links to `path` in the emails logged so far (no SMTP server in tests: emails go to the log)."""
    return re.findall(re.escape(path) + r"[\w-]+", caplog.text)


def sign_up(client: TestClient, caplog, *, email: str, name: str = "Pat Person", kind: str = "personal",
            workspace_name: str = "", password: str = PASSWORD):
    """Open sign-up as a person does it: the form, the confirmation email's link, the password again."""
    caplog.set_level(logging.WARNING, logger="recourse.mail")
    response = post(client, "/signup", {"name": name, "email": email, "password": password, "kind": kind,
                                        "workspace_name": workspace_name})
    assert response.status_code == 303 and response.headers["location"] == "/signup/sent", response.text[:500]
    link = mail_links(caplog, "/signup/confirm/")[-1]
    response = post(client, link, {"password": password})
    assert response.status_code == 303, response.text[:500]
    return response


@dataclass
class World:
    """The personas: clinic A (alice owner, bob advocate, carol volunteer, dave client) and clinic B (erin)."""

    ids: dict


@pytest.fixture
def world(engine) -> World:
    from tests.factories import build_world

    return build_world(engine)


@pytest.fixture
def make_client(app):
    clients = []

    def factory(email: str | None = None) -> TestClient:
        c = TestClient(app, follow_redirects=False)
        c.__enter__()
        clients.append(c)
        if email:
            sign_in(c, email)
        return c

    yield factory
    for c in clients:
        c.__exit__(None, None, None)


def data_path(name: str) -> Path:
    return Path(__file__).parent / "data" / name


# ---- a real server --------------------------------------------------------------------------------

@pytest.fixture
def live_server(app):
    """The app served by uvicorn on a free loopback port, in a thread; yields its base URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)
    sock.close()
