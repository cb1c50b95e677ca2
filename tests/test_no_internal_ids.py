"""Internal ids never reach people (issue 17): no letter kind or procedure id, no stored code
("extension_notified", "mark-disputed", "birth-date"), no template file name or hash and no
research-note reference on any page or in any letter, in English or Spanish. Attributes (ids,
data-*, form values) are for machines and tests; what is checked is the text people read.

A case is filled the way people fill it (report with marks, builder letters, the three freeze
letters, a dispute answered with every kind of timeline entry and outcome, documents of every
kind), then every page of it is read.
"""

import re

import pytest
from bs4 import BeautifulSoup
from sqlmodel import Session, select

from app.clock import today
from app.credit_reports.models import MARKS
from app.documents.models import DOCUMENT_KINDS
from app.letters.catalog import ACTIONS, all_kinds
from app.letters.enclosures import OPTIONS
from app.letters.models import Letter
from app.proceedings.models import EVENT_KINDS, OUTCOMES, STATES, Proceeding
from app.recipients.directory import KINDS, PURPOSES
from app.recipients.models import Recipient
from app.reports.model import PERSONAL_KINDS
from app.rules import PROCEDURES
from tests.conftest import post
from tests.credit_reports.conftest import fixture_report, save
from tests.documents.conftest import pdf_bytes

# Codes people must never read. Plain words that are codes too ("draft", "post") are fine.
CODES = ({k.id for k in all_kinds()} | set(PROCEDURES)
         | {c for c in (*EVENT_KINDS, *OUTCOMES, *STATES, *ACTIONS, *PERSONAL_KINDS, *MARKS, *KINDS, *PURPOSES,
                        *DOCUMENT_KINDS, *OPTIONS) if re.search(r"[-_]", c)}
         | {c for k in all_kinds() for f in k.fields for sub in (f, *f.item_fields) for c in sub.choices
            if re.search(r"[-_]", c)})
# English compounds that are also codes, written as words in letters ("the adverse-action notice").
WORDS = {"adverse-action", "check-writing", "fraud-alert", "identity-theft", "insurance-claims"}
PATTERNS = [re.compile(r"[\w-]+\.md\b"), re.compile(r"letters/[\w/.-]+\.html"), re.compile(r"@ [0-9a-f]{16}\b"),
            *(re.compile(rf"(?<![\w.-]){re.escape(code)}(?![\w-])") for code in sorted(CODES - WORDS))]


def _readable(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "head"]):
        hidden.decompose()
    extra = [el.get(a, "") for a in ("title", "placeholder", "aria-label", "alt") for el in soup.find_all(attrs={a: True})]
    return " ".join([soup.get_text(" "), *extra])


def _leaks(html: str) -> list[str]:
    text = _readable(html)
    return sorted({m.group(0) for p in PATTERNS for m in p.finditer(text)})


@pytest.fixture
def filled_case(make_client, world, engine, session, settings):
    """Everything a case can hold, made through the app's pages."""
    from app.cases.models import Case
    from app.documents import service as documents
    from tests.documents.conftest import context

    alice = make_client("alice@example.org")
    case_id = world.ids["case1"]
    report_id = save(engine, world, fixture_report())
    report = fixture_report()
    birth = next(i for i in report.personal if i.kind == "birth-date")
    auto = next(a for a in report.accounts if a.furnisher == "SAMPLE AUTO FINANCE")
    midland = next(a for a in report.accounts if a.furnisher == "MIDLAND CREDIT MANAGEMENT")
    post(alice, f"/reports/{report_id}/marks", {"item": auto.key, "mark": "not-mine"})
    post(alice, f"/reports/{report_id}/marks", {"item": birth.key, "mark": "unrecognised"})
    experian = session.exec(select(Recipient.id).where(Recipient.slug == "us-experian-dispute")).one()
    r = post(alice, f"/reports/{report_id}/dispute", {"item": [midland.key, auto.key, birth.key], "send_to": "bureau",
                                                      "bureau_id": str(experian),
                                                      f"reason.{birth.key}": "That is not my year of birth.",
                                                      f"action.{birth.key}": "mark-disputed"})
    assert r.status_code == 303, r.text
    assert post(alice, f"/cases/{case_id}/freeze").status_code == 303
    ctx = context(engine, world.ids["alice"], world.ids["ws_a"])
    session.rollback()  # a fresh transaction: the app has written since this session last read
    for n, kind in enumerate(DOCUMENT_KINDS):
        documents.upload(session, ctx, session.get(Case, case_id), filename=f"scan {n}.pdf", data=pdf_bytes(),
                         kind=kind, settings=settings)
    session.commit()
    letters = session.exec(select(Letter).where(Letter.case_id == case_id).order_by(Letter.id)).all()
    dispute = next(lt for lt in letters if lt.kind_id == "us.dispute-cra")
    post(alice, f"/letters/{letters[-1].id}/discard")
    assert post(alice, f"/letters/{dispute.id}/finalise").status_code == 303
    r = post(alice, f"/letters/{dispute.id}/sent", {"on": today().isoformat(), "channel": "certified"})
    pid = int(r.headers["location"].rsplit("/", 1)[1])
    on = today().isoformat()
    for kind in ("delivered", "acknowledged", "extension_notified", "info_requested", "info_provided"):
        form = {"kind": kind, "on": on, **({"new_due": on} if kind == "extension_notified" else {})}
        assert post(alice, f"/proceedings/{pid}/events", form).status_code == 303
    items = BeautifulSoup(alice.get(f"/proceedings/{pid}").text, "html.parser").select("#item-table tbody tr")
    outcomes = {f"outcome_{tr['data-item-id']}": o for tr, o in zip(items, ("no-change", "partial", "verified"),
                                                                    strict=False)}
    assert post(alice, f"/proceedings/{pid}/events", {"kind": "answered", "on": on, **outcomes}).status_code == 303
    assert post(alice, f"/proceedings/{pid}/follow-up", {"letter_kind": "us.method-of-verification"}).status_code == 303
    with Session(engine) as s:
        ids = {"case": case_id, "report": report_id, "letters": [lt.id for lt in letters],
               "proceedings": [p.id for p in s.exec(select(Proceeding)).all()],
               "recipients": [r.id for r in s.exec(select(Recipient).where(Recipient.workspace_id.is_(None))).all()]}
    return alice, ids, [auto.key, birth.key, midland.key]


def _pages(ids: dict, keys: list[str]) -> list[str]:
    case = ids["case"]
    urls = ["/today", f"/cases/{case}", f"/cases/{case}/letters/new", f"/cases/{case}/documents",
            f"/cases/{case}/reports", f"/reports/{ids['report']}", f"/cases/{case}/reports/compare",
            f"/reports/{ids['report']}/dispute?" + "&".join(f"item={k}" for k in keys), "/recipients",
            "/letter-templates", "/calendar"]
    urls += [f"/cases/{case}/letters/new?kind={k.id}" for k in all_kinds()]
    for letter_id in ids["letters"]:
        urls += [f"/letters/{letter_id}", f"/letters/{letter_id}/view", f"/letters/{letter_id}/reading",
                 f"/letters/{letter_id}/enclosures"]
    urls += [f"/letters/{ids['letters'][1]}/edit"]  # the §605B block request, still a draft
    urls += [f"/proceedings/{p}" for p in ids["proceedings"]]
    urls += [f"/recipients/{r}" for r in ids["recipients"]]
    return urls


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_page_shows_an_internal_id(lang, filled_case):
    alice, ids, keys = filled_case
    post(alice, "/account/language", {"language": lang})
    found = {}
    for url in _pages(ids, keys):
        r = alice.get(url)
        assert r.status_code == 200, url
        if leaks := _leaks(r.text):
            found[url] = leaks
    assert not found, found


def test_no_letter_shows_an_internal_id():
    from app.letters.catalog import example_data
    from app.letters.render import render_html

    found = {}
    for kind in all_kinds():
        for lang in kind.languages:
            if leaks := _leaks(render_html(kind, example_data(kind, lang), lang=lang)):
                found[f"{kind.id}/{lang}"] = leaks
    assert not found, found


def test_the_scan_finds_what_it_looks_for():
    page = "<p>us.identity-theft-block · extension_notified · mark-disputed · birth-date</p>" \
           "<p>letters/us/dispute-cra.en.html @ 0123456789abcdef, see legal-rules-addresses.md §1(a)</p>"
    assert _leaks(page) == sorted(["us.identity-theft-block", "extension_notified", "mark-disputed", "birth-date",
                                   "letters/us/dispute-cra.en.html", "@ 0123456789abcdef",
                                   "legal-rules-addresses.md"])
    assert _leaks('<a href="/letters/1?kind=us.dispute-cra" data-kind="us.dispute-cra">A dispute</a>') == []
