"""Every letter tells the truth (issue 17). Each letter kind is drafted the way a person drafts it
(the letter form; the dispute builder and "Freeze my credit" in their own tests below) with only the
required facts, and the letter is checked:

* no fact appears that the person did not give: nothing from the example data, no SSN beyond the
  last 4 digits unless chosen, no enclosure they did not attach or tick, no "enclosed" claim
  without an enclosure;
* every listed enclosure exists: an attached document (in the packet) or a ticked item;
* a letter whose legal effect needs a document is refused until it has one, and says how to get it;
* names agree: a freeze for one bureau addressed to another, a dispute to the wrong bureau or
  company, is refused.
"""

import json
import re
from io import BytesIO

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader
from sqlmodel import Session, select

from app.cases.models import Case
from app.documents import service as documents
from app.letters.catalog import EXAMPLE_SENDERS, all_kinds, get_kind
from app.letters.enclosures import REQUIREMENTS, option_line
from app.letters.labels import LABELS
from app.letters.models import Letter
from app.recipients.models import Recipient
from tests.conftest import post
from tests.documents.conftest import context, pdf_bytes

KINDS = [k.id for k in all_kinds()]
COMPANY = "Northwind Data Services"
FULL_SSN = "123-45-6789"  # the client's number in tests/factories.py
# Words that claim something is in the envelope, per letter language.
CLAIMS = {"en": re.compile(r"\benclos(ed|e)\b", re.I), "de": re.compile(r"liegt bei|liegen bei|beigefügt"),
          "zh": re.compile(r"附件|所附|随信")}
DOCUMENT_FOR = {"itr": "ftc-report", "id": "id", "authority": "proof-of-authority", "commitment": "credit-commitment"}


def _value(field, n: int):
    return {"date": "2026-10-01", "money": "12.34", "int": "3", "bool": "1",
            "choice": field.choices[0] if field.choices else ""}.get(field.type, f"Given {field.name} {n}")


def minimal_form(kind) -> dict:
    """Only the required facts, each a value that can be found again in the letter."""
    form = {}
    for n, f in enumerate(kind.fields):
        if f.type == "items":
            if f.required:
                for sub in f.item_fields:
                    if sub.required:
                        form[f"facts.{f.name}.0.{sub.name}"] = COMPANY if sub.name in ("furnisher", "institution") \
                            else _value(sub, n)
        elif f.required:
            form[f"facts.{f.name}"] = _value(f, n)
    return form


def _recipient(session, workspace_id: int, kind) -> int:
    """A recipient that fits the letter: the bureau's own freeze address for a freeze, else the
    workspace's own entry of the right kind."""
    if any(f.name == "bureau" for f in kind.fields):
        slug = {"us.protected-consumer-freeze": "us-equifax-freeze"}.get(kind.id, "us-equifax-freeze")
        return session.exec(select(Recipient.id).where(Recipient.slug == slug)).one()
    row = Recipient(workspace_id=workspace_id, name=COMPANY, kind=(kind.recipient_kinds or ("controller",))[0],
                    postal_address="1 Harbour Road\nSpringfield, IL 62701", verified=True)
    session.add(row)
    session.commit()
    return row.id


def example_strings(kind) -> set[str]:
    """Strings only the example data has: none may reach a real letter."""
    found: set[str] = set()

    def walk(value):
        if isinstance(value, str) and len(value) >= 12:
            found.add(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list | tuple):
            for v in value:
                walk(v)

    walk(kind.example)
    walk(kind.example_by_lang)
    walk(list(kind.suggested_enclosures))
    found |= {s["name"] for s in EXAMPLE_SENDERS.values()}
    # Words the letter prints anyway (labels like "Date of birth") are not facts.
    fixed = {v for labels in LABELS.values() for v in labels.values()}
    return (found | {"Example Recipient", "March 2025"}) - fixed


def _draft(client, session, world, kind, **extra) -> int:
    form = {"recipient_id": _recipient(session, world.ids["ws_a"], kind), "lang": kind.languages[0],
            "sending_method": "post", "letter_date": "2026-11-02", **minimal_form(kind), **extra}
    r = post(client, f"/cases/{world.ids['case1']}/letters/new?kind={kind.id}", form)
    assert r.status_code == 303, (kind.id, re.findall(r'<li><a href="#[^"]*">[^<]*', r.text))
    return int(r.headers["location"].rsplit("/", 1)[1])


def _text(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def _listed(html: str) -> list[str]:
    return [" ".join(li.get_text(" ").split()) for li in BeautifulSoup(html, "html.parser").select(".enclosures li")]


@pytest.mark.parametrize("kind_id", KINDS)
def test_a_letter_holds_only_what_the_person_gave(kind_id, make_client, world, session):
    kind = get_kind(kind_id)
    alice = make_client("alice@example.org")
    letter_id = _draft(alice, session, world, kind)
    html = alice.get(f"/letters/{letter_id}/view").text
    text = _text(html)
    leaked = {s for s in example_strings(kind) if s in text}
    assert not leaked, (kind_id, leaked)  # nothing of the example
    assert _listed(html) == [], kind_id  # nothing attached or ticked: no enclosure list...
    assert not CLAIMS[kind.languages[0]].search(text.replace("not attached yet", "")), kind_id  # ...no claim either
    if kind.jurisdiction in ("us", "us-ca"):
        assert FULL_SSN not in text, kind_id  # the last 4 digits unless the person chooses more
    detail = alice.get(f"/letters/{letter_id}").text
    r = post(alice, f"/letters/{letter_id}/finalise")
    assert r.status_code == 303
    session.rollback()  # see what the app committed
    letter = session.get(Letter, letter_id)
    if kind.requires:
        # Refused, with what is missing and how to get it; no download either.
        soup = BeautifulSoup(detail, "html.parser")
        assert {s["data-requirement"] for s in soup.select("#letter-problems [data-requirement]")} == set(kind.requires)
        assert soup.select_one("#finalise-letter") is None and soup.select_one("#download-pdf") is None
        assert letter.status == "draft", kind_id
        assert alice.get(f"/letters/{letter_id}/pdf").status_code == 303
    else:
        assert letter.status == "final", (kind_id, _text(detail)[:2000])


@pytest.mark.parametrize("kind_id", [k.id for k in all_kinds() if k.requires])
def test_a_required_document_attached_or_ticked_lets_it_be_finalised(kind_id, make_client, world, session, engine,
                                                                    settings):
    kind = get_kind(kind_id)
    alice = make_client("alice@example.org")
    ctx = context(engine, world.ids["alice"], world.ids["ws_a"])
    case = session.get(Case, world.ids["case1"])
    # The first requirement as an uploaded document, the others ticked "I will enclose it myself".
    first, *rest = kind.requires
    doc = documents.upload(session, ctx, case, filename="proof.pdf", data=pdf_bytes(),
                           kind=DOCUMENT_FOR[first], settings=settings)
    session.commit()
    ticks = [next(t for t in sorted(REQUIREMENTS[key].tags) if t in kind.enclosure_options) for key in rest]
    letter_id = _draft(alice, session, world, kind, document_id=str(doc.id), enclose_self=ticks)
    assert post(alice, f"/letters/{letter_id}/finalise").status_code == 303
    session.rollback()  # see what the app committed
    letter = session.get(Letter, letter_id)
    assert letter.status == "final", kind_id
    listed = _listed(letter.html)
    assert len(listed) == 1 + len(ticks), listed  # exactly what was attached and ticked
    assert listed[1:] == [option_line(t, "en") for t in ticks]
    assert "not attached yet" not in letter.html
    # The packet carries the same list, and the attached file after it.
    packet = PdfReader(BytesIO(alice.get(f"/letters/{letter_id}/packet").content))
    pages = len(PdfReader(BytesIO(letter.pdf)).pages)
    listing = " ".join(packet.pages[pages].extract_text().split())
    for line in listed:
        assert " ".join(line.split()) in listing, (line, listing)
    assert len(packet.pages) == pages + 2  # letter, list page, the one-page document


def test_freeze_letter_names_the_bureau_it_is_addressed_to(make_client, world, session):
    kind = get_kind("us.security-freeze")
    alice = make_client("alice@example.org")
    experian = session.exec(select(Recipient.id).where(Recipient.slug == "us-experian-freeze")).one()
    form = {"recipient_id": experian, "lang": "en", "sending_method": "post", "letter_date": "2026-11-02",
            "facts.bureau": "equifax"}
    r = post(alice, f"/cases/{world.ids['case1']}/letters/new?kind={kind.id}", form)
    assert r.status_code == 400 and 'id="recipient_id-error"' in r.text  # Equifax freeze, Experian address
    r = post(alice, f"/cases/{world.ids['case1']}/letters/new?kind={kind.id}", {**form, "facts.bureau": "experian"})
    assert r.status_code == 303
    text = _text(alice.get(r.headers["location"] + "/view").text)
    assert "consumer file at Experian" in text and "Equifax" not in text


def test_a_direct_dispute_goes_to_the_company_that_reports_the_item(make_client, world, session):
    kind = get_kind("us.dispute-furnisher")
    alice = make_client("alice@example.org")
    other = Recipient(workspace_id=world.ids["ws_a"], name="Contoso Recovery", kind="collector",
                      postal_address="PO Box 9\nDallas, TX", verified=True)
    session.add(other)
    session.commit()
    form = {"recipient_id": other.id, "lang": "en", "sending_method": "post", "letter_date": "2026-11-02",
            **minimal_form(kind)}
    r = post(alice, f"/cases/{world.ids['case1']}/letters/new?kind={kind.id}", form)
    assert r.status_code == 400 and 'id="names_confirmed"' in r.text and 'id="facts.items.0.furnisher-error"' in r.text
    # Reported under another name: the person checks and says so.
    r = post(alice, f"/cases/{world.ids['case1']}/letters/new?kind={kind.id}", {**form, "names_confirmed": "1"})
    assert r.status_code == 303


def test_a_correction_needs_the_corrected_value(make_client, world, session):
    kind = get_kind("us.dispute-cra")
    alice = make_client("alice@example.org")
    form = {"recipient_id": _recipient(session, world.ids["ws_a"], kind), "lang": "en", "sending_method": "post",
            "letter_date": "2026-11-02", **minimal_form(kind), "facts.items.0.action": "correct"}
    r = post(alice, f"/cases/{world.ids['case1']}/letters/new?kind={kind.id}", form)
    assert r.status_code == 400 and 'id="facts.items.0.correct_to-error"' in r.text
    r = post(alice, f"/cases/{world.ids['case1']}/letters/new?kind={kind.id}",
             {**form, "facts.items.0.correct_to": "Paid as agreed"})
    assert r.status_code == 303
    assert "Correct it to read: Paid as agreed." in _text(alice.get(r.headers["location"] + "/view").text)


def test_the_ssn_is_printed_in_full_only_when_chosen(make_client, world, session):
    kind = get_kind("us.security-freeze")
    alice = make_client("alice@example.org")
    form = {"recipient_id": _recipient(session, world.ids["ws_a"], kind), "lang": "en", "sending_method": "post",
            "letter_date": "2026-11-02", "facts.bureau": "equifax"}
    page = alice.get(f"/cases/{world.ids['case1']}/letters/new?kind={kind.id}").text
    assert 'id="id_shown-last4" name="id_shown" value="last4" checked' in page  # the default
    texts = {}
    for choice in ("last4", "full", "none"):
        r = post(alice, f"/cases/{world.ids['case1']}/letters/new?kind={kind.id}", {**form, "id_shown": choice})
        texts[choice] = _text(alice.get(r.headers["location"] + "/view").text)
    assert "XXX-XX-6789" in texts["last4"] and FULL_SSN not in texts["last4"]
    assert "last four digits of my Social Security number" in texts["last4"]
    assert FULL_SSN in texts["full"] and "date of birth and Social Security number are given above" in texts["full"]
    assert "6789" not in texts["none"] and "Social Security" not in texts["none"]


# ---- the dispute builder and "Freeze my credit" ----------------------------------------------

@pytest.fixture
def report_id(engine, world):
    from datetime import date

    from tests.credit_reports.conftest import fixture_report, save

    return save(engine, world, fixture_report(pulled=date(2025, 3, 15)))


def _seeded(session, slug: str) -> int:
    return session.exec(select(Recipient.id).where(Recipient.slug == slug)).one()


def test_builder_letters_hold_no_example_facts_and_name_the_report_bureau(make_client, world, session, report_id,
                                                                        engine):
    from app.credit_reports import service as reports
    from app.credit_reports.models import CreditReport

    alice = make_client("alice@example.org")
    with Session(engine) as s:
        report = reports.parsed(s.get(CreditReport, report_id))
    midland = next(a for a in report.accounts if a.furnisher == "MIDLAND CREDIT MANAGEMENT")
    auto = next(a for a in report.accounts if a.furnisher == "SAMPLE AUTO FINANCE")
    post(alice, f"/reports/{report_id}/marks", {"item": auto.key, "mark": "not-mine"})
    form = {"item": [midland.key, auto.key], "send_to": "bureau", "bureau_id": str(_seeded(session, "us-equifax-dispute"))}
    r = post(alice, f"/reports/{report_id}/dispute", form)
    assert r.status_code == 400 and 'id="bureau_id-error"' in r.text  # an Experian report, Equifax's address
    r = post(alice, f"/reports/{report_id}/dispute", {**form, "bureau_id": str(_seeded(session, "us-experian-dispute"))})
    assert r.status_code == 303, r.text
    session.rollback()  # see what the app committed
    drafted = {letter.kind_id: letter for letter in session.exec(select(Letter)).all()}
    assert set(drafted) == {"us.dispute-cra", "us.identity-theft-block"}
    for letter in drafted.values():
        html = alice.get(f"/letters/{letter.id}/view").text
        text = _text(html)
        assert not {s for s in example_strings(get_kind(letter.kind_id)) if s in text}, letter.kind_id
        assert _listed(html) == [] and "Experian: disputes by mail" not in text
        assert json.loads(letter.data)["recipient"]["name"] == "Experian"
    # The §605B block request has no identity theft report yet: it says so, and cannot be finalised.
    block = drafted["us.identity-theft-block"]
    text = _text(alice.get(f"/letters/{block.id}/view").text)
    assert "A copy of my identity theft report: enclosed" not in text and "not attached yet" in text
    detail = BeautifulSoup(alice.get(f"/letters/{block.id}").text, "html.parser")
    itr = detail.select_one('[data-requirement="itr"]')
    assert itr is not None and itr.select_one('a[href="https://www.identitytheft.gov"]') is not None
    post(alice, f"/letters/{block.id}/finalise")
    session.rollback()  # see what the app committed
    assert session.get(Letter, block.id).status == "draft"
    assert session.get(Letter, drafted["us.dispute-cra"].id).status == "draft"  # nothing finalised by itself


def test_freeze_my_credit_drafts_one_letter_per_bureau(make_client, world, session):
    alice = make_client("alice@example.org")
    r = post(alice, f"/cases/{world.ids['case1']}/freeze")
    assert r.status_code == 303
    session.rollback()  # see what the app committed
    letters = session.exec(select(Letter).order_by(Letter.id)).all()
    assert [json.loads(letter.data)["facts"]["bureau"] for letter in letters] == ["equifax", "experian", "transunion"]
    for letter, name in zip(letters, ("Equifax", "Experian", "TransUnion"), strict=True):
        text = _text(alice.get(f"/letters/{letter.id}/view").text)
        assert f"consumer file at {name}" in text
        assert [b for b in ("Equifax", "Experian", "TransUnion") if b in text.split("Dear")[0]] == [name]
        assert FULL_SSN not in text and _listed(alice.get(f"/letters/{letter.id}/view").text) == []
    # TransUnion's freeze address is not confirmed (legal-rules-addresses.md §1(a)): the letter page says so.
    assert 'id="recipient-unconfirmed"' in alice.get(f"/letters/{letters[2].id}").text
    assert 'id="recipient-unconfirmed"' not in alice.get(f"/letters/{letters[1].id}").text
    # Each waits on Today until it is sent or discarded.
    today = BeautifulSoup(alice.get("/today").text, "html.parser")
    assert {int(tr["data-letter-id"]) for tr in today.select("#unsent-table tbody tr")} == {lt.id for lt in letters}
