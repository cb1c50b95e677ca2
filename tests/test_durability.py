"""Faults and time, against a real server process (like production, on loopback):
- a short soak: a steady mix of reads and writes, every answer a success, no acknowledged write lost;
- kill -9 in the middle of writing: after a restart every acknowledged write is there and SQLite's
  integrity check passes.
Both run on SQLite and, with RECOURSE_TEST_DATABASE_URL, on PostgreSQL (CI runs both)."""

import threading
import time
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from benchmarks.live import Server, bootstrap, post, signed_in, stored_notes
from benchmarks.soak import soak
from tests.conftest import PG_URL


@pytest.fixture
def server(tmp_path):
    """A migrated installation of its own (a fresh database on PostgreSQL), not yet started."""
    url = None
    admin = None
    if PG_URL:
        name = f"recourse_live_{uuid.uuid4().hex[:8]}"
        admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    srv = Server(tmp_path / "data", url)
    srv.migrate()
    yield srv
    srv.stop()
    if admin is not None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_short_soak_every_answer_succeeds_and_nothing_is_lost(server):
    server.start()
    ids = bootstrap(server.url)
    result = soak(server.url, ids, seconds=8, rate=25, clients=4)
    assert result.requests >= 150
    assert result.failures == []
    assert result.notes_acknowledged and result.notes_acknowledged <= stored_notes(server)


def test_kill_9_loses_no_acknowledged_write(server):
    server.start()
    ids = bootstrap(server.url)
    acknowledged: set[str] = set()
    stop = threading.Event()

    def writer(n: int) -> None:
        try:
            client = signed_in(server.url)
        except Exception:  # noqa: BLE001 - the server was killed before this writer started
            return
        i = 0
        while not stop.is_set():
            body = f"durable {n}-{i}"
            try:
                r = post(client, f"/cases/{ids['case']}/notes", {"body": body})
            except Exception:  # noqa: BLE001 - the server died mid-request: not acknowledged
                break
            if r.status_code == 303:
                acknowledged.add(body)
            i += 1

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 20
    while len(acknowledged) < 30 and time.monotonic() < deadline:
        time.sleep(0.05)
    server.kill()  # in the middle of the writers' stream
    stop.set()
    for t in threads:
        t.join(30)
    assert len(acknowledged) >= 30

    server.start()  # a restart finds everything that was acknowledged
    assert signed_in(server.url).get(f"/cases/{ids['case']}").status_code == 200
    assert acknowledged <= stored_notes(server)
    if not PG_URL:
        engine = create_engine(server.sqlalchemy_url)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        engine.dispose()
