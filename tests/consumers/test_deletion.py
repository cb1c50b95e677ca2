"""Deleting a person's records: their files leave the disk, and their ids are never handed out again."""

from sqlmodel import select

from app.consumers.models import Consumer
from app.documents.models import Document
from tests.conftest import PASSWORD, csrf, post, sign_up
from tests.documents.conftest import pdf_bytes


def _upload(client, case_id: int) -> None:
    r = client.post(f"/cases/{case_id}/documents", data={"csrf_token": csrf(client), "kind": "id"},
                    files={"file": ("id.pdf", pdf_bytes(1), "application/pdf")})
    assert r.status_code == 303, r.text


def _files(settings) -> set[str]:
    root = settings.data_dir / "documents"
    return {p.name for p in root.iterdir()} if root.exists() else set()


def test_deleting_a_consumer_removes_their_files_and_only_theirs(make_client, world, session, settings):
    alice = make_client("alice@example.org")
    _upload(alice, world.ids["case1"])  # Dave's
    _upload(alice, world.ids["case2"])  # someone else's
    docs = {d.case_id: d.storage_key for d in session.exec(select(Document)).all()}
    assert _files(settings) == set(docs.values())
    assert post(alice, f"/consumers/{world.ids['consumer1']}/delete", {"confirm": "Dave Client"}).status_code == 303
    assert _files(settings) == {docs[world.ids["case2"]]}


def test_deleting_an_account_removes_its_workspace_files(client, world, session, settings, caplog):
    sign_up(client, caplog, name="Pat", email="pat@example.org")
    post(client, "/consumers/new", {"legal_name": "Pat Person", "national_id_kind": "ssn", "preferred_language": "en"})
    consumer_id = session.exec(select(Consumer.id).where(Consumer.legal_name == "Pat Person")).one()
    r = post(client, "/cases/new", {"consumer_id": str(consumer_id), "title": "Mine"})
    assert r.status_code == 303
    _upload(client, int(r.headers["location"].rsplit("/", 1)[1]))
    assert len(_files(settings)) == 1
    assert post(client, "/account/delete", {"password": PASSWORD}).status_code == 303
    assert _files(settings) == set()


def test_a_new_client_never_gets_a_deleted_clients_id(make_client, world, session):
    alice = make_client("alice@example.org")
    r = post(alice, "/consumers/new", {"legal_name": "Newest Person", "national_id_kind": "ssn",
                                       "preferred_language": "en"})
    assert r.status_code == 303
    newest = session.exec(select(Consumer.id).where(Consumer.legal_name == "Newest Person")).one()
    assert post(alice, f"/consumers/{newest}/delete", {"confirm": "Newest Person"}).status_code == 303
    r = post(alice, "/consumers/new", {"legal_name": "Next Person", "national_id_kind": "ssn",
                                       "preferred_language": "en"})
    assert r.status_code == 303
    session.rollback()
    following = session.exec(select(Consumer).where(Consumer.legal_name == "Next Person")).one()
    assert following.id > newest
    # Her export holds nothing of the deleted person's history.
    export = alice.get(f"/consumers/{following.id}/export")
    assert export.status_code == 200 and b"Newest Person" not in export.content
