from datetime import date
from decimal import Decimal

import pytest

from app.reports.analysis import CATEGORIES, RULES, SEVERITIES, analyze
from app.reports.model import Account, Inquiry, PersonalInfo, PublicRecord, Report

TODAY = date(2025, 6, 1)


def report(*items, bureau="Equifax", pulled=date(2025, 5, 1)) -> Report:
    return Report(bureau, pulled).with_items(list(items))


def acct(furnisher="ACME BANK", **kw) -> Account:
    kw = {k: Decimal(str(v)) if k in ("balance", "high_balance") and v is not None else v
          for k, v in kw.items()}  # fmt: skip
    return Account(furnisher, **kw)


def collection(**kw) -> Account:
    base = {
        "account_type": "Collection",
        "original_creditor": "FIRST BANK",
        "opened": date(2020, 1, 1),
        "first_delinquency": date(2019, 6, 1),
        "balance": 900,
    }
    return acct("MIDLAND CREDIT", **{**base, **kw})


def rules(rep: Report, **kw) -> set[str]:
    return {f.rule for f in analyze(rep, today=kw.pop("today", TODAY), **kw)}


def test_rules_are_complete_data():
    assert {r.category for r in RULES.values()} == set(CATEGORIES)
    for r in RULES.values():
        assert r.severity in SEVERITIES and r.suggested_action in (
            "delete",
            "correct",
            "mark-disputed",
        )
        assert r.why and r.legal_basis and r.suggested_reason
        if r.estimate:
            assert "advocate" in str(r.why) or "UNVERIFIED" in str(r.legal_basis)


# obsolete -------------------------------------------------------------------------------
def test_obsolete_collection_fires_after_7_years_and_180_days():
    # DOFD 2017-06-01 -> 180 days -> 2017-11-28 -> + 7 years = 2024-11-28
    old = collection(first_delinquency=date(2017, 6, 1), opened=date(2018, 1, 1))
    assert "obsolete.collection-or-chargeoff" in rules(report(old))
    assert "obsolete.collection-or-chargeoff" not in rules(report(old), today=date(2024, 11, 28))
    assert "obsolete.collection-or-chargeoff" in rules(report(old), today=date(2024, 11, 29))


def test_obsolete_charge_off_by_status():
    chargeoff = acct(status="Charged off", first_delinquency=date(2016, 1, 1), balance=10)
    assert "obsolete.collection-or-chargeoff" in rules(report(chargeoff))


def test_recent_collection_is_not_obsolete():
    assert "obsolete.collection-or-chargeoff" not in rules(report(collection()))


def test_obsolete_bankruptcy_after_10_years():
    # §605(a)(1): 10 years, judged on the report's date (pulled 2025-05-01).
    bk = PublicRecord("Chapter 7 Bankruptcy", filed=date(2015, 4, 1))
    assert "obsolete.bankruptcy" in rules(report(bk))
    assert "obsolete.bankruptcy" not in rules(report(bk), today=date(2025, 4, 1))
    # Filed 2015-05-01: still reportable on the report's date, but not any more today.
    later = PublicRecord("Chapter 7 Bankruptcy", filed=date(2015, 5, 1))
    assert rules(report(later)) == {"obsolete.since-report"}
    judgment = PublicRecord("Civil judgment", filed=date(2010, 1, 1))
    assert "obsolete.bankruptcy" not in rules(report(judgment))


# reaged ---------------------------------------------------------------------------------
def test_collection_opened_long_after_dofd():
    late = collection(first_delinquency=date(2019, 1, 1), opened=date(2021, 2, 1))
    assert "reaged.opened-long-after-dofd" in rules(report(late))
    soon = collection(first_delinquency=date(2019, 1, 1), opened=date(2020, 12, 1))
    assert "reaged.opened-long-after-dofd" not in rules(report(soon))


def test_removal_date_later_than_the_law_allows():
    # DOFD 2019-06-01: limit 2026-11-28; a month of leeway for month-only dates
    assert "reaged.removal-date-too-late" in rules(
        report(collection(removal_date=date(2027, 6, 1)))
    )
    assert "reaged.removal-date-too-late" not in rules(
        report(collection(removal_date=date(2026, 12, 1)))
    )
    bk = PublicRecord("Bankruptcy", filed=date(2020, 1, 1), removal_date=date(2031, 1, 1))
    assert "reaged.removal-date-too-late" in rules(report(bk))


# missing-dofd ---------------------------------------------------------------------------
def test_missing_dofd_on_a_collection():
    assert "missing-dofd.derogatory" in rules(report(collection(first_delinquency=None)))
    assert "missing-dofd.derogatory" not in rules(report(collection()))
    current = acct(status="Current", balance=10)
    assert "missing-dofd.derogatory" not in rules(report(current))


# balance-after-payoff -------------------------------------------------------------------
@pytest.mark.parametrize("status", ["Paid", "Settled for less", "Discharged in bankruptcy"])
def test_balance_after_payoff(status):
    assert "balance-after-payoff" in rules(report(acct(status=status, balance=50)))


@pytest.mark.parametrize("status", ["Transferred", "Sold to another lender"])
def test_balance_after_transfer_is_labelled_industry_standard(status):
    # Issue 11: the $0 balance after a sale or transfer is Metro 2 practice, not law.
    (f,) = analyze(report(acct(status=status, balance=50)), today=TODAY)
    assert f.rule == "balance-after-transfer" and f.category == "balance-after-payoff"
    assert f.estimate and "not law" in str(f.legal_basis) and "Metro 2" in str(f.legal_basis)
    assert "not a law" in str(f.why) and "advocate" in str(f.why)


@pytest.mark.parametrize(
    ("status", "balance"), [("Paid", 0), ("Paid as agreed", 50), ("Unpaid", 50)]
)
def test_no_balance_after_payoff(status, balance):
    assert "balance-after-payoff" not in rules(report(acct(status=status, balance=balance)))


# duplicate ------------------------------------------------------------------------------
def test_original_creditor_and_collector_both_with_balance():
    original = acct(
        "FIRST BANK", status="Charged off", balance=900, first_delinquency=date(2019, 6, 1)
    )
    findings = analyze(report(original, collection()), today=TODAY)
    dup = [f for f in findings if f.rule == "duplicate.same-debt"]
    assert len(dup) == 1 and dup[0].item == original.key
    # The "$0 after a sale" expectation is Metro 2, not law (issue 11).
    assert dup[0].estimate and "Metro 2" in str(dup[0].legal_basis) and "not law" in str(dup[0].legal_basis)


def test_no_duplicate_when_original_creditor_shows_zero():
    original = acct("FIRST BANK", status="Transferred", balance=0)
    assert "duplicate.same-debt" not in rules(report(original, collection()))


# mismatch -------------------------------------------------------------------------------
def test_mismatch_across_bureaus():
    here = acct(opened=date(2020, 1, 1), balance=500, status="Current", reported=date(2025, 4, 1))
    there = acct(opened=date(2020, 1, 1), balance=800, status="30 days late",
                 reported=date(2025, 4, 10))  # fmt: skip
    other = report(there, bureau="TransUnion")
    found = rules(report(here), others=[other])
    assert {"mismatch.balance", "mismatch.status"} <= found
    same = rules(report(here), others=[report(here)])
    assert not {"mismatch.balance", "mismatch.status", "mismatch.dates"} & same


def test_mismatch_dates_and_balance_far_apart_in_time():
    here = collection(reported=date(2025, 4, 1))
    there = collection(first_delinquency=date(2020, 6, 1), balance=950, reported=date(2024, 1, 1))
    found = rules(report(here), others=[report(there, bureau="Experian")])
    assert "mismatch.dates" in found and "mismatch.balance" not in found


# impossible-date ------------------------------------------------------------------------
def test_future_date():
    assert "impossible-date.future" in rules(report(acct(opened=date(2025, 5, 20))))
    assert "impossible-date.future" not in rules(report(acct(opened=date(2025, 4, 20))))
    assert "impossible-date.future" in rules(report(Inquiry("X", date(2026, 1, 1))))


def test_dates_in_impossible_order():
    assert "impossible-date.order" in rules(
        report(acct(opened=date(2020, 1, 1), closed=date(2019, 1, 1)))
    )
    assert "impossible-date.order" in rules(
        report(acct(opened=date(2020, 1, 1), first_delinquency=date(2019, 1, 1)))
    )
    # a collector's open date after the first delinquency is normal
    assert "impossible-date.order" not in rules(report(collection()))
    assert "impossible-date.order" in rules(
        report(PublicRecord("Bankruptcy", filed=date(2020, 1, 1), resolved=date(2019, 1, 1)))
    )


# medical-debt ---------------------------------------------------------------------------
def test_medical_collection_paid_or_small_or_new():
    med = {"original_creditor": "SPRINGFIELD GENERAL HOSPITAL"}
    assert "medical-debt.paid" in rules(
        report(collection(status="Paid collection", balance=0, **med))
    )
    assert "medical-debt.under-500" in rules(report(collection(balance=320, **med)))
    new = collection(
        balance=900, first_delinquency=date(2024, 9, 1), opened=date(2025, 1, 1), **med
    )
    assert "medical-debt.under-one-year" in rules(report(new))
    findings = analyze(report(collection(balance=320, **med)), today=TODAY)
    f = next(f for f in findings if f.category == "medical-debt")
    assert f.estimate and "not law" in str(f.legal_basis).lower() and "not a law" in str(f.why)


def test_medical_rules_do_not_fire():
    med = {"original_creditor": "SPRINGFIELD GENERAL HOSPITAL"}
    big_old = collection(balance=900, **med)
    assert not {r for r in rules(report(big_old)) if r.startswith("medical")}
    small_non_medical = collection(balance=320)
    assert not {r for r in rules(report(small_non_medical)) if r.startswith("medical")}
    card = acct(
        "HOSPITAL CREDIT UNION", account_type="Credit card", balance=100
    )  # not a collection
    assert not {r for r in rules(report(card)) if r.startswith("medical")}


# old-inquiry ----------------------------------------------------------------------------
def test_old_hard_inquiry():
    f = analyze(report(Inquiry("CARD CO", date(2023, 5, 1))), today=TODAY)
    assert [x.rule for x in f] == ["old-inquiry"] and f[0].estimate
    assert "UNVERIFIED" in str(f[0].legal_basis) and "No FCRA §605 period" in str(f[0].legal_basis)
    assert rules(report(Inquiry("CARD CO", date(2023, 6, 2)))) == set()
    assert rules(report(Inquiry("CARD CO", date(2020, 1, 1), kind="soft"))) == set()


# not-mine and personal-info --------------------------------------------------------------
def test_not_mine_leads_to_identity_theft_block():
    stranger = acct("UNKNOWN LENDER", balance=100)
    findings = analyze(report(stranger), today=TODAY, not_mine={stranger.key})
    (f,) = [f for f in findings if f.category == "not-mine"]
    assert "§605B" in str(f.legal_basis) and "IdentityTheft.gov" in str(f.why) and f.severity == "high"
    assert "not-mine" not in {f.category for f in analyze(report(stranger), today=TODAY)}


def test_unrecognised_personal_info():
    address = PersonalInfo("address", "9 NOWHERE RD")
    name = PersonalInfo("name", "JANE SAMPLE")
    found = analyze(report(address, name), today=TODAY, unrecognised={address.key})
    assert [(f.rule, f.item) for f in found] == [("personal-info.unrecognised", address.key)]
    assert analyze(report(address, name), today=TODAY) == []


def test_findings_are_sorted_and_serialisable():
    rep = report(collection(first_delinquency=None), Inquiry("X", date(2020, 1, 1)))
    found = analyze(rep, today=TODAY)
    assert [f.severity for f in found] == sorted((f.severity for f in found), key=SEVERITIES.index)
    assert set(found[0].to_dict()) >= {
        "rule",
        "category",
        "severity",
        "item",
        "what",
        "why",
        "legal_basis",
        "suggested_reason",
        "suggested_action",
    }


def test_a_clean_report_has_no_findings():
    good = acct(status="Current", opened=date(2018, 1, 1), balance=100, reported=date(2025, 4, 1))
    assert analyze(report(good, Inquiry("CARD CO", date(2025, 1, 1))), today=TODAY) == []


# the report's date and today's view (issue 11) -------------------------------------------
def test_obsolete_is_judged_on_the_report_date_and_today_separately():
    # FCRA §605(a): an item may not be reported once it "antedates the report" by more than the
    # limit. DOFD 2017-06-01 -> limit 2024-11-28.
    old = collection(first_delinquency=date(2017, 6, 1), opened=date(2018, 1, 1))
    made_after = analyze(report(old, pulled=date(2024, 12, 1)), today=TODAY)
    (f,) = [f for f in made_after if f.category == "obsolete"]
    assert f.rule == "obsolete.collection-or-chargeoff" and "2024-12-01" in str(f.what)
    made_before = analyze(report(old, pulled=date(2024, 11, 1)), today=TODAY)
    (f,) = [f for f in made_before if f.category == "obsolete"]
    assert f.rule == "obsolete.since-report" and "2024-11-28" in str(f.what) and "today" in str(f.what)
    assert not [f for f in analyze(report(old, pulled=date(2024, 11, 1)), today=date(2024, 11, 20))
                if f.category == "obsolete"]  # fmt: skip


# no date of first delinquency but a removal date (issue 17, point 9) --------------------------
def test_missing_dofd_stays_when_a_removal_date_is_printed():
    # §623(a)(5): the furnisher must report the date; the removal date is not a substitute.
    item = collection(first_delinquency=None, opened=date(2021, 1, 1), removal_date=date(2027, 3, 1))
    found = analyze(report(item), today=TODAY)
    (f,) = [f for f in found if f.category == "missing-dofd"]
    assert f.rule == "missing-dofd.derogatory"
    # 2027-03-01 - 7 years - 180 days = 2019-09-03: the delinquency the removal date implies.
    assert "2019-09-03" in str(f.what)


def test_transunion_never_prints_the_dofd_so_the_furnisher_is_not_blamed():
    # report-layouts.md: TransUnion prints only the estimated removal month (Experian: "On
    # Record Until"), never the date of first delinquency.
    item = collection(first_delinquency=None, opened=date(2021, 1, 1), removal_date=date(2027, 3, 1))
    for bureau in ("TransUnion", "Trans Union", "Experian"):
        found = analyze(report(item, bureau=bureau), today=TODAY)
        (f,) = [f for f in found if f.category == "missing-dofd"]
        assert f.rule == "missing-dofd.not-printed" and bureau in str(f.what)
        assert "does not mean the company failed" in str(f.why)


def test_removal_date_implying_a_delinquency_after_placement_is_reaging():
    # §605(c)(1): a debt is placed after it goes unpaid, so even a delinquency on the open date
    # ends the period at 2020-01-01 + 180 days + 7 years = 2027-06-29.
    item = collection(first_delinquency=None, opened=date(2020, 1, 1), removal_date=date(2028, 1, 1))
    found = {f.rule: f for f in analyze(report(item), today=TODAY)}
    assert "reaged.removal-date-too-late" in found and "2027-06-29" in str(found["reaged.removal-date-too-late"].what)
    assert "missing-dofd.derogatory" in found


def test_removal_about_seven_years_after_the_collectors_open_date_is_a_reaging_sign():
    item = collection(first_delinquency=None, opened=date(2020, 1, 15), removal_date=date(2027, 1, 1))
    found = {f.rule: f for f in analyze(report(item, bureau="TransUnion"), today=TODAY)}
    sign = found["reaged.removal-from-open-date"]
    assert sign.category == "reaged" and sign.estimate and "advocate" in str(sign.why)
    # A removal date well before open date + 7 years (a debt resold long after it went unpaid)
    # is no sign of re-aging.
    resold = collection(first_delinquency=None, opened=date(2023, 1, 1), removal_date=date(2026, 6, 1))
    assert not {r for r in rules(report(resold)) if r.startswith("reaged")}


def test_a_removal_date_before_the_report_date_means_obsolete():
    # Without a DOFD the report's own removal date is the latest it may be shown.
    item = collection(first_delinquency=None, opened=date(2016, 1, 1), removal_date=date(2024, 9, 1))
    assert "obsolete.collection-or-chargeoff" in rules(report(item))
