"""Enclosures and the mailing packet: letter, one list page, then the enclosures; unmergeable files listed.
The letter's enclosure list and the packet's list page are the same lines, in the same order."""

from io import BytesIO

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader
from sqlmodel import select

from app.cases.models import Case
from app.documents import service
from app.documents.models import Document, LetterEnclosure
from app.letters import service as letters
from app.letters.catalog import example_data, get_kind
from app.proceedings.models import Proceeding, ProceedingEvent
from tests.conftest import post
from tests.documents.conftest import context, image_bytes, pdf_bytes


@pytest.fixture
def letter_id(engine, world, session):
    """A draft dispute letter (example facts, none of the example's enclosures)."""
    ctx = context(engine, world.ids["alice"], world.ids["ws_a"])
    kind = get_kind("us.dispute-cra")
    data = example_data(kind)
    data.update(reference="RC-TEST-01", enclosures=["Bank statement showing the payment"], enclose_self=["id"])
    case = session.get(Case, world.ids["case1"])
    letter = letters.save_draft(session, ctx, case, kind=kind, lang="en", recipient=None, data=data)
    session.commit()
    return letter.id


def _finalise(session, engine, world, letter_id):
    ctx = context(engine, world.ids["alice"], world.ids["ws_a"])
    letters.finalise(session, ctx, letters.get_letter(session, ctx, letter_id))
    session.commit()


def _upload(session, engine, world, settings, case_key, name, data) -> Document:
    ctx = context(engine, world.ids["alice"], world.ids["ws_a"])
    doc = service.upload(session, ctx, session.get(Case, world.ids[case_key]), filename=name, data=data,
                         kind="other", settings=settings)
    session.commit()
    return doc


def test_packet_merges_letter_list_and_enclosures(make_client, world, session, engine, settings, letter_id):
    two_pages = _upload(session, engine, world, settings, "case1", "statement.pdf", pdf_bytes(2))
    photo = _upload(session, engine, world, settings, "case1", "licence.png", image_bytes("PNG"))
    locked = _upload(session, engine, world, settings, "case1", "locked-bank-letter.pdf", pdf_bytes(1, "secret"))
    alice = make_client("alice@example.org")
    form = alice.get(f"/letters/{letter_id}/enclosures")
    assert form.status_code == 200 and f'id="document-{photo.id}"' in form.text
    r = post(alice, f"/letters/{letter_id}/enclosures", {"document_id": [str(two_pages.id), str(locked.id), str(photo.id)]})
    assert r.status_code == 303
    rows = session.exec(select(LetterEnclosure).order_by(LetterEnclosure.position)).all()
    assert [row.document_id for row in rows] == [two_pages.id, locked.id, photo.id]
    _finalise(session, engine, world, letter_id)
    letter = letters.get_letter(session, context(engine, world.ids["alice"], world.ids["ws_a"]), letter_id)
    listed = [li.get_text(" ", strip=True) for li in BeautifulSoup(letter.html, "html.parser").select(".enclosures li")]
    assert listed == ["Copy of statement", "Copy of locked-bank-letter", "Copy of licence",
                      "Copy of my government-issued photo ID (driver's license, state ID or passport)",
                      "Bank statement showing the payment"]

    letter_pages = len(PdfReader(BytesIO(letter.pdf)).pages)
    got = alice.get(f"/letters/{letter_id}/packet")
    assert got.status_code == 200 and got.headers["content-type"] == "application/pdf"
    reader = PdfReader(BytesIO(got.content))
    assert len(reader.pages) == letter_pages + 1 + 2 + 1  # letter, list page, 2-page PDF, image; locked PDF skipped
    listing = " ".join(reader.pages[letter_pages].extract_text().split())
    for line in listed:  # the packet lists exactly what the letter lists
        assert " ".join(line.split()) in listing, line
    assert "statement.pdf (2 page(s))" in listing and "licence.png" in listing
    assert "locked-bank-letter.pdf: could not be merged, enclose a paper copy" in listing
    assert "Bank statement showing the payment: enclose it yourself" in listing
    # Once final, the enclosures cannot change (the letter lists them).
    r = post(alice, f"/letters/{letter_id}/enclosures", {"document_id": [str(photo.id)]})
    assert r.status_code == 303 and len(session.exec(select(LetterEnclosure)).all()) == 3

    # Dave (the client) may read his case's packet but not choose enclosures; erin sees nothing.
    dave, erin = make_client("dave@example.org"), make_client("erin@example.org")
    assert dave.get(f"/letters/{letter_id}/packet").status_code == 200
    assert post(dave, f"/letters/{letter_id}/enclosures", {"document_id": []}).status_code == 403
    assert erin.get(f"/letters/{letter_id}/packet").status_code == 404
    assert erin.get(f"/letters/{letter_id}/enclosures").status_code == 404


def test_broken_files_never_break_the_packet(session, engine, world, settings, letter_id):
    _finalise(session, engine, world, letter_id)
    letter = letters.get_letter(session, context(engine, world.ids["alice"], world.ids["ws_a"]), letter_id)
    broken_pdf = Document(id=1, filename="broken.pdf", content_type="application/pdf")
    broken_png = Document(id=2, filename="broken.png", content_type="image/png")
    from app.documents.packet import build_packet

    out = build_packet(letter.pdf, [("Copy of broken", broken_pdf, b"%PDF-1.4 garbage"),
                                    ("Copy of broken image", broken_png, b"\x89PNG\r\n\x1a\nxx")],
                       reference=letter.reference)
    reader = PdfReader(BytesIO(out))
    assert len(reader.pages) == len(PdfReader(BytesIO(letter.pdf)).pages) + 1
    text = reader.pages[-1].extract_text()
    assert "broken.pdf" in text and "broken.png" in text


def test_enclosures_must_come_from_the_letters_case(make_client, world, session, engine, settings, letter_id):
    other = _upload(session, engine, world, settings, "case2", "other.pdf", pdf_bytes())
    alice = make_client("alice@example.org")
    r = post(alice, f"/letters/{letter_id}/enclosures", {"document_id": [str(other.id)]})
    assert r.status_code == 400 and 'id="documents-error"' in r.text
    assert session.exec(select(LetterEnclosure)).first() is None
    # The letter form refuses it too, keeping what was typed.
    r = post(alice, f"/letters/{letter_id}/edit", {
        "recipient_id": "", "lang": "en", "sending_method": "post", "letter_date": "2026-11-02",
        "document_id": [str(other.id)], "enclosures_other": "My own note"})
    assert r.status_code == 400 and 'id="documents-error"' in r.text and "My own note" in r.text
    assert session.exec(select(LetterEnclosure)).first() is None


def test_enclosures_lock_once_sent(make_client, world, session, engine, settings, letter_id):
    doc = _upload(session, engine, world, settings, "case1", "a.pdf", pdf_bytes())
    p = Proceeding(workspace_id=world.ids["ws_a"], case_id=world.ids["case1"], procedure_id="us.fcra.dispute-cra")
    session.add(p)
    session.flush()
    from datetime import date

    session.add(ProceedingEvent(workspace_id=world.ids["ws_a"], proceeding_id=p.id, kind="sent", on=date(2026, 1, 2),
                                letter_id=letter_id))
    session.commit()
    r = post(make_client("alice@example.org"), f"/letters/{letter_id}/enclosures", {"document_id": [str(doc.id)]})
    assert r.status_code == 303
    assert session.exec(select(LetterEnclosure)).first() is None
