"""Issue 10.1: filling in a workspace's wording can never stall the server. range() and the
operators that build huge values are bounded in the sandbox, and the rendering runs in a child
process with a time, memory and output budget. Saving such a wording is a 400 with a plain
message and the input kept; a stored one gives an error on the letter page, never a 500 or a hang."""

import time

import pytest
from bs4 import BeautifulSoup
from sqlmodel import select

from app.letters import render
from app.letters.models import LetterOverride
from tests.conftest import post
from tests.letters.test_letters_web import _form

URL = "/letter-templates/us.dispute-cra/en"


def _wording(body: str) -> str:
    return ('{% extends "letters/_letter.html" %}{% block subject %}Dispute{% endblock %}'
            "{% block body %}" + body + "{% endblock %}")


@pytest.fixture
def quick_budget(monkeypatch):
    """A smaller budget, so the time limit is reached quickly in a test."""
    monkeypatch.setattr(render, "TEMPLATE_SECONDS", 2.0)


def _refused(client, body: str) -> tuple[str, float]:
    source = _wording(body)
    started = time.monotonic()
    r = post(client, URL, {"source": source})
    elapsed = time.monotonic() - started
    assert r.status_code == 400, r.text[-500:]
    soup = BeautifulSoup(r.text, "html.parser")
    assert soup.select_one("textarea#source").text == source  # the input is kept
    error = soup.select_one("#source-error")
    assert error is not None and "Traceback" not in r.text
    return error.get_text(" ", strip=True), elapsed


@pytest.mark.parametrize(("body", "expect"), [
    ("{{ range(10**9)|length }}", "range() is limited to 10,000"),
    ("{% for i in range(10**6) %}{% for j in range(10**6) %}x{% endfor %}{% endfor %}", "range() is limited"),
    ('{{ "x" * 10**9 }}', "repeating text"),
    ("{{ [1, 2] * 10**8 }}", "repeating text"),
    ("{{ (10 ** 100000000) > 1 }}", "too large"),
    ('{{ "%0999999999d" % 1 }}', "width"),
    ("{{ lipsum(10**6) }}", "lipsum() is limited"),
], ids=["range-length", "nested-range", "string-times", "list-times", "power", "percent-width", "lipsum"])
def test_values_that_grow_too_fast_are_refused_at_once(make_client, world, session, body, expect):
    message, elapsed = _refused(make_client("alice@example.org"), body)
    assert expect in message and elapsed < 10
    assert session.exec(select(LetterOverride)).first() is None


def test_a_wording_that_runs_too_long_is_stopped(make_client, world, quick_budget):
    loops = ("{% for i in range(10000) %}{% for j in range(10000) %}{% for k in range(10000) %}"
             "{% endfor %}{% endfor %}{% endfor %}")
    message, elapsed = _refused(make_client("alice@example.org"), loops)
    assert message == render.limit_message("time") and elapsed < 10


def test_a_wording_that_writes_too_much_is_stopped(make_client, world):
    message, _ = _refused(make_client("alice@example.org"), '{% for i in range(10000) %}{{ "x" * 9000 }}{% endfor %}')
    assert message == render.limit_message("output")


def test_a_wording_that_needs_too_much_memory_is_stopped(make_client, world):
    message, _ = _refused(make_client("alice@example.org"), '{{ "x"|center(400000000) }}')
    assert message == render.limit_message("memory")


@pytest.mark.parametrize("body", ["{% for i in range(5000) %}<div>{% endfor %}",
                                  '{{ ("<b><i>" * 15000)|safe }}', "<section>" * 70],
                         ids=["loop", "safe-string", "literal"])
def test_html_nested_too_deep_is_refused(make_client, world, body):
    message, elapsed = _refused(make_client("alice@example.org"), body)
    assert message == render.limit_message("depth") and elapsed < 10


@pytest.mark.parametrize(("body", "expect"), [
    ("{{ 1 / 0 }}", "ZeroDivisionError"),
    ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "RecursionError"),
    ('{% include "base.html" %}', "only use the letter layouts"),
    ('{% include "../app/config.py" %}', "only use the letter layouts"),
], ids=["zero-division", "recursion", "app-page", "outside"])
def test_other_failures_of_a_wording_are_plain_messages(make_client, world, body, expect):
    message, _ = _refused(make_client("alice@example.org"), body)
    assert message.startswith("It does not render with the example data") and expect in message


def test_a_stored_wording_that_loops_does_not_stall_the_letter_pages(make_client, world, session, quick_budget):
    """A row saved before the limits existed (or written straight to the database)."""
    loops = ("{% for i in range(10000) %}{% for j in range(10000) %}{% for k in range(10000) %}"
             "{% endfor %}{% endfor %}{% endfor %}")
    session.add(LetterOverride(workspace_id=world.ids["ws_a"], kind_id="us.dispute-cra", lang="en",
                               source=_wording(loops)))
    session.commit()
    alice = make_client("alice@example.org")
    r = post(alice, f"/cases/{world.ids['case1']}/letters/new?kind=us.dispute-cra", _form(session))
    letter_id = int(r.headers["location"].rsplit("/", 1)[1])
    started = time.monotonic()
    detail = alice.get(f"/letters/{letter_id}")
    assert detail.status_code == 200 and render.limit_message("time") in detail.text
    view = alice.get(f"/letters/{letter_id}/view")
    assert view.status_code == 200 and render.limit_message("time") in view.text
    assert alice.get(f"/letters/{letter_id}/pdf").status_code == 303
    assert post(alice, f"/letters/{letter_id}/finalise").status_code == 303
    assert time.monotonic() - started < 30
