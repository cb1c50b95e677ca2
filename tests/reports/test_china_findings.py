"""A Chinese credit report is judged by the Credit Reporting Regulation, not the FCRA: negative
information is kept for 5 years from the day the conduct ended, then deleted (《征信业管理条例》
Art 16; legal-rules.md §5)."""

from datetime import date

from app.reports import analyze
from app.reports.model import Account, Report


def _report(*accounts, pulled=date(2026, 10, 20)) -> Report:
    return Report(bureau="中国人民银行征信中心", pulled=pulled, accounts=accounts)


def _card(**kw) -> Account:
    base = {"furnisher": "示例商业银行", "account_number": "6789", "account_type": "信用卡",
            "status": "结清", "payment_history": ("OK", "1", "OK")}
    return Account(**{**base, **kw})


def test_negative_record_ended_more_than_five_years_ago_must_be_deleted():
    # Paid off on 1 March 2021: kept until 1 March 2026; the report of 20 October 2026 still shows it.
    findings = analyze(_report(_card(last_payment=date(2021, 3, 1), closed=date(2021, 3, 1))), today=date(2026, 11, 1))
    assert [f.rule for f in findings] == ["obsolete.cn-five-years"]
    assert "Art 16" in str(findings[0].legal_basis) and findings[0].estimate and "2026-03-01" in str(findings[0].what)


def test_recent_or_ongoing_negative_records_are_not_flagged():
    recent = _card(last_payment=date(2023, 3, 1), closed=date(2023, 3, 1))
    ongoing = _card(status="逾期", last_payment=date(2019, 1, 1))  # still overdue: the conduct goes on
    clean = _card(payment_history=("OK", "OK"), last_payment=date(2019, 1, 1), closed=date(2019, 1, 1))
    assert analyze(_report(recent, ongoing, clean), today=date(2026, 11, 1)) == []


def test_fcra_rules_are_not_applied_to_a_chinese_report():
    # An old "collection" with a first delinquency would be an FCRA §605 finding on a US report.
    old = _card(account_type="collection", status="逾期", first_delinquency=date(2010, 1, 1))
    assert all(not f.rule.startswith(("obsolete.collection", "reaged", "missing-dofd"))
               for f in analyze(_report(old), today=date(2026, 11, 1)))
