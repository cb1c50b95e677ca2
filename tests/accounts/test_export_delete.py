"""A person exports everything and deletes their account; an owner exports or deletes a consumer."""

import io
import json
import zipfile

from sqlmodel import select

from app.accounts.models import User
from app.audit import service as audit
from app.audit.models import AuditEntry
from app.cases.models import Case, CaseNote
from app.consumers.models import Address, Consumer
from app.workspaces.models import Workspace
from tests.conftest import PASSWORD, post, sign_up


def _zip(response) -> dict:
    """data.json of an export; in an account export, each own record's folder read in too."""
    assert response.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as zf:
        assert "README.txt" in zf.namelist()
        data = json.loads(zf.read("data.json"))
        for record in data.get("own_records", []):
            record.update(json.loads(zf.read(record["folder"] + "data.json")))
        return data


def test_personal_user_exports_their_own_records(client, world, caplog):
    sign_up(client, caplog, name="Pat", email="pat@example.org")
    post(client, "/consumers/new", {"legal_name": "Pat Person", "national_id_kind": "ssn", "national_id": "111223333",
                                    "preferred_language": "en"})
    data = _zip(client.get("/account/export"))
    assert data["account"]["email"] == "pat@example.org" and "password_hash" not in data["account"]
    assert data["memberships"][0]["kind"] == "personal"
    own = data["own_records"][0]["consumer"]
    assert own["legal_name"] == "Pat Person" and own["national_id"] == "111-22-3333"
    assert any(a["action"] == "consumer.created" for a in data["activity"])


def test_client_export_contains_their_case_but_not_others(make_client, world):
    dave = make_client("dave@example.org")
    data = _zip(dave.get("/account/export"))
    names = [r["consumer"]["legal_name"] for r in data["own_records"]]
    assert names == ["Dave Client"]
    assert data["own_records"][0]["cases"][0]["id"] == world.ids["case1"]


def test_delete_account_needs_the_password(make_client, world, session):
    carol = make_client("carol@example.org")
    r = post(carol, "/account/delete", {"password": "not my password"})
    assert r.status_code == 400 and 'id="password-error"' in r.text
    assert post(carol, "/account/delete", {"password": PASSWORD}).status_code == 303
    session.rollback()
    assert session.get(User, world.ids["carol"]) is None
    entry = session.exec(select(AuditEntry).where(AuditEntry.action == "user.deleted")).one()
    assert entry.object_id == world.ids["carol"] and "carol" not in entry.detail
    assert audit.verify(session).ok
    # Clinic A carries on: carol's notes and cases stay with the clinic.
    assert session.get(Case, world.ids["case1"]) is not None


def test_sole_owner_with_members_must_hand_over_first(make_client, world):
    alice = make_client("alice@example.org")
    r = post(alice, "/account/delete", {"password": PASSWORD})
    assert r.status_code == 400 and "only owner" in r.text


def test_deleting_a_lone_owner_removes_their_workspace_and_records(client, world, session, caplog):
    sign_up(client, caplog, name="Pat", email="pat@example.org")
    post(client, "/consumers/new", {"legal_name": "Pat Person", "national_id_kind": "ssn", "preferred_language": "en"})
    assert post(client, "/account/delete", {"password": PASSWORD}).status_code == 303
    session.rollback()
    assert session.exec(select(Consumer).where(Consumer.legal_name == "Pat Person")).first() is None
    assert session.exec(select(Workspace).where(Workspace.kind == "personal")).first() is None


def test_owner_exports_and_deletes_a_consumer(make_client, world, session):
    alice = make_client("alice@example.org")
    cid = world.ids["consumer1"]
    data = _zip(alice.get(f"/consumers/{cid}/export"))
    assert data["consumer"]["legal_name"] == "Dave Client"
    assert data["notes"][0]["body"] == "First call done."
    assert {h["action"] for h in data["history"]} >= {"consumer.created", "case.created"}
    assert make_client("bob@example.org").get(f"/consumers/{cid}/export").status_code == 403
    wrong = post(alice, f"/consumers/{cid}/delete", {"confirm": "someone else"})
    assert wrong.status_code == 400 and 'id="confirm-error"' in wrong.text
    assert post(alice, f"/consumers/{cid}/delete", {"confirm": "dave client"}).status_code == 303
    session.rollback()
    assert session.get(Consumer, cid) is None
    assert session.exec(select(Address).where(Address.consumer_id == cid)).all() == []
    assert session.get(Case, world.ids["case1"]) is None
    assert session.exec(select(CaseNote)).all() == []
    entry = session.exec(select(AuditEntry).where(AuditEntry.action == "consumer.deleted")).one()
    assert "Dave" not in entry.detail and entry.object_id == cid
    assert audit.verify(session).ok


def _user_ids(value) -> list:
    """Every value under a key that names a user, anywhere in the export."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("author_id", "actor_user_id", "user_id") or key.endswith("_by_id"):
                found.append(item)
            found += _user_ids(item)
    elif isinstance(value, list):
        for item in value:
            found += _user_ids(item)
    return found


def test_client_export_holds_no_staff_ids_ips_or_team_notes(make_client, world, session):
    alice, dave = make_client("alice@example.org"), make_client("dave@example.org")
    cid = world.ids["case1"]
    post(alice, f"/cases/{cid}/notes", {"body": "Shared with Dave", "shared": "1"})
    post(alice, f"/cases/{cid}/notes", {"body": "Team only: check his story"})
    post(alice, f"/cases/{cid}/assign", {"member_id": world.ids["carol_member"]})
    post(dave, f"/cases/{cid}/notes", {"body": "Dave's own note"})
    # Staff actions recorded with a staff IP address.
    alice.post(f"/cases/{cid}/notes", data={"body": "From the office", "csrf_token": alice.cookies["recourse_csrf"]})
    raw = dave.get("/account/export")
    data = _zip(raw)
    [record] = data["own_records"]
    assert sorted(n["body"] for n in record["notes"]) == ["Dave's own note", "Shared with Dave"]
    text = json.dumps(data)
    for secret in ("Team only", "check his story", "First call done.", "From the office"):
        assert secret not in text
    staff = {world.ids[n] for n in ("alice", "bob", "carol")}
    assert staff.isdisjoint(_user_ids(data)), _user_ids(data)
    assert set(_user_ids(data)) <= {None, world.ids["dave"]}
    assert "case_assignments" not in record
    assert record["history"], "the client still sees what happened on their case"
    for entry in record["history"]:
        if entry["actor_user_id"] != world.ids["dave"]:
            assert entry["ip"] == "" and entry["detail"] == "{}"
    # The owner's export of the same person keeps everything (it is the clinic's record).
    full = _zip(alice.get(f"/consumers/{world.ids['consumer1']}/export"))
    assert "Team only: check his story" in json.dumps(full) and world.ids["alice"] in _user_ids(full)
