"""The client's IP address (sign-in throttle, email limits, audit log) comes from X-Forwarded-For only
when the connection comes from a proxy named in RECOURSE_TRUSTED_PROXIES, both where uvicorn reads
the header (`recourse serve`) and where the app does (app.web.client_ip)."""

import socket
import threading
import time
from contextlib import contextmanager

import httpx
import pytest
import uvicorn
from sqlmodel import Session, select

from app.accounts.models import LoginAttempt
from app.audit.models import AuditEntry
from app.cli import uvicorn_options
from app.config import Settings
from app.main import create_app
from app.web import forwarded_client

SPOOFED = "203.0.113.7"


@contextmanager
def _serve(app, **options):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off", **options))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(250):
        if server.started:
            break
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def _failed_sign_in_ip(base: str, engine) -> tuple[str, str]:
    with httpx.Client(base_url=base, timeout=30) as client:
        client.get("/signin")
        r = client.post("/signin", data={"email": "alice@example.org", "password": "wrong password here",
                                         "csrf_token": client.cookies["recourse_csrf"]},
                        headers={"x-forwarded-for": SPOOFED})
        assert r.status_code == 400
    with Session(engine) as s:
        attempt = s.exec(select(LoginAttempt).order_by(LoginAttempt.id.desc())).first()
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "signin.failed")
                       .order_by(AuditEntry.id.desc())).first()
    return attempt.ip, entry.ip


def _app(settings: Settings, trusted: str):
    configured = Settings(**{**settings.model_dump(), "trusted_proxies": trusted})
    return configured, create_app(configured, configure_db=False)


def test_recourse_serve_believes_no_forwarded_header_by_default(settings, engine, world):
    configured, app = _app(settings, "")
    assert uvicorn_options(configured)["proxy_headers"] is False
    with _serve(app, **uvicorn_options(configured)) as base:
        assert _failed_sign_in_ip(base, engine) == ("127.0.0.1", "127.0.0.1")


def test_recourse_serve_believes_a_named_proxy(settings, engine, world):
    configured, app = _app(settings, "10.0.0.0/8, 127.0.0.1/32")
    with _serve(app, **uvicorn_options(configured)) as base:
        assert _failed_sign_in_ip(base, engine) == (SPOOFED, SPOOFED)


@pytest.mark.parametrize(("trusted", "expected"), [("", "127.0.0.1"), ("127.0.0.1", SPOOFED), ("10.1.2.3", "127.0.0.1")])
def test_the_app_itself_follows_the_setting(settings, engine, world, trusted, expected):
    # Served without uvicorn's own proxy handling (another server, or uvicorn --no-proxy-headers).
    _configured, app = _app(settings, trusted)
    with _serve(app, proxy_headers=False) as base:
        assert _failed_sign_in_ip(base, engine) == (expected, expected)


@pytest.mark.parametrize(("peer", "header", "trusted", "expected"), [
    ("198.51.100.1", ["203.0.113.7"], "", "198.51.100.1"),  # nobody trusted
    ("198.51.100.1", ["203.0.113.7"], "127.0.0.1", "198.51.100.1"),  # peer is not the proxy
    ("127.0.0.1", ["203.0.113.7"], "127.0.0.1", "203.0.113.7"),
    ("127.0.0.1", [], "127.0.0.1", "127.0.0.1"),
    # The client may send its own header: only the hop the trusted proxy added counts.
    ("127.0.0.1", ["1.1.1.1, 203.0.113.7"], "127.0.0.1", "203.0.113.7"),
    ("127.0.0.1", ["1.1.1.1", "203.0.113.7, 10.0.0.5"], "127.0.0.1,10.0.0.0/8", "203.0.113.7"),
    ("::1", ["2001:db8::7"], "::1", "2001:db8::7"),
    ("127.0.0.1", ["not-an-ip"], "127.0.0.1", "127.0.0.1"),
    ("testclient", ["203.0.113.7"], "127.0.0.1", "testclient"),
    ("127.0.0.1", ["203.0.113.7"], "junk, 127.0.0.0/8", "203.0.113.7"),
])
def test_forwarded_client(peer, header, trusted, expected):
    assert forwarded_client(peer, header, trusted) == expected
