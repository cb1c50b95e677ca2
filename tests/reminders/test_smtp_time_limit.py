"""app/mail.py: one SMTP conversation never outlasts its time limit, whatever the server does (the
reminder runner relies on it: a send must end well inside its lease)."""

import socket
import threading
import time

import pytest

from app import mail
from app.config import Settings


def trickling_server(stop: threading.Event) -> int:
    """A server that greets with an endless multi-line reply, one line every 0.1 s: every read
    gets data well within any socket timeout, so only a limit on the whole conversation ends it."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(5)

    def serve() -> None:
        with listener:
            conn, _ = listener.accept()
            with conn:
                while not stop.is_set():
                    try:
                        conn.sendall(b"220-still saying hello\r\n")
                    except OSError:
                        return
                    time.sleep(0.1)

    threading.Thread(target=serve, daemon=True).start()
    return listener.getsockname()[1]


def test_a_trickling_server_is_cut_off_at_the_time_limit():
    stop = threading.Event()
    settings = Settings(smtp_host="127.0.0.1", smtp_port=trickling_server(stop), smtp_starttls=False)
    started = time.monotonic()
    try:
        with pytest.raises(mail.MailError, match="did not finish within 0.5 seconds"):
            mail.send(settings, to="a@example.org", subject="s", body="b", timeout=0.5)
    finally:
        stop.set()
    assert time.monotonic() - started < 3

