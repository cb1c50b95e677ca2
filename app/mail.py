"""Outgoing email. Without an SMTP server configured, the message (with its link) goes to the
server log instead, so a self-hoster is never locked out of a password reset."""

import logging
import smtplib
from email.message import EmailMessage

from app.config import Settings

log = logging.getLogger("recourse.mail")


class MailError(RuntimeError):
    pass


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
