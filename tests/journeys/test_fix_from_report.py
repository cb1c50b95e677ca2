"""Journey 2 with a saved report: tick several findings and items at once, then the dispute builder
drafts one letter per bureau and one per company (issue 13)."""

import json

from bs4 import BeautifulSoup
from sqlmodel import Session, select

from app.accounts.models import User
from app.cases.models import Case
from app.credit_reports import service as reports
from app.journeys.models import Plan, PlanStep
from app.letters.models import Letter
from app.proceedings.models import ProceedingItem
from app.workspaces.models import Member
from tests.conftest import post
from tests.credit_reports.conftest import fixture_report
from tests.documents.conftest import context
from tests.journeys.helpers import ADDRESS, confirm, step_name, submit, walk


def _save_report(engine, email="pat@example.org") -> tuple[int, object]:
    """A report in the person's own case (made by a first journey), as an import saves it."""
    with Session(engine, expire_on_commit=False) as s:
        user = s.exec(select(User).where(User.email == email)).one()
        member = s.exec(select(Member).where(Member.user_id == user.id)).one()
        ctx = context(engine, user.id, member.workspace_id)
        case = s.exec(select(Case).where(Case.workspace_id == member.workspace_id)).one()
        report = fixture_report()
        row = reports.save_report(s, ctx, case, report, source="json")
        s.commit()
        return row.id, report


def _options(html: str, name: str) -> dict[str, str]:
    soup = BeautifulSoup(html, "html.parser")
    return {i["value"]: soup.find("label", attrs={"for": i["id"]}).get_text(" ", strip=True)
            for i in soup.select(f'#journey-form input[name="{name}"]') if i.get("type") != "hidden"}


def _start(pat, engine):
    confirm(pat, "freeze", walk(pat, "freeze", [{"action": "freeze"}, ADDRESS]).text)  # makes the case
    return _save_report(engine)


def test_saved_report_is_offered_only_when_there_is_one(pat, engine):
    assert "saved" not in _options(pat.get("/start/fix").text, "have")
    _start(pat, engine)
    assert "saved" in _options(pat.get("/start/fix").text, "have")


def test_pick_several_items_and_get_one_letter_per_bureau_and_company(pat, engine, session):
    report_id, report = _start(pat, engine)
    midland = next(a for a in report.accounts if a.furnisher == "MIDLAND CREDIT MANAGEMENT")
    page = submit(pat, "fix", pat.get("/start/fix").text, {"have": "saved"})
    assert step_name(page.text) == "report"
    page = submit(pat, "fix", page.text, {"report": str(report_id)})
    assert step_name(page.text) == "items"
    shown = _options(page.text, "items")
    # Every item is offered as a checkbox; the flagged ones come first, with the finding in words.
    assert set(shown) == {i.key for i in report.items()}
    assert list(shown)[0] == midland.key
    hint = BeautifulSoup(page.text, "html.parser").find(id=f"items-{midland.key}-hint") or \
        BeautifulSoup(page.text, "html.parser").find(id="items-hint")
    assert "had to come off by" in hint.get_text()
    soup = BeautifulSoup(page.text, "html.parser")
    unflagged = {i["value"] for i in soup.select('input[name="items"]') if not i.get("aria-describedby")}
    bank = next(a for a in report.accounts if a.furnisher == "FIRST EXAMPLE BANK")
    other = next(i for i in report.items() if i.key in unflagged)
    page = submit(pat, "fix", page.text, {"items": [midland.key, bank.key, other.key, "forged-key"]})
    # One item has no finding: the person says what is wrong with it.
    assert step_name(page.text) == "why"
    back = submit(pat, "fix", page.text, go="back")
    assert step_name(back.text) == "items"
    ticked = {i["value"] for i in BeautifulSoup(back.text, "html.parser").select('input[name="items"][checked]')}
    assert ticked == {midland.key, bank.key, other.key}  # Back keeps the answers; the forged key is gone
    page = submit(pat, "fix", back.text, {"items": [midland.key, bank.key, other.key]})
    page = submit(pat, "fix", page.text, {"why": "I do not know this at all."})
    page = submit(pat, "fix", page.text, {"send_to": ["bureau", "company"]})
    assert step_name(page.text) == "evidence"
    review = submit(pat, "fix", page.text, {"evidence": ["id", "statements"]})
    assert step_name(review.text) == "review"
    created = BeautifulSoup(review.text, "html.parser").find(id="journey-created").get_text(" ", strip=True)
    assert "Experian" in created and "MIDLAND CREDIT MANAGEMENT" in created and "FIRST EXAMPLE BANK" in created
    session.rollback()
    assert not session.exec(select(Letter).where(Letter.kind_id != "us.security-freeze")).all()  # nothing yet
    done = confirm(pat, "fix", review.text)
    assert done.status_code == 303, done.text[:2000]
    session.rollback()
    plan = session.exec(select(Plan).where(Plan.journey == "fix")).one()
    keys = [s.key for s in session.exec(select(PlanStep).where(PlanStep.plan_id == plan.id)
                                        .order_by(PlanStep.position)).all()]
    assert keys == ["evidence", "dispute_bureau", "dispute_company", "dispute_company"]
    letters = {ltr.kind_id: json.loads(ltr.data) for ltr in session.exec(select(Letter)).all()
               if ltr.kind_id != "us.security-freeze"}
    # One letter to the bureau about both items; the collector and the bank get their own.
    assert set(letters) == {"us.dispute-cra", "us.collection-dispute", "us.dispute-furnisher"}
    cra = letters["us.dispute-cra"]["facts"]["items"]
    assert len(cra) == 3 and [i["why"] for i in cra].count("I do not know this at all.") == 1
    mid = next(i for i in cra if i["furnisher"] == "MIDLAND CREDIT MANAGEMENT")
    assert mid["why"].startswith("This item is older than the law allows") and mid["action"] == "delete"
    tied = {i.report_item_key for i in session.exec(select(ProceedingItem)).all()}
    assert {midland.key, bank.key, other.key} <= tied
    page = BeautifulSoup(pat.get(done.headers["location"]).text, "html.parser")
    assert "Experian" in page.find(id="plan-steps").get_text()


def test_company_only_without_an_account_says_so(pat, engine):
    report_id, report = _start(pat, engine)
    inquiry = report.inquiries[0]
    page = pat.get("/start/fix")
    for answers in ({"have": "saved"}, {"report": str(report_id)}, {"items": [inquiry.key]}):
        page = submit(pat, "fix", page.text, answers)
    if step_name(page.text) == "why":
        page = submit(pat, "fix", page.text, {"why": "I never applied for credit there."})
    review = submit(pat, "fix", submit(pat, "fix", page.text, {"send_to": ["company"]}).text, {})
    assert "only accounts can go to a company" in review.text
    refused = confirm(pat, "fix", review.text)
    assert refused.status_code == 400 and 'id="error-summary"' in refused.text


def test_a_report_of_another_case_is_not_offered(pat, engine):
    report_id, _ = _start(pat, engine)
    page = submit(pat, "fix", pat.get("/start/fix").text, {"have": "saved"})
    wrong = submit(pat, "fix", page.text, {"report": str(report_id + 1000)})
    assert wrong.status_code == 400 and 'id="report-error"' in wrong.text


def test_an_item_marked_not_mine_gets_the_block_request(pat, engine, session):
    report_id, report = _start(pat, engine)
    bank = next(a for a in report.accounts if a.furnisher == "FIRST EXAMPLE BANK")
    midland = next(a for a in report.accounts if a.furnisher == "MIDLAND CREDIT MANAGEMENT")
    assert post(pat, f"/reports/{report_id}/marks", {"item": bank.key, "mark": "not-mine"}).status_code == 303
    review = walk(pat, "fix", [{"have": "saved"}, {"report": str(report_id)}, {"items": [bank.key, midland.key]},
                               {"send_to": ["bureau"]}, {}])
    created = BeautifulSoup(review.text, "html.parser").find(id="journey-created").get_text(" ", strip=True)
    assert "block what is not yours (items: 1)" in created and "Experian (items: 1)" in created
    done = confirm(pat, "fix", review.text)
    assert done.status_code == 303
    session.rollback()
    plan = session.exec(select(Plan).where(Plan.journey == "fix")).one()
    keys = [s.key for s in session.exec(select(PlanStep).where(PlanStep.plan_id == plan.id)
                                        .order_by(PlanStep.position)).all()]
    assert keys == ["evidence", "dispute_bureau", "block_bureau"]
    assert {ltr.kind_id for ltr in session.exec(select(Letter)).all()} >= {"us.dispute-cra", "us.identity-theft-block"}


def test_items_and_findings_are_in_the_readers_language(pat, engine):
    report_id, report = _start(pat, engine)
    midland = next(a for a in report.accounts if a.furnisher == "MIDLAND CREDIT MANAGEMENT")
    pat.cookies.set("recourse_lang", "es")
    post(pat, "/language", {"language": "es", "next": "/"})
    page = submit(pat, "fix", pat.get("/start/fix").text, {"have": "saved"})
    page = submit(pat, "fix", page.text, {"report": str(report_id)})
    assert step_name(page.text) == "items"
    soup = BeautifulSoup(page.text, "html.parser")
    hint = (soup.find(id=f"items-{midland.key}-hint") or soup.find(id="items-hint")).get_text(" ", strip=True)
    assert "had to come off by" not in hint and "tenía que salir" in hint
    label = _options(page.text, "items")[midland.key]
    assert "account ending" not in label and "cuenta" in label
