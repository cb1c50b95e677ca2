"""Answer review (issue 16): each classification leads to the next step that fits, citing the rule
the answer breaks where it breaks one; saving records the answer and the letter gets the draft."""

import re

import pytest
from bs4 import BeautifulSoup
from sqlmodel import Session, select

from app.clock import today
from app.proceedings import review
from app.proceedings.models import ItemOutcome, Proceeding, ProceedingEvent, ProceedingItem
from tests.conftest import post
from tests.outcomes.conftest import _ctx, _round


def _codes(found):
    return [f.code for f in found]


@pytest.mark.parametrize(("procedure", "classes", "checks", "code", "citation", "letter"), [
    ("us.fcra.dispute-cra", {"verified"}, set(), "verified-without-procedure", "§611(a)(7)", "us.method-of-verification"),
    ("eu.gdpr.access", {"partial"}, set(), "access-without-logic", "C-203/22", "eu.reminder"),
    ("eu.gdpr.access", {"fee-requested"}, {"first_copy"}, "fee-for-first-copy", "Art 15(3)", "eu.reminder"),
    ("uk.gdpr.access", {"fee-requested"}, {"first_copy"}, "uk-fee-for-first-copy", "UK GDPR Art 15(3)", "uk.reminder"),
    ("us.fcra.dispute-cra", {"frivolous"}, set(), "frivolous-without-reasons", "§611(a)(3)(B)", "us.cfpb-complaint"),
])
def test_an_answer_that_breaks_a_rule(procedure, classes, checks, code, citation, letter):
    found = {f.code: f for f in review.findings(procedure, classes, checks)}
    assert code in found
    assert citation in found[code].citation and found[code].letter_kind == letter
    assert citation.split()[-1] in found[code].draft or "611" in found[code].draft


@pytest.mark.parametrize(("procedure", "classes", "checks", "absent"), [
    ("us.fcra.dispute-cra", {"verified"}, {"procedure_described"}, "verified-without-procedure"),
    ("eu.gdpr.access", {"partial"}, {"logic_explained"}, "access-without-logic"),
    ("eu.gdpr.access", {"fee-requested"}, set(), "fee-for-first-copy"),  # a further copy may cost a fee
    ("us.fcra.dispute-cra", {"frivolous"}, {"reasons_given"}, "frivolous-without-reasons"),
    ("eu.gdpr.erasure", {"partial"}, set(), "access-without-logic"),
])
def test_a_lawful_answer_cites_no_broken_rule(procedure, classes, checks, absent):
    assert absent not in _codes(review.findings(procedure, classes, checks))


def test_the_other_classes_lead_to_their_usual_steps():
    overdue = review.findings("eu.gdpr.access", {"no-answer"}, set())
    assert [f.letter_kind for f in overdue][:2] == ["eu.reminder", "eu.complaint"]
    assert "id-requested" in _codes(review.findings("eu.gdpr.access", {"id-requested"}, set()))
    assert "extended" in _codes(review.findings("eu.gdpr.access", {"extended"}, set()))
    assert _codes(review.findings("us.fcra.dispute-cra", {"deleted", "corrected"}, set())) == ["resolved"]
    refused = review.findings("eu.gdpr.erasure", {"refused"}, set())
    assert [f.letter_kind for f in refused] == ["eu.complaint"]
    assert not any(f.citation for f in refused)


def _sent(engine, world, procedure, items=("Acme", "Beta")):
    with Session(engine, expire_on_commit=False) as s:
        from app.cases.models import Case
        p = _round(s, _ctx(s, world, "alice"), s.get(Case, world.ids["case1"]), procedure, None,
                   sent=today().replace(day=1).isoformat() if today().day > 1 else today().isoformat(), items=items)
        s.commit()
        return p.id


def test_reviewing_a_dispute_records_the_answer_and_drafts_the_letter(make_client, world, engine):
    pid = _sent(engine, world, "us.fcra.dispute-cra")
    alice = make_client("alice@example.org")
    page = BeautifulSoup(alice.get(f"/proceedings/{pid}/review").text, "html.parser")
    selects = [s["name"] for s in page.select("#review-form select")]
    assert len(selects) == 2
    r = post(alice, f"/proceedings/{pid}/review", {"on": today().isoformat(), selects[0]: "deleted",
                                                   selects[1]: "verified"})
    assert r.status_code == 303
    page = BeautifulSoup(alice.get(r.headers["location"]).text, "html.parser")
    finding = page.select_one('#findings li[data-code="verified-without-procedure"]')
    assert "§611(a)(7)" in finding.select_one(".citation").text
    with Session(engine) as s:
        assert s.get(Proceeding, pid).answered_on == today()
        outcomes = sorted(o.outcome for o in s.exec(select(ItemOutcome)
                                                     .join(ProceedingItem, ProceedingItem.id == ItemOutcome.item_id)
                                                     .where(ProceedingItem.proceeding_id == pid)))
        assert outcomes == ["deleted", "verified"]
        note = s.exec(select(ProceedingEvent.note).where(ProceedingEvent.proceeding_id == pid,
                                                         ProceedingEvent.kind == "answered")).one()
        assert "§611(a)(7)" in note
    form = finding.select_one("form")
    r = post(alice, form["action"], {i["name"]: i["value"] for i in form.select("input") if i["name"] != "csrf_token"})
    assert r.status_code == 303 and "kind=us.method-of-verification" in r.headers["location"]


def test_an_access_answer_without_the_scoring_logic_drafts_the_reminder(make_client, world, engine):
    pid = _sent(engine, world, "eu.gdpr.access", items=())
    alice = make_client("alice@example.org")
    r = post(alice, f"/proceedings/{pid}/review", {"on": today().isoformat(), "class_answer": "partial"})
    assert r.status_code == 303
    page = BeautifulSoup(alice.get(r.headers["location"]).text, "html.parser")
    form = page.select_one('#findings li[data-code="access-without-logic"] form')
    r = post(alice, form["action"], {i["name"]: i["value"] for i in form.select("input") if i["name"] != "csrf_token"})
    assert r.status_code == 303 and "finding=access-without-logic" in r.headers["location"]
    letter_form = BeautifulSoup(alice.get(r.headers["location"]).text, "html.parser")
    missing = letter_form.select_one('textarea[name="facts.missing"]')
    assert missing is not None and "C-203/22" in missing.text


@pytest.mark.parametrize(("data", "field"), [
    ({"on": "2026-01-01"}, "classes"),
    ({"on": "", "class_answer": "partial"}, "on"),
    ({"on": "2026-01-01", "class_answer": "nonsense"}, "class_answer"),
    ({"on": "2026-01-01", "class_answer": "extended"}, "new_due"),
])
def test_a_bad_review_re_renders_the_form(make_client, world, engine, data, field):
    pid = _sent(engine, world, "eu.gdpr.access", items=())
    r = post(make_client("alice@example.org"), f"/proceedings/{pid}/review", data)
    assert r.status_code == 400
    page = BeautifulSoup(r.text, "html.parser")
    assert page.select_one(f"#{field}-error"), re.findall(r'field-error[^>]*>[^<]*', r.text)
    assert page.select_one("#review-form")


def test_clients_cannot_review(make_client, world, engine):
    pid = _sent(engine, world, "eu.gdpr.access", items=())
    dave = make_client("dave@example.org")
    assert dave.get(f"/proceedings/{pid}/review").status_code == 403
    assert post(dave, f"/proceedings/{pid}/review", {"on": "2026-01-01", "class_answer": "partial"}).status_code == 403


def test_the_next_steps_read_in_spanish_and_the_draft_stays_english(make_client, world, engine):
    """Issue 13: the steps are messages shown in the reader's language; the paragraph drafted for the
    letter to the US bureau stays English, as the letter is."""
    pid = _sent(engine, world, "us.fcra.dispute-cra")
    alice = make_client("alice@example.org")
    assert post(alice, "/account/language", {"language": "es"}).status_code == 303
    selects = [s["name"] for s in BeautifulSoup(alice.get(f"/proceedings/{pid}/review").text,
                                                "html.parser").select("#review-form select")]
    r = post(alice, f"/proceedings/{pid}/review", {"on": today().isoformat(), selects[0]: "verified",
                                                   selects[1]: "deleted"})
    page = BeautifulSoup(alice.get(r.headers["location"]).text, "html.parser")
    finding = page.select_one('#findings li[data-code="verified-without-procedure"]')
    step = next(f for f in review.findings("us.fcra.dispute-cra", {"verified"}, set())
                if f.code == "verified-without-procedure")
    assert step.text.render("es").startswith("Pregunta cómo se verificó")
    assert step.text.render("es") in finding.get_text() and str(step.text) not in finding.get_text()
    draft = finding.select_one("blockquote.draft")
    assert draft["lang"] == "en" and draft.get_text() == review.DRAFTS["verified-without-procedure"]
    # The timeline's next steps (app/proceedings/next_steps.py) read in Spanish too.
    detail = BeautifulSoup(alice.get(f"/proceedings/{pid}").text, "html.parser")
    steps = detail.select_one("#next-steps")
    assert steps is not None and "Pregunta cómo se verificó" in steps.get_text()


def test_the_review_note_on_the_timeline_reads_in_spanish(make_client, world, engine):
    """Issue 13: the note the review writes is stored in English (old rows too) and shown in the
    reader's language, its citations as written."""
    pid = _sent(engine, world, "us.fcra.dispute-cra")
    alice = make_client("alice@example.org")
    selects = [s["name"] for s in BeautifulSoup(alice.get(f"/proceedings/{pid}/review").text,
                                                "html.parser").select("#review-form select")]
    post(alice, f"/proceedings/{pid}/review", {"on": today().isoformat(), selects[0]: "verified",
                                               selects[1]: "deleted"})
    with Session(engine) as s:
        note = s.exec(select(ProceedingEvent.note).where(ProceedingEvent.proceeding_id == pid,
                                                         ProceedingEvent.kind == "answered")).one()
    assert note.startswith("Answer reviewed. The answer breaks: ") and "§611(a)(7)" in note
    english = [p.get_text() for p in BeautifulSoup(alice.get(f"/proceedings/{pid}").text,
                                                   "html.parser").select(".note-body")]
    assert note in english
    assert post(alice, "/account/language", {"language": "es"}).status_code == 303
    spanish = " ".join(p.get_text() for p in BeautifulSoup(alice.get(f"/proceedings/{pid}").text,
                                                           "html.parser").select(".note-body"))
    assert "Respuesta revisada. La respuesta incumple: " in spanish and "§611(a)(7)" in spanish
    assert "Answer reviewed" not in spanish
