"""The benchmark suite of issue 15, one entry point:

    python -m benchmarks [--quick] [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench]

1. In process: deadline computations a second (one core), and the analysis of three bureaus'
   reports of 150 accounts with the cross-bureau comparison.
2. A real server, started like production (uvicorn, 2 workers) on a database built by the real
   migrations and seeded with a clinic of 5,000 open proceedings; and in the same run the
   yardstick, a bare FastAPI + Jinja2 page rendering a 50-row table (benchmarks/yardstick.py).
3. A bounded load loop on loopback (Python httpx threads, a fixed duration): requests a second at
   16 concurrent clients, single-client p95, the fixed cost of a signed-in page, idle memory.

Prints one table: each figure, its target, the ratio (measured / target, or target / measured
for "under" targets, so >= 1.00 means the target is met). Absolute numbers depend on the machine
and on what else runs on it; the ratios against the yardstick in the same run are the point.
Never run from the test suite.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from benchmarks import deadlines, report_analysis
from benchmarks.live import ROOT, Server, free_port

PASSWORD = "benchmark passphrase"  # noqa: S105  (a throwaway account in a throwaway database)


def seed(server: Server, proceedings: int) -> None:
    """The clinic of benchmarks/today_page.py, in the server's database (built by the migrations)."""
    code = (
        "import sys; from pathlib import Path; from app import crypto; from app.audit import keys;"
        "from app.db import make_engine, set_engine; from benchmarks import today_page as t;"
        f"d = Path({str(server.data_dir)!r}); crypto.set_key(crypto.load_or_create_key(d)); keys.configure(d);"
        f"e = make_engine({server.sqlalchemy_url!r}); set_engine(e); t.build(e, {proceedings})"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=server.env(), check=True)  # noqa: S603
    if server.database_url:
        # What autovacuum does within a minute on a live server: statistics for the planner and a
        # visibility map, so index-only scans need not visit the table (issue 15). Without it the
        # run measures a database no real installation has.
        from sqlalchemy import create_engine, text

        engine = create_engine(server.database_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text("VACUUM ANALYZE"))
        engine.dispose()


class Yardstick(Server):
    def start(self, timeout: float = 30) -> Server:
        self.port = self.port or free_port()
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "uvicorn", "--factory", "benchmarks.yardstick:create_app", "--host",
             "127.0.0.1", "--port", str(self.port), "--workers", str(self.workers), "--log-level", "warning"],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("the yardstick did not answer in time")


def client_for(base: str, signed_in: bool) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=30)
    if signed_in:
        client.get("/signin")
        r = client.post("/signin", data={"email": "bench@example.org", "password": PASSWORD,
                                         "csrf_token": client.cookies["recourse_csrf"]})
        if r.status_code != 303:
            raise RuntimeError(f"sign-in failed: {r.status_code}")
    return client


def throughput(base: str, path: str, *, clients: int, seconds: float, signed_in: bool) -> float:
    """Requests a second with `clients` threads each sending one request after another."""
    sessions = [client_for(base, signed_in) for _ in range(clients)]
    for c in sessions:
        c.get(path)  # warm
    done, failures, end = [0] * clients, [], time.monotonic() + seconds

    def run(i: int) -> None:
        while time.monotonic() < end:
            r = sessions[i].get(path)
            if r.status_code != 200:
                failures.append(r.status_code)
                return
            done[i] += 1

    start = time.monotonic()
    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    for c in sessions:
        c.close()
    if failures:
        raise RuntimeError(f"{path}: status {failures[0]}")
    return sum(done) / elapsed


def latencies(base: str, path: str, *, n: int, signed_in: bool) -> list[float]:
    c = client_for(base, signed_in)
    try:
        for _ in range(5):
            c.get(path)
        out = []
        for _ in range(n):
            start = time.perf_counter()
            assert c.get(path).status_code == 200
            out.append((time.perf_counter() - start) * 1000)
    finally:
        c.close()
    return out


def fixed_cost(base: str, *, n: int) -> float:
    """Median of (signed-in /account - /healthz), the two requests sent one after the other so
    that both see the same load: what a signed-in page pays before it does anything."""
    c = client_for(base, True)
    try:
        diffs = []
        for i in range(n + 5):
            times = []
            for path in ("/account", "/healthz"):
                start = time.perf_counter()
                assert c.get(path).status_code == 200
                times.append((time.perf_counter() - start) * 1000)
            if i >= 5:
                diffs.append(times[0] - times[1])
    finally:
        c.close()
    return statistics.median(diffs)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def idle_rss_mb(process: subprocess.Popen) -> float:
    """The largest resident set of the server's worker processes (children of the supervisor)."""
    pids = [int(p) for p in Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()]
    sizes = []
    for pid in pids or [process.pid]:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return max(sizes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="shorter runs and 1,000 proceedings")
    parser.add_argument("--database-url", default=os.environ.get("RECOURSE_BENCH_DATABASE_URL"),
                        help="a PostgreSQL URL for an EMPTY database (default: SQLite in a temporary directory)")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    seconds = 3.0 if args.quick else 10.0
    proceedings = 1000 if args.quick else 5000
    rows: list[tuple[str, str, str, float]] = []  # figure, measured, target, ratio (>= 1 is met)

    engine = deadlines.run(seconds=1.0 if args.quick else 3.0)
    rows.append(("deadline computations a second (1 core)", f"{engine['per_second']:,.0f}/s", "100,000/s",
                 engine["per_second"] / 100_000))
    analysis = report_analysis.run(repeat=3 if args.quick else 7)
    rows.append(("report analysis, 3 bureaus x 150 accounts + comparison", f"{analysis['ms']:.0f} ms",
                 "< 100 ms", 100 / analysis["ms"]))

    data_dir = Path(tempfile.mkdtemp(prefix="recourse-bench-"))
    server = Server(data_dir, database_url=args.database_url, workers=args.workers)
    server.migrate()
    seed(server, proceedings)
    yard = Yardstick(data_dir, workers=args.workers)
    try:
        server.start()
        yard.start()
        time.sleep(1)
        idle = idle_rss_mb(server.process)
        bare = throughput(yard.url, "/today", clients=16, seconds=seconds, signed_in=False)
        today = throughput(server.url, "/today", clients=16, seconds=seconds, signed_in=True)
        single = latencies(server.url, "/today", n=40 if args.quick else 100, signed_in=True)
        fixed = fixed_cost(server.url, n=40 if args.quick else 200)
    finally:
        server.stop()
        yard.stop()
        shutil.rmtree(data_dir, ignore_errors=True)  # a throwaway database and key
    db = "PostgreSQL" if args.database_url else "SQLite"
    rows += [
        ("yardstick: bare FastAPI + Jinja2, 50 rows, 16 clients", f"{bare:,.0f} req/s", "-", 1.0),
        (f"Today, {proceedings:,} open proceedings, {db}, 16 clients", f"{today:,.0f} req/s",
         f">= 0.5 x yardstick ({bare / 2:,.0f})", today / (bare / 2)),
        (f"Today, single client p95 ({db})", f"{p95(single):.1f} ms", "< 50 ms", 50 / p95(single)),
        ("signed-in fixed cost (median of /account - /healthz)", f"{fixed:.1f} ms", "< 2 ms",
         2 / max(fixed, 0.01)),
        ("server memory, idle, per worker", f"{idle:.0f} MB", "< 150 MB", 150 / idle),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"\n{'figure':<{width}}  {'measured':>14}  {'target':<28} ratio")
    for figure, measured, target, ratio in rows:
        print(f"{figure:<{width}}  {measured:>14}  {target:<28} {ratio:5.2f}{'' if ratio >= 1 else '  (missed)'}")
    print(f"\n{os.cpu_count()} CPUs, {args.workers} uvicorn workers, load from Python httpx threads on loopback.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
