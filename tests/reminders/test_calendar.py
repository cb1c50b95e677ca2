"""The personal iCalendar feed and the per-proceeding .ics download."""

from datetime import timedelta

from bs4 import BeautifulSoup
from icalendar import Calendar

from tests.conftest import post
from tests.reminders.conftest import DOB, SSN, days


def feed_path(client) -> str:
    response = post(client, "/calendar/regenerate")
    assert response.status_code == 200
    url = BeautifulSoup(response.text, "html.parser").find(id="feed-url")["value"]
    return url.split("8000", 1)[1]


def events(body: bytes) -> list:
    return Calendar.from_ical(body).walk("VEVENT")


def test_feed_lists_visible_deadlines_as_all_day_events(web, world, make_client, add_proceeding):
    p1 = add_proceeding("case1", [{"due": days(3)}, {"key": "furnisher-notice", "label": "Pass it on", "due": days(1),
                                                      "estimated": True}])
    p2 = add_proceeding("case2", [{"due": days(10)}])
    add_proceeding("case3", [{"due": days(4)}])  # clinic B
    add_proceeding("case1", [{"due": days(6), "applies": False}])

    alice = make_client("alice@example.org")
    page = alice.get("/calendar")
    assert page.status_code == 200 and 'data-has-token="false"' in page.text
    path = feed_path(alice)
    assert 'data-has-token="true"' in alice.get("/calendar").text
    assert "feed-url" not in alice.get("/calendar").text  # shown once

    response = make_client().get(path)  # no sign-in needed
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/calendar")
    found = {str(e["UID"]): e for e in events(response.content)}
    assert set(found) == {f"deadline-{p1}-response@recourse", f"deadline-{p1}-furnisher-notice@recourse",
                          f"deadline-{p2}-response@recourse"}
    event = found[f"deadline-{p1}-response@recourse"]
    assert event.decoded("DTSTART") == days(3) and event["DTSTART"].params["VALUE"] == "DATE"
    assert event.decoded("DTEND") == days(4)
    assert f"/proceedings/{p1}" in str(event["DESCRIPTION"]) and "30 days" in str(event["DESCRIPTION"])
    assert "(estimated)" in str(found[f"deadline-{p1}-furnisher-notice@recourse"]["SUMMARY"])
    alarm = event.walk("VALARM")[0]
    assert str(alarm["ACTION"]) == "DISPLAY" and alarm.decoded("TRIGGER") == timedelta(days=-1)
    for secret in (SSN, DOB, "6789"):
        assert secret.encode() not in response.content

    carol = make_client("carol@example.org")  # a volunteer: only her assigned case
    assert {str(e["UID"]) for e in events(carol.get(feed_path(carol)).content)} == {
        f"deadline-{p1}-response@recourse", f"deadline-{p1}-furnisher-notice@recourse"}


def test_unknown_token_is_404_and_regenerating_invalidates_the_old_url(web, world, make_client):
    alice, anonymous = make_client("alice@example.org"), make_client()
    assert anonymous.get("/calendar/not-a-real-token.ics").status_code == 404
    old = feed_path(alice)
    assert anonymous.get(old).status_code == 200
    new = feed_path(alice)
    assert new != old
    assert anonymous.get(old).status_code == 404
    assert anonymous.get(new).status_code == 200


def test_calendar_page_needs_sign_in_and_csrf(web, world, make_client):
    anonymous = make_client()
    assert anonymous.get("/calendar").status_code == 303
    alice = make_client("alice@example.org")
    assert alice.post("/calendar/regenerate", data={}).status_code == 403


def test_proceeding_ics_follows_case_visibility(web, world, make_client, add_proceeding):
    p1 = add_proceeding("case1", [{"due": days(3)}])
    p2 = add_proceeding("case2", [{"due": days(5)}])
    alice = make_client("alice@example.org")
    response = alice.get(f"/proceedings/{p1}/deadlines.ics")
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    [event] = events(response.content)
    assert event.decoded("DTSTART") == days(3) and str(event["UID"]) == f"deadline-{p1}-response@recourse"

    assert make_client("erin@example.org").get(f"/proceedings/{p1}/deadlines.ics").status_code == 404
    assert make_client("carol@example.org").get(f"/proceedings/{p2}/deadlines.ics").status_code == 404
    assert make_client("dave@example.org").get(f"/proceedings/{p1}/deadlines.ics").status_code == 200
    assert alice.get("/proceedings/999999/deadlines.ics").status_code == 404


def test_feed_is_written_in_the_owners_saved_language(web, world, make_client, add_proceeding, engine):
    """A calendar app fetches the feed without a session: the owner's saved language decides."""
    from sqlmodel import Session

    from app import i18n
    from app.cases.models import Case
    from app.rules import get_procedure

    label = "The credit bureau must finish checking your dispute"
    p1 = add_proceeding("case1", [{"due": days(3)}, {"key": "furnisher-notice", "label": label, "due": days(1),
                                                      "estimated": True}])
    alice = make_client("alice@example.org")
    assert post(alice, "/account/language", {"language": "es"}).status_code == 303
    path = feed_path(alice)
    body = make_client().get(path, headers={"accept-language": "en"}).content
    cal = Calendar.from_ical(body)
    assert str(cal["X-WR-CALNAME"]) == i18n.translate("es", "Recourse deadlines") != "Recourse deadlines"
    found = {str(e["UID"]): e for e in events(body)}
    with Session(engine) as s:
        number = s.get(Case, world.ids["case1"]).number
    estimated = found[f"deadline-{p1}-furnisher-notice@recourse"]
    spanish = i18n.translate("es", label)
    assert spanish != label
    assert str(estimated["SUMMARY"]) == i18n.translate("es", "Case %(number)s: %(label)s (estimated)",
                                                       number=number, label=spanish)
    assert "(estimated)" not in str(estimated["SUMMARY"]) and "Case " not in str(estimated["SUMMARY"])
    description = str(found[f"deadline-{p1}-response@recourse"]["DESCRIPTION"])
    title = get_procedure("us.fcra.dispute-cra").title
    assert i18n.translate("es", title) in description and title not in description
    # The citation stays as the law writes it; only the words around it change.
    assert "FCRA §611(a)(1)(A), 15 U.S.C. 1681i(a)(1)(A)" in description and "Legal basis" not in description

    # Back in English, the same feed is English again.
    assert post(alice, "/account/language", {"language": "en"}).status_code == 303
    english = {str(e["UID"]): e for e in events(make_client().get(path).content)}
    assert str(english[f"deadline-{p1}-furnisher-notice@recourse"]["SUMMARY"]).startswith("Case ")
    assert "Legal basis: FCRA" in str(english[f"deadline-{p1}-response@recourse"]["DESCRIPTION"])
