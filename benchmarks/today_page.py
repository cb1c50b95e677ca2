"""Benchmark: the Today page of a clinic with 5,000 open proceedings.

Not part of the test suite (timings vary by machine). Run it by hand:

    python benchmarks/today_page.py            # SQLite in a temporary directory
    RECOURSE_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench python benchmarks/today_page.py

It builds the database from the real migrations, adds one clinic with 500 cases and 5,000
proceedings, then times GET /today (first page, and filtered) over several runs.
"""

import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fastapi.testclient import TestClient  # noqa: E402
from sqlmodel import Session  # noqa: E402

from app.accounts.service import create_user  # noqa: E402
from app.cases.models import Case  # noqa: E402
from app.clock import today  # noqa: E402
from app.consumers.models import Consumer  # noqa: E402
from app.main import create_app  # noqa: E402
from app.proceedings.models import Proceeding  # noqa: E402
from app.workspaces.service import create_workspace  # noqa: E402
from benchmarks.database import fresh_database  # noqa: E402

PASSWORD = "benchmark passphrase"  # noqa: S105  (a throwaway account in a temporary database)


def build(engine, proceedings: int = 5000) -> None:
    with Session(engine) as s:
        user = create_user(s, email="bench@example.org", name="Bench", password=PASSWORD)
        ws = create_workspace(s, user=user, name="Big Clinic", kind="clinic")
        for c in range(max(1, proceedings // 10)):
            consumer = Consumer(workspace_id=ws.id, legal_name=f"Client {c}")
            s.add(consumer)
            s.flush()
            case = Case(workspace_id=ws.id, consumer_id=consumer.id, number=f"2026-{c:04d}")
            s.add(case)
            s.flush()
            for p in range(10):
                s.add(Proceeding(workspace_id=ws.id, case_id=case.id, procedure_id="us.fcra.dispute-cra",
                                 title="Dispute", recipient_name=f"Bureau {p % 3}", state="waiting",
                                 next_due=today() + timedelta(days=(c * 10 + p) % 90 - 30),
                                 next_overdue=today() + timedelta(days=(c * 10 + p) % 90 - 30)))
        s.commit()


def main() -> None:
    settings, engine = fresh_database()
    build(engine)
    client = TestClient(create_app(settings, configure_db=False))
    client.get("/signin")
    client.post("/signin", data={"email": "bench@example.org", "password": PASSWORD,
                                 "csrf_token": client.cookies.get("recourse_csrf")})
    for label, url in (("first page", "/today"), ("overdue only", "/today?bucket=overdue"),
                       ("by recipient", "/today?recipient=bureau%201")):
        times = []
        for _ in range(20):
            start = time.perf_counter()
            assert client.get(url).status_code == 200
            times.append((time.perf_counter() - start) * 1000)
        print(f"{label:<14} median {statistics.median(times):7.1f} ms   p90 {sorted(times)[17]:7.1f} ms")


if __name__ == "__main__":
    main()
