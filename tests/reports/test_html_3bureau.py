"""The 3-bureau monitoring page (IdentityIQ / MyScoreIQ shape) against its .truth.json."""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.reports import analyze
from app.reports.importers import ImportError_, import_report, import_reports
from app.reports.importers.html_3bureau import MAX_BYTES

SAMPLES = Path(__file__).parent / "samples"
SAMPLE = SAMPLES / "identityiq-3bureau-sample.html"
TRUTH = json.loads((SAMPLES / "identityiq-3bureau-sample.truth.json").read_text())["reports"]


@pytest.fixture(scope="module")
def reports():
    return {r.report.bureau: r for r in import_reports(SAMPLE.read_bytes(), "html")}


def _money(value):
    return None if value is None else Decimal(str(value))


def _day(value):
    return None if value is None else date.fromisoformat(value)


def test_one_report_per_bureau_column(reports):
    assert sorted(reports) == ["Equifax", "Experian", "TransUnion"]
    for result in reports.values():
        assert result.report.pulled == date(2024, 12, 9) and result.unreadable is None
        assert result.questions == ()


@pytest.mark.parametrize("bureau", ["transunion", "experian", "equifax"])
def test_accounts_match_the_truth(reports, bureau):
    truth = TRUTH[bureau]
    report = reports[truth["bureau"]].report
    assert [a.furnisher for a in report.accounts] == [t["furnisher"] for t in truth["accounts"]]
    for account, t in zip(report.accounts, truth["accounts"], strict=True):
        assert account.balance == _money(t["balance"]), account.furnisher
        assert account.past_due == _money(t["past_due"]), account.furnisher
        assert account.high_balance == _money(t["high_credit"]), account.furnisher
        assert account.opened == _day(t["date_opened"]), account.furnisher
        assert account.reported == _day(t["date_reported"]), account.furnisher
        assert account.last_payment == _day(t["date_last_payment"]), account.furnisher
        assert account.original_creditor == t["original_creditor"], account.furnisher
        assert t["payment_status"] in account.status and t["status"] in account.status
        assert account.account_type == t["account_type_detail"]


@pytest.mark.parametrize("bureau", ["transunion", "experian", "equifax"])
def test_late_months_of_the_grid(reports, bureau):
    """payment_history is most recent first; the page's last month is November 2024."""
    truth = TRUTH[bureau]
    for account, t in zip(reports[truth["bureau"]].report.accounts, truth["accounts"], strict=True):
        late = {}
        for back, code in enumerate(account.payment_history):
            year, month = divmod(2024 * 12 + 10 - back, 12)
            if code not in ("OK", "ND"):
                late[f"{year}-{month + 1:02d}"] = code
        assert late == t["payment_history_negative"], account.furnisher


def test_a_dash_column_means_not_at_that_bureau(reports):
    names = {b: [a.furnisher for a in r.report.accounts] for b, r in reports.items()}
    assert "SAMPLE STORE CARD" in names["TransUnion"] and "SAMPLE STORE CARD" in names["Experian"]
    assert "SAMPLE STORE CARD" not in names["Equifax"]


@pytest.mark.parametrize("bureau", ["transunion", "experian", "equifax"])
def test_inquiries_per_bureau_are_hard(reports, bureau):
    truth = TRUTH[bureau]
    inquiries = reports[truth["bureau"]].report.inquiries
    assert [(q.who, q.on.isoformat()) for q in inquiries] == [
        (t["who"], t["on"]) for t in truth["inquiries"]["hard"]]
    assert {q.kind for q in inquiries} == {"hard"}


def test_personal_information_and_furnisher_contacts(reports):
    tu = reports["TransUnion"].report
    kinds = [(p.kind, p.value) for p in tu.personal]
    assert ("name", "JORDAN A SAMPLE") in kinds and ("employer", "EXAMPLE LOGISTICS INC") in kinds
    address = next(p for p in tu.personal if p.value.startswith("1200 EXAMPLE AVE"))
    assert address.reported == date(2024, 12, 1)
    assert not any(p.value.startswith("77 PLACEHOLDER") for p in reports["Equifax"].report.personal)
    recovery = next(a for a in tu.accounts if a.furnisher == "EXAMPLE RECOVERY SERVICES LLC")
    assert recovery.contact_address == ("1 COLLECTION PLZ STE 100", "SAMPLETON, OH 43000")
    assert recovery.contact_phone == "(555) 010-7000"


def test_bureaus_disagree_and_the_comparison_sees_it(reports):
    """NORTHWIND: $1,480 at TransUnion, $1,395 at Equifax: a cross-bureau mismatch finding."""
    tu, eqf = reports["TransUnion"].report, reports["Equifax"].report
    found = analyze(tu, today=date(2024, 12, 10), others=[eqf])
    rules = {(f.rule, str(f.item_label).split(" (")[0]) for f in found}
    assert ("mismatch.balance", "NORTHWIND CARD SERVICES") in rules


def test_sources_name_the_bureau_column(reports):
    understood = reports["Equifax"].understood
    balance = next(u for u in understood if u.field == "account.balance" and "NORTHWIND" in u.text)
    assert balance.value == "1395.00" and "(Equifax)" in balance.text


def test_import_report_refuses_a_file_of_several_reports():
    with pytest.raises(ImportError_, match="3 reports"):
        import_report(SAMPLE.read_bytes(), "html")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"<html><body><p>Hello</p></body></html>", "not a 3-bureau report"),
        (b"<html>" + b" " * (MAX_BYTES + 1), "too large"),
    ],
)
def test_pages_we_cannot_read(data, words):
    with pytest.raises(ImportError_, match=words):
        import_reports(data, "html")


def test_nothing_is_fetched_and_scripts_are_ignored():
    """External references stay text: the parser loads nothing and runs nothing."""
    page = SAMPLE.read_text().replace(
        "<body>", '<body><img src="http://127.0.0.1:9/x.png"><script>fetch("http://127.0.0.1:9")'
        '</script><iframe src="file:///etc/passwd"></iframe>', 1)
    results = import_reports(page.encode(), "html")
    assert len(results) == 3
