"""The Outcomes page: who may see it, the period chooser, the charts with their tables, the CSVs."""

import csv
import io

import pytest
from bs4 import BeautifulSoup

from tests.outcomes.conftest import Q1


def _get(client, url, params=None):
    return client.get(url, params=params or {})


@pytest.mark.parametrize(("persona", "status"), [("alice", 200), ("bob", 200), ("carol", 403), ("dave", 403)])
def test_owners_and_advocates_only(make_client, world, persona, status):
    client = make_client(f"{persona}@example.org")
    assert _get(client, "/outcomes").status_code == status
    assert _get(client, "/outcomes/figures.csv").status_code == status
    assert _get(client, "/outcomes/rows.csv").status_code == status
    nav = BeautifulSoup(_get(client, "/today").text, "html.parser").select_one("#nav-outcomes")
    assert (nav is not None) == (status == 200)


def test_the_page_shows_the_figures_with_a_table_beside_each_chart(make_client, seeded):
    page = BeautifulSoup(_get(make_client("alice@example.org"), "/outcomes", Q1).text, "html.parser")
    assert page.select_one('[data-figure="disputes"]').get_text(strip=True) == "3"
    assert page.select_one('[data-figure="median-days"]').get_text(strip=True) == "20.0"
    for svg in page.select("svg.chart"):
        assert svg["role"] == "img" and svg.select_one("title") and svg.select_one("desc")
        section = svg.find_parent("section")
        assert section.select_one("table")  # the same numbers, for screen readers and copying
    assert page.select_one("#chart-items") and page.select_one("#chart-median")
    assert page.select_one('#items-table tr[data-outcome="deleted"] td').get_text(strip=True) == "1"
    assert page.select_one('#recipient-table tr[data-key="Bureau One"]')


@pytest.mark.parametrize(("params", "field"), [
    ({"period": "quarter", "quarter": "5"}, "quarter"),
    ({"period": "year", "year": "20x6"}, "year"),
    ({"period": "custom", "start": "2026-02-30", "end": "2026-03-01"}, "start"),
    ({"period": "custom", "start": "2026-03-01", "end": "2026-01-01"}, "end"),
    ({"period": "custom", "start": "2010-01-01", "end": "2026-01-01"}, "end"),
    ({"period": "decade"}, "period"),
])
def test_a_bad_period_re_renders_the_form_with_a_message(make_client, world, params, field):
    for url in ("/outcomes", "/outcomes/figures.csv", "/outcomes/rows.csv"):
        r = _get(make_client("alice@example.org"), url, params)
        assert r.status_code == 400
        page = BeautifulSoup(r.text, "html.parser")
        assert page.select_one(f"#{field}-error"), field
        assert page.select_one("#period-form")


def test_quarter_and_year(make_client, seeded):
    client = make_client("alice@example.org")
    page = BeautifulSoup(_get(client, "/outcomes", {"period": "quarter", "year": "2026", "quarter": "1"}).text,
                         "html.parser")
    shown = page.select_one("#period-shown").text
    assert "1 Jan 2026" in shown and "31 Mar 2026" in shown  # dates written for the reader, not ISO
    assert page.select_one('[data-figure="proceedings"]').get_text(strip=True) == "6"
    page = BeautifulSoup(_get(client, "/outcomes", {"period": "year", "year": "2026"}).text, "html.parser")
    assert page.select_one('[data-figure="proceedings"]').get_text(strip=True) == "7"


def _csv(response):
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.text)))


def test_the_csv_exports_hold_the_figures_and_no_sensitive_column(make_client, seeded):
    client = make_client("alice@example.org")
    figures = _csv(_get(client, "/outcomes/figures.csv", Q1))
    totals = {r["figure"]: r["value"] for r in figures if r["section"] == "total"}
    assert totals["dispute_sent"] == "3" and totals["items_no-answer"] == "1" and totals["median_days_to_answer"] == "20.0"
    rows = _csv(_get(client, "/outcomes/rows.csv", Q1))
    assert len(rows) == 6
    header = " ".join(rows[0]).lower()
    for word in ("ssn", "national", "birth", "dob", "note", "name", "account", "address"):
        assert word not in header, word
    text = _get(client, "/outcomes/rows.csv", Q1).text
    for secret in ("123-45-6789", "1980-04-30", "Dave Client", "Not mine"):
        assert secret not in text
    late = [r for r in rows if r["answered_late"] == "yes"]
    assert len(late) == 1 and late[0]["days_to_answer"] == "50"
