"""How a report is laid out for review, and the same accounts side by side across bureaus. Pure.

Advocates read a report in this order: personal information, public records, negative accounts,
inquiries, positive accounts (GROUPS). An account is negative when anything in it would count
against the person: a collection, a charge-off, a late payment, an amount past due.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.reports.analysis import Finding, first_word, is_chargeoff, is_collection, same_account
from app.reports.model import Account, Item, Report, normalise

GROUPS = ("personal", "public-record", "negative", "inquiry", "positive")
_GOOD_CODES = {"", "OK", "C", "0", "-", "ND", "X", "CUR", "CURRENT", "U", "E", "CLS", "TN"}  # CLS closed, TN too new to rate
_BAD_WORDS = re.compile(r"\b(LATE|DELINQUEN\w*|PAST DUE|COLLECTION|CHARGE\w* OFF|REPOSSESS\w*|"
                        r"FORECLOS\w*|DEROGATORY|BANKRUPTCY|SETTLED|DEFAULT\w*|\d+ DAYS)\b")  # fmt: skip


def is_negative(a: Account) -> bool:
    if is_collection(a) or is_chargeoff(a):
        return True
    if a.past_due is not None and a.past_due > 0:
        return True
    if any(normalise(code) not in _GOOD_CODES for code in a.payment_history):
        return True
    words = normalise(" ".join([a.status or "", *a.remarks]))
    return bool(_BAD_WORDS.search(words.replace("NEVER LATE", "")))


def group_of(item: Item) -> str:
    if isinstance(item, Account):
        return "negative" if is_negative(item) else "positive"
    return item.section


def grouped(report: Report) -> dict[str, list[Item]]:
    out: dict[str, list[Item]] = {g: [] for g in GROUPS}
    for item in report.items():
        out[group_of(item)].append(item)
    return out


def findings_by_item(findings: list[Finding]) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for f in findings:
        out.setdefault(f.item, []).append(f)
    return out


# --- Cross-bureau view ---------------------------------------------------------------------
COMPARED_FIELDS = ("account_number", "account_type", "responsibility", "status", "opened", "closed",
                   "last_payment", "first_delinquency", "reported", "balance", "credit_limit",
                   "high_balance", "past_due", "original_creditor", "removal_date",
                   "remarks")  # fmt: skip


@dataclass(frozen=True)
class CompareRow:
    field: str
    values: tuple[object, ...]  # one per report; None where that report has no such account or value

    @property
    def differs(self) -> bool:
        shown = {v for v in self.values if v not in (None, ())}
        return len(shown) > 1


@dataclass(frozen=True)
class CompareGroup:
    label: str
    accounts: tuple[Account | None, ...]  # one per report, None where the report lacks it
    rows: tuple[CompareRow, ...]

    @property
    def missing_somewhere(self) -> bool:
        return any(a is None for a in self.accounts)

    @property
    def differences(self) -> int:
        return sum(r.differs for r in self.rows) + self.missing_somewhere


def _account_values(a: Account | None, name: str) -> object:
    if a is None:
        return None
    value = getattr(a, name)
    if name == "account_number" and value:
        return re.sub(r"\D", "", value)[-4:] or value  # masks differ; compare the digits shown
    return value


def cross_bureau(reports: list[Report]) -> list[CompareGroup]:
    """Every account in any of the reports, matched across them, differences first."""
    groups: list[list[Account | None]] = []
    # Groups indexed by the accounts' keys and by (first word of furnisher, opened): same_account
    # matches only within those, so each account looks at a few groups, not all of them.
    by_key: dict[str, list[int]] = {}
    by_name: dict[tuple[str, object], list[int]] = {}
    for column, report in enumerate(reports):
        for a in report.accounts:
            name = (first_word(a.furnisher), a.opened)
            candidates = sorted({*by_key.get(a.key, ()), *by_name.get(name, ())})
            index = next((i for i in candidates if groups[i][column] is None
                          and any(b is not None and same_account(a, b) for b in groups[i])),
                         None)  # fmt: skip
            if index is None:
                index = len(groups)
                groups.append([None] * len(reports))
            groups[index][column] = a
            for i_list in (by_key.setdefault(a.key, []), by_name.setdefault(name, [])):
                if index not in i_list:
                    i_list.append(index)
    out = []
    for accounts in groups:
        first = next(a for a in accounts if a is not None)
        rows = tuple(CompareRow(n, tuple(_account_values(a, n) for a in accounts))
                     for n in ("furnisher", *COMPARED_FIELDS))  # fmt: skip
        out.append(CompareGroup(first.label, tuple(accounts), rows))
    return sorted(out, key=lambda g: (-g.differences, normalise(g.label)))


