"""Benchmark: a case with three bureaus' reports of 150 accounts each, pulled four times.

Not part of the test suite (timings vary by machine). Run it by hand:

    python benchmarks/report_page.py

Times the review page (findings, other bureaus for mismatches), the cross-bureau view and the case's
report list with the item history (12 reports), over several runs.
"""

import statistics
import sys
import time
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fastapi.testclient import TestClient  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

from app.accounts.service import create_user  # noqa: E402
from app.cases.models import Case  # noqa: E402
from app.consumers.models import Consumer  # noqa: E402
from app.credit_reports import service  # noqa: E402
from app.main import create_app  # noqa: E402
from app.reports import Account, Inquiry, Report  # noqa: E402
from app.tenancy import Context  # noqa: E402
from app.workspaces.models import Member  # noqa: E402
from app.workspaces.service import create_workspace  # noqa: E402
from benchmarks.database import fresh_database  # noqa: E402

PASSWORD = "benchmark passphrase"  # noqa: S105  (a throwaway account in a temporary database)


def report(bureau: str, pulled: date, shift: int) -> Report:
    accounts = tuple(
        Account(f"Lender {n}", account_number=f"XXXX{n:04d}", account_type="collection" if n % 5 == 0 else "card",
                status="collection" if n % 5 == 0 else "open", opened=date(2015, 1, 1) + timedelta(days=n * 17),
                first_delinquency=date(2014, 6, 1) if n % 5 == 0 else None,
                balance=Decimal(100 * n + shift), reported=pulled)
        for n in range(150))
    inquiries = tuple(Inquiry(f"Shop {n}", on=pulled - timedelta(days=30 * n)) for n in range(20))
    return Report(bureau=bureau, pulled=pulled, accounts=accounts, inquiries=inquiries)


def main() -> None:
    settings, engine = fresh_database(url_from_env=False)
    with Session(engine, expire_on_commit=False) as s:
        user = create_user(s, email="bench@example.org", name="Bench", password=PASSWORD)
        ws = create_workspace(s, user=user, name="Big Clinic", kind="clinic")
        member = s.exec(select(Member).where(Member.workspace_id == ws.id)).one()
        consumer = Consumer(workspace_id=ws.id, legal_name="Client")
        s.add(consumer)
        s.flush()
        case = Case(workspace_id=ws.id, consumer_id=consumer.id, number="2026-0001")
        s.add(case)
        s.flush()
        ctx = Context(user=user, workspace=ws, member=member)
        last = None
        for b, bureau in enumerate(("Equifax", "Experian", "TransUnion")):
            for q in range(4):
                full = report(bureau, date(2026, 1 + q * 3, 1), shift=b)
                if q == 2:  # one pull with ten accounts gone, to give the history something to show
                    full = replace(full, accounts=full.accounts[10:])
                last = service.save_report(s, ctx, case, full, source="json")
        s.commit()
    client = TestClient(create_app(settings, configure_db=False))
    client.get("/signin")
    client.post("/signin", data={"email": "bench@example.org", "password": PASSWORD,
                                 "csrf_token": client.cookies.get("recourse_csrf")})
    for label, url in (("review page", f"/reports/{last.id}"), ("compare", f"/cases/{case.id}/reports/compare"),
                       ("list+history", f"/cases/{case.id}/reports")):
        times = []
        for _ in range(10):
            start = time.perf_counter()
            assert client.get(url).status_code == 200
            times.append((time.perf_counter() - start) * 1000)
        print(f"{label:<13} median {statistics.median(times):7.1f} ms   p90 {sorted(times)[8]:7.1f} ms")


if __name__ == "__main__":
    main()
