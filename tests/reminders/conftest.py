"""Reminder fixtures: a real SMTP server on loopback (which can be made slow), proceedings with stored
deadlines, the app with the calendar routes, clocks that tests move by hand."""

import asyncio
import email
import socket
import threading
from collections.abc import Callable
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


def at(moment: datetime) -> Callable[[], datetime]:
    """A clock standing still at `moment`."""
    return lambda: moment


class FakeClock:
    """A clock that moves only when the test moves it (shared by threads)."""

    def __init__(self, start: datetime = NOW):
        self._now = start
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, delta: timedelta) -> None:
        with self._lock:
            self._now += delta


class Inbox:
    """Collects what the SMTP server received (handlers run on the controller's thread).

    `on_data(message)` runs when a message arrives, before the server answers (a slow server moves
    a FakeClock there); `rcpt_delay` seconds pass before the server accepts a recipient (a server
    that hangs before the message is sent)."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self._lock = threading.Lock()
        self.on_data: Callable[[email.message.EmailMessage], None] | None = None
        self.rcpt_delay = 0.0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.rcpt_delay:
            await asyncio.sleep(self.rcpt_delay)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        if self.on_data is not None:
            self.on_data(message)
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
