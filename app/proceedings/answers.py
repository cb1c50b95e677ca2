"""Recording a reviewed answer (issue 16): the classes the person chose become one timeline entry
(an answer with item outcomes, an extension or a request for identification), and the findings
of app/proceedings/review.py say what to do next."""

from __future__ import annotations

from sqlmodel import Session

from app.errors import Invalid
from app.proceedings import notes, review, service
from app.proceedings.models import Proceeding
from app.proceedings.review import CLASSES, STORED, Finding
from app.tenancy import STAFF, Context

ANSWER = "answer"  # the key of the one row a request without items has


def keys(session: Session, proceeding: Proceeding) -> list[str]:
    return [str(i.id) for i in service.items(session, proceeding)] or [ANSWER]


def _note(found: list[Finding]) -> str:
    return notes.answer_reviewed([f.citation for f in found if f.citation])


def record_review(session: Session, ctx: Context, proceeding: Proceeding, *, on: str, classes: dict[str, str],
                  checks: set[str], new_due: str = "") -> list[Finding]:
    ctx.require(*service.WRITERS)
    allowed = set(keys(session, proceeding))
    errors: dict[str, str] = {}
    for k, v in classes.items():
        if k in allowed and v and v not in CLASSES:
            errors[f"class_{k}"] = "Choose what the answer says from the list."
    chosen = {k: v for k, v in classes.items() if k in allowed and v in CLASSES}
    if not chosen and not errors:
        errors["classes"] = "Say what the answer says about at least one item."
    if errors:
        raise Invalid(errors)
    values = set(chosen.values())
    found = review.findings(proceeding.procedure_id, values, checks & set(review.CHECKS))
    if values == {"no-answer"}:
        return found  # nothing came: nothing to record, the overdue steps apply
    if values <= {"extended", "no-answer"}:
        service.add_event(session, ctx, proceeding, kind="extension_notified", on=on, new_due=new_due,
                          note=_note(found))
    elif values <= {"id-requested", "extended", "no-answer"}:
        service.add_event(session, ctx, proceeding, kind="info_requested", on=on, note=_note(found))
    else:
        outcomes = {int(k): STORED[v] for k, v in chosen.items() if k != ANSWER and v in STORED}
        service.add_event(session, ctx, proceeding, kind="answered", on=on, outcomes=outcomes, note=_note(found))
        if ctx.role in STAFF:  # the person who classified it has reviewed it
            service.mark_reviewed(session, ctx, proceeding)
    return found
