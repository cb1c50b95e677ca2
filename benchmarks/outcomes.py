"""Benchmark: the Outcomes page of a clinic with many proceedings (issue 16 asks for 1,000,000 on
PostgreSQL).

Not part of the test suite (timings vary by machine; seeding a million rows takes minutes). Run
it by hand:

    RECOURSE_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench python benchmarks/outcomes.py 1000000
    python benchmarks/outcomes.py 20000        # SQLite in a temporary directory

It builds the database from the real migrations, adds one clinic with N proceedings spread over
two years (1,000 cases, 4 recipients, 3 laws, 1 or 2 items each, with outcomes), ANALYZEs, then
times the page's queries (app/outcomes/queries.figures) for a quarter and a year, and the
whole GET /outcomes page.
"""

import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy import insert, text  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

from app.accounts.service import create_user  # noqa: E402
from app.cases.models import Case  # noqa: E402
from app.consumers.models import Consumer  # noqa: E402
from app.main import create_app  # noqa: E402
from app.outcomes import queries  # noqa: E402
from app.outcomes.queries import Period  # noqa: E402
from app.proceedings.models import Proceeding, ProceedingItem  # noqa: E402
from app.recipients.models import Recipient  # noqa: E402
from app.tenancy import Context  # noqa: E402
from app.workspaces.models import Member  # noqa: E402
from app.workspaces.service import create_workspace  # noqa: E402
from benchmarks.database import fresh_database  # noqa: E402

PASSWORD = "benchmark passphrase"  # noqa: S105  (a throwaway account in a temporary database)
PROCEDURES = ("us.fcra.dispute-cra", "eu.gdpr.access", "us.cfpb.complaint")
OUTCOMES = ("deleted", "corrected", "verified", "no-change", None)

# PostgreSQL: the rows are made by the database itself (generate_series), in one statement each.
PG_PROCEEDINGS = """
INSERT INTO proceedings (workspace_id, case_id, procedure_id, recipient_id, recipient_name, region, title, state,
  answer_reviewed, next_due_estimated, created_by_id, created_at, sent_on, answered_on, answer_due, closed_on,
  items_total, items_deleted, items_corrected, items_verified, items_other)
SELECT :ws, :first_case + (g % :cases), (ARRAY['us.fcra.dispute-cra','eu.gdpr.access','us.cfpb.complaint'])[1 + g % 3],
  :first_recipient + (g % 4), 'Recipient ' || (g % 4), '', 'Bench', CASE WHEN g % 5 = 0 THEN 'waiting' ELSE 'answered' END,
  true, false, :user, now(), DATE '2025-01-01' + (g % 730),
  CASE WHEN g % 5 = 0 THEN NULL ELSE DATE '2025-01-01' + (g % 730) + 5 + (g % 47) END,
  DATE '2025-01-01' + (g % 730) + 35, NULL,
  1 + g % 2, CASE WHEN g % 5 = 1 THEN 1 ELSE 0 END, CASE WHEN g % 5 = 2 THEN 1 ELSE 0 END,
  CASE WHEN g % 5 = 3 THEN 1 ELSE 0 END, CASE WHEN g % 5 = 4 THEN 1 ELSE 0 END
FROM generate_series(1, :n) AS g
"""
PG_ITEMS = """
INSERT INTO proceeding_items (workspace_id, proceeding_id, furnisher, account, what_is_wrong, requested_action)
SELECT p.workspace_id, p.id, 'Furnisher', '', '', 'delete'
FROM proceedings p CROSS JOIN generate_series(1, 2) AS k WHERE p.workspace_id = :ws AND k <= p.items_total
"""


def build(engine, n: int) -> Context:
    with Session(engine, expire_on_commit=False) as s:
        user = create_user(s, email="bench@example.org", name="Bench", password=PASSWORD)
        ws = create_workspace(s, user=user, name="Big Clinic", kind="clinic")
        member = s.exec(select(Member).where(Member.workspace_id == ws.id)).one()
        cases = []
        for c in range(1000):
            consumer = Consumer(workspace_id=ws.id, legal_name=f"Client {c}")
            s.add(consumer)
            s.flush()
            cases.append(Case(workspace_id=ws.id, consumer_id=consumer.id, number=f"2026-{c:04d}"))
            s.add(cases[-1])
        recipients = [Recipient(workspace_id=ws.id, name=f"Recipient {r}", kind=("cra", "furnisher", "controller",
                                                                              "regulator")[r]) for r in range(4)]
        s.add_all(recipients)
        s.flush()
        params = {"ws": ws.id, "first_case": cases[0].id, "first_recipient": recipients[0].id, "user": user.id, "n": n,
                  "cases": len(cases)}
        if engine.dialect.name == "postgresql":
            s.execute(text(PG_PROCEEDINGS), params)
            s.execute(text(PG_ITEMS), params)
        else:
            _build_portable(s, params)
        s.commit()
        if engine.dialect.name == "postgresql":
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("ANALYZE proceedings; ANALYZE proceeding_items"))
        return Context(user=user, workspace=ws, member=member)


def _build_portable(s: Session, params: dict) -> None:
    from datetime import timedelta
    start = date(2025, 1, 1)
    for chunk in range(0, params["n"], 10_000):
        rows = []
        for g in range(chunk + 1, min(chunk + 10_000, params["n"]) + 1):
            sent = start + timedelta(days=g % 730)
            rows.append({"workspace_id": params["ws"], "case_id": params["first_case"] + g % params["cases"],
                         "procedure_id": PROCEDURES[g % 3], "recipient_id": params["first_recipient"] + g % 4,
                         "recipient_name": f"Recipient {g % 4}", "region": "", "title": "Bench",
                         "state": "waiting" if g % 5 == 0 else "answered", "answer_reviewed": True,
                         "next_due_estimated": False, "created_by_id": params["user"], "sent_on": sent,
                         "answered_on": None if g % 5 == 0 else sent + timedelta(days=5 + g % 47),
                         "answer_due": sent + timedelta(days=35), "items_total": 1,
                         **{f"items_{o}": int(OUTCOMES[g % 5] == o) for o in ("deleted", "corrected", "verified")}})
        s.execute(insert(Proceeding), rows)
    ids = s.exec(select(Proceeding.id).where(Proceeding.workspace_id == params["ws"])).all()
    for chunk in range(0, len(ids), 10_000):
        s.execute(insert(ProceedingItem), [
            {"workspace_id": params["ws"], "proceeding_id": pid, "furnisher": "Furnisher", "account": "",
             "what_is_wrong": "", "requested_action": "delete"}
            for pid in ids[chunk:chunk + 10_000]])


def timed(label: str, fn, runs: int = 5) -> None:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    print(f"{label:<28} median {statistics.median(times):9.1f} ms   worst {max(times):9.1f} ms")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    settings, engine = fresh_database()
    start = time.perf_counter()
    ctx = build(engine, n)
    print(f"seeded {n:,} proceedings in {time.perf_counter() - start:.1f} s ({engine.dialect.name})")
    with Session(engine) as s:
        for label, period in (("quarter (figures)", Period(date(2026, 1, 1), date(2026, 3, 31))),
                              ("year (figures)", Period(date(2025, 1, 1), date(2025, 12, 31)))):
            timed(label, lambda p=period: queries.figures(s, ctx, p, today=date(2026, 12, 4)))
    client = TestClient(create_app(settings, configure_db=False))
    client.get("/signin")
    client.post("/signin", data={"email": "bench@example.org", "password": PASSWORD,
                                 "csrf_token": client.cookies.get("recourse_csrf")})
    timed("GET /outcomes (a year)", lambda: client.get("/outcomes?period=year&year=2025").raise_for_status())
    timed("GET figures.csv (a year)",
          lambda: client.get("/outcomes/figures.csv?period=year&year=2025").raise_for_status())


if __name__ == "__main__":
    main()
