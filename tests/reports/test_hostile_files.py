"""Hostile files (issue 10): every importer refuses them with its documented error, ImportError_,
within the time and memory limits, never a crash, a hang or a traceback. The corpus is made by
hand in tests/reports/hostile.py (bombs, page-tree cycles, truncations, polyglots, deep nesting,
huge numbers, encodings); hypothesis adds random and mutated files on top."""

from __future__ import annotations

import contextlib
import json
import time

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from app.reports import ImportError_, limited
from app.reports.importers import MAX_ITEMS
from app.reports.importers.registry import FORMATS, import_reports

from . import hostile
from .conftest import FIXTURES

CORPUS = hostile.corpus()
# Read in this process too (without the child's limits): every one but the bomb, which is what
# the limits are for (read unguarded it takes gigabytes).
UNGUARDED = [name for name in CORPUS if name != "pdf-bomb"]


@pytest.mark.parametrize("name", UNGUARDED)
def test_readers_raise_only_their_documented_error(name):
    fmt, data = CORPUS[name]
    try:
        import_reports(data, fmt)
    except ImportError_ as error:
        assert str(error) and "\n" not in str(error) and "Traceback" not in str(error)


REFUSED = {"pdf-bomb", "pdf-cycle", "pdf-broken-pages", "pdf-truncated", "pdf-header-only", "pdf-many-pages",
           "json-deep", "json-huge-int", "json-many", "csv-long-field", "csv-binary", "csv-many", "png-truncated",
           "png-huge"}  # the files of the issue, among others


@pytest.mark.parametrize("name", list(CORPUS))
def test_limited_reading_refuses_plainly_and_in_time(name):
    fmt, data = CORPUS[name]
    started = time.monotonic()
    try:
        results = limited.read_reports(data, fmt)
    except ImportError_ as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert name not in REFUSED
        assert all(len(r.report.items()) <= MAX_ITEMS for r in results)
    assert time.monotonic() - started < limited.SECONDS + 5


def test_a_lone_surrogate_is_replaced_not_kept():
    result, = limited.read_reports(CORPUS["json-surrogate"][1], "json")
    assert result.report.bureau == "?" and result.report.accounts[0].furnisher.startswith("? A")
    json.dumps(result.report.to_dict(), ensure_ascii=False).encode("utf-8")  # no half characters left


def test_a_cr_only_csv_is_read():
    result, = limited.read_reports(CORPUS["csv-cr-only"][1], "csv")
    assert [a.furnisher for a in result.report.accounts] == ["BANK"]


@pytest.mark.parametrize(("fmt", "data"), [
    ("json", json.dumps({"accounts": [{"furnisher": "A"}] * 100_000}, separators=(",", ":")).encode()),
    ("json", json.dumps({"accounts": [{"furnisher": "A"}] * (MAX_ITEMS + 1)}).encode()),
    ("csv", b"section,furnisher\n" + b"account,A\n" * 300_000),
    ("csv", b"section,furnisher\n" + b"account,A\n" * (MAX_ITEMS + 10)),
    ("text", b"Account Name: A\n\n" * 100_000),
], ids=["json-100k", "json-501", "csv-300k", "csv-510", "text-100k"])
def test_too_many_items_are_refused_fast(fmt, data):
    started = time.monotonic()
    with pytest.raises(ImportError_, match=r"at most|too long"):
        limited.read_reports(data, fmt)
    assert time.monotonic() - started < 10


def test_items_up_to_the_limit_are_read():
    data = json.dumps({"accounts": [{"furnisher": f"BANK {i}"} for i in range(MAX_ITEMS)]}).encode()
    result, = limited.read_reports(data, "json")
    assert len(result.report.accounts) == MAX_ITEMS


def test_limits_turn_into_plain_refusals(monkeypatch):
    from app import limits

    for limit in ("time", "memory", "crash", "busy"):
        def stopped(*_args, limit=limit, **_kwargs):
            raise limits.LimitExceeded(limit, 1, 1)

        monkeypatch.setattr(limits, "run", stopped)
        with pytest.raises(ImportError_) as caught:
            limited.read_reports(b"{}", "json")
        assert "\n" not in str(caught.value) and "Traceback" not in str(caught.value)


# ---- the command line ----------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["pdf-bomb", "pdf-cycle", "json-deep", "json-huge-int", "csv-long-field",
                                  "csv-binary", "png-truncated"])
def test_cli_exits_2_with_one_line(tmp_path, name):
    import typer

    from app.reports.cli import register

    app = typer.Typer()
    register(app)
    fmt, data = CORPUS[name]
    path = tmp_path / f"hostile.{ {'text': 'txt', 'image': 'png'}.get(fmt, fmt) }"
    path.write_bytes(data)
    result = CliRunner().invoke(app, ["report", "analyze", str(path)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output


# ---- fuzzing ------------------------------------------------------------------------------------

SAMPLES = {"json": (FIXTURES / "report.json").read_bytes(), "csv": (FIXTURES / "report.csv").read_bytes(),
           "text": (FIXTURES / "report.txt").read_bytes(), "pdf": hostile.text_pdf(),
           "html": b"<html><body><table><tr><td>Equifax</td><td>Experian</td></tr></table></body></html>"}


@st.composite
def mutated(draw, sample: bytes) -> bytes:
    """A sample cut, spliced and sprinkled with random bytes."""
    data = bytearray(sample)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["cut", "insert", "replace", "truncate"]))
        chunk = draw(st.binary(min_size=1, max_size=40))
        if action == "cut":
            del data[at:at + len(chunk)]
        elif action == "insert":
            data[at:at] = chunk
        elif action == "replace":
            data[at:at + len(chunk)] = chunk
        else:
            del data[at:]
    return bytes(data)


def _files(fmt: str):
    sample = SAMPLES.get(fmt, b"\x89PNG\r\n\x1a\n")
    text = st.text(max_size=400).map(lambda s: s.encode("utf-8", "surrogatepass"))
    return st.one_of(st.binary(max_size=600), text, mutated(sample), st.just(sample[:1] + b"\x00" * 20))


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "image"])
def test_fuzzed_files_give_only_the_documented_error(fmt):
    @hyp_settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(data=_files(fmt))
    def check(data):
        with contextlib.suppress(ImportError_):
            import_reports(data, fmt)

    check()


@hyp_settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(data=st.one_of(st.binary(max_size=300).map(lambda b: b"\x89PNG\r\n\x1a\n" + b),
                      st.binary(max_size=300).map(lambda b: b"\xff\xd8\xff" + b)))
def test_fuzzed_pictures_give_only_the_documented_error(data):
    with contextlib.suppress(ImportError_):
        import_reports(data, "image")
