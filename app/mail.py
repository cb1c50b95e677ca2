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
import socket
import threading
import time
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
SEND_TIMEOUT = 20.0  # seconds for one whole SMTP conversation


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


def send(settings: Settings, *, to: str, subject: str, body: str, timeout: float = SEND_TIMEOUT,
         message_id: str | None = None) -> bool:
    """Send one plain-text email. Returns True if handed to SMTP, False if only logged.

    The whole conversation ends within `timeout` seconds, whatever the server does (the reminder
    runner relies on it: its lease outlasts the longest possible send). A `message_id` that stays
    the same when a message is retried lets mail systems show a duplicate only once."""
    if not settings.smtp_host:
        log.warning("No SMTP server configured; email not sent.\nTo: %s\nSubject: %s\n\n%s", to, subject, body)
        return False
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = settings.smtp_from, to, subject
    if message_id:
        msg["Message-ID"] = message_id
    msg.set_content(body)
    try:
        _deliver(settings, msg, timeout)
    except (OSError, smtplib.SMTPException) as exc:
        log.error("Sending email to %s failed: %s", to, exc)
        raise MailError(str(exc) or type(exc).__name__) from exc
    return True


def _deliver(settings: Settings, msg: EmailMessage, seconds: float) -> None:
    # The socket timeout bounds connecting and each single read or write; a server that trickles
    # a byte at a time could still stretch the conversation, so a watchdog shuts the socket down
    # when the time is up, which makes any blocked call fail at once.
    started = time.monotonic()
    smtp = smtplib.SMTP(timeout=seconds)
    expired = threading.Event()
    watchdog = threading.Timer(seconds, _cut, (smtp, expired))
    watchdog.daemon = True
    watchdog.start()
    try:
        smtp.connect(settings.smtp_host, settings.smtp_port)
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_username:
            smtp.login(settings.smtp_username, settings.smtp_password or "")
        smtp.send_message(msg)
    except (OSError, smtplib.SMTPException) as exc:
        if expired.is_set() or time.monotonic() - started >= seconds:
            raise TimeoutError(f"the mail server did not finish within {seconds:g} seconds") from exc
        raise
    finally:
        try:  # the message is accepted once send_message returns: a failed QUIT changes nothing
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()
        watchdog.cancel()


def _cut(smtp: smtplib.SMTP, expired: threading.Event) -> None:
    expired.set()
    sock = smtp.sock
    if sock is not None:
        with suppress(OSError):  # already closed
            sock.shutdown(socket.SHUT_RDWR)
