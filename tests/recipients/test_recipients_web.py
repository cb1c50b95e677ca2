"""The recipients directory pages: seeded entries are read-only; a workspace adds and edits its own."""

from sqlmodel import col, select

from app.recipients.models import Recipient
from tests.conftest import post

NEW = {"name": "Acme Collections LLC", "kind": "collector", "jurisdictions": "us", "purposes": "dispute",
       "postal_address": "PO Box 12\nDallas, TX 75201", "email": "", "web_form": "", "phone": "", "identification": "",
       "notes": ""}


def _seeded(session) -> Recipient:
    return session.exec(select(Recipient).where(col(Recipient.workspace_id).is_(None))).first()


def test_directory_lists_seeded_entries_with_unverified_mark(make_client, world, session):
    alice = make_client("alice@example.org")
    page = alice.get("/recipients")
    assert page.status_code == 200
    seeded = session.exec(select(Recipient).where(col(Recipient.workspace_id).is_(None))).all()
    assert seeded, "the directory seed is empty"
    assert f'data-recipient-id="{seeded[0].id}"' in page.text
    unverified = [r for r in seeded if not r.verified]
    if unverified:
        detail = alice.get(f"/recipients/{unverified[0].id}")
        assert 'id="unverified-note"' in detail.text


def test_add_edit_delete_own_entry(make_client, world, session):
    alice = make_client("alice@example.org")
    r = post(alice, "/recipients/new", NEW)
    assert r.status_code == 303
    row = session.exec(select(Recipient).where(Recipient.name == "Acme Collections LLC")).one()
    assert row.workspace_id == world.ids["ws_a"] and row.jurisdictions == "US"
    assert post(alice, f"/recipients/{row.id}/edit", dict(NEW, name="Acme Collections")).status_code == 303
    # Clinic B cannot see it at all.
    erin = make_client("erin@example.org")
    assert erin.get(f"/recipients/{row.id}").status_code == 404
    assert post(erin, f"/recipients/{row.id}/delete").status_code == 404
    assert post(alice, f"/recipients/{row.id}/delete").status_code == 303


def test_bad_entry_rerenders_with_messages(make_client, world):
    alice = make_client("alice@example.org")
    r = post(alice, "/recipients/new", dict(NEW, name="", kind="boss", postal_address=""))
    assert r.status_code == 400
    for field in ("name", "kind", "postal_address"):
        assert f'id="{field}-error"' in r.text, field
    r = post(alice, "/recipients/new", dict(NEW, web_form="ftp://x", email="nope"))
    assert r.status_code == 400 and 'id="web_form-error"' in r.text and 'id="email-error"' in r.text
    assert 'value="Acme Collections LLC"' in r.text


def test_seeded_entries_are_read_only_but_can_be_copied(make_client, world, session):
    alice = make_client("alice@example.org")
    seeded = _seeded(session)
    assert alice.get(f"/recipients/{seeded.id}/edit").status_code == 403
    assert post(alice, f"/recipients/{seeded.id}/edit", NEW).status_code == 403
    r = post(alice, f"/recipients/{seeded.id}/copy")
    assert r.status_code == 303 and r.headers["location"].endswith("/edit")
    copy_id = int(r.headers["location"].split("/")[2])
    session.rollback()
    assert session.get(Recipient, copy_id).name == seeded.name
    assert make_client("dave@example.org").get("/recipients").status_code == 200
    assert post(make_client("carol@example.org"), "/recipients/new", NEW).status_code == 403
