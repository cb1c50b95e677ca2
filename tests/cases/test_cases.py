"""Cases: open, list with search, filters and pages; assign; notes; close and reopen."""

from bs4 import BeautifulSoup
from sqlmodel import Session, select

from app.accounts.models import User
from app.cases import service as cases
from app.cases.models import Case
from app.tenancy import Context
from app.workspaces.models import Member, Workspace
from tests.conftest import post
from tests.factories import consumer_input


def _rows(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [tr["data-case-id"] for tr in soup.select("#case-table tbody tr")]


def test_open_case_numbers_are_sequential(make_client, world, session):
    alice = make_client("alice@example.org")
    r = post(alice, "/cases/new", {"consumer_id": world.ids["consumer2"], "title": "Second look"})
    assert r.status_code == 303
    case = session.exec(select(Case).where(Case.title == "Second look")).one()
    assert case.number.endswith("-0003")  # two cases already opened in clinic A
    assert case.number in alice.get(r.headers["location"]).text


def test_open_case_for_another_workspaces_consumer_is_refused(make_client, world):
    alice = make_client("alice@example.org")
    r = post(alice, "/cases/new", {"consumer_id": world.ids["consumer3"]})
    assert r.status_code == 400 and 'id="consumer_id-error"' in r.text


def test_search_and_filters(make_client, world):
    alice = make_client("alice@example.org")
    assert sorted(_rows(alice.get("/cases").text)) == sorted([str(world.ids["case1"]), str(world.ids["case2"])])
    assert _rows(alice.get("/cases?q=dave").text) == [str(world.ids["case1"])]
    number = alice.get(f"/cases/{world.ids['case2']}").text.split("Case ")[1][:9]
    assert _rows(alice.get(f"/cases?q={number}").text) == [str(world.ids["case2"])]
    post(alice, f"/cases/{world.ids['case2']}/close", {"reason": "Resolved"})
    assert _rows(alice.get("/cases?status=closed").text) == [str(world.ids["case2"])]
    assert _rows(alice.get("/cases?status=open").text) == [str(world.ids["case1"])]
    assert len(_rows(alice.get("/cases?status=all").text)) == 2
    assert _rows(alice.get("/cases?mine=1").text) == []
    carol = make_client("carol@example.org")
    assert _rows(carol.get("/cases?mine=1").text) == [str(world.ids["case1"])]


def test_pagination(make_client, world, engine, settings):
    with Session(engine, expire_on_commit=False) as s:
        alice = s.get(User, world.ids["alice"])
        ws = s.get(Workspace, world.ids["ws_a"])
        member = s.get(Member, world.ids["alice_member"])
        ctx = Context(user=alice, workspace=ws, member=member)
        from app.consumers.service import create_consumer

        consumer = create_consumer(s, ctx, consumer_input("Many Cases"))
        for _ in range(30):
            cases.open_case(s, ctx, consumer_id=consumer.id)
        s.commit()
    client = make_client("alice@example.org")
    first = client.get("/cases")
    assert len(_rows(first.text)) == settings.page_size
    assert 'rel="next"' in first.text and "Page 1 of 2" in first.text
    second = client.get("/cases?page=2")
    assert len(_rows(second.text)) == 32 - settings.page_size
    assert not set(_rows(first.text)) & set(_rows(second.text))
    assert len(_rows(client.get("/cases?page=999").text)) == 32 - settings.page_size  # clamped to the last page


def test_assign_note_close_reopen(make_client, world, session):
    alice = make_client("alice@example.org")
    cid = world.ids["case2"]
    assert post(alice, f"/cases/{cid}/assign", {"member_id": world.ids["bob_member"]}).status_code == 303
    page = alice.get(f"/cases/{cid}").text
    assert f'data-member-id="{world.ids["bob_member"]}"' in page
    assert post(alice, f"/cases/{cid}/assign", {"member_id": world.ids["dave_member"]}).status_code == 400
    assert post(alice, f"/cases/{cid}/assign", {"member_id": world.ids["erin_member"]}).status_code == 400
    assert post(alice, f"/cases/{cid}/notes", {"body": "Called the bureau."}).status_code == 303
    assert "Called the bureau." in alice.get(f"/cases/{cid}").text
    empty = post(alice, f"/cases/{cid}/notes", {"body": "   "})
    assert empty.status_code == 400 and 'id="body-error"' in empty.text
    post(alice, f"/cases/{cid}/close", {"reason": "Fixed"})
    session.rollback()
    assert session.get(Case, cid).status == "closed"
    post(alice, f"/cases/{cid}/reopen")
    session.rollback()
    assert session.get(Case, cid).status == "open"
    post(alice, f"/cases/{cid}/unassign/{world.ids['bob_member']}")
    assert f'data-member-id="{world.ids["bob_member"]}"' not in alice.get(f"/cases/{cid}").text


def test_volunteer_adds_notes_but_cannot_close(make_client, world):
    carol = make_client("carol@example.org")
    cid = world.ids["case1"]
    assert post(carol, f"/cases/{cid}/notes", {"body": "Left a voicemail."}).status_code == 303
    assert post(carol, f"/cases/{cid}/close", {"reason": "x"}).status_code == 403


def _notes(html: str) -> dict[str, str]:
    soup = BeautifulSoup(html, "html.parser")
    return {li.select_one(".note-body").get_text(): li["data-shared"] for li in soup.select("#note-list li[data-note]")}


def test_staff_notes_are_for_the_team_unless_shared_with_the_client(make_client, world, session):
    alice, carol, dave = (make_client(f"{n}@example.org") for n in ("alice", "carol", "dave"))
    cid = world.ids["case1"]
    form = BeautifulSoup(alice.get(f"/cases/{cid}").text, "html.parser")
    assert form.select_one('#note-form input[type="checkbox"][name="shared"]') is not None
    assert post(alice, f"/cases/{cid}/notes", {"body": "Bureau answered; client owes nothing.",
                                               "shared": "1"}).status_code == 303
    assert post(alice, f"/cases/{cid}/notes", {"body": "Client seemed confused; call again."}).status_code == 303
    staff_view = _notes(alice.get(f"/cases/{cid}").text)
    assert staff_view == {"Bureau answered; client owes nothing.": "1", "Client seemed confused; call again.": "0",
                          "First call done.": "0"}
    assert _notes(carol.get(f"/cases/{cid}").text) == staff_view  # volunteers are the team too
    client_page = dave.get(f"/cases/{cid}").text
    assert _notes(client_page) == {"Bureau answered; client owes nothing.": "1"}
    assert "call again" not in client_page and "First call done." not in client_page
    assert BeautifulSoup(client_page, "html.parser").select_one('#note-form input[name="shared"]') is None


def test_a_clients_own_note_is_shared_and_only_staff_may_share(make_client, world, session):
    carol, dave = make_client("carol@example.org"), make_client("dave@example.org")
    cid = world.ids["case1"]
    assert post(dave, f"/cases/{cid}/notes", {"body": "I sent the copy of my ID."}).status_code == 303
    assert _notes(dave.get(f"/cases/{cid}").text) == {"I sent the copy of my ID.": "1"}
    # The volunteer's form has no checkbox; a forged one is refused and saves nothing.
    assert post(carol, f"/cases/{cid}/notes", {"body": "Shared by a volunteer", "shared": "1"}).status_code == 403
    assert "Shared by a volunteer" not in dave.get(f"/cases/{cid}").text
    assert "Shared by a volunteer" not in carol.get(f"/cases/{cid}").text
