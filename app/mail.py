"""Outgoing email. Without an SMTP server configured, the message (with its link) goes to the
server log instead, so a self-hoster is never locked out of a password reset.

Emails a request asks for (invitations, password resets, sign-up confirmations) are queued on the
request's database session with `queue()` and leave only after that transaction commits: a
request that rolls back sends nothing. app.deps.get_session hands the committed queue to the
response, and app.main.MailAfterResponse sends it once the response has gone out, in a thread,
so the answer a visitor sees takes the same time whether or not an email was sent.

The texts are templates in templates/emails/<kind>.<lang>.txt: a "Subject: ..." line, a blank
line, then the body.
"""

import logging
import smtplib
from contextlib import suppress
from dataclasses import dataclass
from email.message import EmailMessage
from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from sqlmodel import Session

from app.config import ROOT, Settings
from app.i18n import DEFAULT, LANGUAGES

log = logging.getLogger("recourse.mail")
OUTBOX = "recourse_outbox"  # the key in Session.info
SUBJECT = "Subject: "


class MailError(RuntimeError):
    pass


@dataclass(frozen=True)
class Email:
    to: str
    subject: str
    body: str


@lru_cache
def _env() -> Environment:
    # Plain text, never HTML: nothing to escape; StrictUndefined so a missing value fails loudly.
    loader = FileSystemLoader(str(ROOT / "templates" / "emails"))
    return Environment(loader=loader, autoescape=False, undefined=StrictUndefined, keep_trailing_newline=True)  # noqa: S701


def compose(kind: str, lang: str, *, to: str, **context: object) -> Email:
    """The email `kind` in `lang` (English when there is no such language), filled with context."""
    lang = lang if lang in LANGUAGES else DEFAULT
    text = _env().get_template(f"{kind}.{lang}.txt").render(**context)
    first, _, body = text.partition("\n")
    if not first.startswith(SUBJECT):
        raise ValueError(f"templates/emails/{kind}.{lang}.txt must start with a '{SUBJECT}' line")
    # A header never holds a line break (EmailMessage would refuse it anyway).
    subject = " ".join(first[len(SUBJECT):].split())
    return Email(to=to, subject=subject, body=body.lstrip("\n"))


def queue(session: Session, email: Email) -> None:
    """Send `email` after the session's transaction commits (dropped if it rolls back)."""
    session.info.setdefault(OUTBOX, []).append(email)


def take_queued(session: Session) -> list[Email]:
    return session.info.pop(OUTBOX, [])


def deliver(settings: Settings, emails: list[Email]) -> None:
    """Send each email; a failure is logged and does not stop the others."""
    for email in emails:
        with suppress(MailError):  # logged in send()
            send(settings, to=email.to, subject=email.subject, body=email.body)


def send(settings: Settings, *, to: str, subject: str, body: str) -> bool:
    """Send one plain-text email. Returns True if handed to SMTP, False if only logged."""
    if not settings.smtp_host:
        log.warning("No SMTP server configured; email not sent.\nTo: %s\nSubject: %s\n\n%s", to, subject, body)
        return False
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = settings.smtp_from, to, subject
    msg.set_content(body)
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=20) as smtp:
            if settings.smtp_starttls:
                smtp.starttls()
            if settings.smtp_username:
                smtp.login(settings.smtp_username, settings.smtp_password or "")
            smtp.send_message(msg)
    except (OSError, smtplib.SMTPException) as exc:
        log.error("Sending email to %s failed: %s", to, exc)
        raise MailError(str(exc)) from exc
    return True
