"""Evidence uploads are checked by content, parsed (issue 10): a PDF must open and its pages load,
a picture must decode. A file that only starts like one is refused with a message beside the field,
and hostile files (bombs, cycles, truncations) are refused within the limits, never a 500."""

import io

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from app.documents import content
from tests.conftest import csrf
from tests.documents.conftest import image_bytes, pdf_bytes
from tests.reports import hostile

PDF, PNG, JPEG = "application/pdf", "image/png", "image/jpeg"


def _huge_png() -> bytes:
    """A PNG of 20,000 × 20,000 pixels (400 million: past Pillow's bomb limit), a few KB on disk."""
    import struct
    import zlib

    width = height = 20_000

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    rows = zlib.compress(b"\x00" * (width // 8 + 1) * 2000, 9)  # only part of the rows: never decoded
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", rows) + chunk(b"IEND", b""))


HOSTILE = {
    "header-only": (PDF, b"%PDF-1.4 garbage"),
    "header-and-zeros": (PDF, b"%PDF-1.7\n" + b"\x00" * 500),
    "truncated": (PDF, pdf_bytes(2)[:300]),
    "page-tree-cycle": (PDF, hostile.cycle_pdf()),
    "broken-pages": (PDF, hostile.broken_page_pdf()),
    "bomb": (PDF, hostile.bomb_pdf(150)),
    "polyglot": (PDF, b"%PDF-1.4\n<html><script>alert(1)</script></html>"),
    "png-truncated": (PNG, image_bytes("PNG")[:40]),
    "png-header-only": (PNG, b"\x89PNG\r\n\x1a\n"),
    "png-bomb": (PNG, _huge_png()),
    "jpeg-truncated": (JPEG, image_bytes("JPEG")[:60]),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_files_are_refused_with_a_message(name):
    ctype, data = HOSTILE[name]
    message = content.problem(data, ctype)
    assert message in (content.DAMAGED, content.TOO_BIG)


@pytest.mark.parametrize(("ctype", "data"), [
    (PDF, pdf_bytes(1)), (PDF, pdf_bytes(3)), (PDF, hostile.text_pdf()),
    (PDF, pdf_bytes(1, "secret")),  # locked: kept as it is (the mailing packet names it)
    (PNG, image_bytes("PNG")), (JPEG, image_bytes("JPEG")),
], ids=["blank", "three-pages", "text", "locked", "png", "jpeg"])
def test_real_files_pass(ctype, data):
    assert content.problem(data, ctype) is None


def _upload(client, case_id, name, data):
    payload = {"csrf_token": csrf(client), "kind": "other"}
    return client.post(f"/cases/{case_id}/documents", data=payload, files={"file": (name, data, "application/pdf")})


@pytest.mark.parametrize("name", ["header-only", "page-tree-cycle", "bomb", "png-bomb"])
def test_the_upload_page_refuses_beside_the_field(make_client, world, name):
    from bs4 import BeautifulSoup

    r = _upload(make_client("alice@example.org"), world.ids["case1"], "x.pdf", HOSTILE[name][1])
    assert r.status_code == 400
    assert BeautifulSoup(r.text, "html.parser").select_one("#file-error").get_text(strip=True)


@st.composite
def _mutated(draw, sample: bytes) -> bytes:
    data = bytearray(sample)
    at = draw(st.integers(0, len(data)))
    chunk = draw(st.binary(min_size=1, max_size=40))
    if draw(st.booleans()):
        data[at:at + len(chunk)] = chunk
    else:
        del data[at:]
    return bytes(data)


@hyp_settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(case=st.one_of(
    st.tuples(st.just(PDF), st.one_of(_mutated(pdf_bytes(2)), st.binary(max_size=400).map(lambda b: b"%PDF-" + b))),
    st.tuples(st.just(PNG), _mutated(image_bytes("PNG"))),
    st.tuples(st.just(JPEG), _mutated(image_bytes("JPEG")))))
def test_fuzzed_files_get_an_answer_never_an_exception(case):
    ctype, data = case
    # In this process, without the child (the same code the child runs): only None or a message.
    answer = content._problem(data, ctype)
    assert answer is None or isinstance(answer, str)
    if answer is None and ctype == PDF:
        from pypdf import PdfReader

        assert len(PdfReader(io.BytesIO(data)).pages) >= 1
