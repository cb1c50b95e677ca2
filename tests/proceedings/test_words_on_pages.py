"""Dates are written for the reader's language ("2 Dec 2026", "2 dic 2026"), with the ISO form kept
in <time datetime>; Today and the case page name each request and letter in a sentence, not by a
reference code alone (issue 13)."""

import json
from datetime import date, datetime, timedelta

from bs4 import BeautifulSoup
from sqlmodel import Session, select

from app.accounts.models import User
from app.cases.models import Case
from app.clock import today
from app.letters.models import Letter
from app.proceedings.models import Proceeding, ProceedingItem
from app.web import env
from tests.conftest import post


def _render(source: str, lang: str, **values) -> str:
    return env.from_string(source).render(lang=lang, **values)


def test_date_and_number_filters_follow_the_language():
    day, moment = date(2026, 12, 2), datetime(2026, 12, 2, 14, 5)
    assert _render("{{ d|day }}", "en", d=day) == "2 Dec 2026"
    assert _render("{{ d|day }}", "es", d=day) == "2 dic 2026"
    assert _render("{{ d|day_long }}", "en", d=day) == "2 December 2026"
    assert _render("{{ d|day_long }}", "es", d=day) == "2 de diciembre de 2026"
    assert _render("{{ d|day }}", "en", d=moment) == "2 Dec 2026"  # a datetime shows its date
    assert _render("{{ t|moment }}", "es", t=moment) == "2 dic 2026, 14:05"
    assert _render("{{ d|day }}", "en", d=None) == ""
    assert _render("{{ n|number(2) }}", "en", n=1234.5) == "1,234.50"
    assert _render("{{ n|number(2) }}", "es", n=1234.5) == "1.234,50"
    this_year = date(today().year, 3, 4)
    assert _render("{{ d|day_short }}", "en", d=this_year) == "4 Mar"
    assert _render("{{ d|day_short }}", "es", d=this_year.replace(year=this_year.year - 1)) == \
        f"4 mar {this_year.year - 1}"


def _dispute(engine, world, *, due: date) -> int:
    with Session(engine) as s:
        case = s.get(Case, world.ids["case1"])
        p = Proceeding(workspace_id=case.workspace_id, case_id=case.id, procedure_id="us.fcra.dispute-cra",
                       title="Dispute with the bureau", recipient_name="Experian", state="waiting",
                       sent_on=due - timedelta(days=30), next_due=due, next_overdue=due)
        s.add(p)
        s.flush()
        for name in ("Midland Credit", "Other Bank"):
            s.add(ProceedingItem(workspace_id=case.workspace_id, proceeding_id=p.id, furnisher=name))
        s.commit()
        return p.id


def test_today_names_each_request_in_a_sentence_with_written_dates(engine, world, make_client):
    due = today() + timedelta(days=3)
    pid = _dispute(engine, world, due=due)
    alice = make_client("alice@example.org")
    row = BeautifulSoup(alice.get("/today").text, "html.parser").select_one(f'tr[data-proceeding-id="{pid}"]')
    assert row.select_one("a.proceeding-sentence").get_text(strip=True) == \
        "Dispute with the bureau to Experian about Midland Credit"
    time = row.select_one("time")
    assert time["datetime"] == due.isoformat()  # the machine form stays ISO
    assert due.isoformat() not in time.get_text() and str(due.day) in time.get_text()
    assert "answer due" in row.select_one(".when").get_text()
    case_page = BeautifulSoup(alice.get(f"/cases/{world.ids['case1']}").text, "html.parser")
    assert case_page.select_one(f'li[data-proceeding-id="{pid}"] a.proceeding-sentence').get_text(strip=True) == \
        "Dispute with the bureau to Experian about Midland Credit"


def test_a_spanish_page_writes_months_in_spanish(engine, world, make_client):
    due = date(today().year + 1, 12, 2)
    pid = _dispute(engine, world, due=due)
    with Session(engine) as s:
        user = s.exec(select(User).where(User.email == "alice@example.org")).one()
        user.language = "es"
        s.add(user)
        s.commit()
    alice = make_client("alice@example.org")
    row = BeautifulSoup(alice.get("/today").text, "html.parser").select_one(f'tr[data-proceeding-id="{pid}"]')
    assert row.select_one("time").get_text() == f"2 dic {due.year}"
    assert "sobre Midland Credit" in row.select_one("a.proceeding-sentence").get_text()


def test_unsent_letters_are_named_by_what_they_are_and_who_they_go_to(make_client, world, session):
    alice = make_client("alice@example.org")
    assert post(alice, f"/cases/{world.ids['case1']}/freeze").status_code == 303
    session.rollback()
    letter = session.exec(select(Letter).where(Letter.case_id == world.ids["case1"]).order_by(Letter.id)).first()
    data = json.loads(letter.data)
    data.setdefault("facts", {})["items"] = [{"furnisher": "Midland Credit"}]
    letter.data = json.dumps(data)
    session.add(letter)
    session.commit()
    soup = BeautifulSoup(alice.get("/today").text, "html.parser")
    sentence = soup.select_one(f'tr[data-letter-id="{letter.id}"] a.letter-sentence').get_text(" ", strip=True)
    assert sentence.endswith("about Midland Credit") and " to " in sentence
    assert letter.reference not in sentence  # the reference is shown beside it, not as its name
