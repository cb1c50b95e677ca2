"""Outgoing email. Without an SMTP server configured, the message (with its link) goes to the
server log instead, so a self-hoster is never locked out of a password reset."""

import logging
import smtplib
import socket
import threading
import time
from contextlib import suppress
from email.message import EmailMessage
from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateNotFound

from app.config import ROOT, Settings

log = logging.getLogger("recourse.mail")

SEND_TIMEOUT = 20.0  # seconds for one whole SMTP conversation


class MailError(RuntimeError):
    pass


@cache
def _templates() -> Environment:
    # Plain-text emails: HTML escaping would only garble names like "O'Brien & Co" (no HTML is ever
    # sent). StrictUndefined: a missing fact fails loudly, never a blank.
    return Environment(loader=FileSystemLoader(ROOT / "templates"), autoescape=False,  # noqa: S701
                       undefined=StrictUndefined)


def compose(template_name: str, language: str, /, **context: object) -> tuple[str, str]:
    """(subject, body) from templates/emails/<template_name>.<language>.txt (English if there is
    none in that language): a "Subject: ..." line, a blank line, then the body."""
    try:
        template = _templates().get_template(f"emails/{template_name}.{language}.txt")
    except TemplateNotFound:
        template = _templates().get_template(f"emails/{template_name}.en.txt")
    head, _, body = template.render(**context).partition("\n\n")
    if not head.startswith("Subject: "):
        raise ValueError(f"{template.name} must start with a 'Subject: ' line")
    return head.removeprefix("Subject: ").strip(), body.strip("\n")


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
