"""Reminder fixtures: a real SMTP server on loopback, proceedings with stored deadlines, the app
with the calendar routes."""

import email
import socket
import threading
from datetime import UTC, date, datetime, time, timedelta
from email import policy

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import Session

from app.proceedings.models import Proceeding, ProceedingDeadline, ProceedingItem

TODAY = date(2030, 3, 10)
NOW = datetime.combine(TODAY, time(9, 0), tzinfo=UTC)
SSN, DOB = "123-45-6789", "1980-04-30"
ACCOUNT = "44443333"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """Collects what the SMTP server received (handle_DATA runs on the controller's thread)."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        with self._lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str):
        return [m for m in self.messages if m["To"] == address]

    def start(self, settings) -> None:
        self.controller = Controller(self, hostname="127.0.0.1", port=free_port())
        self.controller.start()
        settings.smtp_host, settings.smtp_port, settings.smtp_starttls = "127.0.0.1", self.controller.port, False
        settings.smtp_username = None

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    inbox.controller = None
    inbox.start(settings)
    yield inbox
    inbox.stop()


@pytest.fixture
def add_proceeding(engine, world):
    """Create a proceeding on a case of the world with deadlines given as dicts; returns its id."""

    def make(case: str, deadlines: list[dict], *, state: str = "waiting", recipient: str = "Equifax") -> int:
        workspace = world.ids["ws_b"] if case == "case3" else world.ids["ws_a"]
        with Session(engine) as s:
            p = Proceeding(workspace_id=workspace, case_id=world.ids[case], procedure_id="us.fcra.dispute-cra",
                           recipient_name=recipient, state=state, title=f"Dispute for {SSN}")
            s.add(p)
            s.flush()
            s.add(ProceedingItem(workspace_id=workspace, proceeding_id=p.id, furnisher="Bank", account=ACCOUNT,
                                 what_is_wrong=f"Not mine; DOB {DOB}"))
            for d in deadlines:
                s.add(ProceedingDeadline(workspace_id=workspace, proceeding_id=p.id, **{
                    "key": "response", "label": "The credit bureau must finish checking your dispute",
                    "citation": "FCRA §611(a)(1)(A), 15 U.S.C. 1681i(a)(1)(A)",
                    "explanation": "30 days from receipt of the dispute.", **d}))
            s.commit()
            return p.id

    return make


@pytest.fixture
def web(app):
    return app


def days(n: int) -> date:
    return TODAY + timedelta(days=n)
