"""Issue 15: a report's analysis is computed once per change and stored, not on every view."""

from dataclasses import replace
from decimal import Decimal

from sqlmodel import Session

from app.credit_reports import service, stored
from app.credit_reports.models import CreditReport
from tests.conftest import post
from tests.credit_reports.conftest import fixture_report, save


def _count_analyses(monkeypatch) -> list[int]:
    calls: list[int] = []
    real = stored.limited.analyze_report

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(stored.limited, "analyze_report", counting)
    return calls


def test_the_review_page_reuses_the_stored_analysis(make_client, report_id, engine, monkeypatch):
    calls = _count_analyses(monkeypatch)
    client = make_client("alice@example.org")
    first = client.get(f"/reports/{report_id}")
    assert first.status_code == 200 and len(calls) == 1
    with Session(engine) as s:
        row = s.get(CreditReport, report_id)
        assert row.analysis_key and "obsolete.collection-or-chargeoff" in row.analysis
    second = client.get(f"/reports/{report_id}")
    assert len(calls) == 1  # read back, not computed again
    assert second.text.count('data-rule="') == first.text.count('data-rule="')
    assert 'data-rule="obsolete.collection-or-chargeoff"' in second.text


def test_a_change_to_the_report_marks_or_other_bureau_recomputes(make_client, report_id, engine, world,
                                                                  monkeypatch):
    calls = _count_analyses(monkeypatch)
    client = make_client("alice@example.org")
    client.get(f"/reports/{report_id}")
    assert len(calls) == 1
    # A mark on an item changes the findings (identity theft).
    with Session(engine) as s:
        report = service.parsed(s.get(CreditReport, report_id))
    key = report.accounts[0].key
    assert post(client, f"/reports/{report_id}/marks", {"item": key, "mark": "not-mine"}).status_code == 303
    assert 'data-rule="not-mine"' in client.get(f"/reports/{report_id}").text
    assert len(calls) == 2
    client.get(f"/reports/{report_id}")
    assert len(calls) == 2
    # Another bureau's report arrives: mismatches may change, so the analysis runs again.
    other = fixture_report(bureau="Equifax")
    other = replace(other, accounts=tuple(replace(a, balance=(a.balance or Decimal(0)) + 500) for a in other.accounts))
    save(engine, world, other)
    html = client.get(f"/reports/{report_id}").text
    assert len(calls) == 3 and 'data-rule="mismatch.balance"' in html
    # The stored findings were computed for a day: a view on another day computes them again.
    with Session(engine) as s:
        row = s.get(CreditReport, report_id)
        assert stored.stored_findings(row, "not-the-key") is None
