"""The load loop of the benchmarks: signed-in httpx clients on loopback, throughput at N concurrent
clients, single-client latencies, idle worker memory. Shared by `python -m benchmarks` and
benchmarks/scale.py."""

from __future__ import annotations

import os
import re
import resource
import shutil
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


# wrk (https://github.com/wg/wrk), when installed, is the load tool: written in C, it leaves the
# cores to the server. The Python loop below is the fallback; it needs about as much CPU as the
# server does for a cheap page, which flatters a slow page's ratio to a fast one.
# RECOURSE_BENCH_LOAD=python forces the fallback.
WRK = shutil.which("wrk") if os.environ.get("RECOURSE_BENCH_LOAD", "wrk") == "wrk" else None
WRK_SCRIPT = Path(__file__).with_name("wrk_status.lua")


def load_tool() -> str:
    return "wrk" if WRK else "Python httpx threads"


def throughput(base: str, path: str, *, clients: int, seconds: float, signed_in: bool,
               emails: tuple[str, ...] = (EMAIL,), usage: dict | None = None) -> float:
    """Requests a second with `clients` connections each sending one request after another; the
    clients sign in as `emails` in turn. With `usage` ({name: a function giving CPU seconds so far}),
    each name's CPU seconds over the timed part replace its function, and "loop" (the load tool's
    CPU seconds), "seconds" and "requests" are added. Any answer but 200 is an error."""
    if WRK:
        return _wrk_throughput(base, path, clients=clients, seconds=seconds, signed_in=signed_in,
                               emails=emails, usage=usage)
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


def _wrk_throughput(base: str, path: str, *, clients: int, seconds: float, signed_in: bool,
                    emails: tuple[str, ...], usage: dict | None) -> float:
    """One wrk per signed-in person (each with its own session cookie), run side by side."""
    people = emails[:clients] if signed_in else (None,)
    commands = []
    for i, email in enumerate(people):
        connections = clients // len(people) + (1 if i < clients % len(people) else 0)
        command = [WRK, "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{max(1, round(seconds))}s",
                   "-s", str(WRK_SCRIPT), base + path]
        if email is not None:
            c = client_for(base, True, email)
            c.get(path)  # warm
            command[1:1] = ["-H", "Cookie: " + "; ".join(f"{k}={v}" for k, v in c.cookies.items())]
            c.close()
        commands.append(command)
    if usage is not None:
        meters = dict(usage)
        before = {name: meter() for name, meter in meters.items()}
        own_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    running = [subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True) for cmd in commands]  # noqa: S603  (our own wrk)
    outputs = [p.communicate()[0] for p in running]
    elapsed = time.monotonic() - start
    requests = bad = 0
    for out in outputs:
        found = re.search(r"^\s*(\d+) requests in", out, re.M)
        status = re.search(r"^BAD (\d+)", out, re.M)
        if found is None or status is None:
            raise RuntimeError(f"wrk said: {out}")
        requests, bad = requests + int(found.group(1)), bad + int(status.group(1))
    if bad:
        raise RuntimeError(f"{path}: {bad} answers were not 200")
    if usage is not None:
        own = resource.getrusage(resource.RUSAGE_CHILDREN)
        usage.update({name: meter() - before[name] for name, meter in meters.items()},
                     loop=(own.ru_utime + own.ru_stime) - (own_before.ru_utime + own_before.ru_stime),
                     seconds=elapsed, requests=requests)
    return requests / elapsed


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
