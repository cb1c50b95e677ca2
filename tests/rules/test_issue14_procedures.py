"""Worked examples for the procedures of issue 14, each with its source. Dates are counted by hand
in the comments; the engine must agree."""

from datetime import date

from app.rules import TimelineEvent as E
from app.rules import compute_deadlines, fact_events


def _by_key(pid, events, today=date(2026, 12, 1), region=None):
    return {d.key: d for d in compute_deadlines(pid, events, today=today, region=region)}


# FDCPA validation (15 U.S.C. 1692g(a)-(b); 12 CFR 1006.34(b)(5), (c)(3)) ------------------------
def test_validation_window_is_30_days_after_the_notice_before_anything_is_sent():
    # Received the notice 20 October 2026: "within thirty days after receipt" -> 19 November.
    got = _by_key("us.fdcpa.validation", [E("notice_received", date(2026, 10, 20))], today=date(2026, 11, 1))
    window = got["dispute-window"]
    assert window.due == date(2026, 11, 19) and window.state == "upcoming" and window.estimated
    assert "response" not in got  # nothing sent yet: the collector's duty has not started


def test_validation_window_ends_on_the_date_printed_on_the_notice():
    # Reg F 1006.34(c)(3): the notice states the end date; it wins over our count.
    events = [E("notice_received", date(2026, 10, 20)), E("validation_ends", date(2026, 11, 23))]
    window = _by_key("us.fdcpa.validation", events, today=date(2026, 11, 1))["dispute-window"]
    assert window.due == date(2026, 11, 23) and "printed on the notice" in window.explanation


def test_validation_window_met_by_sending_and_the_collector_has_no_fixed_date():
    events = [E("validation_ends", date(2026, 11, 23)), E("sent", date(2026, 11, 10), channel="certified")]
    got = _by_key("us.fdcpa.validation", events)
    assert got["dispute-window"].state == "met"
    assert got["response"].due is None and got["response"].state == "no-deadline"


def test_letter_facts_carry_the_notice_dates():
    facts = {"notice_received_on": "2026-10-20", "validation_period_ends": "2026-11-23", "severity": "general"}
    kinds = {(e.kind, e.on) for e in fact_events(facts, date(2026, 11, 2))}
    assert kinds == {("notice_received", date(2026, 10, 20)), ("validation_ends", date(2026, 11, 23)),
                     ("tier_general", date(2026, 11, 2))}
    assert fact_events({"notice_received_on": "not a date"}, date(2026, 11, 2)) == []


# ECOA (15 U.S.C. 1691(d); 12 CFR 1002.9(a)(2)(ii)) --------------------------------------------
def test_ecoa_request_window_and_answer_are_estimates():
    # Notice of 12 October 2026 + 60 days = 11 December; request received 20 October + 30 = 19 November.
    events = [E("notice_received", date(2026, 10, 12)), E("received", date(2026, 10, 20))]
    got = _by_key("us.ecoa.reasons", events, today=date(2026, 10, 21))
    assert got["request-window"].due == date(2026, 12, 11)
    assert got["response"].due == date(2026, 11, 19)
    assert got["response"].estimated and "advocate" in got["response"].explanation


# FCRA notices after a dispute (§611(a)(3)(B), (a)(5)(B), (a)(6)(A)) ----------------------------
def test_results_notice_counts_5_business_days_from_the_last_day_when_completion_is_unknown():
    # Received 8 Sept 2026: day 30 is 7 October (Wed). 5 business days after: 8, 9, (12 Oct is
    # Columbus Day), 13, 14, 15 October.
    got = _by_key("us.fcra.dispute-cra", [E("received", date(2026, 9, 8))], today=date(2026, 10, 1))
    results = got["results-notice"]
    assert results.due == date(2026, 10, 15) and results.estimated
    assert "frivolous-notice" not in got and "reinsertion-notice" not in got


def test_results_notice_counts_from_the_completion_date_when_known():
    events = [E("received", date(2026, 9, 8)), E("completed", date(2026, 9, 25))]
    # Completed Friday 25 Sept: 28, 29, 30 Sept, 1, 2 October.
    assert _by_key("us.fcra.dispute-cra", events)["results-notice"].due == date(2026, 10, 2)


def test_results_notice_follows_the_extended_period():
    # Information added on 20 Sept: 45 days beginning 8 Sept end 22 October (Thu); +5 BD = 29 October.
    events = [E("received", date(2026, 9, 8)), E("info_added", date(2026, 9, 20))]
    assert _by_key("us.fcra.dispute-cra", events)["results-notice"].due == date(2026, 10, 29)


def test_frivolous_and_reinsertion_notices_start_only_from_their_events():
    events = [E("received", date(2026, 9, 8)), E("frivolous", date(2026, 9, 15)),
              E("reinserted", date(2026, 11, 2))]
    got = _by_key("us.fcra.dispute-cra", events, today=date(2026, 11, 20))
    # Tue 15 Sept + 5 BD = 22 Sept; Mon 2 Nov + 5 BD = 9 Nov.
    assert got["frivolous-notice"].due == date(2026, 9, 22)
    assert got["reinsertion-notice"].due == date(2026, 11, 9) and got["reinsertion-notice"].state == "overdue"
    events.append(E("reinsertion_notified", date(2026, 11, 6)))
    assert _by_key("us.fcra.dispute-cra", events)["reinsertion-notice"].state == "met"


# California (11 CCR §7026(f); Civ. Code §1798.99.86) ---------------------------------------------
def test_opt_out_is_15_business_days_and_an_estimate():
    # Received Mon 2 Nov 2026; 11 Nov (Veterans Day) skipped: the 15th business day is 24 November.
    got = _by_key("us-ca.ccpa.opt-out", [E("received", date(2026, 11, 2))])
    assert got["response"].due == date(2026, 11, 24) and got["response"].estimated


def test_drop_deletion_within_90_days_only_from_1_august_2026():
    assert _by_key("us-ca.delete-act.drop", [E("received", date(2026, 9, 1))])["response"].due == date(2026, 11, 30)
    early = _by_key("us-ca.delete-act.drop", [E("received", date(2026, 3, 1))])["response"]
    assert early.due is None and "1 August 2026" in early.explanation


# UK: FOS referral (DISP 1.6.2R; legal-rules.md §3) and Arts 22A-22D --------------------------------
def test_fos_windows_from_the_complaint_and_the_final_response():
    events = [E("complained", date(2026, 8, 3)), E("final_response", date(2026, 9, 25))]
    got = _by_key("uk.fos.referral", events, today=date(2026, 10, 1))
    assert got["may-refer-from"].due == date(2026, 9, 28) and got["may-refer-from"].state == "met"  # open
    assert got["refer-window"].due == date(2027, 3, 25) and got["refer-window"].estimated


def test_uk_automated_decision_is_unverified_and_in_force_from_5_february_2026():
    got = _by_key("uk.gdpr.automated-decision", [E("received", date(2026, 3, 2))], region="ENG")
    assert got["response"].due == date(2026, 4, 2) and got["response"].estimated
    assert _by_key("uk.gdpr.automated-decision", [E("received", date(2026, 1, 5))])["response"].due is None


# China (china-credit-repair.md rows B1-B3, D1-D3) --------------------------------------------------
def test_court_correction_review_is_15_calendar_days():
    # Received Mon 2 Nov 2026; the start day is not counted (CPL Art 85): day 15 is Tue 17 Nov.
    got = _by_key("cn.court.correction", [E("received", date(2026, 11, 2))])
    assert got["response"].due == date(2026, 11, 17) and not got["response"].estimated


def test_reconsideration_window_is_10_days_from_service():
    got = _by_key("cn.court.reconsideration", [E("decision_served", date(2026, 10, 26))], today=date(2026, 11, 1))
    assert got["apply-window"].due == date(2026, 11, 5) and "response" not in got


def test_deletion_in_3_working_days_but_no_date_for_early_deletion():
    # Received Mon 2 Nov: 3, 4, 5 November.
    assert _by_key("cn.court.deletion", [E("received", date(2026, 11, 2))])["response"].due == date(2026, 11, 5)
    early = _by_key("cn.court.deletion", [E("received", date(2026, 11, 2)), E("early_deletion", date(2026, 11, 2))])
    assert early["response"].due is None


def test_credit_repair_tiers_from_the_decision_date():
    events = [E("received", date(2026, 11, 2)), E("decided", date(2026, 3, 2)), E("tier_general", date(2026, 11, 2))]
    got = _by_key("cn.publiccredit.repair", events, today=date(2026, 11, 3))
    # Order 36 (as reported): general - apply after 3 months, publication ends after 1 year.
    assert got["apply-from-general"].due == date(2026, 6, 2) and got["apply-from-general"].state == "met"
    assert got["publication-ends-general"].due == date(2027, 3, 2)
    assert not any(k.endswith(("minor", "serious")) for k in got)
    # Credit China's feedback: 10 working days from Mon 2 Nov = Mon 16 Nov; a policy, so an estimate.
    assert got["response"].due == date(2026, 11, 16) and got["response"].estimated


def test_credit_repair_under_order_36_has_no_date_before_1_april_2026():
    got = _by_key("cn.publiccredit.repair", [E("received", date(2026, 3, 2))])
    assert got["response"].due is None and "cn.publiccredit.repair-2023" in got["response"].explanation
