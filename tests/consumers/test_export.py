"""A person's data, complete (issue 12 §4): the owner's export of a consumer, the client's own copy
in their account export, and a personal workspace's account export hold every record and every
file, follow the documented JSON Schemas (docs/export/), and hold nothing of anyone else."""

import hashlib
import io
import json
import os
import re
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from sqlmodel import Session, select

from app.audit.models import AuditEntry
from app.clock import today
from app.consumers import archive as archive_module
from app.consumers.export import export_consumer
from app.consumers.models import Consumer
from app.credit_reports.models import CreditReport
from app.documents.models import Document
from app.letters.models import Letter
from app.letters.render import RenderError
from app.recipients.models import Recipient
from tests.conftest import PASSWORD, csrf, post, sign_up
from tests.credit_reports.conftest import fixture_report, save
from tests.documents.conftest import context, image_bytes, pdf_bytes

SCHEMAS = Path(__file__).resolve().parents[2] / "docs" / "export"
ITEM = {"facts.items.0.furnisher": "Acme Collections LLC", "facts.items.0.account": "XXXX4321",
        "facts.items.0.what_is_wrong": "A collection I do not owe.", "facts.items.0.why": "Never had this account.",
        "facts.items.0.action": "delete"}
TEAM_ONLY = "Team only: check his story"
SHARED = "Shared with Dave: we sent the dispute"


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads((SCHEMAS / f"{name}.schema.json").read_text()))


def _bureau(session) -> int:
    row = Recipient(name="Test Bureau", kind="cra", jurisdictions="US", postal_address="P.O. Box 1\nAtlanta, GA",
                    verified=True)
    session.add(row)
    session.commit()
    return row.id


def _letter(client, session, case_id: int, **extra) -> int:
    form = {"recipient_id": _bureau(session), "lang": "en", "sending_method": "certified",
            "letter_date": (today() - timedelta(days=10)).isoformat(), **ITEM, **extra}
    r = post(client, f"/cases/{case_id}/letters/new?kind=us.dispute-cra", form)
    assert r.status_code == 303, r.text
    return int(r.headers["location"].rsplit("/", 1)[1])


def _upload(client, case_id: int, data: bytes, name: str, kind: str = "id") -> None:
    ctype = "application/pdf" if name.endswith(".pdf") else "image/png"
    r = client.post(f"/cases/{case_id}/documents", data={"csrf_token": csrf(client), "kind": kind},
                    files={"file": (name, data, ctype)})
    assert r.status_code == 303, r.text


@pytest.fixture
def filled(make_client, world, session, engine):
    """Dave's case with everything a case holds, and other people's records beside it."""
    alice = make_client("alice@example.org")
    case_id = world.ids["case1"]
    report_id = save(engine, world, fixture_report())
    item_key = json.loads(session.get(CreditReport, report_id).data)["accounts"][0]["key"]
    session.rollback()  # end the read: this session writes next (SQLite cannot upgrade a stale read)
    assert post(alice, f"/reports/{report_id}/marks", {"item": item_key, "mark": "not-mine"}).status_code == 303
    final_id = _letter(alice, session, case_id)
    assert post(alice, f"/letters/{final_id}/finalise").status_code == 303
    r = post(alice, f"/letters/{final_id}/sent", {"on": (today() - timedelta(days=10)).isoformat(),
                                                 "channel": "certified", "tracking": "9400 1000 0000 0000 0001"})
    proceeding_id = int(r.headers["location"].rsplit("/", 1)[1])
    assert post(alice, f"/proceedings/{proceeding_id}/events",
                {"kind": "delivered", "on": (today() - timedelta(days=7)).isoformat()}).status_code == 303
    draft_id = _letter(alice, session, case_id, **{"facts.items.0.furnisher": "Draft Furnisher Inc"})
    evidence = pdf_bytes(2)
    _upload(alice, case_id, evidence, "my id.pdf")
    assert post(alice, f"/cases/{case_id}/notes", {"body": SHARED, "shared": "1"}).status_code == 303
    assert post(alice, f"/cases/{case_id}/notes", {"body": TEAM_ONLY}).status_code == 303
    # Someone else in the same clinic, and someone in another clinic.
    _upload(alice, world.ids["case2"], pdf_bytes(3), "other.pdf")
    post(alice, f"/cases/{world.ids['case2']}/notes", {"body": "Note about Other Person"})
    _letter(alice, session, world.ids["case2"], **{"facts.items.0.furnisher": "Other Furnisher Co"})
    erin = make_client("erin@example.org")
    _upload(erin, world.ids["case3"], image_bytes("PNG"), "erin.png")
    post(erin, f"/cases/{world.ids['case3']}/notes", {"body": "Clinic B secret note"})
    session.rollback()
    return {"alice": alice, "report": report_id, "item_key": item_key, "final": final_id, "draft": draft_id,
            "proceeding": proceeding_id, "evidence": evidence}


def _open(response) -> zipfile.ZipFile:
    assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
    zf = zipfile.ZipFile(io.BytesIO(response.content))
    assert zf.testzip() is None
    return zf


def _everything(zf: zipfile.ZipFile) -> bytes:
    return b"\n".join(zf.read(name) for name in zf.namelist())


def _check_folder(zf: zipfile.ZipFile, prefix: str) -> dict:
    """A person's folder: data.json valid, every file it names present (and listed in the README),
    every report file valid, every document the original."""
    data = json.loads(zf.read(prefix + "data.json"))
    validator("consumer").validate(data)
    readme = zf.read("README.txt").decode()
    named = [prefix + "data.json"]
    for row in data["credit_reports"]:
        validator("credit-report").validate(json.loads(zf.read(prefix + row["file"])))
        named.append(prefix + row["file"])
    for row in data["letters"]:
        assert row["problem"] is None, row
        named += [prefix + row["html_file"], prefix + row["pdf_file"]]
        assert zf.read(prefix + row["pdf_file"]).startswith(b"%PDF")
    for row in data["documents"]:
        content = zf.read(prefix + row["file"])
        assert hashlib.sha256(content).hexdigest() == row["sha256"] and len(content) == row["size"]
        named.append(prefix + row["file"])
    for name in named:
        assert re.search(rf"^{re.escape(name)}$", readme, re.M), f"{name} not listed in the README"
    return data


def test_owner_export_holds_every_record_and_file(filled, world, session):
    zf = _open(filled["alice"].get(f"/consumers/{world.ids['consumer1']}/export"))
    data = _check_folder(zf, "")
    assert data["view"] == "workspace" and data["schema_version"] == 1
    assert data["consumer"]["legal_name"] == "Dave Client" and data["consumer"]["national_id"] == "123-45-6789"
    assert [c["id"] for c in data["cases"]] == [world.ids["case1"]]
    # The report, in the report format, and the mark on one of its items.
    [report] = data["credit_reports"]
    stored = json.loads(session.get(CreditReport, filled["report"]).data)
    assert json.loads(zf.read(report["file"]))["accounts"] == stored["accounts"]
    assert [(m["item_key"], m["mark"]) for m in data["report_marks"]] == [(filled["item_key"], "not-mine")]
    # Letters: the finalised snapshot exactly, and the draft rendered as it reads now.
    letters = {row["id"]: row for row in data["letters"]}
    assert set(letters) == {filled["final"], filled["draft"]}
    final = session.get(Letter, filled["final"])
    assert zf.read(letters[final.id]["pdf_file"]) == final.pdf
    assert zf.read(letters[final.id]["html_file"]).decode() == final.html
    draft = letters[filled["draft"]]
    assert draft["status"] == "draft" and draft["data"]["facts"]["items"][0]["furnisher"] == "Draft Furnisher Inc"
    assert "Draft Furnisher Inc" in zf.read(draft["html_file"]).decode()
    # The proceeding with its items, timeline and deadlines.
    [proceeding] = data["proceedings"]
    assert proceeding["id"] == filled["proceeding"] and proceeding["items"][0]["furnisher"] == "Acme Collections LLC"
    assert {e["kind"] for e in proceeding["events"]} >= {"sent", "delivered"}
    assert any(e["tracking"] == "9400 1000 0000 0000 0001" for e in proceeding["events"])
    assert proceeding["deadlines"] and all(d["citation"] for d in proceeding["deadlines"] if d["applies"])
    # The uploaded file, decrypted to the bytes that were uploaded.
    [document] = data["documents"]
    assert document["filename"] == "my id.pdf" and zf.read(document["file"]) == filled["evidence"]
    # All notes (it is the clinic's record), and the history of everything filed under the person.
    assert {n["body"] for n in data["notes"]} == {"First call done.", SHARED, TEAM_ONLY}
    actions = {h["action"] for h in data["history"]}
    assert actions >= {"consumer.created", "case.created", "report.imported", "letter.saved", "letter.finalised",
                       "proceeding.sent", "document.uploaded", "note.created", "consumer.exported"}
    # Nothing of anyone else: not the clinic's other client, not the other clinic.
    everything = _everything(zf)
    for other in (b"Other Person", b"Other Furnisher Co", b"Note about Other Person", b"Erin", b"Clinic B"):
        assert other not in everything, other
    others = session.exec(select(Document).where(Document.case_id != world.ids["case1"])).all()
    assert len(others) == 2 and not any(d.sha256.encode() in everything for d in others)
    assert session.exec(select(AuditEntry).where(AuditEntry.action == "consumer.exported")).one()


def test_client_copy_has_everything_of_theirs_but_nothing_of_the_team(filled, world, make_client, session):
    dave = make_client("dave@example.org")
    assert post(dave, f"/cases/{world.ids['case1']}/notes", {"body": "Dave's own note"}).status_code == 303
    zf = _open(dave.get("/account/export"))
    top = json.loads(zf.read("data.json"))
    validator("account").validate(top)
    [record] = top["own_records"]
    assert record == {"consumer_id": world.ids["consumer1"], "name": "Dave Client", "view": "client",
                      "folder": f"records/consumer-{world.ids['consumer1']}/"}
    data = _check_folder(zf, record["folder"])
    assert data["view"] == "client" and "case_assignments" not in data
    # Their own full identifiers, their letters, report, proceeding and document.
    assert data["consumer"]["national_id"] == "123-45-6789" and data["consumer"]["date_of_birth"] == "1980-04-30"
    assert {row["id"] for row in data["letters"]} == {filled["final"], filled["draft"]}
    assert zf.read(record["folder"] + data["documents"][0]["file"]) == filled["evidence"]
    assert data["proceedings"][0]["events"] and data["credit_reports"] and data["report_marks"]
    # Only the notes shared with them; nothing of the team's own notes, user ids or addresses.
    assert sorted(n["body"] for n in data["notes"]) == sorted(["Dave's own note", SHARED])
    everything = _everything(zf)
    for secret in (TEAM_ONLY, "First call done.", "Note about Other Person", "Other Person", "Clinic B secret note"):
        assert secret.encode() not in everything, secret
    staff = {world.ids[n] for n in ("alice", "bob", "carol")}
    found = _user_ids(top) + _user_ids(data)
    assert staff.isdisjoint(found) and set(found) <= {None, world.ids["dave"]}
    for entry in data["history"]:
        if entry["actor_user_id"] != world.ids["dave"]:
            assert entry["ip"] == "" and entry["detail"] == "{}"
    assert "team keeps for itself" in zf.read("README.txt").decode()


def _user_ids(value) -> list:
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


def test_personal_workspace_export_holds_its_files(client, world, session, caplog):
    sign_up(client, caplog, name="Pat", email="pat@example.org")
    post(client, "/consumers/new", {"legal_name": "Pat Person", "national_id_kind": "ssn", "national_id": "111223333",
                                    "preferred_language": "en", "current_line1": "2 Elm St", "current_city": "Salem",
                                    "current_region": "OR", "current_postal_code": "97301", "current_country": "US"})
    consumer_id = session.exec(select(Consumer.id).where(Consumer.legal_name == "Pat Person")).one()
    session.rollback()  # end the read: this session writes next (SQLite cannot upgrade a stale read)
    r = post(client, "/cases/new", {"consumer_id": str(consumer_id), "title": "Mine"})
    case_id = int(r.headers["location"].rsplit("/", 1)[1])
    scan = image_bytes("PNG")
    _upload(client, case_id, scan, "scan.png", kind="proof-of-address")
    letter_id = _letter(client, session, case_id)
    zf = _open(client.get("/account/export"))
    top = json.loads(zf.read("data.json"))
    validator("account").validate(top)
    [record] = top["own_records"]
    assert record["view"] == "workspace"
    data = _check_folder(zf, record["folder"])
    assert data["consumer"]["national_id"] == "111-22-3333"
    assert zf.read(record["folder"] + data["documents"][0]["file"]) == scan
    assert [row["id"] for row in data["letters"]] == [letter_id]
    for other in (b"Dave Client", b"Other Person", b"Erin", b"First call done."):
        assert other not in _everything(zf)
    assert session.exec(select(AuditEntry).where(AuditEntry.action == "user.exported")).one()


def test_a_file_that_cannot_be_included_is_named_not_fatal(filled, world, settings, monkeypatch):
    from app.letters import service as letters

    def broken(session, letter):
        raise RenderError("no PDF today")

    monkeypatch.setattr(letters, "pdf_bytes", broken)
    for path in (Path(settings.data_dir) / "documents").iterdir():
        path.unlink()  # every uploaded file gone from the disk
    zf = _open(filled["alice"].get(f"/consumers/{world.ids['consumer1']}/export"))
    data = json.loads(zf.read("data.json"))
    validator("consumer").validate(data)
    assert all(row["pdf_file"] is None and row["problem"] == "render" and row["html_file"] for row in data["letters"])
    assert [(row["file"], row["problem"]) for row in data["documents"]] == [(None, "missing")]
    readme = zf.read("README.txt").decode()
    assert readme.count("Not included") == len(data["letters"]) + 1
    assert not any(name.startswith("documents/") or name.endswith(".pdf") for name in zf.namelist())


def test_the_archive_streams_in_bounded_pieces(make_client, world, engine, settings):
    """A large file leaves in pieces of about 1 MB, never whole, and the pieces make a valid zip."""
    from PIL import Image

    alice = make_client("alice@example.org")
    out = io.BytesIO()
    Image.frombytes("RGB", (1200, 1200), os.urandom(1200 * 1200 * 3)).save(out, format="PNG")
    big = out.getvalue()
    assert len(big) > 4 * archive_module.CHUNK
    _upload(alice, world.ids["case1"], big, "noise.png")
    ctx = context(engine, world.ids["alice"], world.ids["ws_a"])
    with Session(engine, expire_on_commit=False) as s:
        archive = export_consumer(s, ctx, s.get(Consumer, world.ids["consumer1"]), settings=settings, lang="es")
        s.commit()
    pieces = [p for p in archive.stream() if p]
    assert len(pieces) > 4 and max(map(len, pieces)) < archive_module.CHUNK * 1.1
    zf = zipfile.ZipFile(io.BytesIO(b"".join(pieces)))
    [name] = [n for n in zf.namelist() if n.startswith("documents/")]
    assert zf.read(name) == big
    # The README is in the language asked for (Spanish here).
    assert "Qué contiene" in zf.read("README.txt").decode()


def test_only_owners_export_a_consumer_and_never_another_workspaces(make_client, world):
    cid = world.ids["consumer1"]
    assert make_client("bob@example.org").get(f"/consumers/{cid}/export").status_code == 403
    assert make_client("erin@example.org").get(f"/consumers/{cid}/export").status_code == 404


def test_schemas_name_the_codes_the_app_stores():
    """The documented enumerations are the app's own (a new event kind or outcome must be documented)."""
    from app.credit_reports.models import MARKS, SOURCES
    from app.documents.models import DOCUMENT_KINDS
    from app.proceedings.models import EVENT_KINDS, OUTCOMES, STATES
    from app.reports.model import ITEM_CLASSES

    defs = json.loads((SCHEMAS / "consumer.schema.json").read_text())["$defs"]
    assert defs["proceeding_event"]["properties"]["kind"]["enum"] == list(EVENT_KINDS)
    assert defs["item_outcome"]["properties"]["outcome"]["enum"] == list(OUTCOMES)
    assert defs["proceeding"]["properties"]["state"]["enum"] == list(STATES)
    assert defs["document"]["properties"]["kind"]["enum"] == list(DOCUMENT_KINDS)
    assert defs["report_mark"]["properties"]["mark"]["enum"] == list(MARKS)
    assert defs["credit_report"]["properties"]["source"]["enum"] == list(SOURCES)
    report = json.loads((SCHEMAS / "credit-report.schema.json").read_text())["$defs"]
    from dataclasses import fields

    for section, name in (("personal", "personal"), ("account", "account"), ("inquiry", "inquiry"),
                          ("public-record", "public_record")):
        documented = set(report[name]["properties"]) - {"key"}
        assert documented == {f.name for f in fields(ITEM_CLASSES[section])}, section


def test_a_deleted_documents_history_stays_with_its_person(filled, world, session):
    """An entry about a document since deleted still belongs to its person's history."""
    alice = filled["alice"]
    doc = session.exec(select(Document).where(Document.case_id == world.ids["case1"])).one()
    assert post(alice, f"/documents/{doc.id}/delete").status_code == 303
    data = json.loads(_open(alice.get(f"/consumers/{world.ids['consumer1']}/export")).read("data.json"))
    about = [(h["action"], h["object_id"]) for h in data["history"] if h["object_type"] == "document"]
    assert ("document.uploaded", doc.id) in about and ("document.deleted", doc.id) in about
    assert data["documents"] == []


def test_an_invited_client_and_their_invitation_are_in_their_records(make_client, world, caplog, session):
    import logging

    caplog.set_level(logging.WARNING, logger="recourse.mail")
    alice = make_client("alice@example.org")
    cid = world.ids["consumer2"]
    r = post(alice, "/members/invite", {"email": "other@example.org", "role": "client", "consumer_id": str(cid)})
    token = re.search(r'id="invite-link">[^<]*/([^/<]+)<', r.text).group(1)
    newcomer = make_client()
    assert post(newcomer, "/signup", {"name": "Other Person", "email": "other@example.org", "password": PASSWORD,
                                      "invite_token": token}).status_code == 303
    data = json.loads(_open(alice.get(f"/consumers/{cid}/export")).read("data.json"))
    validator("consumer").validate(data)
    [invitation] = data["invitations"]
    assert invitation["email"] == "other@example.org" and invitation["accepted_at"] and "token_hash" not in invitation
    actions = {h["action"] for h in data["history"]}
    assert {"invitation.created", "member.joined"} <= actions
    assert token not in json.dumps(data)


def test_a_draft_in_the_workspaces_own_wording_is_rendered_in_it(make_client, world, session):
    """Workspace wording is untrusted: it is filled in and made into a PDF in a child process
    (app/limits.py), through the letters service, and the export carries the result."""
    alice = make_client("alice@example.org")
    source = (Path(__file__).resolve().parents[2] / "templates/letters/us/dispute-cra.en.html").read_text("utf-8")
    source = source.replace("Dispute of inaccurate information in my credit file", "Clinic wording: dispute")
    assert post(alice, "/letter-templates/us.dispute-cra/en", {"source": source}).status_code == 303
    letter_id = _letter(alice, session, world.ids["case1"])
    zf = _open(alice.get(f"/consumers/{world.ids['consumer1']}/export"))
    data = _check_folder(zf, "")
    [row] = [r for r in data["letters"] if r["id"] == letter_id]
    assert "Clinic wording: dispute" in zf.read(row["html_file"]).decode()
