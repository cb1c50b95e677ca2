"""The benchmark suite of issue 15, one entry point:

    python -m benchmarks [--quick] [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench]

1. In process: deadline computations a second (one core), and the analysis of three bureaus'
   reports of 150 accounts with the cross-bureau comparison.
2. A real server, started like production (uvicorn, 2 workers) on a database built by the real
   migrations and seeded with a clinic of 5,000 open proceedings; and in the same run the
   yardstick, a bare FastAPI + Jinja2 page rendering a 50-row table (benchmarks/yardstick.py).
3. A bounded load on loopback (wrk when installed, else Python httpx threads; a fixed duration): requests a second at
   16 concurrent clients, single-client p95, the fixed cost of a signed-in page, idle memory.
4. Letter PDFs a second over two processes, against bare WeasyPrint (benchmarks/letters.py), and
   the import of a 35-page bureau PDF (benchmarks/import_pdf.py).
5. Only with --scale (it takes several minutes): PostgreSQL with 1,000,000 proceedings across 200
   workspaces, the Today page with 1, 2 and 4 uvicorn workers (benchmarks/scale.py).

Prints one table: each figure, its target, the ratio (measured / target, or target / measured
for "under" targets, so >= 1.00 means the target is met). Absolute numbers depend on the machine
and on what else runs on it; the ratios against the yardstick in the same run are the point.
Never run from the test suite.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from benchmarks import deadlines, import_pdf, letters, report_analysis, scale
from benchmarks.live import ROOT, Server, free_port
from benchmarks.load import fixed_cost, idle_rss_mb, latencies, load_tool, p95, throughput


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="shorter runs and 1,000 proceedings")
    parser.add_argument("--database-url", default=os.environ.get("RECOURSE_BENCH_DATABASE_URL"),
                        help="a PostgreSQL URL for an EMPTY database (default: SQLite in a temporary directory)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--scale", action="store_true",
                        help="also 1,000,000 proceedings on PostgreSQL with 1, 2 and 4 workers (minutes; creates "
                             "and drops the database bench_scale)")
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
        server.stop()
        # The same without the page cache (app/page_cache.py): every view reads and renders, as
        # the first view after any write does.
        server.settings["RECOURSE_PAGE_CACHE_SECONDS"] = "0"
        server.start()
        uncached = throughput(server.url, "/today", clients=16, seconds=seconds, signed_in=True)
        uncached_single = latencies(server.url, "/today", n=40 if args.quick else 100, signed_in=True)
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
        (f"Today, the same with no page cache (every view after a write), {db}, 16 clients",
         f"{uncached:,.0f} req/s", f">= 0.5 x yardstick ({bare / 2:,.0f})", uncached / (bare / 2)),
        (f"Today, single client p95, no page cache ({db})", f"{p95(uncached_single):.1f} ms", "< 50 ms",
         50 / p95(uncached_single)),
        ("signed-in fixed cost (median of /account - /healthz)", f"{fixed:.1f} ms", "< 2 ms",
         2 / max(fixed, 0.01)),
        ("server memory, idle, per worker", f"{idle:.0f} MB", "< 150 MB", 150 / idle),
    ]
    imported = import_pdf.run(runs=3 if args.quick else 5)
    rows += [
        ("PDF import, 35-page TransUnion report, CPU in process", f"{imported['cpu']:.2f} s", "< 2 s",
         2 / imported["cpu"]),
        ("PDF import, the same, as an upload reads it (child process)", f"{imported['upload']:.2f} s", "< 2 s",
         2 / imported["upload"]),
    ]
    rows += letters.run(seconds=seconds)[0]
    if args.scale:
        rows += scale.run(quick=args.quick)
    scale.print_table(rows)
    print(f"\n{os.cpu_count()} CPUs, {args.workers} uvicorn workers, load from {load_tool()} on loopback.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
