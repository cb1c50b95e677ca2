"""Micro-benchmark: deadline computations a second on one core (issue 15).

    python -m benchmarks.deadlines

One computation = `compute_deadlines` for one proceeding (every clock of its procedure, with its
extensions and duties), as the Today page and the reminders do. Explanations are not rendered:
the engine builds that text only when something reads `Deadline.explanation`.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

from app.rules import PROCEDURES, TimelineEvent, compute_deadlines


def cases(n: int = 5000) -> list[tuple[str, tuple[TimelineEvent, ...]]]:
    ids = sorted(PROCEDURES)
    out = []
    for i in range(n):
        on = date(2025, 1, 1) + timedelta(days=i % 700)
        kind = "received" if i % 3 else "sent"
        out.append((ids[i % len(ids)], (TimelineEvent(kind, on, channel="post"),)))
    return out


def run(seconds: float = 1.0) -> dict[str, float]:
    """Computations a second (warm: calendars already built), and the same with explanations."""
    work, today = cases(), date(2026, 3, 1)
    for pid, events in work:  # warm-up: build the calendars of the years used
        compute_deadlines(pid, events, today=today)
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for pid, events in work[:1000]:
            compute_deadlines(pid, events, today=today)
        count += 1000
    rate = count / (time.perf_counter() - start)
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds / 2:
        for pid, events in work[:500]:
            for d in compute_deadlines(pid, events, today=today):
                d.explanation  # noqa: B018 - render the text, as the proceeding page does
        count += 500
    explained = count / (time.perf_counter() - start)
    return {"per_second": rate, "explained_per_second": explained}


if __name__ == "__main__":
    result = run()
    print(f"deadline computations: {result['per_second']:,.0f}/s "
          f"({result['explained_per_second']:,.0f}/s with explanations rendered)")
