"""Benchmark: the Today page at scale (issue 15): PostgreSQL with 1,000,000 proceedings across 200
workspaces, served by 1, 2 and 4 uvicorn workers.

Not part of the test suite; it takes minutes (seeding about a minute or two, then three servers).
Run it with `python -m benchmarks --scale` (its rows join the table) or alone:

    python -m benchmarks.scale [--quick] [--keep] [--reuse DATA_DIR]

PostgreSQL only. It creates its own database, `bench_scale`, on the server named by
RECOURSE_BENCH_ADMIN_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/postgres) and drops
it at the end (`--keep` keeps it and the data directory, `--reuse` measures again without seeding).
It never touches any other database.

The data: one busy clinic with 25,000 proceedings (5,000 open: waiting for an answer, due dates from
30 days ago to 60 days ahead), 1,000 cases and four members who sign in (the owner and three
advocates); 199 other workspaces share the remaining 975,000 proceedings (20 cases each), all with
their items, seeded by the database itself (benchmarks/outcomes.py's generate_series statements).
For each worker count: the busy clinic's Today page, single-client p95 over 100 requests, and
requests a second with 16 concurrent clients signed in as its four members; and the largest idle
worker's memory.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from benchmarks.live import Server
from benchmarks.load import (
    EMAIL,
    PASSWORD,
    cpu_seconds,
    idle_rss_mb,
    latencies,
    load_tool,
    p95,
    throughput,
    tree_cpu_seconds,
)

ADMIN_URL = os.environ.get("RECOURSE_BENCH_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
DATABASE = "bench_scale"
TOTAL, WORKSPACES, BUSY, FILLER_CASES = 1_000_000, 200, 25_000, 20
ADVOCATES = tuple(f"advocate{i}@example.org" for i in range(1, 4))
WORKERS = (1, 2, 4)
CLIENTS = 16

# Open proceedings get due dates around today, as the Today page sorts and buckets on them.
DUE_DATES = """
UPDATE proceedings SET next_due = CURRENT_DATE + (id % 90 - 30), next_overdue = CURRENT_DATE + (id % 90 - 30)
WHERE state = 'waiting'
"""


def database_url() -> str:
    return make_url(ADMIN_URL).set(database=DATABASE).render_as_string(hide_password=False)


def _admin(sql: str) -> None:
    engine = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(sql))
    finally:
        engine.dispose()


def create_database() -> None:
    _admin(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    _admin(f"CREATE DATABASE {DATABASE}")


def drop_database() -> None:
    _admin(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


class PostgresCpu:
    """CPU seconds used so far by the PostgreSQL backends connected to the benchmark's database
    (read from /proc: PostgreSQL runs on this machine). A backend that ends keeps the figure last
    seen for it, so the difference between two calls is at least what PostgreSQL used between them;
    `watching()` looks every 0.2 s, for the pool's overflow connections that come and go."""

    def __init__(self) -> None:
        self.seen: dict[int, float] = {}
        self.engine = create_engine(ADMIN_URL, pool_size=1)
        self.lock = threading.Lock()

    def __call__(self) -> float:
        with self.lock, self.engine.connect() as conn:
            pids = conn.execute(text("SELECT pid FROM pg_stat_activity WHERE datname = :d"),
                                {"d": DATABASE}).scalars().all()
            for pid in pids:
                self.seen[pid] = max(self.seen.get(pid, 0.0), cpu_seconds((pid,)))
            return sum(self.seen.values())

    @contextmanager
    def watching(self):
        stop = threading.Event()

        def look() -> None:
            while not stop.wait(0.2):
                self()

        watcher = threading.Thread(target=look, daemon=True)
        watcher.start()
        try:
            yield self
        finally:
            stop.set()
            watcher.join()
            self.engine.dispose()


def seed(data_dir: Path, url: str) -> None:
    """Runs in this process: the keys of `data_dir` (the server's) encrypt what the ORM writes."""
    from sqlmodel import Session, select

    from app import crypto
    from app.accounts.service import create_user
    from app.audit import keys
    from app.cases.models import Case
    from app.consumers.models import Consumer
    from app.db import make_engine, set_engine
    from app.recipients.models import Recipient
    from app.workspaces.models import Member, Role
    from app.workspaces.service import create_workspace
    from benchmarks import outcomes

    crypto.set_key(crypto.load_or_create_key(data_dir))
    keys.configure(data_dir)
    engine = make_engine(url)
    set_engine(engine)
    busy = outcomes.build(engine, BUSY)  # bench@example.org, the owner of "Big Clinic"
    per_workspace = (TOTAL - BUSY) // (WORKSPACES - 1)
    with Session(engine, expire_on_commit=False) as s:
        for email in ADVOCATES:
            user = create_user(s, email=email, name="Advocate", password=PASSWORD)
            user.current_workspace_id = busy.workspace.id
            s.add(Member(workspace_id=busy.workspace.id, user_id=user.id, role=Role.advocate))
        owner = create_user(s, email="filler@example.org", name="Filler", password=PASSWORD)
        s.commit()
        for w in range(1, WORKSPACES):
            n = per_workspace + (TOTAL - BUSY) % (WORKSPACES - 1) if w == WORKSPACES - 1 else per_workspace
            ws = create_workspace(s, user=owner, name=f"Clinic {w:03d}", kind="clinic")
            cases = []
            for c in range(FILLER_CASES):
                consumer = Consumer(workspace_id=ws.id, legal_name=f"Client {w}-{c}")
                s.add(consumer)
                s.flush()
                cases.append(Case(workspace_id=ws.id, consumer_id=consumer.id, number=f"2026-{c:04d}"))
                s.add(cases[-1])
                s.flush()
            recipients = [Recipient(workspace_id=ws.id, name=f"Recipient {r}", kind="cra") for r in range(4)]
            s.add_all(recipients)
            s.flush()
            params = {"ws": ws.id, "first_case": cases[0].id, "first_recipient": recipients[0].id, "user": owner.id,
                      "n": n, "cases": len(cases)}
            s.execute(text(outcomes.PG_PROCEEDINGS), params)
            s.execute(text(outcomes.PG_ITEMS), params)
            s.commit()
        s.execute(text(DUE_DATES))
        s.commit()
        count = s.exec(select(text("count(*)")).select_from(text("proceedings"))).one()
        if count != TOTAL:
            raise RuntimeError(f"seeded {count} proceedings, expected {TOTAL}")
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))
    engine.dispose()


def run(*, quick: bool = False, keep: bool = False, reuse: Path | None = None) -> list[tuple[str, str, str, float]]:
    """The table rows: figure, measured, target, ratio (>= 1 is met)."""
    url = database_url()
    data_dir = reuse or Path(tempfile.mkdtemp(prefix="recourse-scale-"))
    seconds, samples = (5.0, 40) if quick else (10.0, 100)
    rows: list[tuple[str, str, str, float]] = []
    try:
        if reuse is None:
            create_database()
            server = Server(data_dir, database_url=url)
            server.migrate()
            start = time.monotonic()
            seed(data_dir, url)
            took = time.monotonic() - start
            rows.append((f"scale: seeding {TOTAL:,} proceedings in {WORKSPACES} workspaces (PostgreSQL)",
                         f"{took:.0f} s", "-", 1.0))
        previous = None
        emails = (EMAIL, *ADVOCATES)
        for workers in WORKERS:
            server = Server(data_dir, database_url=url, workers=workers)
            try:
                server.start(timeout=60)
                time.sleep(2)
                idle = idle_rss_mb(server.process)
                single = p95(latencies(server.url, "/today", n=samples, signed_in=True))
                postgres = PostgresCpu()
                usage = {"server": partial(tree_cpu_seconds, server.process.pid), "postgres": postgres}
                with postgres.watching():
                    rate = throughput(server.url, "/today", clients=CLIENTS, seconds=seconds, signed_in=True,
                                      emails=emails, usage=usage)
            finally:
                server.stop()
            label = f"{workers} worker{'s' if workers > 1 else ''}"
            rows.append((f"scale: Today, 1M proceedings, {label}, single client p95", f"{single:.1f} ms",
                         "< 100 ms", 100 / single))
            if previous is None:
                rows.append((f"scale: Today, 1M proceedings, {label}, {CLIENTS} clients", f"{rate:,.0f} req/s",
                             "-", 1.0))
            else:
                rows.append((f"scale: Today, 1M proceedings, {label}, {CLIENTS} clients", f"{rate:,.0f} req/s",
                             f"> {previous[1]:,.0f} ({previous[0]} worker{'s' if previous[0] > 1 else ''})",
                             rate / previous[1]))
            previous = (workers, rate)
            # Where the two cores went: the server's CPU per request, and the cores the server and
            # the load loop each kept busy (the rest: PostgreSQL and whatever else runs).
            per = {k: usage[k] / usage["requests"] * 1000 for k in ("server", "postgres")}
            busy = {k: usage[k] / usage["seconds"] for k in ("server", "postgres", "loop")}
            rows.append((f"scale: {label}, CPU per request: server + PostgreSQL",
                         f"{per['server']:.1f} + {per['postgres']:.1f} ms",
                         f"cores: {busy['server']:.2f} + {busy['postgres']:.2f} (loop {busy['loop']:.2f})", 1.0))
        rows.append((f"scale: server memory, idle, per worker ({WORKERS[-1]} workers)", f"{idle:.0f} MB",
                     "< 150 MB", 150 / idle))
        # The same page with no page cache (app/page_cache.py): what the first view after any
        # write costs, every view reading and rendering the 50 rows.
        for workers in WORKERS:
            server = Server(data_dir, database_url=url, workers=workers,
                            settings={"RECOURSE_PAGE_CACHE_SECONDS": "0"})
            try:
                server.start(timeout=60)
                time.sleep(2)
                single = p95(latencies(server.url, "/today", n=samples, signed_in=True))
            finally:
                server.stop()
            label = f"{workers} worker{'s' if workers > 1 else ''}"
            rows.append((f"scale: Today, 1M proceedings, {label}, no page cache, single client p95",
                         f"{single:.1f} ms", "< 100 ms", 100 / single))
    finally:
        if keep:
            print(f"kept: database {DATABASE}, data directory {data_dir} (measure again with --reuse {data_dir})")
        else:
            drop_database()
            shutil.rmtree(data_dir, ignore_errors=True)
    return rows


def print_table(rows: list[tuple[str, str, str, float]]) -> None:
    width = max(len(r[0]) for r in rows)
    print(f"\n{'figure':<{width}}  {'measured':>14}  {'target':<28} ratio")
    for figure, measured, target, ratio in rows:
        print(f"{figure:<{width}}  {measured:>14}  {target:<28} {ratio:5.2f}{'' if ratio >= 1 else '  (missed)'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="5 s load runs and 40 latency samples")
    parser.add_argument("--keep", action="store_true", help="keep the database and the data directory")
    parser.add_argument("--reuse", type=Path, help="the data directory of a kept run: measure without seeding")
    args = parser.parse_args(argv)
    rows = run(quick=args.quick, keep=args.keep or args.reuse is not None, reuse=args.reuse)
    print_table(rows)
    print(f"\n{os.cpu_count()} CPUs; load from {load_tool()} on the same machine.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
