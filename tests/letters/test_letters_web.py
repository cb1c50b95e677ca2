"""Writing a letter from a case: form, preview, finalise into an immutable snapshot, downloads,
workspace wording in the sandbox."""

import json
import re
from pathlib import Path

from markupsafe import escape as html_escape
from sqlalchemy import text
from sqlmodel import select

from app.audit.models import AuditEntry
from app.letters import render
from app.letters.catalog import get_kind
from app.letters.models import Letter
from app.recipients.models import Recipient
from tests.conftest import post

ITEM = {
    "facts.items.0.furnisher": "Acme Collections LLC", "facts.items.0.account": "XXXX4321",
    "facts.items.0.what_is_wrong": "A collection I do not owe.", "facts.items.0.why": "Never had this account.",
    "facts.items.0.action": "delete",
}


def _recipient_id(session) -> int:
    row = session.exec(select(Recipient).where(Recipient.kind == "cra")).first()
    if row is None:  # the directory seed has no US bureau yet: add one for the test
        row = Recipient(name="Test Bureau", kind="cra", jurisdictions="US", postal_address="P.O. Box 1\nAtlanta, GA",
                        verified=True)
        session.add(row)
        session.commit()
    return row.id


def _form(session, **extra) -> dict:
    base = {"recipient_id": _recipient_id(session), "lang": "en", "sending_method": "certified",
            "letter_date": "2026-11-02", "enclosures_other": "Copy of my ID\nProof of address", **ITEM}
    base.update(extra)
    return base


def test_choose_and_fill_the_form(make_client, world):
    alice = make_client("alice@example.org")
    case_id = world.ids["case1"]
    choose = alice.get(f"/cases/{case_id}/letters/new")
    assert choose.status_code == 200 and 'data-kind="us.dispute-cra"' in choose.text
    form = alice.get(f"/cases/{case_id}/letters/new?kind=us.dispute-cra")
    assert form.status_code == 200 and 'id="facts.items.0.furnisher"' in form.text
    assert alice.get(f"/cases/{case_id}/letters/new?kind=no.such-kind").status_code == 404


def test_invalid_letter_form_keeps_input_and_names_fields(make_client, world, session):
    alice = make_client("alice@example.org")
    bad = _form(session, **{"facts.items.0.why": "", "letter_date": "31/12/2026", "recipient_id": ""})
    r = post(alice, f"/cases/{world.ids['case1']}/letters/new?kind=us.dispute-cra", bad)
    assert r.status_code == 400
    for field in ("facts.items.0.why", "letter_date", "recipient_id"):
        assert f'id="{field}-error"' in r.text, field
    assert "A collection I do not owe." in r.text
    assert session.exec(select(Letter)).first() is None


def test_draft_finalise_download_and_immutability(make_client, world, session, engine):
    alice = make_client("alice@example.org")
    r = post(alice, f"/cases/{world.ids['case1']}/letters/new?kind=us.dispute-cra", _form(session))
    assert r.status_code == 303
    letter_id = int(r.headers["location"].rsplit("/", 1)[1])
    detail = alice.get(f"/letters/{letter_id}")
    assert detail.status_code == 200 and 'id="finalise-letter"' in detail.text
    view = alice.get(f"/letters/{letter_id}/view")
    assert "Acme Collections LLC" in view.text and "15 U.S.C. §1681i" in view.text
    assert "XXX-XX-6789" in view.text and "123-45-6789" not in view.text  # the last 4 unless chosen
    assert "'unsafe-inline'" in view.headers["content-security-policy"]
    assert "script-src" not in view.headers["content-security-policy"]
    reference = re.search(r"RC-\d{4}-\d{4}-\d{2}", view.text).group(0)

    assert post(alice, f"/letters/{letter_id}/finalise").status_code == 303
    session.rollback()
    letter = session.get(Letter, letter_id)
    assert letter.status == "final" and letter.pdf.startswith(b"%PDF")
    assert letter.template_key == "letters/us/dispute-cra.en.html" and len(letter.template_version) == 16
    # Regenerating from the stored data and template gives byte-identical content.
    kind = get_kind(letter.kind_id)
    data = json.loads(letter.data)
    assert render.data_hash(data) == letter.data_hash
    again = render.render_html(kind, data, lang="en")
    assert again == letter.html
    assert render.render_pdf(again, lang="en") == letter.pdf
    pdf = alice.get(f"/letters/{letter_id}/pdf")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content == letter.pdf
    assert reference in pdf.headers["content-disposition"]
    docx = alice.get(f"/letters/{letter_id}/docx")
    assert docx.content[:2] == b"PK"
    # A finalised letter never changes.
    changed = post(alice, f"/letters/{letter_id}/edit", _form(session, **{"facts.items.0.why": "Changed"}))
    assert changed.status_code == 303
    session.rollback()
    assert "Changed" not in session.get(Letter, letter_id).html
    # Encrypted at rest: the raw columns hold no identity number.
    with engine.connect() as conn:
        raw_html, raw_data = conn.execute(text("SELECT html, data FROM letters WHERE id = :i"), {"i": letter_id}).one()
    assert "6789" not in raw_html and "6789" not in raw_data
    assert session.exec(select(AuditEntry).where(AuditEntry.action == "letter.finalised")).first() is not None


def test_letters_follow_case_visibility(make_client, world, session):
    alice = make_client("alice@example.org")
    r = post(alice, f"/cases/{world.ids['case2']}/letters/new?kind=us.dispute-cra", _form(session))
    letter_id = int(r.headers["location"].rsplit("/", 1)[1])
    assert make_client("carol@example.org").get(f"/letters/{letter_id}").status_code == 404  # not assigned
    assert make_client("erin@example.org").get(f"/letters/{letter_id}/pdf").status_code == 404
    assert make_client("bob@example.org").get(f"/letters/{letter_id}").status_code == 200


def test_override_is_checked_sandboxed_and_resettable(make_client, world, session):
    alice = make_client("alice@example.org")
    url = "/letter-templates/eu.access/en"
    page = alice.get(url)
    assert page.status_code == 200 and "Article 15" in page.text
    for bad, why in (("{% if %}", "Line"), ("{{ facts.no_such_fact }}", "Unknown fact"),
                     ("{{ secret_key }}", "Unknown name"),
                     ("{{ sender.name.__class__.__mro__ }}", "not allowed")):
        r = post(alice, url, {"source": bad})
        assert r.status_code == 400 and why in r.text, (bad, r.text[-800:])
    good = '{% extends "letters/_letter.html" %}{% block subject %}Our clinic asks for access{% endblock %}'
    assert post(alice, url, {"source": good}).status_code == 303
    assert 'id="override-active"' in alice.get(url).text
    assert post(alice, f"{url}/reset").status_code == 303
    assert 'id="override-active"' not in alice.get(url).text
    assert make_client("bob@example.org").get(url).status_code == 403


def test_override_is_used_for_new_letters(make_client, world, session):
    alice = make_client("alice@example.org")
    source = Path("templates/letters/us/dispute-cra.en.html").read_text(encoding="utf-8")
    source = source.replace("Dispute of inaccurate information in my credit file", "Clinic wording: dispute")
    saved = post(alice, "/letter-templates/us.dispute-cra/en", {"source": source})
    assert saved.status_code == 303, saved.text[saved.text.find("error-summary"):][:1500]
    r = post(alice, f"/cases/{world.ids['case1']}/letters/new?kind=us.dispute-cra", _form(session))
    letter_id = int(r.headers["location"].rsplit("/", 1)[1])
    assert "Clinic wording: dispute" in alice.get(f"/letters/{letter_id}/view").text


def test_letter_pages_are_in_spanish_but_the_letter_stays_english(make_client, world, session):
    """Issue 13: the catalog's words on the chooser, the form and the letter page follow the reader's
    language; the letter sent to the bureau keeps its own language."""
    from app import i18n

    def es(message: str) -> str:
        return str(html_escape(i18n.translate("es", message)))

    kind = get_kind("us.dispute-cra")
    items, annual = kind.fields[0], next(f for f in kind.fields if f.name == "after_annual_report")
    shown = (kind.title, kind.purpose, items.label, items.help, items.item_fields[0].label, annual.label, annual.help)
    alice = make_client("alice@example.org")
    assert post(alice, "/account/language", {"language": "es"}).status_code == 303
    case_id = world.ids["case1"]

    choose = alice.get(f"/cases/{case_id}/letters/new?all=1")
    assert es(kind.title) != str(html_escape(kind.title)) and es(kind.title) in choose.text
    assert es(kind.purpose) in choose.text and str(html_escape(kind.purpose)) not in choose.text
    form = alice.get(f"/cases/{case_id}/letters/new?kind=us.dispute-cra")
    for words in shown:
        assert es(words) != str(html_escape(words)) and es(words) in form.text, words
        assert str(html_escape(words)) not in form.text, words
    assert es("Copy of the credit report page with the items marked") in form.text  # an enclosure option
    assert f'<option value="delete" selected>{es("delete")}</option>' in form.text

    r = post(alice, f"/cases/{case_id}/letters/new?kind=us.dispute-cra", _form(session))
    assert r.status_code == 303
    letter_id = int(r.headers["location"].rsplit("/", 1)[1])
    assert es(kind.title) in alice.get(f"/letters/{letter_id}").text
    letter = alice.get(f"/letters/{letter_id}/view").text
    assert "15 U.S.C. §1681i" in letter and "Acme Collections LLC" in letter
    for words in shown:
        assert i18n.translate("es", words) not in letter, words
