"""The other journeys end to end, the landing page after sign-up and sign-in, and the words."""

from bs4 import BeautifulSoup
from sqlmodel import select

from app.journeys.models import Plan, PlanStep
from app.letters.models import Letter
from app.proceedings.models import Proceeding
from app.recipients.models import Recipient
from tests.conftest import post, sign_in
from tests.journeys.helpers import ADDRESS, confirm, step_name, submit, walk


def _plan(client, slug, screens):
    done = confirm(client, slug, walk(client, slug, screens).text)
    assert done.status_code == 303, done.text[:2000]
    page = client.get(done.headers["location"])
    assert page.status_code == 200
    return BeautifulSoup(page.text, "html.parser")


def _keys(soup) -> list[str]:
    return [li["data-step-key"] for li in soup.select("#plan-steps > li")]


def test_freeze_all_three_bureaus(pat, session):
    soup = _plan(pat, "freeze", [{"action": "freeze"}, ADDRESS])
    assert _keys(soup) == ["freeze"] * 3
    assert len(soup.select('a[data-external="yes"]')) == 3
    session.rollback()
    assert len(session.exec(select(Letter).where(Letter.kind_id == "us.security-freeze")).all()) == 3
    assert len(session.exec(select(Proceeding)).all()) == 3


def test_unfreeze_for_a_while_checks_the_dates(pat, session):
    page = walk(pat, "freeze", [{"action": "lift"}, {"request": "lift-temporarily"},
                                {"lift_from": "2030-02-01", "lift_until": "2030-03-01"}, ADDRESS])
    back = submit(pat, "freeze", page.text, go="back")
    assert step_name(back.text) == "address"
    dates = submit(pat, "freeze", back.text, ADDRESS, go="back")
    assert step_name(dates.text) == "dates" and 'value="2030-02-01"' in dates.text
    wrong = submit(pat, "freeze", dates.text, {"lift_from": "2030-03-01", "lift_until": "2030-02-01"})
    assert wrong.status_code == 400 and 'id="lift_until-error"' in wrong.text


def test_get_my_report_us_with_specialty_reports(pat, session):
    soup = _plan(pat, "report", [{"country": "us"}, {"needs": ["renting", "banking"]}, ADDRESS])
    keys = _keys(soup)
    assert keys[:2] == ["online", "central_mail"] and keys.count("specialty") == 5
    assert soup.select_one('a[href="https://www.annualcreditreport.com"]')


def test_get_my_report_eu_uses_the_directory(pat, session):
    page = submit(pat, "report", submit(pat, "report", pat.get("/start/report").text, {"country": "eu"}).text,
                  {"eu_country": "de"})
    assert step_name(page.text) == "agencies"
    offered = {i["value"]: i for i in BeautifulSoup(page.text, "html.parser").select('input[name="agencies"]')}
    schufa = session.exec(select(Recipient).where(Recipient.slug == "eu-schufa")).one()
    assert str(schufa.id) in offered and len(offered) >= 10  # every German agency, not the first six
    two = [str(schufa.id), next(i for i in offered if i != str(schufa.id))]
    review = submit(pat, "report", submit(pat, "report", page.text, {"agencies": two}).text, ADDRESS)
    assert "SCHUFA" in BeautifulSoup(review.text, "html.parser").find(id="journey-created").get_text()
    done = confirm(pat, "report", review.text)
    soup = BeautifulSoup(pat.get(done.headers["location"]).text, "html.parser")
    assert _keys(soup) == ["access", "access"]
    session.rollback()
    letters = session.exec(select(Letter)).all()
    assert len(letters) == 2 and all(ltr.kind_id == "eu.access" and ltr.lang == "de" for ltr in letters)
    assert {ltr.recipient_id for ltr in letters} == {int(i) for i in two}


def test_every_country_with_credit_agencies_is_offered():
    from app.journeys.get_report import EU_COUNTRIES
    from app.recipients.directory import load
    tagged = {j for r in load() if r["kind"] == "credit-agency" for j in r["jurisdictions"] if j.startswith("EU-")}
    offered = {f"EU-{code.upper()}" for code, _ in EU_COUNTRIES}
    assert tagged - {"EU-ALL"} <= offered and len(offered) == 30  # the 27 member states and IS, LI, NO


def test_a_country_without_agencies_points_to_its_authority(pat, session):
    review = walk(pat, "report", [{"country": "eu"}, {"eu_country": "fr"}, ADDRESS])  # no agencies step
    created = BeautifulSoup(review.text, "html.parser").find(id="journey-created").get_text()
    assert "France" in created and "Commission Nationale" in created
    soup = BeautifulSoup(pat.get(confirm(pat, "report", review.text).headers["location"]).text, "html.parser")
    assert _keys(soup) == ["no_agency", "authority", "access"]
    link = soup.select_one('li[data-step-key="authority"] a.button')["href"]
    assert link == "/recipients?kind=regulator&jurisdiction=EU-FR"
    assert "Commission Nationale" in pat.get(link).text
    iceland = _plan(pat, "report", [{"country": "eu"}, {"eu_country": "is"}])
    assert _keys(iceland) == ["no_agency", "authority_unknown", "access"]
    assert iceland.select_one('a[href^="https://www.edpb.europa.eu/"]')


def test_get_my_report_china(pat):
    soup = _plan(pat, "report", [{"country": "cn"}, ADDRESS])
    assert _keys(soup) == ["pboc_online", "pboc_letter"]


def test_track_a_request_sent_elsewhere(pat, session):
    soup = _plan(pat, "track", [{"procedure": "eu.gdpr.access"}, {"recipient_name": "SCHUFA"},
                                {"sent_on": "2026-11-02"}, {"channel": "post"}])
    assert _keys(soup) == ["wait", "answer"]
    assert soup.select_one(".deadline time")  # the deadline runs from the day it was sent
    session.rollback()
    proceeding = session.exec(select(Proceeding)).one()
    assert proceeding.recipient_name == "SCHUFA" and proceeding.next_due is not None


def test_track_refuses_a_future_date(pat):
    page = pat.get("/start/track")
    for answers in ({"procedure": "us.fcra.dispute-cra"}, {"recipient_name": "Equifax"}):
        page = submit(pat, "track", page.text, answers)
    future = submit(pat, "track", page.text, {"sent_on": "2999-01-01"})
    assert future.status_code == 400 and 'id="sent_on-error"' in future.text


def test_refused_us_and_eu(pat, session):
    soup = _plan(pat, "refused", [{"country": "us"}, {"lender": "Big Bank"}, {"application": "a credit card"},
                                  {"notice_on": "2026-11-20"}, {"bureau": "experian"}, ADDRESS])
    assert _keys(soup) == ["free_report", "ecoa"]
    assert "2027-01-19" in soup.get_text()  # 60 days after the notice (FCRA §612(b))
    soup = _plan(pat, "refused", [{"country": "eu"}, {"lender": "Bank AG"}, {"application": "a loan"},
                                  {"notice_on": "2026-11-20"}])  # the address is known now
    assert _keys(soup) == ["eu_access", "eu_review"]


def test_fix_an_error_by_describing_it(pat, session):
    soup = _plan(pat, "fix", [{"have": "paper"}, {"bureau": "equifax"}, {"company": "Acme Bank"},
                              {"wrong": "I paid this in full in May 2025."}, {"send_to": ["bureau", "company"]},
                              {"evidence": ["id", "statements"]}, ADDRESS])
    assert _keys(soup) == ["evidence", "dispute_bureau", "dispute_company"]
    session.rollback()
    assert {ltr.kind_id for ltr in session.exec(select(Letter)).all()} == {"us.dispute-cra", "us.dispute-furnisher"}


def test_fix_with_a_file_hands_off_to_the_import_screen(pat, session):
    soup = _plan(pat, "fix", [{"have": "file"}])
    assert _keys(soup) == ["import"]
    link = soup.select_one("#plan-steps a.button")["href"]
    assert link.endswith("/reports") and pat.get(link).status_code == 200


def test_unknown_journey_and_bad_case_are_404(pat):
    assert pat.get("/start/nothing").status_code == 404
    assert pat.get("/start/freeze?case=abc").status_code == 404
    assert post(pat, "/start/nothing", {"go": "next"}).status_code == 404


def test_tampered_review_is_checked_again(pat, session):
    page = pat.get("/start/track")
    forged = submit(pat, "track", page.text.replace('data-step="procedure"', 'data-step="x"'),
                    {"step": "review", "procedure": "nope"}, go="confirm")
    assert forged.status_code == 400 and session.exec(select(Plan)).first() is None


def test_personal_user_lands_on_start(client, world, caplog):
    from tests.conftest import sign_up
    r = sign_up(client, caplog, email="pat@example.org")
    assert r.headers["location"] == "/start"
    page = client.get("/start")
    assert page.status_code == 200 and len(BeautifulSoup(page.text, "html.parser").select("#journeys li")) == 6
    post(client, "/signout")
    r = sign_in(client, "pat@example.org")
    assert client.get(r.headers["location"]).headers["location"] == "/start"


def test_clinic_staff_keep_today(make_client, world):
    alice = make_client("alice@example.org")
    assert alice.get("/").headers["location"] == "/today"


def test_clinic_intake_from_a_case(make_client, world, session):
    bob = make_client("bob@example.org")
    case_id = world.ids["case1"]
    page = bob.get(f"/start/freeze?case={case_id}")
    assert page.status_code == 200 and f'name="case" value="{case_id}"' in page.text
    done = confirm(bob, "freeze", walk(bob, "freeze", [{"action": "freeze"}], start=f"/start/freeze?case={case_id}").text)
    assert done.status_code == 303
    session.rollback()
    assert session.exec(select(Plan)).one().case_id == case_id
    erin = make_client("erin@example.org")
    assert erin.get(f"/start/freeze?case={case_id}").status_code == 404
    assert bob.get("/start").status_code == 200


def test_personal_navigation_has_no_clinic_words(pat):
    nav = BeautifulSoup(pat.get("/start").text, "html.parser").find("nav")
    words = nav.get_text()
    for word in ("Members", "Workspaces", "Audit log", "Letter wording", "Clients"):
        assert word not in words
    assert "My details" in words
    account = BeautifulSoup(pat.get("/account").text, "html.parser")
    hrefs = {a["href"] for a in account.find_all("a")}
    assert {"/workspaces", "/audit", "/letter-templates"} <= hrefs


def test_plan_steps_of_another_plan_are_404(pat, session):
    _plan(pat, "freeze", [{"action": "freeze"}, ADDRESS])
    _plan(pat, "report", [{"country": "cn"}])
    first, second = session.exec(select(Plan).order_by(Plan.id)).all()
    other_step = session.exec(select(PlanStep).where(PlanStep.plan_id == second.id)).first()
    assert post(pat, f"/plans/{first.id}/steps/{other_step.id}", {"done": "1"}).status_code == 404


def test_case_page_offers_a_journey_to_staff_only(make_client, world):
    case_id = world.ids["case1"]
    bob, carol = make_client("bob@example.org"), make_client("carol@example.org")
    link = BeautifulSoup(bob.get(f"/cases/{case_id}").text, "html.parser").find(id="start-journey")
    assert link["href"] == f"/start?case={case_id}"
    assert BeautifulSoup(carol.get(f"/cases/{case_id}").text, "html.parser").find(id="start-journey") is None
    start = BeautifulSoup(bob.get("/start").text, "html.parser")
    assert start.find(id="start-from-case")
    with_case = BeautifulSoup(bob.get(f"/start?case={case_id}").text, "html.parser")
    assert with_case.find(id="start-from-case") is None
    assert with_case.select_one('#journeys a')["href"].endswith(f"?case={case_id}")


def test_an_existing_self_profile_is_reused(pat, session):
    """Someone who filled in "my details" before journeys existed keeps one consumer, and gets a case."""
    from app.consumers.models import Consumer
    page = BeautifulSoup(pat.get("/consumers/new?self=1").text, "html.parser")
    assert page.find("form")
    assert post(pat, "/consumers/new", {"legal_name": "Pat Person", "email": "pat@example.org",
                                        "current_line1": "1 Main St", "current_city": "Springfield",
                                        "current_country": "US", "preferred_language": "en",
                                        "national_id_kind": "ssn"}).status_code == 303
    page = pat.get("/start/freeze")
    page = submit(pat, "freeze", page.text, {"action": "freeze"})
    assert step_name(page.text) == "review"  # the address is known: not asked again
    assert confirm(pat, "freeze", page.text).status_code == 303
    session.rollback()
    assert len(session.exec(select(Consumer).where(Consumer.legal_name == "Pat Person")).all()) == 1


def test_the_account_export_holds_the_plans(pat, session):
    import io
    import json
    import zipfile
    _plan(pat, "freeze", [{"action": "freeze"}, ADDRESS])
    response = pat.get("/account/export")
    assert response.status_code == 200
    zf = zipfile.ZipFile(io.BytesIO(response.content))
    [name] = [n for n in zf.namelist() if n.endswith("data.json") and "journey_plans" in zf.read(n).decode()]
    data = json.loads(zf.read(name))
    assert [p["journey"] for p in data["journey_plans"]] == ["freeze"]
    assert [s["key"] for s in data["journey_plan_steps"]] == ["freeze"] * 3


def test_journey_links_and_forms_are_paths_on_this_site(pat):
    """Links and form targets are paths, not absolute URLs built from the request, so they keep the
    site's own https behind a proxy whose forwarded headers the server does not trust."""
    freeze = _plan(pat, "freeze", [{"action": "freeze"}, ADDRESS])
    pages = [BeautifulSoup(pat.get(url).text, "html.parser") for url in ("/start", "/start/identity-theft")]
    for soup in [*pages, freeze]:
        targets = [a["href"] for a in soup.select("main a[href]") if not a.get("data-external")]
        targets += [f["action"] for f in soup.select("main form[action]")]
        assert targets and all(t.startswith(("/", "#")) for t in targets), targets
