"""Micro-benchmark: analysing three bureaus' reports of 150 accounts each, with the cross-bureau
comparison (issue 15: under 100 ms).

    python -m benchmarks.report_analysis
"""

from __future__ import annotations

import time
from datetime import date, timedelta
from decimal import Decimal

from app.reports import Account, Inquiry, Report
from app.reports.analysis import analyze
from app.reports.review import cross_bureau


def report(bureau: str, pulled: date, shift: int) -> Report:
    accounts = tuple(
        Account(f"Lender {n}", account_number=f"XXXX{n:04d}",
                account_type="collection" if n % 5 == 0 else "card",
                status="collection" if n % 5 == 0 else "open",
                opened=date(2015, 1, 1) + timedelta(days=n * 17),
                first_delinquency=date(2014, 6, 1) if n % 5 == 0 else None,
                original_creditor=f"Bank {n % 40}" if n % 5 == 0 else None,
                balance=Decimal(100 * n + shift), reported=pulled)
        for n in range(150))  # fmt: skip
    inquiries = tuple(Inquiry(f"Shop {n}", on=pulled - timedelta(days=30 * n)) for n in range(20))
    return Report(bureau=bureau, pulled=pulled, accounts=accounts, inquiries=inquiries)


def reports() -> list[Report]:
    return [report(b, date(2026, 1, 1), shift=i)
            for i, b in enumerate(("Equifax", "Experian", "TransUnion"))]  # fmt: skip


def analyse_all(three: list[Report], today: date) -> None:
    for r in three:
        analyze(r, today=today, others=[o for o in three if o is not r])
    cross_bureau(three)


def run(repeat: int = 5) -> dict[str, float]:
    """Median milliseconds for the three analyses and the comparison."""
    three, today = reports(), date(2026, 3, 1)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        analyse_all(three, today)
        times.append((time.perf_counter() - start) * 1000)
    return {"ms": sorted(times)[len(times) // 2]}


if __name__ == "__main__":
    print(f"report analysis, 3 bureaus x 150 accounts + comparison: {run()['ms']:.1f} ms (median)")
