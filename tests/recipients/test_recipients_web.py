"""The recipients directory pages: seeded entries are read-only; a workspace adds and edits its own."""

from markupsafe import escape as html_escape
from sqlmodel import col, select

from app.i18n import translate
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


def _with_notes_and_identification(session) -> Recipient:
    return session.exec(select(Recipient).where(col(Recipient.workspace_id).is_(None), Recipient.notes != "",
                                                Recipient.identification != "").order_by(Recipient.slug)).first()


def test_directory_notes_are_shown_in_the_readers_language(make_client, world, session):
    """A built-in entry's notes and identification come from the Spanish catalog (issue 13)."""
    seeded = _with_notes_and_identification(session)
    notes_es, id_es = (str(html_escape(translate("es", t))) for t in (seeded.notes, seeded.identification))
    assert notes_es != str(html_escape(seeded.notes)) and id_es != str(html_escape(seeded.identification))
    alice = make_client("alice@example.org")
    english = alice.get(f"/recipients/{seeded.id}").text
    assert str(html_escape(seeded.notes)) in english and notes_es not in english
    assert post(alice, "/account/language", {"language": "es"}).status_code == 303
    spanish = alice.get(f"/recipients/{seeded.id}").text
    assert notes_es in spanish and id_es in spanish
    assert str(html_escape(seeded.notes)) not in spanish


def test_a_workspace_copy_is_shown_as_typed_in_any_language(make_client, world, session):
    """A workspace's own entry is never looked up in the catalog, even when its words are the
    directory's English words: the copy keeps the identification it was copied with and the
    notes the user typed."""
    seeded = _with_notes_and_identification(session)
    alice = make_client("alice@example.org")
    copy_id = int(post(alice, f"/recipients/{seeded.id}/copy").headers["location"].split("/")[2])
    session.rollback()
    form = {f: getattr(seeded, f) for f in NEW}
    assert post(alice, f"/recipients/{copy_id}/edit", dict(form, notes="Ask for the back office.")).status_code == 303
    assert post(alice, "/account/language", {"language": "es"}).status_code == 303
    page = alice.get(f"/recipients/{copy_id}").text
    assert "Ask for the back office." in page
    assert str(html_escape(seeded.identification)) in page
    assert str(html_escape(translate("es", seeded.identification))) not in page
