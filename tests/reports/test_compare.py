from dataclasses import replace
from datetime import date
from decimal import Decimal

from app.reports.analysis import compare_reports, timeline
from app.reports.model import Account, Inquiry, Report

A = Account("ACME BANK", "XXXX1111", opened=date(2020, 1, 1), balance=Decimal("100"),
            reported=date(2025, 1, 1))  # fmt: skip
B = Account("MIDLAND CREDIT", "XXXX2222", opened=date(2021, 1, 1), balance=Decimal("900"),
            status="Collection")  # fmt: skip
Q = Inquiry("CARD CO", date(2024, 1, 1))


def rep(pulled: date, *items) -> Report:
    return Report("Equifax", pulled).with_items(list(items))


def statuses(changes) -> dict[str, str]:
    return {c.label.split(" (")[0]: c.status for c in changes}


def test_deleted_corrected_unchanged_new():
    old = rep(date(2025, 1, 1), A, B)
    new = rep(date(2025, 3, 1), replace(A, reported=date(2025, 3, 1)),
              replace(B, balance=Decimal("0"), status="Paid"), Q)  # fmt: skip
    changes = compare_reports(old, new)
    assert statuses(changes) == {"ACME BANK": "unchanged", "MIDLAND CREDIT": "corrected",
                                 "hard inquiry by CARD CO on 2024-01-01": "new"}  # fmt: skip
    corrected = next(c for c in changes if c.status == "corrected")
    assert set(corrected.changed) == {"balance", "status"}
    assert statuses(compare_reports(new, rep(date(2025, 5, 1), A)))["MIDLAND CREDIT"] == "deleted"


def test_reinserted_item_is_flagged_with_the_notice_rule():
    first, second, third = (
        rep(date(2024, 1, 1), A, B),
        rep(date(2024, 3, 1), A),
        rep(date(2024, 6, 1), A, B),
    )
    steps = timeline([third, first, second])  # order is taken from the pull dates
    assert statuses(steps[0])["MIDLAND CREDIT"] == "deleted"
    back = next(c for c in steps[1] if c.label.startswith("MIDLAND"))
    assert back.status == "reinserted" and "§611(a)(5)(B)" in str(back.legal_basis)
    assert "5 business days" in str(back.note) and back.to_dict()["changed"] == []


def test_not_reinserted_when_never_seen_before():
    changes = compare_reports(rep(date(2024, 3, 1), A), rep(date(2024, 6, 1), A, B),
                              history=[rep(date(2024, 1, 1), A)])  # fmt: skip
    assert statuses(changes)["MIDLAND CREDIT"] == "new"
