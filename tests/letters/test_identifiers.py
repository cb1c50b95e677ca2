"""Letters follow the reveal rule: a volunteer may not reveal an ID number or date of birth, so every
letter view, PDF, DOCX and mailing packet they get has them masked, drafts and finalised snapshots
alike; every view and download is audited, and so are document and report downloads."""

import io
import json
import re
import zipfile

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader
from sqlmodel import select

from app.accounts.models import User
from app.audit.models import AuditEntry
from app.cases.models import Case
from app.credit_reports import service as reports
from app.documents.models import Document
from app.letters.models import Letter
from app.tenancy import Context
from app.workspaces.models import Member, Workspace
from tests.conftest import post
from tests.credit_reports.conftest import fixture_report
from tests.letters.test_letters_web import _form
from tests.test_event_loop import _api_routes

SSN, DOB = "123-45-6789", "1980-04-30"
FULL_FORMS = (SSN, "123456789", DOB, "April 30, 1980")
MASKED_ID = "XXX-XX-6789"


def _pdf() -> bytes:
    from pypdf import PdfWriter

    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=612, height=792)
    writer.write(out)
    return out.getvalue()


def _pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _docx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        return re.sub(r"<[^>]+>", "", zf.read("word/document.xml").decode())


def _texts(client, letter_id: int) -> dict[str, str]:
    out = {"view": client.get(f"/letters/{letter_id}/view").text}
    for how, read in (("pdf", _pdf_text), ("docx", _docx_text), ("packet", _pdf_text)):
        response = client.get(f"/letters/{letter_id}/{how}")
        assert response.status_code == 200, (how, response.status_code, response.headers.get("location"))
        out[how] = read(response.content)
    return out


def _assert_masked(texts: dict[str, str]):
    for how, text in texts.items():
        for full in FULL_FORMS:
            assert full not in text, (how, full)
        assert MASKED_ID in text, how


def _assert_full(texts: dict[str, str]):
    for how, text in texts.items():
        assert SSN in text and "April 30, 1980" in text, how


def _letter(alice, session, world) -> int:
    # The person chose to print the full number (US letters print the last four by default).
    r = post(alice, f"/cases/{world.ids['case1']}/letters/new?kind=us.dispute-cra", _form(session, id_shown="full"))
    assert r.status_code == 303
    return int(r.headers["location"].rsplit("/", 1)[1])


def _entries(session, action: str) -> list[dict]:
    session.rollback()
    rows = session.exec(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)).all()
    return [{"actor": r.actor_user_id, **json.loads(r.detail)} for r in rows]


@pytest.fixture
def people(make_client, world):
    return {n: make_client(f"{n}@example.org") for n in ("alice", "bob", "carol", "dave")}


def test_a_volunteer_gets_every_draft_copy_masked_and_staff_and_client_get_it_whole(people, world, session):
    letter_id = _letter(people["alice"], session, world)
    assert post(people["carol"], f"/consumers/{world.ids['consumer1']}/reveal",
                {"field": "national_id"}).status_code == 403  # the rule the letters follow
    _assert_masked(_texts(people["carol"], letter_id))
    detail = BeautifulSoup(people["carol"].get(f"/letters/{letter_id}").text, "html.parser")
    assert detail.select_one("#identifiers-masked") is not None
    for name in ("alice", "bob", "dave"):
        _assert_full(_texts(people[name], letter_id))
        assert BeautifulSoup(people[name].get(f"/letters/{letter_id}").text,
                             "html.parser").select_one("#identifiers-masked") is None


def test_every_view_and_download_is_audited_with_the_copy_seen(people, world, session):
    letter_id = _letter(people["alice"], session, world)
    _texts(people["carol"], letter_id)
    _texts(people["alice"], letter_id)
    seen = {(e["actor"], e["format"], e["identifiers"]) for e in _entries(session, "letter.downloaded")}
    seen |= {(e["actor"], e["format"], e["identifiers"]) for e in _entries(session, "letter.viewed")}
    carol, alice = world.ids["carol"], world.ids["alice"]
    assert seen == {(who, how, copy) for who, copy in ((carol, "masked"), (alice, "full"))
                    for how in ("view", "pdf", "docx", "packet")}


def test_a_finalised_letter_keeps_a_masked_snapshot_for_volunteers(people, world, session):
    letter_id = _letter(people["alice"], session, world)
    assert post(people["alice"], f"/letters/{letter_id}/finalise").status_code == 303
    session.rollback()
    letter = session.get(Letter, letter_id)
    assert SSN in letter.html and SSN not in letter.html_masked and MASKED_ID in letter.html_masked
    carol = _texts(people["carol"], letter_id)
    _assert_masked(carol)
    # The browser view only adds a main landmark around the stored copy (issue 13).
    assert re.sub(r'<main class="letter-screen">|</main>|<style>@media screen \{ main.letter-screen.*?</style>', "", carol["view"]) == letter.html_masked
    assert people["alice"].get(f"/letters/{letter_id}/pdf").content == letter.pdf  # the exact snapshot
    assert people["carol"].get(f"/letters/{letter_id}/pdf").content != letter.pdf


def test_an_old_snapshot_without_a_masked_copy(people, world, session):
    """Finalised before masked snapshots: re-rendered masked while its template and data are provably
    the same; once they are not, a volunteer is refused plainly, never given the full snapshot."""
    letter_id = _letter(people["alice"], session, world)
    post(people["alice"], f"/letters/{letter_id}/finalise")
    session.rollback()
    letter = session.get(Letter, letter_id)
    letter.html_masked = None
    session.commit()
    _assert_masked(_texts(people["carol"], letter_id))

    letter.template_version = "0" * 16  # the wording changed since (an upgrade)
    session.commit()
    carol = people["carol"]
    view = carol.get(f"/letters/{letter_id}/view")
    assert view.status_code == 200 and "Ask an owner or advocate" in view.text
    for how in ("pdf", "docx", "packet"):
        response = carol.get(f"/letters/{letter_id}/{how}")
        assert response.status_code == 303 and response.headers["location"] == f"/letters/{letter_id}", how
    page = carol.get(f"/letters/{letter_id}")
    soup = BeautifulSoup(page.text, "html.parser")
    assert soup.select_one("#identifiers-hidden") is not None
    assert soup.select_one("#download-pdf") is None and soup.select_one("iframe") is None
    for text in (view.text, page.text):
        for full in FULL_FORMS:
            assert full not in text
    _assert_full(_texts(people["alice"], letter_id))


def test_a_workspace_wording_cannot_print_the_full_values_for_a_volunteer(people, world, session):
    wording = ("<p>{{ sender.name }}</p><p>ID {{ sender.id_number }} / {{ sender.id_display }}</p>"
               "<p>Born {{ sender.date_of_birth }} / {{ sender.date_of_birth_display }}</p>")
    r = post(people["alice"], "/letter-templates/us.dispute-cra/en", {"source": wording})
    assert r.status_code == 303, r.text[:500]
    letter_id = _letter(people["alice"], session, world)
    carol = _texts(people["carol"], letter_id)
    _assert_masked(carol)
    post(people["alice"], f"/letters/{letter_id}/finalise")
    _assert_masked(_texts(people["carol"], letter_id))
    assert SSN in people["alice"].get(f"/letters/{letter_id}/view").text


def test_document_and_report_downloads_are_audited(people, world, session, settings):
    alice = people["alice"]
    case_id = world.ids["case1"]
    r = alice.post(f"/cases/{case_id}/documents", data={"kind": "id", "csrf_token": alice.cookies["recourse_csrf"]},
                   files={"file": ("id.pdf", _pdf(), "application/pdf")})
    assert r.status_code == 303
    session.rollback()
    doc = session.exec(select(Document)).one()
    assert people["carol"].get(f"/documents/{doc.id}").status_code == 200
    assert [(e["actor"], e["case"]) for e in _entries(session, "document.downloaded")] == [(world.ids["carol"], case_id)]

    from app.letters import service as letters_service  # noqa: F401 (models loaded)

    member = session.get(Member, world.ids["alice_member"])
    ctx = Context(user=session.get(User, world.ids["alice"]), workspace=session.get(Workspace, member.workspace_id),
                  member=member)
    report = reports.save_report(session, ctx, session.get(Case, case_id), fixture_report(), source="json")
    session.commit()
    assert people["bob"].get(f"/reports/{report.id}/report.json").status_code == 200
    assert [e["actor"] for e in _entries(session, "report.downloaded")] == [world.ids["bob"]]


def test_downloads_that_write_an_audit_entry_take_the_write_lock_up_front(app):
    """A GET that writes starts its SQLite transaction like a POST (BEGIN IMMEDIATE), so it never fails
    to turn a read into a write when someone else wrote meanwhile."""
    marked = {r.path for r in _api_routes(app) if getattr(r.endpoint, "audited_read", False)}
    assert marked == {"/letters/{letter_id}/view", "/letters/{letter_id}/reading", "/letters/{letter_id}/pdf", "/letters/{letter_id}/docx",
                      "/letters/{letter_id}/packet", "/documents/{document_id}", "/reports/{report_id}/report.json",
                      "/consumers/{consumer_id}/export", "/account/export", "/outcomes/rows.csv"}
