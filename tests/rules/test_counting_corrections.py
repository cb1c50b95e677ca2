"""The counting corrections of a statute-by-statute review (issue 17, points 1-4 and 8, and the
§612(a)(3) period). Each case names its source; legal-rules.md sections are written §N."""

from datetime import date

import pytest

from app.rules import TimelineEvent, compute_deadlines

D = date
TODAY = D(2020, 1, 1)


def run(procedure, *events, region=None, today=TODAY):
    return {d.key: d for d in compute_deadlines(procedure, list(events), region=region, today=today)}


def received(on):
    return TimelineEvent("received", on)


# 1. Fraud alerts ---------------------------------------------------------------------------
def test_initial_alert_runs_through_the_day_before_the_anniversary():
    # §605A(a)(1)(A): "not less than 1 year, beginning on the date of such request".
    alert = run("us.fcra.fraud-alert", received(D(2025, 3, 10)))["alert-ends"]
    assert alert.due == D(2026, 3, 9)
    assert "605A(a)(1)(A)" in alert.citation and "Monday 9 March 2026" in alert.explanation


def test_extended_alert_counts_from_the_extended_request():
    # §605A(b)(1)(A): "the 7-year period beginning on the date of such request". An initial alert
    # placed a year earlier does not shorten it.
    alert = run("us.fcra.fraud-alert-extended", received(D(2026, 2, 1)))["alert-ends"]
    assert alert.due == D(2033, 1, 31) and alert.start == D(2026, 2, 1)


# 2. Extensions that must come inside the first period ---------------------------------------
@pytest.mark.parametrize(
    ("added", "applies", "hedged"),
    [
        (D(2025, 3, 1), True, False),  # day 30 (31 Jan is day 1): "during that 30-day period"
        (D(2025, 3, 2), False, True),  # day 31: outside; on the "30 days after" reading, in time
        (D(2025, 3, 3), False, False),  # day 32: outside on either reading
    ],
)
def test_fcra_information_added_after_day_30_gives_no_extension(added, applies, hedged):
    # §611(a)(1)(B): 15 more days only for information received "during that 30-day period".
    found = run("us.fcra.dispute-cra", received(D(2025, 1, 31)), TimelineEvent("info_added", added))
    extended, normal = found["extended-response"], found["response"]
    assert extended.applies is applies and normal.applies is not applies
    if not applies:
        assert "gives no extra time" in extended.explanation
        assert "611(a)(1)(B)" in extended.explanation
        assert ("check with an advocate" in extended.explanation) is hedged


@pytest.mark.parametrize(
    ("notice", "applies"),
    [(D(2025, 2, 14), True), (D(2025, 2, 16), False)],  # day 45 is 14 Feb (1 Jan is day 1)
)
def test_ccpa_extension_notice_after_day_45_is_not_valid(notice, applies):
    # Civ. Code §1798.130(a)(2)(A), 11 CCR §7021(b): notice "within the first 45 days".
    found = run("us-ca.ccpa.know", received(D(2025, 1, 1)),
                TimelineEvent("extension_notified", notice, new_due=D(2025, 3, 31)))  # fmt: skip
    assert found["extended-response"].applies is applies
    if not applies:
        assert "not valid" in found["extended-response"].explanation
        assert found["response"].applies and found["response"].due == D(2025, 2, 14)


def test_gdpr_extension_notice_after_the_first_month_does_not_count():
    # GDPR Art 12(3): the extension is notified "within one month of receipt".
    late = run("eu.gdpr.access", received(D(2025, 3, 3)),
               TimelineEvent("extension_notified", D(2025, 4, 4)), region="DE")  # fmt: skip
    assert not late["extended-response"].applies
    assert "Art. 12(3)" in late["extended-response"].explanation


# 3. UK Art 12A: stop the clock --------------------------------------------------------------
def test_uk_pause_leaves_out_both_the_day_asked_and_the_day_answered():
    # DPA 2018 s.54(3C)(b): "the period beginning with the day on which the controller makes the
    # request and ending with the day on which the controller receives the information does not
    # count". A 4-10 June pause is 7 days: 2 July 2025 becomes Wednesday 9 July.
    pause = (TimelineEvent("clarification_requested", D(2025, 6, 4)),
             TimelineEvent("clarification_received", D(2025, 6, 10)))  # fmt: skip
    plain = run("uk.gdpr.access", received(D(2025, 6, 2)), region="ENG")["response"]
    paused = run("uk.gdpr.access", received(D(2025, 6, 2)), *pause, region="ENG")["response"]
    assert plain.due == D(2025, 7, 2) and paused.due == D(2025, 7, 9)
    assert "7 days" in paused.explanation and paused.estimated


def test_uk_pause_also_moves_the_month_for_the_extension_notice():
    # s.54(3C)(b)(ii): the pause does not count towards the month for notifying an extension.
    pause = (TimelineEvent("clarification_requested", D(2025, 6, 4)),
             TimelineEvent("clarification_received", D(2025, 6, 10)))  # fmt: skip
    notice = TimelineEvent("extension_notified", D(2025, 7, 8))
    found = run("uk.gdpr.access", received(D(2025, 6, 2)), *pause, notice, region="ENG")
    assert found["extended-response"].applies


# 4. UK DPA s.164A complaints -----------------------------------------------------------------
def test_s164a_gives_no_due_date_before_19_june_2026():
    # legal-rules.md §3: s.164A applies from 19 June 2026.
    before = run("uk.dpa.complaint", received(D(2026, 6, 18)), region="ENG")["acknowledge"]
    assert before.due is None and before.state == "no-deadline" and not before.estimated
    assert "19 June 2026" in before.explanation


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (D(2026, 6, 19), D(2026, 7, 20)),  # 30 days after: Sun 19 July -> Mon 20 July
        (D(2026, 8, 1), D(2026, 9, 1)),  # Mon 31 Aug 2026 is the summer bank holiday (England)
    ],
)
def test_s164a_counts_from_the_day_after_receipt_and_rolls_past_weekends(on, expected):
    # ICO (as reported in issue 17): day 1 is the day after receipt; a weekend or bank-holiday
    # end moves to the next working day. Not confirmed (legal-rules.md §7): an estimate.
    deadline = run("uk.dpa.complaint", received(on), region="ENG")["acknowledge"]
    assert deadline.due == expected and deadline.estimated
    assert "advocate" in deadline.explanation


# 8. CFPB complaint ---------------------------------------------------------------------------
def test_cfpb_filing_date_does_not_start_the_15_days():
    # CFPB complaint process: "the company has 15 days" from when the CFPB sends it the complaint.
    assert compute_deadlines("us.cfpb.complaint", [TimelineEvent("sent", D(2026, 1, 5), channel="online")],
                             today=TODAY) == []  # fmt: skip
    forwarded = run("us.cfpb.complaint", TimelineEvent("sent", D(2026, 1, 5), channel="online"),
                    TimelineEvent("delivered", D(2026, 1, 7)))  # fmt: skip
    assert forwarded["response"].due == D(2026, 1, 22)


# §612(a)(3) ----------------------------------------------------------------------------------
def test_dispute_after_the_annual_report_gets_45_days_and_says_why():
    # §612(a)(3): 45 days after receipt for a dispute made after the §612(a) free report.
    found = run("us.fcra.dispute-cra", received(D(2026, 3, 2)),
                TimelineEvent("after_annual_report", D(2026, 3, 2)))  # fmt: skip
    assert found["response"].due == D(2026, 4, 16)
    assert "612(a)(3)" in found["response"].citation
    assert "weekly" in found["response"].explanation
