"""Reminder emails come from templates/emails/reminder_<kind>.<language>.txt, in the recipient's
language."""

import pytest
from sqlmodel import Session

from app import i18n, mail
from app.accounts.models import User
from app.config import ROOT
from app.messages import day_text
from app.reminders import planning, sending
from app.reminders.models import REMINDER_KINDS
from app.rules import get_procedure
from tests.reminders.conftest import NOW, TODAY, at, days

DEADLINE = {"name": "Ana", "case_number": "C-1", "procedure": "Dispute", "recipient": "Equifax", "label": "Answer",
            "due": "2030-03-13", "estimated": True, "citation": "FCRA §611", "url": "http://x/proceedings/1"}
DIGEST = {"name": "Ana", "overdue": 1, "lines": [
    {"case_number": "C-1", "procedure": "Dispute", "recipient_name": "", "label": "Answer", "due": "2030-03-09",
     "estimated": False, "overdue": True, "url": "http://x/proceedings/1"}]}


@pytest.mark.parametrize("language", sorted(i18n.LANGUAGES))
@pytest.mark.parametrize("kind", REMINDER_KINDS)
def test_every_kind_has_a_template_in_every_language(kind, language):
    assert (ROOT / "templates" / "emails" / f"reminder_{kind}.{language}.txt").is_file()  # no fallback
    email = mail.compose(f"reminder_{kind}", language, to="a@example.org",
                         **(DIGEST if kind == "digest" else DEADLINE))
    subject, body = email.subject, email.body
    assert subject.startswith("[Recourse] ") and "\n" not in subject
    assert "http://x/proceedings/1" in body and "Ana" in body
    if kind != "digest":
        assert "FCRA §611" in body and "2030-03-13" in body and "C-1" in subject


def test_a_reminder_goes_out_in_the_recipients_language(engine, settings, world, smtp, add_proceeding):
    with Session(engine) as s:
        carol = s.get(User, world.ids["carol"])
        carol.language = "es"
        s.add(carol)
        s.commit()
    p1 = add_proceeding("case1", [{"due": days(3), "estimated": True}])  # carol's case
    add_proceeding("case2", [{"due": TODAY}])  # alice's, in English
    with Session(engine) as s:
        planning.plan(s, today=TODAY, settings=settings)
        s.commit()

    assert sending.send_due(engine, settings, runner_id="test", clock=at(NOW)).sent == 4

    [reminder] = [m for m in smtp.to("carol@example.org") if "plazo el" in m["Subject"]]
    body = reminder.get_content()
    assert reminder["Subject"].startswith("[Recourse] Caso ") and day_text(days(3), "es") in reminder["Subject"]
    assert body.startswith("Hola, Carol") and "(fecha aproximada)" in body
    assert "Base legal: FCRA §611(a)(1)(A)" in body and f"{settings.base_url}/proceedings/{p1}" in body
    [digest] = [m for m in smtp.to("carol@example.org") if m is not reminder]
    assert "esta semana" in digest["Subject"] and "Tus plazos" in digest.get_content()
    # The procedure's title too (issue 13); the citation stays as written.
    title = get_procedure("us.fcra.dispute-cra").title
    for email in (body, digest.get_content()):
        assert i18n.translate("es", title) in email and title not in email
    assert {m["Subject"].split(":")[-1].strip() for m in smtp.to("alice@example.org")} >= {
        f"Deadline today ({day_text(TODAY, 'en')})"}
