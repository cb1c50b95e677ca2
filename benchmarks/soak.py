"""Soak: a steady mix of reads and writes against a real server on loopback, for a set time.

    python benchmarks/soak.py --minutes 10 --rate 50            # SQLite in a temporary directory
    RECOURSE_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/soak python benchmarks/soak.py

Bounded on purpose: a fixed request rate (requests are paced, never fired as fast as possible),
a fixed duration and only 127.0.0.1. Every answer must be a success (200 or 303); at the end every
acknowledged note must be in the database. Exit status 1 otherwise. The test suite runs a short
version of it (tests/test_soak.py) on SQLite and PostgreSQL.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.live import Server, bootstrap, post, signed_in, stored_notes  # noqa: E402


@dataclass
class SoakResult:
    requests: int = 0
    failures: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    notes_acknowledged: set[str] = field(default_factory=set)

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.latencies, n=20)[-1] if len(self.latencies) > 20 else max(self.latencies or [0])


def soak(base: str, ids: dict, *, seconds: float, rate: float, clients: int = 4) -> SoakResult:
    """`rate` requests a second in all, spread over `clients` signed-in clients; 1 in 4 is a write."""
    result, lock = SoakResult(), threading.Lock()
    case = ids["case"]
    reads = ["/today", f"/cases/{case}", "/cases", f"/consumers/{ids['consumer']}", "/healthz"]
    end = time.monotonic() + seconds
    interval = clients / rate

    def run(n: int) -> None:
        client = signed_in(base)
        i, next_at = 0, time.monotonic() + n * interval / clients
        while (now := time.monotonic()) < end:
            if now < next_at:
                time.sleep(next_at - now)
            next_at += interval
            start = time.monotonic()
            try:
                if i % 4 == 0:
                    body = f"soak {n}-{i}"
                    r = post(client, f"/cases/{case}/notes", {"body": body})
                    ok = r.status_code == 303
                    if ok:
                        with lock:
                            result.notes_acknowledged.add(body)
                else:
                    r = client.get(reads[i % len(reads)])
                    ok = r.status_code == 200
                outcome = None if ok else f"{r.request.method} {r.request.url.path}: {r.status_code}"
            except Exception as exc:  # noqa: BLE001 - a timeout or a dropped connection is a failure to report
                outcome = f"request failed: {exc!r}"
            with lock:
                result.requests += 1
                result.latencies.append(time.monotonic() - start)
                if outcome:
                    result.failures.append(outcome)
            i += 1
        client.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=2.0)
    parser.add_argument("--rate", type=float, default=50.0, help="requests per second in all")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    server = Server(Path(tempfile.mkdtemp(prefix="recourse-soak-")), os.environ.get("RECOURSE_DATABASE_URL"),
                    workers=args.workers)
    server.migrate()
    server.start()
    try:
        ids = bootstrap(server.url)
        result = soak(server.url, ids, seconds=args.minutes * 60, rate=args.rate, clients=args.clients)
    finally:
        server.stop()
    lost = result.notes_acknowledged - stored_notes(server)
    print(f"{result.requests} requests, {len(result.failures)} failures, "
          f"p50 {statistics.median(result.latencies) * 1000:.0f} ms, p95 {result.p95 * 1000:.0f} ms, "
          f"{len(result.notes_acknowledged)} notes acknowledged")
    for failure in result.failures[:20]:
        print("  ", failure)
    if lost:
        print(f"  {len(lost)} acknowledged notes are missing from the database")
    return 1 if result.failures or lost else 0


if __name__ == "__main__":
    raise SystemExit(main())
