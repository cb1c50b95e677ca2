"""The email for one reminder, from templates/emails/reminder_<kind>.<language>.txt in the
recipient's language (English for a language without its own texts), dates written out in it
("Friday 8 January 2027", "viernes 8 de enero de 2027").

Emails carry no SSN, date of birth or account number: only the case number, procedure title,
recipient name, the deadline's label, citation and date, and a link to the proceeding.
"""

from sqlmodel import Session, col, select

from app import i18n, mail
from app.accounts.models import User
from app.cases.models import Case
from app.config import Settings
from app.messages import day_text
from app.proceedings.models import Proceeding, ProceedingDeadline
from app.reminders.models import Reminder
from app.reminders.planning import digest_lines, procedure_title


def proceeding_url(settings: Settings, proceeding_id: int) -> str:
    return f"{settings.base_url.rstrip('/')}/proceedings/{proceeding_id}"


def render(session: Session, settings: Settings, reminder: Reminder) -> mail.Email | None:
    """The email for one reminder, or None if there is nothing to say any more."""
    user = session.get(User, reminder.user_id)
    if user is None:
        return None
    if reminder.kind == "digest":
        return _render_digest(session, settings, reminder, user)
    proceeding = session.get(Proceeding, reminder.proceeding_id)
    deadline = session.exec(select(ProceedingDeadline).where(
        ProceedingDeadline.proceeding_id == reminder.proceeding_id, ProceedingDeadline.key == reminder.due_key,
        ProceedingDeadline.due == reminder.due_date, col(ProceedingDeadline.applies).is_(True))).first()
    if proceeding is None or deadline is None or proceeding.state == "closed":
        return None
    case = session.get(Case, proceeding.case_id)
    return mail.compose(
        f"reminder_{reminder.kind}", user.language, to=user.email, name=user.name, case_number=case.number,
        procedure=i18n.translate(user.language or i18n.DEFAULT, procedure_title(proceeding)), recipient=proceeding.recipient_name,
        label=i18n.translate(user.language or i18n.DEFAULT, deadline.label),
        due=day_text(deadline.due, user.language or i18n.DEFAULT), estimated=deadline.estimated, citation=deadline.citation,
        url=proceeding_url(settings, proceeding.id))


def _render_digest(session: Session, settings: Settings, reminder: Reminder, user: User) -> mail.Email | None:
    lines = digest_lines(session, user_id=user.id, workspace_id=reminder.workspace_id,
                         today=reminder.due_date or reminder.send_after.date())
    if not lines:
        return None
    lang = user.language or i18n.DEFAULT
    items = [{"case_number": line.case_number, "procedure": i18n.translate(lang, line.procedure), "recipient_name": line.recipient_name,
              "label": i18n.translate(user.language or i18n.DEFAULT, line.label), "due": day_text(line.due, lang), "estimated": line.estimated,
              "overdue": line.overdue, "url": proceeding_url(settings, line.proceeding_id)} for line in lines]
    return mail.compose("reminder_digest", user.language, to=user.email, name=user.name, lines=items,
                        overdue=sum(1 for line in lines if line.overdue))
