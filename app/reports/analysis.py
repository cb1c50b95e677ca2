"""Findings: things in a credit report worth a second look, each with its legal basis.

Pure functions: a report (and optionally other bureaus' reports and the person's own marks) in,
findings out. `today` is always passed in. Rules are data (RULES); each check is a small function.
Where the reference notes (shared/reference/legal-rules.md) mark a point UNVERIFIED, or where the
point is bureau policy or an industry standard (Metro 2) rather than law, the finding is flagged
`estimate=True` and says so. Whether an item is too old to report is judged on the report's own
date (FCRA §605(a): it "antedates the report"); what has run out since then is a separate finding.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, fields
from datetime import date, timedelta
from decimal import Decimal

from app.messages import M, Message
from app.messages import load as load_messages
from app.reports.model import Account, Inquiry, Item, PersonalInfo, PublicRecord, Report, normalise

# --- Constants, each with its source --------------------------------------------------------
# FCRA §605(a)(4), (c)(1): collections and charge-offs may be reported for 7 years, counted from
# the end of the 180-day period that begins when the delinquency started.
COLLECTION_DELAY = timedelta(days=180)
COLLECTION_YEARS = 7
# FCRA §605(a)(1): bankruptcy cases, 10 years from the order for relief or adjudication.
BANKRUPTCY_YEARS = 10
# Design choice, not law: charge-off normally comes about 180 days after the first missed payment,
# and a debt usually reaches a collector within months. An open date more than 2 years after the
# first delinquency means the debt was probably resold, which is when the clock tends to get
# restarted by mistake. A shorter gap would flag ordinary collections; so we pick 2 years.
REAGE_GAP = timedelta(days=730)
# Reports often print removal dates as month and year only; allow one month before calling it late.
MONTH_TOLERANCE = timedelta(days=31)
# Design choice: a removal date within two months of the collector's open date + 7 years counts as
# "about 7 years after" it (both dates may be printed as a month only).
ABOUT_SEVEN_YEARS = timedelta(days=62)
# Bureaus whose report layout never prints the date of first delinquency (report-layouts.md:
# TransUnion prints only "Estimated month and year this item will be removed", Experian only "On
# Record Until"). A blank date there says nothing about what the furnisher reported.
BUREAUS_WITHOUT_DOFD = ("TRANSUNION", "EXPERIAN")
# Bureau policy, not law (legal-rules.md §1.6): medical collections under $500 (since
# 2023-04-11), paid ones (since 2022-07-01), and unpaid ones younger than 1 year are not reported.
MEDICAL_MINIMUM = Decimal("500")
MEDICAL_WAIT = timedelta(days=365)
# No FCRA period applies to inquiries. Bureaus are said to show them for 2 years: UNVERIFIED
# (legal-rules.md §1.4 and §8 item 3).
INQUIRY_DISPLAY_YEARS = 2
# China, 《征信业管理条例》 Art 16: negative information is kept for 5 years from the day the bad
# conduct or event ended ("自不良行为或者事件终止之日起为5年"), then deleted (legal-rules.md §5;
# legal-rules-addresses.md §4 quotes the article).
CN_NEGATIVE_YEARS = 5
# How a report names a Chinese credit reporting agency (the PBOC Credit Reference Center, Baihang,
# Pudao): such a report is judged by Chinese rules, not the FCRA.
CN_AGENCIES = ("征信", "PBOC", "PBCCRC", "CREDIT REFERENCE CENTER", "BAIHANG", "百行", "PUDAO", "朴道")
_CN_NEGATIVE = re.compile(r"逾期|呆账|代偿|止付|冻结|OVERDUE|DEFAULT|BAD DEBT|WRITTEN OFF|COLLECT")
# Cross-bureau balances only count as different when both were reported within this many days
# of each other (balances move every month). Design choice.
SAME_PERIOD = timedelta(days=45)
BALANCE_TOLERANCE = Decimal("1")

CATEGORIES = ("obsolete", "reaged", "missing-dofd", "balance-after-payoff", "duplicate",
              "mismatch", "impossible-date", "medical-debt", "old-inquiry", "not-mine",
              "personal-info")  # fmt: skip
SEVERITIES = ("high", "medium", "low")
ACTIONS = ("delete", "correct", "mark-disputed")


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    severity: str
    why: Message
    legal_basis: Message
    suggested_reason: Message  # English in a letter to a US bureau; the page shows it translated
    suggested_action: str
    estimate: bool = False  # bureau policy or an UNVERIFIED point: "check with an advocate"


# Texts are messages (app/messages.py): a page renders them in the reader's language, while the
# JSON export, the API and the letters (to US bureaus, in English) use their English text.
TEXTS = ("item_label", "what", "why", "legal_basis", "suggested_reason")


@dataclass(frozen=True)
class Finding:
    rule: str
    category: str
    severity: str
    item: str  # the item's key
    item_label: Message
    what: Message
    why: Message
    legal_basis: Message
    suggested_reason: Message
    suggested_action: str
    estimate: bool = False

    def to_dict(self) -> dict:
        """Plain English (the JSON export, the API, the command line)."""
        return {f.name: str(v) if f.name in TEXTS else v for f in fields(self) for v in [getattr(self, f.name)]}

    def to_parts(self) -> dict:
        """For storage: the texts as message parts (app.messages), so they render in any language."""
        return {f.name: v.to_json() if f.name in TEXTS else v for f in fields(self) for v in [getattr(self, f.name)]}

    @classmethod
    def from_parts(cls, data: dict) -> Finding:
        """The inverse of to_parts(). Raises ValueError/TypeError/KeyError on anything else."""
        texts = {}
        for name in TEXTS:  # English text (stored before findings had parts) is refused
            message = load_messages(json.dumps(data[name])) if isinstance(data[name], list) else None
            if not isinstance(message, Message):
                raise ValueError(f"{name} is not one message")
            texts[name] = message
        return cls(**{**data, **texts})


CHECK = M("This is an estimate: check with an advocate before you rely on it.")
_DISPUTE = M("FCRA §611(a)(1)(A), (a)(5)(A): the bureau must look into a dispute within 30 days and fix or "
             "delete what is wrong.")
# Not law (issue 11): the Metro 2 reporting format the bureaus and lenders use has a sold or
# transferred account reported with a $0 balance. A wrong balance is still disputable (§611).
_METRO2 = M("Industry standard, not law: the Metro 2 credit reporting format says an account that "
            "was sold or transferred is reported with a $0 balance by the company that sold it. A "
            "balance that makes the report inaccurate can be disputed: %(dispute)s", dispute=_DISPUTE)  # fmt: skip

RULES: dict[str, Rule] = {r.id: r for r in [
    Rule("obsolete.collection-or-chargeoff", "obsolete", "high",
         M("The law sets a time limit on bad marks. After it, the bureau must stop showing this debt, "
           "even if it was never paid. (The limit does not apply when you apply for credit or life "
           "insurance of $150,000 or more, or a job paying $75,000 or more.)"),
         M("FCRA §605(a)(4) and (c)(1) (15 U.S.C. 1681c): 7 years, counted from 180 days after the "
           "delinquency began; exceptions in §605(b)."),
         M("This item is older than the law allows a bureau to report."), "delete"),
    Rule("obsolete.since-report", "obsolete", "medium",
         M("When this report was made, the item could still be shown. Its time limit has run out "
           "since then, so a report made today should no longer show it. Get a new report: if it "
           "is still there, dispute it."),
         M("FCRA §605(a), (c) (15 U.S.C. 1681c): an item may not be reported once it antedates the "
           "report by more than the limit; counted here from today, not from this report's date."),
         M("This item is now older than the FCRA reporting period allows and may no longer be "
           "reported."), "delete"),
    Rule("obsolete.bankruptcy", "obsolete", "high",
         M("A bankruptcy can stay on a report for 10 years, not longer. We count from the filing "
           "date, which is usually the day of the order for relief. %(check)s", check=CHECK),
         M("FCRA §605(a)(1) (15 U.S.C. 1681c(a)(1)): 10 years from the order for relief or "
           "adjudication; exceptions in §605(b)."),
         M("This bankruptcy is older than the law allows a bureau to report."), "delete", True),
    Rule("obsolete.cn-five-years", "obsolete", "high",
         M("In China, a bad mark (such as overdue payments) may stay on your credit report for 5 years "
           "after the problem ended, for example after you paid what was overdue. After that it must be "
           "deleted. We took the end from the last payment or closing date the report shows, so check "
           "that date. %(check)s", check=CHECK),
         M("《征信业管理条例》 (Credit Reporting Regulation) Art 16: negative information is kept for 5 "
           "years from the day the conduct or event ended, and must then be deleted."),
         M("This negative record ended more than 5 years ago and must be deleted (Credit Reporting "
           "Regulation Art 16)."), "delete", True),
    Rule("reaged.opened-long-after-dofd", "reaged", "medium",
         M("When a debt is sold, the new collector shows a new open date. The time limit must still "
           "be counted from the first missed payment, not from that open date. Check the removal "
           "date on the report."),
         M("FCRA §605(c)(1): the 7 years run from the delinquency that came before the collection; "
           "§623(a)(5): the furnisher must report that date."),
         M("The collector's open date is long after the first delinquency; the reporting period "
           "must be counted from the first delinquency."), "correct"),
    Rule("reaged.removal-date-too-late", "reaged", "high",
         M("The removal date on the report is later than the law allows. This is called re-aging: "
           "it keeps a bad mark on your report longer than it should be."),
         M("FCRA §605(a)(1), (a)(4) and (c)(1) (15 U.S.C. 1681c)."),
         M("The removal date is later than the FCRA reporting period allows."), "correct"),
    Rule("reaged.removal-from-open-date", "reaged", "medium",
         M("The removal date is about 7 years after the collector opened the account. That is what "
           "you see when the 7 years are counted from the day the collector got the debt instead "
           "of from your first missed payment. It is right only if you first fell behind about 6 "
           "months before the collector got it; if you fell behind earlier, the debt stays too "
           "long. %(check)s", check=CHECK),
         M("FCRA §605(a)(4), (c)(1) (15 U.S.C. 1681c): 7 years counted from 180 days after the "
           "delinquency that came before the collection, not from the collector's open date."),
         M("The removal date appears to be counted from the collector's open date rather than from "
           "the first delinquency; the reporting period must be counted from the first "
           "delinquency."), "correct", True),
    Rule("missing-dofd.derogatory", "missing-dofd", "medium",
         M("Without this date nobody can tell when the debt must come off your report. Companies "
           "that report a collection or charge-off must give it."),
         M("FCRA §623(a)(5) (15 U.S.C. 1681s-2(a)(5)): the furnisher must report the month and year "
           "the delinquency began, within 90 days."),
         M("The date of first delinquency is missing, so the reporting period cannot be checked."),
         "correct"),
    Rule("missing-dofd.not-printed", "missing-dofd", "low",
         M("This bureau's report does not print the date of first delinquency, so a blank here does "
           "not mean the company failed to report it. We worked from the removal date the report "
           "prints instead. A copy of your full file from the bureau (FCRA §609(a)(1)) may show "
           "the date."),
         M("FCRA §623(a)(5) (15 U.S.C. 1681s-2(a)(5)): the furnisher reports the date to the "
           "bureau; §605(c)(1): the reporting period is counted from it."),
         M("Please confirm the date of first delinquency reported for this account and that the "
           "reporting period is counted from it."), "correct"),
    Rule("balance-after-payoff", "balance-after-payoff", "medium",
         M("A debt that was paid, settled or wiped out in bankruptcy should show $0. A balance "
           "makes it look like you still owe it."),
         _DISPUTE, M("The account is reported as paid, settled or discharged but still shows a "
                     "balance; it should show $0."), "correct"),
    Rule("balance-after-transfer", "balance-after-payoff", "medium",
         M("A debt that was sold or transferred is owed to the new company now, and the old one "
           "should show $0. A balance makes it look like you owe it twice. The $0 rule is an "
           "industry reporting standard (Metro 2), not a law. %(check)s", check=CHECK),
         _METRO2, M("The account is reported as sold or transferred but still shows a balance; it "
                    "should show $0."), "correct", True),
    Rule("duplicate.same-debt", "duplicate", "high",
         M("The same debt is listed twice, each time with money owed. That makes it look like you "
           "owe twice as much. Once a debt is sold or sent to a collector, the first company "
           "should show $0: an industry reporting standard (Metro 2), not a law. %(check)s", check=CHECK),
         _METRO2, M("The same debt is reported twice with a balance."), "correct", True),
    Rule("mismatch.balance", "mismatch", "low",
         M("Two bureaus show different balances for the same account at about the same time. At "
           "least one of them is wrong."), _DISPUTE,
         M("The balance differs from what another bureau reports for the same account."), "correct"),
    Rule("mismatch.status", "mismatch", "medium",
         M("Two bureaus describe the same account differently. At least one of them is wrong."),
         _DISPUTE, M("The account status differs from what another bureau reports."), "correct"),
    Rule("mismatch.dates", "mismatch", "medium",
         M("Two bureaus give different key dates for the same account. A wrong date of first "
           "delinquency can keep a debt on your report too long."), _DISPUTE,
         M("Key dates differ from what another bureau reports for the same account."), "correct"),
    Rule("impossible-date.future", "impossible-date", "medium",
         M("A date in the future cannot be right."), _DISPUTE,
         M("The item shows a date after the report was made."), "correct"),
    Rule("impossible-date.order", "impossible-date", "medium",
         M("These dates are in an impossible order, so at least one is wrong."), _DISPUTE,
         M("The dates reported for this item are in an impossible order."), "correct"),
    Rule("medical-debt.paid", "medical-debt", "medium",
         M("The three big bureaus say they stopped showing paid medical collections in July 2022. "
           "This is their own policy, not a law, and it can change. %(check)s", check=CHECK),
         M("Bureau policy, not law: Equifax, Experian and TransUnion (CFPB blog; CDIA statement "
           "2023-04-11). The CFPB medical debt rule was struck down on 2025-07-11; state laws may "
           "still apply (UNVERIFIED)."),
         M("This is a paid medical collection, which the bureaus say they no longer report."),
         "delete", True),
    Rule("medical-debt.under-500", "medical-debt", "medium",
         M("The three big bureaus say that since April 2023 they do not show medical collections "
           "that started under $500. This is their own policy, not a law. %(check)s", check=CHECK),
         M("Bureau policy, not law: Equifax, Experian and TransUnion (CDIA statement 2023-04-11). "
           "The CFPB medical debt rule was struck down on 2025-07-11 (UNVERIFIED whether appealed)."),
         M("This medical collection was under $500, which the bureaus say they no longer report."),
         "delete", True),
    Rule("medical-debt.under-one-year", "medical-debt", "low",
         M("The three big bureaus say they wait 1 year before showing an unpaid medical "
           "collection. This is their own policy, not a law. %(check)s", check=CHECK),
         M("Bureau policy, not law: Equifax, Experian and TransUnion (CFPB blog; Equifax help "
           "page)."), M("This medical collection is less than a year old, which the bureaus say they "
                        "do not report."), "delete", True),
    Rule("old-inquiry", "old-inquiry", "low",
         M("No law sets how long a credit check stays on your report. The bureaus are said to keep "
           "hard inquiries for 2 years; we could not confirm this. %(check)s", check=CHECK),
         M("No FCRA §605 period applies to inquiries; §609(a)(3) and (a)(5) only require showing "
           "the last 1 year (2 years for jobs). The 2-year display is bureau practice (UNVERIFIED)."),
         M("This inquiry is older than the 2 years the bureaus say they show inquiries."),
         "delete", True),
    Rule("not-mine", "not-mine", "high",
         M("If you did not open this, someone may have used your identity. You can ask each bureau "
           "to block it. You need an identity theft report (make one at IdentityTheft.gov, the "
           "FTC's site) and proof of who you are. The bureau must block it within 4 business days."),
         M("FCRA §605B(a) (15 U.S.C. 1681c-2(a)): block within 4 business days of receiving proof "
           "of identity, an identity theft report, the items and your statement; FTC "
           "IdentityTheft.gov report."),
         M("This is not mine: I did not open or authorise it. It results from identity theft."),
         "delete"),
    Rule("personal-info.unrecognised", "personal-info", "medium",
         M("Details you do not recognise can mean the bureau mixed your file with someone else's, "
           "or that someone used your identity. Ask them to remove it."),
         M("FCRA §611(a)(1)(A) (dispute); §607(b) (15 U.S.C. 1681e(b)): reasonable procedures "
           "for maximum possible accuracy."),
         M("This personal information is not mine; my file may be mixed with someone else's."),
         "delete"),
]}  # fmt: skip


# --- Reading accounts ----------------------------------------------------------------------
_PAID = re.compile(r"\b(PAID|SETTLED|TRANSFERRED|SOLD|DISCHARGED|INCLUDED IN BANKRUPTCY)\b")
_TRANSFERRED = re.compile(r"\b(TRANSFERRED|SOLD)\b")
_AS_AGREED = re.compile(r"\bPAID (OR PAYING )?AS AGREED\b|\bPAYS AS AGREED\b")
_MEDICAL = re.compile(r"\b(MEDICAL|HOSPITAL|HEALTH|CLINIC|PHYSICIANS?|RADIOLOGY|AMBULANCE|"
                      r"ANESTHESIA|EMERGENCY|DENTAL|PATHOLOGY|SURGERY|SURGICAL)\b")  # fmt: skip


def _words(a: Account) -> str:
    return normalise(" ".join([a.status or "", a.account_type or "", *a.remarks]))


def is_collection(a: Account) -> bool:
    return "COLLECT" in _words(a) or a.original_creditor is not None


def is_chargeoff(a: Account) -> bool:
    words = _words(a).replace(" ", "")
    return "CHARGEOFF" in words or "CHARGEDOFF" in words or "CO" in a.payment_history


def is_paid(a: Account) -> bool:
    return bool(_PAID.search(_AS_AGREED.sub("", _words(a))))


def is_transferred(a: Account) -> bool:
    """Sold or transferred: the $0 balance expected then is Metro 2 practice, not law."""
    return bool(_TRANSFERRED.search(_words(a)))


def is_medical(a: Account) -> bool:
    text = normalise(" ".join([a.furnisher, a.original_creditor or "", a.account_type or "",
                               *a.remarks]))  # fmt: skip
    return a.medical or bool(_MEDICAL.search(text))


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


def collection_limit(a: Account) -> date | None:
    """Last day a collection or charge-off may be reported (§605(a)(4), (c)(1))."""
    if a.first_delinquency is None:
        return None
    return limit_from(a.first_delinquency)


def limit_from(first_delinquency: date) -> date:
    """7 years counted from the end of the 180 days after the delinquency began (§605(c)(1))."""
    return add_years(first_delinquency + COLLECTION_DELAY, COLLECTION_YEARS)


def implied_delinquency(removal: date) -> date:
    """The delinquency a printed removal date implies: 7 years and 180 days before it."""
    return add_years(removal, -COLLECTION_YEARS) - COLLECTION_DELAY


def omits_dofd(bureau: str | None) -> bool:
    """True for a bureau whose report never prints the date of first delinquency."""
    name = normalise(bureau).replace(" ", "")
    return any(b in name for b in BUREAUS_WITHOUT_DOFD)


def _finding(rule_id: str, item: Item, what: Message) -> Finding:
    r = RULES[rule_id]
    return Finding(r.id, r.category, r.severity, item.key, item.label_message, what, r.why,
                   r.legal_basis, r.suggested_reason, r.suggested_action, r.estimate)  # fmt: skip


def _money(value: Decimal | None) -> str | Message:
    return M("not given") if value is None else f"${value:,.2f}"


def _day(value: date) -> str:
    """A date inside a finding, as the report has it (year-month-day, the same in every language;
    a weekday would claim more than a report that prints only the month says)."""
    return value.isoformat()


# --- Checks on one account -----------------------------------------------------------------
@dataclass(frozen=True)
class _When:
    """The two days a finding is judged on: the report's own date (FCRA §605(a) asks whether an
    item "antedates the report") and today, for what has changed since."""

    report: date
    today: date


def _obsolete(item: Item, limit: date, when: _When, why: Message) -> list[Finding]:
    """Past its limit on the report's date, or only since then (said separately)."""
    if when.report > limit:
        return [_finding("obsolete.collection-or-chargeoff", item,
                         M("%(why)s so it had to come off by %(limit)s, before this report was made "
                           "on %(report)s.", why=why, limit=_day(limit), report=_day(when.report)))]  # fmt: skip
    if when.today > limit:
        return [_finding("obsolete.since-report", item,
                         M("%(why)s so it may be reported until %(limit)s. This report, made on "
                           "%(report)s, could still show it; from today's view it must come off.",
                           why=why, limit=_day(limit), report=_day(when.report)))]  # fmt: skip
    return []


def _obsolete_and_reaged(a: Account, when: _When, bureau: str | None) -> list[Finding]:
    if not (is_collection(a) or is_chargeoff(a)):
        return []
    if a.first_delinquency is None:
        return _without_dofd(a, when, bureau)
    limit = limit_from(a.first_delinquency)
    out = _obsolete(a, limit, when, M("This debt first went unpaid on %(day)s. The law lets it stay "
                                      "for 7 years counted from 180 days after that,",
                                      day=_day(a.first_delinquency)))  # fmt: skip
    if a.opened and a.opened - a.first_delinquency > REAGE_GAP:
        out.append(_finding("reaged.opened-long-after-dofd", a,
                            M("The collector opened this on %(opened)s, more than 2 years after "
                              "the first missed payment on %(first)s.", opened=_day(a.opened),
                              first=_day(a.first_delinquency))))  # fmt: skip
    if a.removal_date and a.removal_date > limit + MONTH_TOLERANCE:
        out.append(_finding("reaged.removal-date-too-late", a,
                            M("The report says it will be removed around %(removal)s, but the law "
                              "says it must go by %(limit)s.", removal=_day(a.removal_date),
                              limit=_day(limit))))  # fmt: skip
    return out


def _without_dofd(a: Account, when: _When, bureau: str | None) -> list[Finding]:
    """No date of first delinquency: keep `missing-dofd` (§623(a)(5)), or say the layout never
    prints it, and check what the printed removal date implies."""
    removal = a.removal_date
    implied = implied_delinquency(removal) if removal else None
    shown = (M("The report says it will be removed around %(removal)s, which would put the start of "
               "the delinquency around %(implied)s (7 years and 180 days earlier).",
               removal=_day(removal), implied=_day(implied))
             if removal and implied else None)  # fmt: skip
    if omits_dofd(bureau):
        out = [_finding("missing-dofd.not-printed", a,
                        M("%(bureau)s's report does not print the date of first delinquency for "
                          "%(label)s. %(more)s", bureau=bureau, label=a.label_message,
                          more=shown or M("It prints no removal date either.")))]  # fmt: skip
    elif shown:
        out = [_finding("missing-dofd.derogatory", a,
                        M("%(label)s is a collection or charge-off, but the report gives no date "
                          "of first delinquency. %(more)s", label=a.label_message, more=shown))]  # fmt: skip
    else:
        out = [_finding("missing-dofd.derogatory", a,
                        M("%(label)s is a collection or charge-off, but the report gives no date "
                          "of first delinquency.", label=a.label_message))]  # fmt: skip
    if removal is None or implied is None:
        return out
    out += _obsolete(a, removal, when, M("The report's own removal date is %(removal)s,", removal=_day(removal)))
    return out + _removal_vs_opened(a, removal, implied)


def _removal_vs_opened(a: Account, removal: date, implied: date) -> list[Finding]:
    """A collection is placed after the delinquency began, so the delinquency a removal date
    implies cannot come after the collector's open date (§605(c)(1))."""
    if not (is_collection(a) and a.opened):
        return []
    latest = limit_from(a.opened)  # even a delinquency on the open date itself ends here
    if removal > latest + MONTH_TOLERANCE:
        return [_finding("reaged.removal-date-too-late", a,
                         M("The removal date, %(removal)s, means the delinquency began around "
                           "%(implied)s, after the collector opened this account on %(opened)s. A "
                           "debt goes to a collector after it goes unpaid, so it must come off by "
                           "%(latest)s at the latest.", removal=_day(removal), implied=_day(implied),
                           opened=_day(a.opened), latest=_day(latest)))]  # fmt: skip
    if abs(removal - add_years(a.opened, COLLECTION_YEARS)) <= ABOUT_SEVEN_YEARS:
        return [_finding("reaged.removal-from-open-date", a,
                         M("The removal date, %(removal)s, is about 7 years after the collector "
                           "opened this account on %(opened)s.", removal=_day(removal),
                           opened=_day(a.opened)))]  # fmt: skip
    return []


def _balance_after_payoff(a: Account) -> list[Finding]:
    if is_paid(a) and a.balance is not None and a.balance > 0:
        rule = "balance-after-transfer" if is_transferred(a) else "balance-after-payoff"
        return [_finding(rule, a,
                         M("%(label)s says \"%(status)s\" but still shows a balance of %(balance)s.",
                           label=a.label_message, status=a.status or " ".join(a.remarks),
                           balance=_money(a.balance)))]  # fmt: skip
    return []


def _medical(a: Account, as_of: date) -> list[Finding]:
    if not (is_medical(a) and is_collection(a)):
        return []
    first_amount = a.high_balance if a.high_balance is not None else a.balance
    if is_paid(a) or a.balance == 0:
        return [_finding("medical-debt.paid", a, M("%(label)s is a medical collection marked "
                         "paid (balance %(balance)s).", label=a.label_message, balance=_money(a.balance)))]  # fmt: skip
    if first_amount is not None and 0 < first_amount < MEDICAL_MINIMUM:
        return [_finding("medical-debt.under-500", a, M("%(label)s is a medical collection of "
                         "%(amount)s, under $500.", label=a.label_message, amount=_money(first_amount)))]  # fmt: skip
    if a.first_delinquency and as_of - a.first_delinquency < MEDICAL_WAIT:
        return [_finding("medical-debt.under-one-year", a, M("%(label)s is a medical collection "
                         "that first went unpaid on %(day)s, less than a year before this report.",
                         label=a.label_message, day=_day(a.first_delinquency)))]  # fmt: skip
    return []


# Each date field as the name of a date ("the opening date"), for findings about dates.
_DATE_NAMES = {"opened": M("opening date"), "closed": M("closing date"),
               "last_payment": M("last payment date"), "first_delinquency": M("first delinquency date"),
               "reported": M("reporting date"), "filed": M("filing date"), "resolved": M("resolution date"),
               "on": M("inquiry date")}  # fmt: skip


def _impossible_dates(item: Item, as_of: date) -> list[Finding]:
    out = []
    for f in fields(item):  # type: ignore[arg-type]
        value = getattr(item, f.name)
        if f.name in _DATE_NAMES and isinstance(value, date) and value > as_of:
            out.append(_finding("impossible-date.future", item,
                                M("The %(name)s, %(day)s, is after the report date %(report)s.",
                                  name=_DATE_NAMES[f.name], day=_day(value), report=_day(as_of))))  # fmt: skip
    for earlier, later in _order_pairs(item):
        a, b = getattr(item, earlier), getattr(item, later)
        if a and b and b < a:
            out.append(_finding("impossible-date.order", item,
                                M("The %(later)s (%(b)s) is before the %(earlier)s (%(a)s).",
                                  later=_DATE_NAMES[later], b=_day(b), earlier=_DATE_NAMES[earlier],
                                  a=_day(a))))  # fmt: skip
    return out


def _order_pairs(item: Item) -> list[tuple[str, str]]:
    if isinstance(item, PublicRecord):
        return [("filed", "resolved")]
    if not isinstance(item, Account):
        return []
    if is_collection(item):  # a collector's open date may come after the original dates
        return [("opened", "closed")]
    return [("opened", "closed"), ("opened", "last_payment"), ("opened", "first_delinquency")]


# --- Checks across accounts and reports ----------------------------------------------------
def _same_name(a: str | None, b: str | None) -> bool:
    x, y = normalise(a), normalise(b)
    return bool(x and y) and (x == y or x.startswith(y + " ") or y.startswith(x + " "))


def first_word(name: str | None) -> str:
    """The first word of a normalised name. Two names that _same_name matches share it, so an
    index by first word finds every candidate without comparing all pairs."""
    return normalise(name).split(" ", 1)[0]


def _duplicates(accounts: tuple[Account, ...]) -> list[Finding]:
    owing = [a for a in accounts if a.balance is not None and a.balance > 0]
    by_furnisher: dict[str, list[int]] = {}
    by_original: dict[str, list[int]] = {}
    for j, b in enumerate(owing):
        by_furnisher.setdefault(first_word(b.furnisher), []).append(j)
        by_original.setdefault(first_word(b.original_creditor), []).append(j)
    out = []
    for i, a in enumerate(owing):
        # The accounts _duplicate_pair could match: b's furnisher or original creditor named like
        # a's original creditor, or b's original creditor named like a's furnisher.
        candidates: set[int] = set()
        if word := first_word(a.original_creditor):
            candidates.update(by_furnisher.get(word, ()), by_original.get(word, ()))
        if word := first_word(a.furnisher):
            candidates.update(by_original.get(word, ()))
        for b in (owing[j] for j in sorted(candidates) if j > i):
            pair = _duplicate_pair(a, b)
            if pair:
                first, second = pair
                out.append(_finding("duplicate.same-debt", first,
                                    M("%(first)s (%(first_balance)s) and %(second)s (%(second_balance)s) "
                                      "look like the same debt.", first=first.label_message,
                                      first_balance=_money(first.balance), second=second.label_message,
                                      second_balance=_money(second.balance))))  # fmt: skip
    return out


def _duplicate_pair(a: Account, b: Account) -> tuple[Account, Account] | None:
    if _same_name(a.original_creditor, b.furnisher):
        return b, a  # b is the original creditor: it should show $0 after selling
    if _same_name(b.original_creditor, a.furnisher):
        return a, b
    if (a.original_creditor and _same_name(a.original_creditor, b.original_creditor)
            and a.balance == b.balance):  # fmt: skip
        return (b, a) if (b.opened or date.min) >= (a.opened or date.min) else (a, b)
    return None


def _status_class(a: Account) -> str | None:
    if is_paid(a):
        return "paid"
    if is_chargeoff(a):
        return "charged off"
    if is_collection(a):
        return "collection"
    words = _words(a)
    if re.search(r"\b(LATE|DELINQUENT|PAST DUE|\d+ DAYS)\b", words):
        return "late"
    if re.search(r"\b(CURRENT|AS AGREED|OPEN|NEVER LATE)\b", words):
        return "current"
    return None


def same_account(a: Account, b: Account) -> bool:
    """The same tradeline in two reports (two bureaus, or two pulls): same key, or same furnisher
    and open date (bureaus mask account numbers differently)."""
    return a.key == b.key or (_same_name(a.furnisher, b.furnisher) and a.opened is not None
                              and a.opened == b.opened)  # fmt: skip


# The status classes above, as words in a finding.
_STATUS_WORDS = {"paid": M("paid"), "charged off": M("charged off"), "collection": M("in collection"),
                 "late": M("late"), "current": M("current")}  # fmt: skip


def _mismatches(report: Report, other: Report) -> list[Finding]:
    out = []
    who = other.bureau or M("another report")
    by_key = {b.key: b for b in other.accounts}
    by_name: dict[tuple[str, date | None], list[Account]] = {}
    for b in other.accounts:  # same_account's second test needs the same first word and open date
        by_name.setdefault((first_word(b.furnisher), b.opened), []).append(b)
    for a in report.accounts:
        b = by_key.get(a.key) or next(
            (b for b in by_name.get((first_word(a.furnisher), a.opened), ()) if same_account(a, b)),
            None,
        )
        if b is None:
            continue
        near = (
            a.reported is None or b.reported is None or abs(a.reported - b.reported) <= SAME_PERIOD
        )
        if (near and a.balance is not None and b.balance is not None
                and abs(a.balance - b.balance) > BALANCE_TOLERANCE):  # fmt: skip
            out.append(_finding("mismatch.balance", a, M("%(label)s: balance %(here)s here, %(there)s "
                                "at %(who)s.", label=a.label_message, here=_money(a.balance),
                                there=_money(b.balance), who=who)))  # fmt: skip
        sa, sb = _status_class(a), _status_class(b)
        if sa and sb and sa != sb:
            out.append(_finding("mismatch.status", a, M("%(label)s: \"%(here)s\" here, \"%(there)s\" at "
                                "%(who)s.", label=a.label_message, here=_STATUS_WORDS[sa], there=_STATUS_WORDS[sb],
                                who=who)))  # fmt: skip
        diffs = [M("%(name)s %(here)s here, %(there)s at %(who)s", name=_DATE_NAMES[n],
                   here=_day(getattr(a, n)), there=_day(getattr(b, n)), who=who)
                 for n in ("first_delinquency", "closed")
                 if getattr(a, n) and getattr(b, n)
                 and abs(getattr(a, n) - getattr(b, n)) > MONTH_TOLERANCE]  # fmt: skip
        if len(diffs) == 1:
            out.append(_finding("mismatch.dates", a, M("%(label)s: %(first)s.", label=a.label_message, first=diffs[0])))
        elif diffs:
            out.append(_finding("mismatch.dates", a, M("%(label)s: %(first)s; %(second)s.", label=a.label_message,
                                                       first=diffs[0], second=diffs[1])))
    return out


def _inquiry(q: Inquiry, today: date) -> list[Finding]:
    if q.kind == "hard" and q.on and q.on < add_years(today, -INQUIRY_DISPLAY_YEARS):
        return [_finding("old-inquiry", q, M("%(who)s checked your credit on %(day)s, more than "
                         "%(years)s years ago.", who=q.who, day=_day(q.on), years=INQUIRY_DISPLAY_YEARS))]  # fmt: skip
    return []


def _bankruptcy(r: PublicRecord, when: _When) -> list[Finding]:
    if "BANKRUPT" not in normalise(r.kind) or r.filed is None:
        return []
    limit = add_years(r.filed, BANKRUPTCY_YEARS)
    out = []
    filed = M("This bankruptcy was filed on %(day)s. It may be shown for 10 years,", day=_day(r.filed))
    if when.report > limit:
        out.append(_finding("obsolete.bankruptcy", r, M("%(why)s so it had to come off by %(limit)s, "
                            "before this report was made on %(report)s.", why=filed, limit=_day(limit),
                            report=_day(when.report))))  # fmt: skip
    elif when.today > limit:
        out.append(_finding("obsolete.since-report", r, M("%(why)s so it may be reported until %(limit)s. "
                            "This report, made on %(report)s, could still show it; from today's view it "
                            "must come off.", why=filed, limit=_day(limit), report=_day(when.report))))  # fmt: skip
    if r.removal_date and r.removal_date > limit + MONTH_TOLERANCE:
        out.append(_finding("reaged.removal-date-too-late", r, M("The report says it will be removed "
                            "around %(removal)s, but the law says by %(limit)s.",
                            removal=_day(r.removal_date), limit=_day(limit))))  # fmt: skip
    return out


# Personal detail kinds (app.reports.model.PERSONAL_WORDS) as words in a finding.
_KIND_WORDS = {"name": M("name"), "address": M("address"), "employer": M("employer"),
               "ssn": M("Social Security number"), "birth-date": M("date of birth"), "phone": M("phone number"),
               "other": M("information")}  # fmt: skip


def _marked(
    report: Report, not_mine: frozenset[str], unrecognised: frozenset[str]
) -> list[Finding]:
    out = []
    for item in report.items():
        if isinstance(item, PersonalInfo):
            if item.key in unrecognised or item.key in not_mine:
                out.append(_finding("personal-info.unrecognised", item,
                                    M("You said you do not recognise this detail (%(kind)s): %(value)s.",
                                      kind=_KIND_WORDS.get(item.kind, _KIND_WORDS["other"]), value=item.value)))  # fmt: skip
        elif item.key in not_mine:
            out.append(_finding("not-mine", item, M("You said %(label)s is not yours.", label=item.label_message)))
    return out


def is_chinese(report: Report) -> bool:
    """A report from a Chinese credit reporting agency (judged by Art 16, not the FCRA)."""
    name = (report.bureau or "").upper()
    return any(agency in name for agency in CN_AGENCIES)


def _cn_negative(a: Account) -> bool:
    text = " ".join([a.status or "", a.account_type or "", *a.remarks]).upper()
    late = [c for c in a.payment_history if c.strip().upper() not in ("", "OK", "N", "*", "/", "C", "#")]
    return bool(_CN_NEGATIVE.search(text)) or bool(late)


def _cn_five_years(a: Account, when: _When) -> list[Finding]:
    """Art 16: a negative record whose conduct ended (paid off or closed) more than 5 years ago."""
    ended = max((d for d in (a.last_payment, a.closed) if d is not None), default=None)
    settled = a.closed is not None or is_paid(a) or any(w in " ".join([a.status or "", *a.remarks])
                                                         for w in ("结清", "还清"))
    if ended is None or not settled or not _cn_negative(a):  # still overdue: the conduct goes on
        return []
    limit = add_years(ended, CN_NEGATIVE_YEARS)
    if when.report <= limit:
        return []
    return [_finding("obsolete.cn-five-years", a,
                     M("The account shows negative information; it ended on %(ended)s, so the record "
                       "could be kept until %(limit)s, before this report was made on %(report)s.",
                       ended=_day(ended), limit=_day(limit), report=_day(when.report)))]


def analyze(
    report: Report,
    *,
    today: date,
    others: tuple[Report, ...] | list[Report] = (),
    not_mine: frozenset[str] | set[str] = frozenset(),
    unrecognised: frozenset[str] | set[str] = frozenset(),
) -> list[Finding]:
    """Every finding for one report, most serious first.

    `others` are reports from other bureaus (for mismatches); `not_mine` and `unrecognised` are
    item keys the person marked as not theirs.
    """
    as_of = min(report.pulled or today, today)
    when = _When(as_of, today)
    out: list[Finding] = []
    if is_chinese(report):  # Chinese rules (Art 16), not the FCRA's
        for a in report.accounts:
            out += _cn_five_years(a, when)
        for item in report.items():
            out += _impossible_dates(item, as_of)
        out += _marked(report, frozenset(not_mine), frozenset(unrecognised))
        return sorted(out, key=lambda f: SEVERITIES.index(f.severity))
    for a in report.accounts:
        out += _obsolete_and_reaged(a, when, report.bureau)
        out += _balance_after_payoff(a)
        out += _medical(a, as_of)
    out += _duplicates(report.accounts)
    for other in others:
        out += _mismatches(report, other)
    for item in report.items():
        out += _impossible_dates(item, as_of)
    for q in report.inquiries:
        out += _inquiry(q, today)
    for r in report.public_records:
        out += _bankruptcy(r, when)
    out += _marked(report, frozenset(not_mine), frozenset(unrecognised))
    return sorted(out, key=lambda f: SEVERITIES.index(f.severity))


# --- Timeline across reports ---------------------------------------------------------------
CHANGE_STATUSES = ("new", "deleted", "corrected", "unchanged", "reinserted")
REINSERTION_BASIS = M("FCRA §611(a)(5)(B) (15 U.S.C. 1681i(a)(5)(B)): a deleted item may come "
                      "back only if the furnisher certifies it is complete and accurate, and the "
                      "bureau must tell you in writing within 5 business days.")  # fmt: skip
_NO_TEXT = M("")


@dataclass(frozen=True)
class ItemChange:
    key: str
    label: str
    section: str
    status: str  # one of CHANGE_STATUSES
    changed: tuple[str, ...] = ()  # field names that differ (for "corrected")
    note: Message = _NO_TEXT  # messages (app/messages.py); to_dict() gives their English text
    legal_basis: Message = _NO_TEXT

    def to_dict(self) -> dict:
        return {"key": self.key, "label": self.label, "section": self.section, "status": self.status,
                "changed": list(self.changed), "note": str(self.note), "legal_basis": str(self.legal_basis)}


def compare_reports(old: Report, new: Report, *, history: tuple[Report, ...] | list[Report] = ()
                    ) -> list[ItemChange]:  # fmt: skip
    """What happened to each item between two reports. `history`: reports before `old`."""
    before = {i.key: i for i in old.items()}
    after = {i.key: i for i in new.items()}
    seen = {i.key for r in history for i in r.items()}
    out = []
    for key, item in before.items():
        if key not in after:
            out.append(ItemChange(key, item.label, item.section, "deleted",
                                  note=M("It is gone from the newer report.")))  # fmt: skip
    for key, item in after.items():
        if key in before:
            changed = tuple(f.name for f in fields(item)  # type: ignore[arg-type]
                            if f.name != "reported"
                            and getattr(item, f.name) != getattr(before[key], f.name))  # fmt: skip
            status = "corrected" if changed else "unchanged"
            out.append(ItemChange(key, item.label, item.section, status, changed))
        elif key in seen:
            out.append(ItemChange(key, item.label, item.section, "reinserted",
                                  note=M("This item was removed and is back. Did the bureau send "
                                         "you a letter about it within 5 business days? If not, tell "
                                         "an advocate."), legal_basis=REINSERTION_BASIS))  # fmt: skip
        else:
            out.append(ItemChange(key, item.label, item.section, "new"))
    return out


def timeline(reports: list[Report]) -> list[list[ItemChange]]:
    """compare_reports for each report against the one before (reports sorted oldest first)."""
    ordered = sorted(reports, key=lambda r: r.pulled or date.min)
    return [compare_reports(ordered[i - 1], ordered[i], history=ordered[: i - 1])
            for i in range(1, len(ordered))]  # fmt: skip
