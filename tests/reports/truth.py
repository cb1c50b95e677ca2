"""Compare an imported report with a sample's .truth.json, field by field, and list every mismatch.

The truth files (tests/reports/samples/*.truth.json, same schema as the held-back truth of the
real reports) write dates as YYYY-MM-DD, or YYYY-MM when the report prints only a month; money in
whole dollars; null for blank or not printed. Mismatches are returned as plain sentences, so a
failing test shows all of them at once.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.reports.importers import ImportResult
from app.reports.model import Account, Inquiry
from app.reports.review import is_negative

# Grid codes in the truth files (as each bureau prints them) -> Recourse's codes.
CODES = {"C/O": "CO", "COL": "C", "RPO": "R", "VS": "V", "FC": "F", "N/R": "ND"}
_NOT_LATE = {"OK", "-", "ND", "X", "CLS", "TN", ""}


def compare(result: ImportResult, truth: dict) -> list[str]:
    report = result.report
    out = []
    if report.bureau != truth["bureau"]:
        out.append(f"bureau: read {report.bureau!r}, expected {truth['bureau']!r}")
    if _iso(report.pulled) != truth["report_date"]:
        out.append(f"report date: read {report.pulled}, expected {truth['report_date']}")
    out += _accounts(list(report.accounts), _expected_accounts(truth))
    out += _inquiries(list(report.inquiries), truth)
    if len(report.public_records) != truth["counts"]["public_records"]:
        out.append(f"public records: read {len(report.public_records)}, "
                   f"expected {truth['counts']['public_records']}")  # fmt: skip
    return out


def _expected_accounts(truth: dict) -> list[dict]:
    """Tradelines and collections (Experian and TransUnion list collections among accounts)."""
    seen = {a["furnisher"] for a in truth["accounts"]}
    return truth["accounts"] + [c for c in truth.get("collections", []) if c["furnisher"] not in seen]


def _accounts(read: list[Account], expected: list[dict]) -> list[str]:
    out = []
    if len(read) != len(expected):
        out.append(f"accounts: read {len(read)}, expected {len(expected)} "
                   f"({sorted(a.furnisher for a in read)})")  # fmt: skip
    by_name = {a.furnisher: a for a in read}
    for want in expected:
        got = by_name.get(want["furnisher"])
        if got is None:
            out.append(f"account {want['furnisher']!r} was not read")
            continue
        out += [f"{want['furnisher']}: {m}" for m in _account(got, want)]
    return out


def _account(a: Account, t: dict) -> list[str]:
    out = []

    def check(name: str, got, want) -> None:
        if got != want:
            out.append(f"{name}: read {got!r}, expected {want!r}")

    check("status", a.status, t["status"])
    check("account type", _lower(a.account_type), _lower(t.get("loan_type") or t["account_type"]))
    if t.get("open") is not None:
        check("closed", a.is_closed or a.closed is not None, not t["open"])
    check("balance", _money(a.balance), t["balance"])
    check("credit limit", _money(a.credit_limit), t["credit_limit"])
    check("high balance", _money(a.high_balance),
          _first(t, "high_credit", "highest_balance", "original_balance", "original_amount"))
    check("past due", _money(a.past_due), t["past_due"])
    check("charge-off amount", _money(a.charge_off_amount), t["charge_off_amount"])
    check("opened", _day(a.opened, t), _first(t, "date_opened", "date_assigned"))
    check("reported", _day(a.reported, t), t["date_reported"])
    check("last payment", _day(a.last_payment, t, "date_last_payment"), t["date_last_payment"])
    check("first delinquency", _day(a.first_delinquency, t), t["date_first_delinquency"])
    check("date closed", _day(a.closed, t, "date_closed"), t["date_closed"])
    check("original creditor", a.original_creditor, t["original_creditor"])
    removal = _first(t, "removal_date", "on_record_until")
    check("removal date", _day(a.removal_date, t, value=removal), removal)
    check("late months", late_months(a), {m: CODES.get(c, c) for m, c in
                                          t.get("payment_history_negative", {}).items()})  # fmt: skip
    check("late payments shown", is_negative(a), t["late_payments"])
    return out


def late_months(a: Account) -> dict[str, str]:
    """{"YYYY-MM": code} for every month of the payment history that is not on time."""
    if a.payment_history_as_of is None:
        return {}
    year, month = a.payment_history_as_of.year, a.payment_history_as_of.month
    out = {}
    for code in a.payment_history:
        if code not in _NOT_LATE:
            out[f"{year}-{month:02d}"] = code
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out


def _inquiries(read: list[Inquiry], truth: dict) -> list[str]:
    groups = truth["inquiries"]
    expected = [("hard", q) for q in groups["hard"]]
    expected += [("soft", q) for name, qs in groups.items() if name != "hard" for q in qs]
    out = []
    for kind in ("hard", "soft"):
        got = [q for q in read if q.kind == kind]
        want = [q for k, q in expected if k == kind]
        if len(got) != len(want):
            out.append(f"{kind} inquiries: read {len(got)}, expected {len(want)}")
    unmatched = list(read)
    for kind, q in expected:
        dates = sorted(set(q.get("dates") or [q["on"]]), reverse=True)
        match = next((r for r in unmatched if (r.kind, r.who, _iso(r.on)) == (kind, q["who"], dates[0])),
                     None)  # fmt: skip
        if match is None:
            out.append(f"{kind} inquiry {q['who']!r} on {dates[0]} was not read")
            continue
        unmatched.remove(match)
        if sorted({_iso(match.on), *match.other_dates}, reverse=True) != dates:
            out.append(f"inquiry {q['who']!r}: read dates {[_iso(match.on), *match.other_dates]}, "
                       f"expected {dates}")  # fmt: skip
    out += [f"{r.kind} inquiry {r.who!r} on {r.on} is not in the truth" for r in unmatched]
    return out


def _first(t: dict, *names: str):
    return next((t[n] for n in names if t.get(n) is not None), None)


def _lower(text: str | None) -> str | None:
    return text.lower() if text else None


def _money(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == int(value) else float(value)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _day(day: date | None, t: dict, name: str | None = None, value: str | None = None) -> str | None:
    """The date as the truth writes it: YYYY-MM when the truth has only the month."""
    want = value if name is None else t.get(name)
    if day is None:
        return None
    return day.isoformat()[:7] if isinstance(want, str) and len(want) == 7 else day.isoformat()
