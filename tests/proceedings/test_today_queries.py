"""The Today page does the same number of queries for 3 or 60 proceedings (no N+1), and it uses
the (workspace_id, state, next_due) index. Speed itself is measured in benchmarks/, not here."""

from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import event, text
from sqlmodel import Session, select

from app.accounts.models import User
from app.cases.models import Case
from app.clock import today
from app.proceedings import dashboard
from app.proceedings.models import Proceeding
from app.tenancy import Context
from app.workspaces.models import Member, Workspace


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


def _expected_order(proceedings, day):
    """The Today order written plainly: bucket, then dated before undated, then due date, then id."""
    def bucket(p):
        if p.state == "needs-review":
            return 2
        if p.next_overdue is not None and p.next_overdue < day:
            return 0
        return 1 if p.next_due is not None and p.next_due <= day + timedelta(days=7) else 3
    open_ = [p for p in proceedings if p.state in ("waiting", "needs-review")]
    return [(p.id, dashboard.BUCKETS[bucket(p)])
            for p in sorted(open_, key=lambda p: (bucket(p), p.next_due is None, p.next_due or day, p.id))]


def test_every_page_of_every_bucket_in_order(engine, world):
    """Issue 15: the page is read bucket by bucket (dated rows in the index's order, then undated
    ones); the pages, put together, are every open proceeding in the page's order, for each bucket
    and for all of them, whatever the page size: ties on a date, no due date, no overdue date."""
    day = today()
    dates = [None, day - timedelta(days=3), day - timedelta(days=1), day, day + timedelta(days=7),
             day + timedelta(days=8), day + timedelta(days=40)]
    with Session(engine) as s:
        case_id = world.ids["case1"]
        for i in range(60):
            due, overdue = dates[i % 7], dates[(i * 3) % 7]
            s.add(Proceeding(workspace_id=world.ids["ws_a"], case_id=case_id, procedure_id="us.fcra.dispute-cra",
                             title=f"P{i}", recipient_name="Bureau", next_due=due, next_overdue=overdue,
                             state=("waiting", "waiting", "needs-review", "closed", "waiting")[i % 5]))
        s.commit()
        ctx = Context(user=s.get(User, world.ids["alice"]), workspace=s.get(Workspace, world.ids["ws_a"]),
                      member=s.get(Member, world.ids["alice_member"]))
        expected = _expected_order(s.exec(select(Proceeding).where(Proceeding.workspace_id == world.ids["ws_a"])).all(),
                                   day)
        assert {b for _, b in expected} == set(dashboard.BUCKETS)
        for bucket in ("", *dashboard.BUCKETS):
            want = [row for row in expected if bucket in ("", row[1])]
            for size in (1, 4, 7, 50):
                first = dashboard.today_page(s, ctx, today=day, bucket=bucket, page_size=size)
                got = []
                for page in range(1, first.pages + 1):
                    result = dashboard.today_page(s, ctx, today=day, bucket=bucket, page=page, page_size=size)
                    assert (result.total, result.page) == (len(want), page)
                    got += [(row.proceeding.id, row.bucket) for row in result.rows]
                assert got == want, (bucket, size)
