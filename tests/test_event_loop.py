"""Nothing blocks the event loop: route handlers that touch the database are plain `def`, and the
server keeps answering with many writers at once (on PostgreSQL in CI, where a blocking
`async def` handler once deadlocked the server for good)."""

import inspect
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
from fastapi.routing import APIRoute
from sqlmodel import Session, func, select

from app.cases.models import CaseNote
from app.db import get_engine
from app.deps import get_session, optional_user, require_ctx, require_user, verify_csrf
from app.web import app_settings, form_data, form_files, form_lists
from tests.conftest import PASSWORD

# Async callables allowed in a route's dependency tree: they only read the request body, or (issue 15)
# they send every database call to the thread pool themselves (app/deps.py) and are checked below.
NON_BLOCKING = {verify_csrf, form_data, form_lists, form_files, app_settings}
THREADPOOL_AWARE = {get_session, optional_user, require_user, require_ctx}


def _walk(dependant, path: str, problems: list[str]) -> None:
    call = dependant.call
    is_async = call is not None and (inspect.iscoroutinefunction(call) or inspect.isasyncgenfunction(call))
    if is_async and call not in NON_BLOCKING | THREADPOOL_AWARE:
        problems.append(f"{path}: {call.__module__}.{call.__qualname__} is async")
    for sub in dependant.dependencies:
        if sub.call is get_session and is_async and call not in THREADPOOL_AWARE:
            problems.append(f"{path}: async {call.__qualname__} uses the database session")
        _walk(sub, path, problems)


def _api_routes(app) -> list[APIRoute]:
    try:  # FastAPI >= 0.16x keeps included routers lazily; this flattens them.
        from fastapi.routing import iter_route_contexts

        found = [getattr(c, "route", None) or c.original_route for c in iter_route_contexts(app.routes)]
    except ImportError:  # pragma: no cover
        found = list(app.routes)
    mounted = [r for m in app.routes if getattr(m, "path", "") == "/api/v1" for r in _api_routes(m.app)]  # the JSON API
    return [r for r in found if isinstance(r, APIRoute)] + mounted


def test_no_async_handler_or_dependency_blocks(app):
    problems: list[str] = []
    routes = _api_routes(app)
    assert len(routes) > 50
    for route in routes:
        _walk(route.dependant, f"{sorted(route.methods)} {route.path}", problems)
    assert problems == []


def test_the_walk_catches_an_async_handler(app):
    from app.deps import DB

    @app.post("/_probe")
    async def probe(session: DB):  # the kind of handler that deadlocked the server
        return {}

    problems: list[str] = []
    route = next(r for r in _api_routes(app) if r.path == "/_probe")
    _walk(route.dependant, "probe", problems)
    assert any("is async" in p for p in problems)
    assert any("uses the database session" in p for p in problems)


# ---- a real server, many writers at once ----------------------------------------------------------

def _signed_in(base: str, email: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=30)
    client.get("/signin")
    token = client.cookies["recourse_csrf"]
    response = client.post("/signin", data={"email": email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 303, response.text
    return client


def test_eight_writers_at_once_all_acknowledged_and_healthz_answers(world, live_server):
    clients, writes = 8, 25
    case_id = world.ids["case1"]
    sessions = [_signed_in(live_server, "alice@example.org") for _ in range(clients)]
    health: list[float] = []
    stop = threading.Event()

    def poll_health():
        with httpx.Client(base_url=live_server, timeout=15) as c:
            while not stop.is_set():
                start = time.monotonic()
                assert c.get("/healthz").status_code == 200
                health.append(time.monotonic() - start)
                time.sleep(0.05)

    def writer(n: int) -> list[float]:
        client, times = sessions[n], []
        for i in range(writes):
            start = time.monotonic()
            response = client.post(f"/cases/{case_id}/notes",
                                   data={"body": f"note {n}-{i}", "csrf_token": client.cookies["recourse_csrf"]})
            assert response.status_code == 303, response.text[:300]
            times.append(time.monotonic() - start)
        return times

    poller = threading.Thread(target=poll_health, daemon=True)
    poller.start()
    with ThreadPoolExecutor(clients) as pool:
        durations = [t for times in pool.map(writer, range(clients)) for t in times]
    stop.set()
    poller.join(20)
    for c in sessions:
        c.close()

    assert len(durations) == clients * writes
    assert max(durations) < 15
    assert health and max(health) < 15
    # Every acknowledged write is there.
    with Session(get_engine()) as s:
        count = s.exec(select(func.count()).select_from(CaseNote).where(
            CaseNote.case_id == case_id, CaseNote.body.like("note %"))).one()
    assert count == clients * writes


def test_four_sign_ins_at_once_do_not_slow_other_pages(world, live_server, monkeypatch, session):
    """Argon2id at full cost runs in the threadpool (sign-in is a plain `def`, and argon2-cffi
    releases the GIL): four people signing in together must not hold up anyone else's page, as
    they did when hashing ran on the event loop (every page took seconds)."""
    from argon2 import PasswordHasher

    from app.accounts import passwords
    from app.accounts.models import User

    real = PasswordHasher()  # the production parameters (RFC 9106 low memory: 64 MiB, 3 passes, 4 lanes)
    monkeypatch.setattr(passwords, "_hasher", real)
    emails = [f"{n}@example.org" for n in ("alice", "bob", "carol", "dave")]
    for user in session.exec(select(User).where(User.email.in_(emails))).all():
        user.password_hash = real.hash(PASSWORD)
    session.commit()

    health: list[float] = []
    stop = threading.Event()

    def poll_health():
        with httpx.Client(base_url=live_server, timeout=30) as c:
            while not stop.is_set():
                start = time.monotonic()
                assert c.get("/healthz").status_code == 200
                health.append(time.monotonic() - start)
                time.sleep(0.02)

    def sign_ins(email: str) -> float:
        start = time.monotonic()
        for _ in range(3):
            _signed_in(live_server, email).close()
        return time.monotonic() - start

    poller = threading.Thread(target=poll_health, daemon=True)
    poller.start()
    with ThreadPoolExecutor(len(emails)) as pool:
        spent = list(pool.map(sign_ins, emails))
    stop.set()
    poller.join(30)
    assert len(health) > 10
    # The sign-ins really cost something, and /healthz never waited for them.
    assert max(spent) > 0.3, spent
    assert max(health) < 1.0, sorted(health)[-5:]


def test_no_sql_runs_on_the_event_loop(make_client, world, engine):
    """Issue 15: the async dependencies in app/deps.py send every database call to the thread pool,
    for a GET served from the session cache, a GET that reads the database and a POST alike."""
    import asyncio

    from sqlalchemy import event

    from tests.conftest import post

    on_loop: list[str] = []

    def check(what: str) -> None:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return  # a worker thread: fine
        on_loop.append(what)

    def before(conn, cursor, statement, params, context, executemany):
        check(statement)

    def commit(conn):
        check("COMMIT")

    alice = make_client("alice@example.org")
    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "commit", commit)
    try:
        for _ in range(2):  # read from the database, then from the cache
            assert alice.get("/today").status_code == 200
        assert post(alice, "/account/language", {"language": "es"}).status_code == 303
        assert post(alice, "/signout").status_code == 303
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "commit", commit)
    assert on_loop == []
