"""Every request body is capped (app/body_limit.py), with or without a Content-Length: a client
cannot fill the disk by streaming a huge upload, and a little-too-large file still gets its message."""

from sqlmodel import select

from app.body_limit import max_body_bytes
from app.documents.models import Document
from tests.conftest import csrf


def _multipart(token: str, size: int, boundary: str = "XyZ"):
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nother\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.pdf\"\r\n"
            "Content-Type: application/pdf\r\n\r\n%PDF-1.4\n").encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    return head, tail, f"multipart/form-data; boundary={boundary}"


def test_streamed_body_without_length_is_stopped(make_client, world, session, settings, monkeypatch):
    monkeypatch.setattr(settings, "upload_max_mb", 1)
    limit = max_body_bytes(settings)
    alice = make_client("alice@example.org")
    head, tail, ctype = _multipart(csrf(alice), limit)
    sent = 0

    def chunks():  # a generator body: httpx sends it chunked, with no Content-Length
        nonlocal sent
        yield head
        chunk = b"0" * (256 * 1024)
        while sent < limit * 3:
            sent += len(chunk)
            yield chunk
        yield tail

    r = alice.post(f"/cases/{world.ids['case1']}/documents", content=chunks(), headers={"content-type": ctype})
    assert r.status_code == 413
    assert "too large" in r.text
    assert session.exec(select(Document)).first() is None
    assert not (settings.data_dir / "documents").exists() or not any((settings.data_dir / "documents").iterdir())


def test_declared_length_over_the_cap_is_refused_at_once(make_client, world, settings, monkeypatch):
    monkeypatch.setattr(settings, "upload_max_mb", 1)
    alice = make_client("alice@example.org")
    head, tail, ctype = _multipart(csrf(alice), 0)
    body = head + b"0" * (max_body_bytes(settings) + 1) + tail
    r = alice.post(f"/cases/{world.ids['case1']}/documents", content=body, headers={"content-type": ctype})
    assert r.status_code == 413 and r.headers["content-length"] == str(len(r.content))


def test_a_file_just_over_the_upload_limit_still_gets_its_field_message(make_client, world, settings, monkeypatch):
    monkeypatch.setattr(settings, "upload_max_mb", 1)
    alice = make_client("alice@example.org")
    data = b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024)
    r = alice.post(f"/cases/{world.ids['case1']}/documents", data={"csrf_token": csrf(alice), "kind": "other"},
                   files={"file": ("big.pdf", data, "application/pdf")})
    assert r.status_code == 400 and 'id="file-error"' in r.text
