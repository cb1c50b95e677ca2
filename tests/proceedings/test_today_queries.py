"""The Today page does the same number of queries for 3 or 60 proceedings (no N+1), and it uses
the (workspace_id, state, next_due) index. Speed itself is measured in benchmarks/, not here."""

from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import event, text
from sqlmodel import Session, select

from app.cases.models import Case
from app.clock import today
from app.proceedings.models import Proceeding


@contextmanager
def count_queries(engine):
    statements: list[str] = []

    def before(conn, cursor, statement, params, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)


def _add(engine, world, n):
    with Session(engine) as s:
        for case_id in (world.ids["case1"], world.ids["case2"]):
            case = s.get(Case, case_id)
            for i in range(n):
                s.add(Proceeding(workspace_id=case.workspace_id, case_id=case.id, procedure_id="us.fcra.dispute-cra",
                                 title=f"Dispute {i}", recipient_name="Bureau", state="waiting",
                                 next_due=today() + timedelta(days=i - n // 2), next_overdue=today() + timedelta(days=i - n // 2)))
        s.commit()


def _queries_for_today(engine, client) -> int:
    with count_queries(engine) as statements:
        assert client.get("/today").status_code == 200
    return len(statements)


def test_no_n_plus_one(engine, world, make_client):
    alice = make_client("alice@example.org")
    alice.get("/today")  # both counts below with the signed-in session remembered (app/accounts/session_cache.py)
    _add(engine, world, 2)
    few = _queries_for_today(engine, alice)
    _add(engine, world, 30)
    many = _queries_for_today(engine, alice)
    assert few == many


def test_today_query_uses_the_index(engine, world):
    if engine.dialect.name != "sqlite":
        return  # PostgreSQL chooses plans by table size; the index exists there too (migration test)
    with Session(engine) as s:
        query = select(Proceeding.id).where(Proceeding.workspace_id == 1, Proceeding.state == "waiting").order_by(
            Proceeding.next_due)
        compiled = str(query.compile(compile_kwargs={"literal_binds": True}))
        plan = " ".join(str(row) for row in s.exec(text(f"EXPLAIN QUERY PLAN {compiled}")).all())  # noqa: S608
    assert "ix_proceedings_workspace_state_due" in plan


def test_today_counts_and_orders_from_the_index_alone(engine, world, make_client):
    """Issue 15: for staff, the counts and the page's order read the index, not a table row (nor a
    case) per open proceeding; only the page's own rows are looked up with their case and client."""
    if engine.dialect.name != "sqlite":
        return  # PostgreSQL chooses plans by table size
    alice = make_client("alice@example.org")
    _add(engine, world, 5)
    with count_queries(engine) as statements:
        assert alice.get("/today").status_code == 200
    counts = [s for s in statements if "FROM proceedings" in s and "JOIN" not in s]
    page = [s for s in statements if "JOIN proceedings" in s]
    assert len(counts) == 1 and len(page) == 1, statements  # the counts, and the page's rows in one query
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        for statement in counts + page:
            plan = [str(r[3]) for r in raw.execute("EXPLAIN QUERY PLAN " + statement, _params(statement, world))]
            assert any("COVERING INDEX ix_proceedings_workspace_state_due" in line for line in plan), plan
            # A case or a client is read only by its key, for a row of the page.
            looked_up = [line for line in plan if "cases" in line or "consumers" in line]
            assert all("PRIMARY KEY" in line for line in looked_up), plan
            assert statement in page or not looked_up, plan


def _params(statement: str, world) -> tuple:
    # Positional parameters in the order the page binds them: only their count matters to the plan.
    return tuple([world.ids["ws_a"]] * statement.count("?"))
