from bs4 import BeautifulSoup
from sqlmodel import select

from app.journeys.models import Plan, PlanStep
from app.letters.models import Letter
from app.proceedings.models import Proceeding
from tests.conftest import post
from tests.journeys.helpers import ADDRESS, confirm, step_name, submit, walk

SCREENS = [{"what": ["accounts", "collectors"]}, {"companies": "Acme Bank\nShopCo"},
           {"collectors": "Grab Collections"}, {"police": "no"}, ADDRESS]


def test_identity_theft_end_to_end(pat, session):
    review = walk(pat, "identity-theft", SCREENS)
    soup = BeautifulSoup(review.text, "html.parser")
    created = [li.get_text() for li in soup.select("#journey-created li")]
    assert any("Acme Bank" in c for c in created) and any("Grab Collections" in c for c in created)
    assert session.exec(select(Plan)).first() is None  # nothing before the confirmation
    done = confirm(pat, "identity-theft", review.text)
    assert done.status_code == 303 and done.headers["location"].startswith("/plans/")
    plan_page = pat.get(done.headers["location"])
    assert plan_page.status_code == 200
    soup = BeautifulSoup(plan_page.text, "html.parser")
    keys = [li["data-step-key"] for li in soup.select("#plan-steps > li")]
    assert keys == ["fraud_alert", "freeze", "freeze", "freeze", "ftc_report", "block", "block", "block",
                    "records", "records", "collector"]
    assert soup.find(id="plan-next")["data-step-id"]
    assert soup.select_one('a[href="https://www.identitytheft.gov"]')
    assert soup.select_one('a[href="https://www.equifax.com/personal/credit-report-services/credit-freeze/"]')
    session.rollback()
    letters = session.exec(select(Letter)).all()
    assert {ltr.kind_id for ltr in letters} == {"us.fraud-alert-initial", "us.security-freeze", "us.identity-theft-block",
                                                "us.identity-theft-records", "us.debt-validation"}
    assert len(session.exec(select(Proceeding)).all()) == len(letters) == 10
    assert all(li.select_one("[data-letter-id]") for li in soup.select("#plan-steps > li")
               if li["data-step-key"] not in ("ftc_report",))


def test_progress_and_report_number(pat, session):
    done = confirm(pat, "identity-theft", walk(pat, "identity-theft", SCREENS).text)
    url = done.headers["location"]
    plan = session.exec(select(Plan)).one()
    ftc = session.exec(select(PlanStep).where(PlanStep.key == "ftc_report")).one()
    bad = post(pat, f"{url}/steps/{ftc.id}/number", {"number": ""})
    assert bad.status_code == 400 and 'id="number-error"' in bad.text
    assert post(pat, f"{url}/steps/{ftc.id}/number", {"number": "123456789"}).status_code == 303
    first = session.exec(select(PlanStep).where(PlanStep.plan_id == plan.id, PlanStep.position == 0)).one()
    assert post(pat, f"{url}/steps/{first.id}", {"done": "1"}).status_code == 303
    soup = BeautifulSoup(pat.get(url).text, "html.parser")
    assert soup.find("progress")["value"] == "2"
    assert soup.find(id=f"step-{first.id}")["data-done"] == "yes"
    session.rollback()
    block = session.exec(select(Letter).where(Letter.kind_id == "us.identity-theft-block")).first()
    assert "123456789" in block.data


def test_back_keeps_answers_and_validation_rerenders(pat):
    first = pat.get("/start/identity-theft")
    empty = submit(pat, "identity-theft", first.text, {})
    assert empty.status_code == 400 and 'id="what-error"' in empty.text and step_name(empty.text) == "what"
    second = submit(pat, "identity-theft", first.text, {"what": ["charges"]})
    assert step_name(second.text) == "companies"
    third = submit(pat, "identity-theft", second.text, {"companies": "Acme Bank"})
    assert step_name(third.text) == "police"  # no collectors ticked: that screen is skipped
    back = submit(pat, "identity-theft", third.text, {}, go="back")
    assert step_name(back.text) == "companies" and "Acme Bank" in back.text
    back = submit(pat, "identity-theft", back.text, {"companies": "Acme Bank"}, go="back")
    soup = BeautifulSoup(back.text, "html.parser")
    assert step_name(back.text) == "what" and soup.find("input", value="charges").has_attr("checked")


def test_csrf_and_other_users(pat, make_client, session):
    url = confirm(pat, "identity-theft", walk(pat, "identity-theft", SCREENS).text).headers["location"]
    no_token = pat.post("/start/identity-theft", data={"what": "charges", "go": "next"})
    assert no_token.status_code in (400, 403)
    step = session.exec(select(PlanStep)).first()
    assert pat.post(f"{url}/steps/{step.id}", data={"done": "1"}).status_code in (400, 403)
    erin = make_client("erin@example.org")
    assert erin.get(url).status_code == 404
    assert post(erin, f"{url}/steps/{step.id}", {"done": "1"}).status_code == 404
