"""app/limits.py: untrusted work runs in a child process (from a fork server, never a fork of
the server) with a wall-clock time limit and a memory cap."""

import os
import time

import pytest

from app import limits

# Changed at run time below: a child forked from this process would see the change.
STATE = {"value": "as imported"}


def _state() -> str:
    return STATE["value"]


def _add(a: int, b: int, *, times: int = 1) -> int:
    return (a + b) * times


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


def _allocate(mb: int) -> int:
    return len(bytearray(mb * 1024 * 1024))


def _fail() -> None:
    raise ValueError("the wording is wrong")


def _die() -> None:
    os._exit(3)


class _Unpicklable(Exception):
    def __init__(self, a, b):
        super().__init__(a)


def _raise_unpicklable() -> None:
    raise _Unpicklable("odd", "args")


def test_returns_the_result():
    assert limits.run(_add, 2, 3, times=4, seconds=30, memory_mb=64) == 20
    assert limits.run(os.getpid, seconds=30, memory_mb=64) != os.getpid()


def test_the_child_is_not_a_fork_of_the_server():
    STATE["value"] = "changed in the server"
    assert limits.run(_state, seconds=30, memory_mb=64) == "as imported"
    assert limits._context().get_start_method() == "forkserver"


def test_time_limit():
    started = time.monotonic()
    with pytest.raises(limits.LimitExceeded) as exc:
        limits.run(_sleep, 30, seconds=1, memory_mb=64)
    assert exc.value.limit == "time" and time.monotonic() - started < 10
    assert "1 seconds" in str(exc.value)


def test_memory_cap():
    with pytest.raises(limits.LimitExceeded) as exc:
        limits.run(_allocate, 512, seconds=30, memory_mb=128)
    assert exc.value.limit == "memory"
    assert limits.run(_allocate, 16, seconds=30, memory_mb=128) == 16 * 1024 * 1024


def test_errors_come_back_and_a_dead_child_is_reported():
    with pytest.raises(ValueError, match="the wording is wrong"):
        limits.run(_fail, seconds=30, memory_mb=64)
    with pytest.raises(limits.LimitExceeded) as exc:
        limits.run(_die, seconds=30, memory_mb=64)
    assert exc.value.limit == "crash"
    with pytest.raises(RuntimeError, match="_Unpicklable"):
        limits.run(_raise_unpicklable, seconds=30, memory_mb=64)


def test_children_at_once_are_bounded(monkeypatch):
    """A burst of requests cannot start more children than there are slots."""
    import threading

    monkeypatch.setattr(limits, "_slots", threading.BoundedSemaphore(1))
    blocker = threading.Thread(target=lambda: limits.run(_sleep, 3, seconds=30, memory_mb=64))
    blocker.start()
    time.sleep(0.5)
    with pytest.raises(limits.LimitExceeded) as exc:
        limits.run(_add, 1, 2, seconds=0.5, memory_mb=64)
    assert exc.value.limit == "busy"
    blocker.join()
    assert limits.run(_add, 1, 2, seconds=30, memory_mb=64) == 3
