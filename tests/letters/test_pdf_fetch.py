"""Issue 10.1: turning HTML into PDF reads nothing it should not. No file outside the app's own
static files, no network, and never a PDF attachment, whatever the HTML asks for."""

import ast
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.config import ROOT
from app.letters import render
from app.letters.models import Letter
from tests.conftest import post
from tests.letters.test_letters_web import _form

SECRET = b"TOP-SECRET-KEY-MATERIAL-0123456789"


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "encryption.key"
    path.write_bytes(SECRET)
    return path


@pytest.fixture
def server():
    """A local HTTP server that records every request made to it."""
    from tests.documents.conftest import image_bytes

    hits: list[str] = []
    png = image_bytes("PNG")  # a real image, so a request that got through would really be drawn

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            hits.append(self.path)
            body = png if self.path.endswith(".png") else b"body { color: red }"
            self.send_response(200)
            self.send_header("Content-Type", "image/png" if self.path.endswith(".png") else "text/css")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    httpd.shutdown()
    httpd.server_close()


def hostile(secret: Path, base: str) -> str:
    """Every way we know for HTML to make WeasyPrint read a file or fetch a URL."""
    up = "../" * 12  # relative to the app's directory, climbing to / and down to the secret
    return f"""
<link rel="attachment" href="file://{secret}" title="key">
<link rel="attachment" href="{up}{str(secret).lstrip('/')}">
<link rel="stylesheet" href="{base}/sheet.css">
<style>@import url("{base}/import.css");
  body {{ background: url("{base}/bg.png") }}
  @font-face {{ font-family: Leak; src: url("{base}/font.woff") }}
  p {{ font-family: Leak }}</style>
<p>Dear bureau, <a rel="attachment" href="file://{secret}" download="key.txt">the key</a>
   <a rel="attachment" href="{base}/attach.bin">remote</a></p>
<img src="{base}/pixel.png" alt="">
<img src="file://{secret}" alt="">
<object data="{base}/object.png"></object><embed src="{base}/embed.png">
<iframe src="{base}/frame.html"></iframe>
<svg width="10" height="10"><image href="{base}/svg.png" width="10" height="10"/></svg>
"""


def embedded_files(pdf: bytes) -> list[str]:
    """Names of files embedded in the PDF: the EmbeddedFiles tree and file-attachment annotations."""
    reader = PdfReader(BytesIO(pdf))
    found = list(reader.attachments)
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            if annot.get_object().get("/Subtype") == "/FileAttachment":
                found.append("annotation")
    return found


def test_hostile_html_makes_no_attachment_and_no_fetch(secret, server):
    base, hits = server
    pdf = render.render_pdf(f"<!doctype html><html><body>{hostile(secret, base)}</body></html>", lang="en")
    assert pdf.startswith(b"%PDF")
    assert embedded_files(pdf) == []
    assert SECRET not in pdf
    assert hits == []


def test_a_workspace_wording_cannot_attach_a_server_file_or_fetch_a_url(make_client, world, session, secret, server):
    """The attack from the issue, end to end: a self-registered owner's wording reaches the PDF."""
    base, hits = server
    alice = make_client("alice@example.org")
    source = ('{% extends "letters/_letter.html" %}{% block subject %}Dispute{% endblock %}'
              "{% block body %}" + hostile(secret, base) + "{% endblock %}")
    post(alice, "/letter-templates/us.dispute-cra/en", {"source": source})
    r = post(alice, f"/cases/{world.ids['case1']}/letters/new?kind=us.dispute-cra", _form(session))
    letter_id = int(r.headers["location"].rsplit("/", 1)[1])
    draft_pdf = alice.get(f"/letters/{letter_id}/pdf")
    assert draft_pdf.status_code == 200 and draft_pdf.content.startswith(b"%PDF")
    assert post(alice, f"/letters/{letter_id}/finalise").status_code == 303
    session.rollback()
    letter = session.get(Letter, letter_id)
    assert letter.status == "final"
    for pdf in (draft_pdf.content, letter.pdf):
        assert embedded_files(pdf) == []
        assert SECRET not in pdf
    assert hits == []


def test_every_html_to_pdf_call_goes_through_app_pdf():
    """Only app/pdf.py may use WeasyPrint; everything else calls app.pdf.html_to_pdf."""
    users = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n == "weasyprint" or n.startswith("weasyprint.") for n in names):
                users.append(str(path.relative_to(ROOT)))
    assert sorted(set(users)) == ["app/pdf.py"]


def test_fetcher_serves_only_static_files_and_data_urls(tmp_path, secret):
    from app.pdf import STATIC, RefusedURL, StaticOnlyFetcher

    allowed = tmp_path / "static"
    allowed.mkdir()
    (allowed / "letter.css").write_text("p { color: black }")
    (allowed / "link.css").symlink_to(secret)  # a symlink inside that points out
    fetcher = StaticOnlyFetcher([allowed])
    assert fetcher.fetch((allowed / "letter.css").as_uri()).read() == b"p { color: black }"
    assert fetcher.fetch("data:text/css,p%7Bcolor:red%7D").read() == b"p{color:red}"
    refused = [(allowed / "link.css").as_uri(), secret.as_uri(), f"{allowed.as_uri()}/../encryption.key",
               f"{allowed.as_uri()}/%2e%2e/encryption.key", "file://otherhost/etc/passwd",
               "http://127.0.0.1:9/x.css", "https://example.org/x.css", "ftp://example.org/x.css",
               "gopher://x/", "FILE:///etc/passwd", "/etc/passwd"]
    for url in refused:
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    # The app's own static files are served by the default fetcher; Python sources are not.
    assert StaticOnlyFetcher().fetch((STATIC / "css" / "recourse.css").as_uri()).read()
    with pytest.raises(RefusedURL):
        StaticOnlyFetcher().fetch((ROOT / "app" / "config.py").as_uri())


def test_relative_urls_resolve_inside_the_static_folder(tmp_path, secret, server):
    from app.pdf import html_to_pdf

    base, hits = server
    static = tmp_path / "static"
    static.mkdir()
    html = (f'<link rel="stylesheet" href="../{secret.name}"><base href="{base}/">'
            f'<img src="pixel.png"><link rel="attachment" href="../{secret.name}">')
    pdf = html_to_pdf(html, roots=[static])
    assert embedded_files(pdf) == [] and SECRET not in pdf and hits == []


def test_letters_stored_with_attachments_are_served_without_them():
    """Letters finalised before this fix may hold embedded files: downloads strip them."""
    from weasyprint import HTML

    from app.pdf import attachments, without_attachments

    data = "data:text/plain;base64,VE9QLVNFQ1JFVA=="  # TOP-SECRET
    old = HTML(string=f'<link rel="attachment" href="{data}"><p>Dear bureau, <a rel="attachment" '
                      f'href="{data}">see</a></p>').write_pdf()
    assert len(attachments(old)) == 2
    clean = without_attachments(old)
    assert attachments(clean) == [] and b"/EmbeddedFile" not in clean and b"/Filespec" not in clean
    assert "Dear bureau" in PdfReader(BytesIO(clean)).pages[0].extract_text()
