"""Deadlines are stored as engine messages (app/messages.py) and shown in the reader's language
(issue 13, Spanish all the way through): the proceeding page in Spanish explains the deadline in
Spanish, dates included; in English it reads as before."""

import json
from datetime import date

from markupsafe import escape
from sqlmodel import Session, select

from app import i18n, messages
from app.accounts.models import User
from app.clock import today
from app.migrate import refresh_explanations
from app.proceedings.models import ProceedingDeadline
from tests.proceedings.test_legal_periods import _sent

DELIVERED = date(2025, 12, 20)  # §611(a)(1)(A): day 1 is 20 December, day 30 is 18 January 2026


def _dispute(make_client, world, session) -> tuple[object, int]:
    alice = make_client("alice@example.org")
    return alice, _sent(alice, session, world.ids["case1"], days_ago=(today() - DELIVERED).days)


def _response(engine, pid) -> ProceedingDeadline:
    with Session(engine) as s:
        return s.exec(select(ProceedingDeadline).where(ProceedingDeadline.proceeding_id == pid,
                                                       ProceedingDeadline.key == "response")).one()


def _set_language(engine, world, language: str) -> None:
    with Session(engine) as s:
        s.get(User, world.ids["alice"]).language = language
        s.commit()


def test_the_stored_deadline_holds_message_parts(make_client, world, session, engine):
    _, pid = _dispute(make_client, world, session)
    row = _response(engine, pid)
    data = json.loads(row.explanation_parts)
    assert data[0] == ["%(label)s by %(day)s.", {"label": {"msg": ["The credit bureau must finish checking your dispute"]},
                                                  "day": {"date": "2026-01-18"}}]
    # The parts say the same as the English text kept for the API and the calendar feed.
    assert messages.render(messages.load(row.explanation_parts), "en") == row.explanation
    assert row.label == "The credit bureau must finish checking your dispute"


def test_the_proceeding_page_explains_the_deadline_in_spanish(make_client, world, session, engine):
    alice, pid = _dispute(make_client, world, session)
    english = alice.get(f"/proceedings/{pid}").text
    row = _response(engine, pid)
    assert str(escape(row.explanation)) in english
    assert "The credit bureau must finish checking your dispute by Sunday 18 January 2026." in english

    _set_language(engine, world, "es")
    page = alice.get(f"/proceedings/{pid}").text
    assert '<html lang="es">' in page
    label = i18n.translate("es", "The credit bureau must finish checking your dispute")
    assert label != row.label and str(escape(label)) in page
    assert str(escape(f"{label} a más tardar el domingo 18 de enero de 2026.")) in page
    assert "El plazo es de 30 días naturales" in page
    assert str(escape(row.explanation)) not in page and "by Sunday 18 January" not in page


def test_the_language_cookie_is_enough(make_client, world, session, engine):
    _set_language(engine, world, "")  # no saved language: the cookie decides
    alice, pid = _dispute(make_client, world, session)
    alice.cookies.set("recourse_lang", "es")
    page = alice.get(f"/proceedings/{pid}").text
    assert "domingo 18 de enero de 2026" in page and "Fuente: FCRA §611(a)(1)(A)" in page


def test_rows_stored_before_parts_are_recomputed_once(make_client, world, session, engine):
    alice, pid = _dispute(make_client, world, session)
    with Session(engine) as s:
        for row in s.exec(select(ProceedingDeadline).where(ProceedingDeadline.proceeding_id == pid)):
            row.explanation_parts = "[]"
        s.commit()
    _set_language(engine, world, "es")
    # Until then the page shows the stored English text rather than nothing.
    assert str(escape(_response(engine, pid).explanation)) in alice.get(f"/proceedings/{pid}").text

    refresh_explanations(engine)  # what app.migrate.upgrade runs after the migrations
    assert json.loads(_response(engine, pid).explanation_parts)[0][0] == "%(label)s by %(day)s."
    assert "domingo 18 de enero de 2026" in alice.get(f"/proceedings/{pid}").text
