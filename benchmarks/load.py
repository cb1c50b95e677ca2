"""The load loop of the benchmarks: signed-in httpx clients on loopback, throughput at N concurrent
clients, single-client latencies, idle worker memory. Shared by `python -m benchmarks` and
benchmarks/scale.py."""

from __future__ import annotations

import os
import statistics
import subprocess
import threading
import time
from pathlib import Path

import httpx

PASSWORD = "benchmark passphrase"  # noqa: S105  (throwaway accounts in a throwaway database)
EMAIL = "bench@example.org"


def client_for(base: str, signed_in: bool, email: str = EMAIL) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=30)
    if signed_in:
        client.get("/signin")
        r = client.post("/signin", data={"email": email, "password": PASSWORD,
                                         "csrf_token": client.cookies["recourse_csrf"]})
        if r.status_code != 303:
            raise RuntimeError(f"sign-in failed: {r.status_code}")
    return client


def throughput(base: str, path: str, *, clients: int, seconds: float, signed_in: bool,
               emails: tuple[str, ...] = (EMAIL,), usage: dict | None = None) -> float:
    """Requests a second with `clients` threads each sending one request after another; the
    clients sign in as `emails` in turn. With `usage` ({name: a function giving CPU seconds so far}),
    each name's CPU seconds over the timed part replace its function, and "loop" (this load loop's
    CPU seconds), "seconds" and "requests" are added."""
    sessions = [client_for(base, signed_in, emails[i % len(emails)]) for i in range(clients)]
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

    if usage is not None:
        meters = dict(usage)
        before, own_cpu = {name: meter() for name, meter in meters.items()}, time.process_time()
    start = time.monotonic()
    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    if usage is not None:
        usage.update({name: meter() - before[name] for name, meter in meters.items()},
                     loop=time.process_time() - own_cpu, seconds=elapsed, requests=sum(done))
    for c in sessions:
        c.close()
    if failures:
        raise RuntimeError(f"{path}: status {failures[0]}")
    return sum(done) / elapsed


def latencies(base: str, path: str, *, n: int, signed_in: bool, email: str = EMAIL) -> list[float]:
    c = client_for(base, signed_in, email)
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


def cpu_seconds(pids) -> float:
    """CPU seconds (user + system) used so far by these processes (those that have gone: 0)."""
    tick, total = os.sysconf("SC_CLK_TCK"), 0.0
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime (fields 14 and 15)
    return total


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds used so far by a process and its live children (a uvicorn supervisor and its
    workers)."""
    return cpu_seconds((pid, *map(int, Path(f"/proc/{pid}/task/{pid}/children").read_text().split())))
