"""Deadline explanations are engine messages (app/messages.py), so each page can show them in the
reader's language (issue 13). The English text is what it always was."""

from datetime import date, timedelta

import pytest

from app import i18n
from app.messages import Message, render
from app.rules import PROCEDURES, TimelineEvent, compute_deadlines


def _response(procedure: str, events, **kw):
    return next(d for d in compute_deadlines(procedure, events, **kw) if d.key == "response")


def test_the_english_explanation_is_the_rendered_parts():
    d = _response("us.fcra.dispute-cra", [TimelineEvent("received", date(2026, 12, 20))], today=date(2027, 1, 17))
    assert d.explanation == render(d.explanation_parts, "en")
    assert d.explanation.startswith("The credit bureau must finish checking your dispute by Monday 18 January 2027.")
    assert all(isinstance(p, Message) for p in d.explanation_parts)


def test_spanish_dates_plurals_and_citations():
    d = _response("us.fcra.dispute-cra", [TimelineEvent("received", date(2026, 12, 20))], today=date(2027, 1, 17))
    text = render(d.explanation_parts, "es")
    assert text.startswith("La agencia de crédito debe terminar de revisar tu disputa a más tardar el lunes 18 de "
                           "enero de 2027.")
    assert "Fuente: FCRA §611(a)(1)(A)" in text  # citations stay as written
    assert text.endswith("Eso es dentro de 1 día.")
    later = _response("us.fcra.dispute-cra", [TimelineEvent("received", date(2026, 12, 20))], today=date(2027, 1, 10))
    assert render(later.explanation_parts, "es").endswith("Eso es dentro de 8 días.")


def test_a_moved_date_names_the_holiday_and_the_estimate_reasons_in_spanish():
    # Sent by post on Friday 19 February 2027: arrival estimated 5 working days later (26 February);
    # one month later is Good Friday, then Easter Monday, so the deadline moves (ICO, legal-rules.md §3).
    d = _response("uk.gdpr.access", [TimelineEvent("sent", date(2027, 2, 19), channel="post")], today=date(2027, 3, 1))
    text = render(d.explanation_parts, "es")
    assert ("El viernes 26 de marzo de 2027 es un día festivo (Good Friday), así que el plazo vence el martes 30 "
            "de marzo de 2027.") in text
    assert "se envió el viernes 19 de febrero de 2027 por correo, y contamos 5 días laborables" in text
    assert "los festivos bancarios del Reino Unido (Inglaterra)" in text
    assert d.estimate_reasons and d.estimate_reasons[0].startswith("the arrival date is estimated")


def _walk(message: Message):
    yield message
    for value in message.params.values():
        if isinstance(value, Message):
            yield from _walk(value)
        elif isinstance(value, list | tuple):
            for inner in value:
                yield from _walk(inner)


@pytest.mark.parametrize("procedure", sorted(PROCEDURES))
def test_every_message_a_procedure_writes_is_translated(procedure):
    catalog = i18n.catalog("es")
    start = date(2026, 12, 20)
    kinds = ("info_added", "extension_notified", "completed", "frivolous", "reinserted", "clarification_requested",
             "answered", "notice_received", "decided", "final_response", "tier_general", "id_received")
    missing = set()
    for kind in (None, *kinds):
        events = [TimelineEvent("sent", start, channel="post")]
        if kind:
            events.append(TimelineEvent(kind, start + timedelta(days=10)))
        for today in (start + timedelta(days=5), start + timedelta(days=400)):
            for d in compute_deadlines(procedure, events, today=today):
                missing |= {m.msgid for p in d.explanation_parts for m in _walk(p) if m.msgid not in catalog}
                if d.label not in catalog:
                    missing.add(d.label)
    assert not missing
