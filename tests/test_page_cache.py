"""Issue 15: the middle of the Today page is kept per worker until anything is written
(app/page_cache.py). These tests prove the keeping never shows a stale or foreign page: every
write, from a page, from another database session or from another worker, ends it; each member,
language and filter has its own; nothing of the session is kept."""

from datetime import timedelta

from sqlalchemy import event, text
from sqlmodel import Session

from app import page_cache, worker_cache
from app.cases.models import Case
from app.clock import today
from app.proceedings.models import Proceeding
from tests.conftest import csrf
from tests.factories import bump_in_another_process


def _add(engine, case_id: int, title: str, *, days: int = -3) -> int:
    with Session(engine) as s:
        case = s.get(Case, case_id)
        p = Proceeding(workspace_id=case.workspace_id, case_id=case.id, procedure_id="us.fcra.dispute-cra",
                       title=title, recipient_name=f"Bureau for {title}", state="waiting",
                       next_due=today() + timedelta(days=days), next_overdue=today() + timedelta(days=days))
        s.add(p)
        s.commit()
        return p.id


def _statements(engine, client, url="/today"):
    seen: list[str] = []

    def note(conn, cursor, statement, *args):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        response = client.get(url)
    finally:
        event.remove(engine, "before_cursor_execute", note)
    assert response.status_code == 200
    return response, [s for s in seen if "proceedings" in s]


def test_a_second_view_reads_no_proceedings(engine, world, make_client):
    alice = make_client("alice@example.org")
    _add(engine, world.ids["case1"], "First")
    first, read = _statements(engine, alice)
    assert read  # the first view counts and orders them
    second, read_again = _statements(engine, alice)
    assert read_again == []
    assert second.text.count('data-proceeding-id="') == first.text.count('data-proceeding-id="') == 1


def test_a_write_from_another_session_shows_on_the_next_view(engine, world, make_client):
    alice = make_client("alice@example.org")
    _add(engine, world.ids["case1"], "Early")
    assert "Bureau for Early" in alice.get("/today").text
    _add(engine, world.ids["case2"], "Later")  # e.g. the CLI or the scheduler, outside any request
    page = alice.get("/today").text
    assert "Bureau for Early" in page and "Bureau for Later" in page


def test_a_raw_sql_write_ends_it_too(engine, world, make_client):
    alice = make_client("alice@example.org")
    pid = _add(engine, world.ids["case1"], "Renamed")
    assert "Bureau for Renamed" in alice.get("/today").text
    with engine.begin() as conn:
        conn.execute(text("UPDATE proceedings SET recipient_name = 'Changed by hand' WHERE id = :id"), {"id": pid})
    assert "Changed by hand" in alice.get("/today").text


def test_a_write_through_a_page_shows_at_once(engine, world, make_client):
    alice = make_client("alice@example.org")
    pid = _add(engine, world.ids["case1"], "Answered")
    assert f'data-proceeding-id="{pid}"' in alice.get("/today").text
    response = alice.post(f"/proceedings/{pid}/events", data={
        "kind": "closed", "on": today().isoformat(), "csrf_token": csrf(alice)})
    assert response.status_code == 303, response.text[:300]
    assert f'data-proceeding-id="{pid}"' not in alice.get("/today").text


def test_a_rolled_back_write_keeps_it(engine, world, make_client):
    alice = make_client("alice@example.org")
    _add(engine, world.ids["case1"], "Kept")
    alice.get("/today")
    with Session(engine) as s:
        s.execute(text("UPDATE proceedings SET title = 'never saved'"))
        s.rollback()
    _, read = _statements(engine, alice)
    assert read == []


def test_each_member_sees_only_their_own(engine, world, make_client):
    _add(engine, world.ids["case1"], "Assigned")  # carol, a volunteer, is assigned to case1 only
    _add(engine, world.ids["case2"], "Unassigned")
    alice, carol, erin = (make_client(f"{n}@example.org") for n in ("alice", "carol", "erin"))
    assert "Bureau for Unassigned" in alice.get("/today").text  # cached for alice first
    carols = carol.get("/today").text
    assert "Bureau for Assigned" in carols and "Bureau for Unassigned" not in carols
    erins = erin.get("/today").text  # another workspace
    assert "Bureau for" not in erins
    assert "Bureau for Unassigned" in alice.get("/today").text


def test_language_and_filters_have_their_own(engine, world, make_client):
    alice = make_client("alice@example.org")
    _add(engine, world.ids["case1"], "Late", days=-3)
    _add(engine, world.ids["case2"], "Ahead", days=40)
    everything = alice.get("/today").text
    assert "Bureau for Late" in everything and "Bureau for Ahead" in everything
    overdue = alice.get("/today?bucket=overdue").text
    assert "Bureau for Late" in overdue and "Bureau for Ahead" not in overdue
    assert alice.post("/language", data={"language": "es", "next": "/today",
                                         "csrf_token": csrf(alice)}).status_code == 303
    spanish = alice.get("/today").text
    assert "Vencido" in spanish and "Overdue" not in spanish


def test_nothing_of_the_session_is_kept(engine, world, make_client):
    _add(engine, world.ids["case1"], "Shared")
    alice, bob = make_client("alice@example.org"), make_client("bob@example.org")
    alice.get("/today")
    key_values = list(page_cache._cache.entries.values())
    assert key_values
    body = str(key_values[-1][0])
    assert csrf(alice) not in body and "csrf_token" not in body
    page = bob.get("/today").text
    assert csrf(bob) in page and csrf(alice) not in page  # bob's own frame around the page


def test_another_worker_ends_it_through_the_shared_file(engine, world, make_client, settings):
    alice = make_client("alice@example.org")
    _add(engine, world.ids["case1"], "Elsewhere")
    alice.get("/today")
    _, read = _statements(engine, alice)
    assert read == []
    bump_in_another_process(settings.data_dir, "page-cache.epoch")  # a write in another worker
    _, read = _statements(engine, alice)
    assert read  # read again


def test_the_cache_can_be_turned_off(engine, world, make_client, settings):
    page_cache.configure(settings.data_dir, 0)  # RECOURSE_PAGE_CACHE_SECONDS=0
    alice = make_client("alice@example.org")
    _add(engine, world.ids["case1"], "Uncached")
    alice.get("/today")
    _, read = _statements(engine, alice)
    assert read and not page_cache._cache.entries


def test_a_change_while_building_is_not_stored(settings):
    page_cache.configure(settings.data_dir, 10)
    before = page_cache.epoch()
    page_cache.invalidate()  # a write committed while the page was being built
    page_cache.put("probe", "<p>old</p>", epoch_before=before)
    assert page_cache.get("probe") is None
    assert page_cache.cached("probe", lambda: "<p>new</p>") == "<p>new</p>"
    assert page_cache.get("probe") == "<p>new</p>"


def test_entries_lapse_after_their_seconds(settings, monkeypatch):
    page_cache.configure(settings.data_dir, 10)
    page_cache.put("probe", "<p>x</p>", epoch_before=page_cache.epoch())
    clock = worker_cache.time.monotonic() + 11
    monkeypatch.setattr(worker_cache.time, "monotonic", lambda: clock)
    assert page_cache.get("probe") is None


def test_the_number_kept_is_bounded(settings):
    page_cache.configure(settings.data_dir, 10)
    for i in range(page_cache.MAX_ENTRIES + 20):
        page_cache.put(i, "x", epoch_before=page_cache.epoch())
    assert len(page_cache._cache.entries) == page_cache.MAX_ENTRIES
    assert page_cache.get(0) is None and page_cache.get(page_cache.MAX_ENTRIES + 19) == "x"


def test_what_no_kept_page_shows_does_not_end_it(engine, world, make_client):
    """The once-a-minute last-seen write and audit entries are written by reads: they must not end
    every kept page. Anything else does, whatever table it is."""
    alice = make_client("alice@example.org")
    _add(engine, world.ids["case1"], "Steady")
    alice.get("/today")
    with engine.begin() as conn:
        conn.execute(text("UPDATE auth_sessions SET last_seen_at = last_seen_at"))
    _, read = _statements(engine, alice)
    assert read == []
    with engine.begin() as conn:
        conn.execute(text("UPDATE workspaces SET name = name"))
    _, read = _statements(engine, alice)
    assert read

