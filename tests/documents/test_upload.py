"""Uploading evidence: accepted by content, refused clearly, stored encrypted, visible only to the case's people."""

import re
from datetime import date

import pytest
from sqlmodel import select

from app.documents import service
from app.documents.models import Document
from app.proceedings.models import Proceeding, ProceedingEvent
from tests.conftest import csrf, post
from tests.documents.conftest import image_bytes, pdf_bytes


def upload(client, case_id: int, name: str, data: bytes, ctype: str = "application/octet-stream", **fields):
    payload = {"csrf_token": csrf(client), "kind": "other", **fields}
    return client.post(f"/cases/{case_id}/documents", data=payload, files={"file": (name, data, ctype)})


def stored_files(settings) -> list:
    root = settings.data_dir / "documents"
    return list(root.iterdir()) if root.exists() else []


@pytest.mark.parametrize("name,data,ctype", [
    ("letter.pdf", pdf_bytes(2), "application/pdf"),
    ("photo.png", image_bytes("PNG"), "image/png"),
    ("scan.jpg", image_bytes("JPEG"), "image/jpeg"),
])
def test_upload_and_download(make_client, world, session, settings, name, data, ctype):
    alice = make_client("alice@example.org")
    r = upload(alice, world.ids["case1"], name, data, kind="id")
    assert r.status_code == 303, r.text
    doc = session.exec(select(Document)).one()
    assert (doc.content_type, doc.size, doc.kind, doc.filename) == (ctype, len(data), "id", name)
    page = alice.get(f"/cases/{world.ids['case1']}/documents")
    assert f'data-document-id="{doc.id}"' in page.text

    got = alice.get(f"/documents/{doc.id}")
    assert got.status_code == 200 and got.content == data
    assert got.headers["content-type"].startswith(ctype)
    assert got.headers["content-disposition"].startswith("attachment;")
    assert got.headers["x-content-type-options"] == "nosniff"


def test_stored_bytes_are_encrypted(make_client, world, session, settings):
    data = pdf_bytes(1)
    assert upload(make_client("bob@example.org"), world.ids["case1"], "a.pdf", data).status_code == 303
    doc = session.exec(select(Document)).one()
    path = settings.data_dir / "documents" / doc.storage_key
    raw = path.read_bytes()
    assert b"%PDF" not in raw and data not in raw and "a.pdf" not in str(path)
    assert path.stat().st_mode & 0o777 == 0o600 and path.parent.stat().st_mode & 0o777 == 0o700
    assert service.read(doc, settings) == data


@pytest.mark.parametrize("case", ["oversized", "renamed-text", "renamed-exe", "empty"])
def test_refused_files_store_nothing(make_client, world, session, settings, monkeypatch, case):
    monkeypatch.setattr(settings, "upload_max_mb", 1)
    name, data = {
        "oversized": ("big.pdf", b"%PDF-1.4\n" + b"0" * (1536 * 1024)),
        "renamed-text": ("notes.pdf", b"just some text, not a PDF"),
        "renamed-exe": ("invoice.pdf", b"MZ\x90\x00" + b"\x00" * 200),
        "empty": ("empty.pdf", b""),
    }[case]
    alice = make_client("alice@example.org")
    r = upload(alice, world.ids["case1"], name, data, "application/pdf", kind="police-report")
    assert r.status_code == 400
    message = re.search(r'<p class="field-error" id="file-error">([^<]+)</p>', r.text)
    assert message and len(message.group(1)) > 20
    assert re.search(r'<option value="police-report" selected>', r.text)  # the chosen kind is kept
    assert session.exec(select(Document)).first() is None
    assert stored_files(settings) == []


def test_no_file_chosen(make_client, world, session):
    alice = make_client("alice@example.org")
    r = upload(alice, world.ids["case1"], "", b"")
    assert r.status_code == 400 and 'id="file-error"' in r.text


def test_display_filename_is_sanitised():
    assert service.display_filename("C:\\Users\\x\\..\\evil\x00\x1b[31m.pdf", "application/pdf") == "evil[31m.pdf"
    assert service.display_filename("../../etc/passwd", "image/png") == "passwd.png"
    assert service.display_filename("", "image/jpeg") == "document.jpg"
    long = service.display_filename("a" * 500 + ".pdf", "application/pdf")
    assert len(long) == 200 and long.endswith(".pdf")


def test_download_is_scoped(make_client, world, session):
    alice = make_client("alice@example.org")
    assert upload(alice, world.ids["case1"], "one.pdf", pdf_bytes()).status_code == 303
    assert upload(alice, world.ids["case2"], "two.pdf", pdf_bytes()).status_code == 303
    doc1, doc2 = session.exec(select(Document).order_by(Document.id)).all()
    for email in ("bob@example.org", "carol@example.org", "dave@example.org"):
        assert make_client(email).get(f"/documents/{doc1.id}").status_code == 200, email
    carol, dave, erin = (make_client(f"{n}@example.org") for n in ("carol", "dave", "erin"))
    assert carol.get(f"/documents/{doc2.id}").status_code == 404
    assert carol.get(f"/cases/{world.ids['case2']}/documents").status_code == 404
    assert dave.get(f"/documents/{doc2.id}").status_code == 404
    assert erin.get(f"/documents/{doc1.id}").status_code == 404
    assert erin.get(f"/cases/{world.ids['case1']}/documents").status_code == 404
    assert post(erin, f"/documents/{doc1.id}/delete").status_code == 404


def test_client_uploads_to_own_case_only(make_client, world, session, settings):
    dave = make_client("dave@example.org")
    assert upload(dave, world.ids["case1"], "id.jpg", image_bytes("JPEG"), kind="id").status_code == 303
    assert upload(dave, world.ids["case2"], "id.jpg", image_bytes("JPEG")).status_code == 404
    doc = session.exec(select(Document)).one()
    assert doc.uploaded_by_id == world.ids["dave"]
    assert post(dave, f"/documents/{doc.id}/delete").status_code == 403
    assert post(make_client("carol@example.org"), f"/documents/{doc.id}/delete").status_code == 403
    assert len(stored_files(settings)) == 1


def test_staff_delete_removes_row_and_file(make_client, world, session, settings):
    alice = make_client("alice@example.org")
    assert upload(alice, world.ids["case1"], "x.png", image_bytes("PNG")).status_code == 303
    doc_id = session.exec(select(Document)).one().id
    r = post(make_client("bob@example.org"), f"/documents/{doc_id}/delete")
    assert r.status_code == 303
    session.rollback()
    assert session.get(Document, doc_id) is None and stored_files(settings) == []
    assert alice.get(f"/documents/{doc_id}").status_code == 404


def _event(session, world, case_key: str, ws_key: str = "ws_a") -> int:
    p = Proceeding(workspace_id=world.ids[ws_key], case_id=world.ids[case_key], procedure_id="us.fcra.dispute-cra",
                   title="Dispute")
    session.add(p)
    session.flush()
    e = ProceedingEvent(workspace_id=world.ids[ws_key], proceeding_id=p.id, kind="answered", on=date(2026, 1, 5))
    session.add(e)
    session.commit()
    return e.id


def test_event_must_belong_to_the_case(make_client, world, session, settings):
    own, other = _event(session, world, "case1"), _event(session, world, "case2")
    alice = make_client("alice@example.org")
    page = alice.get(f"/cases/{world.ids['case1']}/documents")
    assert f'<option value="{own}"' in page.text and f'<option value="{other}"' not in page.text
    r = upload(alice, world.ids["case1"], "a.pdf", pdf_bytes(), event_id=str(other))
    assert r.status_code == 400 and 'id="event_id-error"' in r.text
    assert stored_files(settings) == [] and session.exec(select(Document)).first() is None
    assert upload(alice, world.ids["case1"], "a.pdf", pdf_bytes(), event_id=str(own)).status_code == 303
    session.rollback()
    assert session.exec(select(Document)).one().event_id == own


def test_rolled_back_upload_leaves_no_file(engine, world, session, settings):
    from app.cases.models import Case
    from tests.documents.conftest import context

    ctx = context(engine, world.ids["bob"], world.ids["ws_a"])
    service.upload(session, ctx, session.get(Case, world.ids["case1"]), filename="a.pdf", data=pdf_bytes(),
                   kind="other", settings=settings)
    assert len(stored_files(settings)) == 1
    session.rollback()
    assert stored_files(settings) == []


def test_files_land_in_the_apps_data_dir_not_the_default(make_client, world, session, settings, tmp_path,
                                                         monkeypatch):
    """`recourse serve --data-dir D` builds the app with D: every view must use it, never the global
    default settings (./data under the working directory)."""
    import app.config as config_module

    decoy = settings.model_copy(update={"data_dir": tmp_path / "default-data"})
    monkeypatch.setattr(config_module, "get_settings", lambda: decoy)
    data = pdf_bytes(1)
    alice = make_client("alice@example.org")
    assert upload(alice, world.ids["case1"], "a.pdf", data).status_code == 303
    doc = session.exec(select(Document)).one()
    assert (settings.data_dir / "documents" / doc.storage_key).exists()
    assert not (tmp_path / "default-data").exists()
    assert alice.get(f"/documents/{doc.id}").content == data
