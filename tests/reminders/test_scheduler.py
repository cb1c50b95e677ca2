"""The server's own loop: with scheduler_enabled, `recourse serve` plans and sends by itself."""

import time
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.clock import today
from app.main import create_app
from app.reminders import scheduler
from app.reminders.models import Reminder


def _reminders(engine) -> list[Reminder]:
    with Session(engine) as s:
        return list(s.exec(select(Reminder)).all())


def test_scheduler_runs_inside_the_app_when_enabled(settings, engine, world, add_proceeding):
    add_proceeding("case1", [{"due": today() + timedelta(days=3)}])
    settings.scheduler_enabled = True
    app = create_app(settings, configure_db=False)
    scheduler.start(app, settings)
    with TestClient(app):
        deadline = time.monotonic() + 10
        while not _reminders(engine) and time.monotonic() < deadline:
            time.sleep(0.05)
    assert {r.kind for r in _reminders(engine)} >= {"due", "overdue"}


def test_scheduler_stays_off_by_default(settings, engine, world, add_proceeding):
    add_proceeding("case1", [{"due": today() + timedelta(days=3)}])
    app = create_app(settings, configure_db=False)
    scheduler.start(app, settings)
    with TestClient(app) as client:
        client.get("/healthz")
        time.sleep(0.2)
    assert _reminders(engine) == []
