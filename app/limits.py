"""Run untrusted work in a child process with a time limit and a memory cap.

Used for what a user controls and could make slow or huge: a workspace's letter wording (a Jinja
template) and the PDF made from it; the readers of imported reports and the analysis of a large
one (app/reports/limited.py); the content check of evidence uploads (app/documents/content.py).
Python threads cannot be stopped, so the work runs in a process that can be killed. The server
has threads, so children come from a fork server (a clean, single-threaded process), never from
fork() of the server.

    result = limits.run(fn, arg, seconds=5, memory_mb=256)   # or raises LimitExceeded

`fn` must be a module-level function and its arguments and result picklable. The child gets
nothing else from the server: no database connection, no settings object.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import resource
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

# Imported once by the fork server, so each child starts with them loaded and warm (a child that
# had to import Jinja, the letter catalog and WeasyPrint itself would take about a second).
# Add the module of any new caller here. app.cli: each child also re-runs the server's main script
# (multiprocessing does that, so that script must guard its entry point with
# `if __name__ == "__main__":`, as console scripts do); for `recourse serve` that is then cheap.
WARM_MODULES = ("app.letters.preload", "app.reports.limited", "app.cli")
_MB = 1024 * 1024
# At most this many children at once; more callers wait up to their own time limit for a slot, so
# a burst of hostile requests cannot take every CPU from the server.
MAX_CHILDREN = max(os.cpu_count() or 1, 2)
_slots = threading.BoundedSemaphore(MAX_CHILDREN)


class LimitExceeded(Exception):
    """The work was stopped: `limit` is "time", "memory", "crash" (the child died) or "busy"
    (no free slot within the time limit)."""

    def __init__(self, limit: str, seconds: float, memory_mb: int):
        super().__init__(limit)
        self.limit, self.seconds, self.memory_mb = limit, seconds, memory_mb

    def __str__(self) -> str:
        return {"time": f"stopped after {self.seconds:g} seconds", "busy": "not started: too many at once",
                "memory": f"stopped: it needed more than {self.memory_mb} MB of memory"}.get(
            self.limit, "stopped: the worker process failed")


def _context():
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(list(WARM_MODULES))
    return ctx


def _address_space() -> int:
    """This process's current virtual memory size in bytes (0 if unknown)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _round_trips(value) -> bool:
    try:
        pickle.loads(pickle.dumps(value))  # noqa: S301 - our own bytes, just made
    except Exception:  # noqa: BLE001 - e.g. an exception class with extra required arguments
        return False
    return True


def _child(conn, fn, args, kwargs, memory_mb: int) -> None:
    os.nice(10)  # the server's own requests come first
    # The cap is on top of what the (preloaded) process already maps, so it measures the work.
    cap = _address_space() + memory_mb * _MB
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    try:
        message = ("ok", fn(*args, **kwargs))
    except MemoryError:
        message = ("limit", "memory")
    except Exception as exc:  # noqa: BLE001 - handed to the parent, which re-raises it
        message = ("error", exc if _round_trips(exc) else RuntimeError(f"{type(exc).__name__}: {exc}"))
    try:
        conn.send(message)
    except MemoryError:
        conn.send(("limit", "memory"))
    except Exception as exc:  # noqa: BLE001 - an unpicklable exception or result
        conn.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
    finally:
        conn.close()


def run(fn: Callable[..., T], /, *args: Any, seconds: float, memory_mb: int, **kwargs: Any) -> T:
    """`fn(*args, **kwargs)` in a child process; its result, or the exception it raised, or
    LimitExceeded if it ran longer than `seconds` or needed more than `memory_mb`."""
    if not _slots.acquire(timeout=seconds):
        raise LimitExceeded("busy", seconds, memory_mb)
    try:
        status, value = _run_child(fn, args, kwargs, seconds, memory_mb)
    finally:
        _slots.release()
    if status == "limit":
        raise LimitExceeded(value, seconds, memory_mb)
    if status == "error":
        raise value
    return value


def _run_child(fn, args, kwargs, seconds: float, memory_mb: int) -> tuple[str, Any]:
    ctx = _context()
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(sender, fn, args, kwargs, memory_mb), daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise LimitExceeded("time", seconds, memory_mb)
        try:
            return receiver.recv()
        except (EOFError, OSError) as exc:
            raise LimitExceeded("crash", seconds, memory_mb) from exc
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join()
