"""Worked examples per jurisdiction. Each row gives its reasoning; sources are legal-rules.md
sections (§) unless said otherwise. Holidays come from the `holidays` package."""

from datetime import date

import pytest

from app.rules import TimelineEvent, compute_deadlines

D = date
TODAY = D(2020, 1, 1)  # before every example, so states are "upcoming" unless a test says so


def due(procedure, received, *, key="response", region=None, extra=()):
    events = [TimelineEvent("received", received), *extra]
    found = {d.key: d for d in compute_deadlines(procedure, events, region=region, today=TODAY)}
    return found[key]


US_EXAMPLES = [
    # §611(a)(1)(A) "30-day period beginning on" receipt: day 1 = 31 Jan, day 30 = 1 Mar (§1.7).
    ("us.fcra.dispute-cra", D(2025, 1, 31), "response", D(2025, 3, 1)),
    # Leap year: 31 Jan 2024 + 29 days = 29 Feb 2024.
    ("us.fcra.dispute-cra", D(2024, 1, 31), "response", D(2024, 2, 29)),
    # Year end: 15 Dec 2024 + 29 = 13 Jan 2025; the statute moves nothing past holidays.
    ("us.fcra.dispute-cra", D(2024, 12, 15), "response", D(2025, 1, 13)),
    # §611(a)(2)(A) 5-business-day period beginning on receipt (Mon 10 Feb 2025 = day 1).
    ("us.fcra.dispute-cra", D(2025, 2, 10), "furnisher-notice", D(2025, 2, 14)),
    # Received Saturday; Mon 17 Feb 2025 is Washington's Birthday, so day 1 is Tue 18 Feb.
    ("us.fcra.dispute-cra", D(2025, 2, 15), "furnisher-notice", D(2025, 2, 24)),
    # §611(a)(7) "15 days after": 20 Dec 2025 + 15 = Sun 4 Jan 2026; no roll-forward (§7).
    ("us.fcra.method-of-verification", D(2025, 12, 20), "response", D(2026, 1, 4)),
    # §612(a)(2) 15 days after receipt by the central source.
    ("us.fcra.annual-report", D(2025, 2, 14), "response", D(2025, 3, 1)),
    ("us.fcra.specialty-report", D(2025, 2, 14), "response", D(2025, 3, 1)),
    # §605B(a) 4 business days after; Thanksgiving Thu 27 Nov 2025 is skipped.
    ("us.fcra.identity-theft-block", D(2025, 11, 25), "response", D(2025, 12, 2)),
    # §609(e) 30 days after receipt.
    ("us.fcra.identity-theft-records", D(2025, 1, 31), "response", D(2025, 3, 2)),
    # §605A(i) mail: 3 business days; 4 July 2026 is a Saturday, observed Fri 3 July (6103(a)).
    ("us.fcra.freeze-mail", D(2026, 7, 1), "response", D(2026, 7, 7)),
    # §605A(i) online: 1 business day; Christmas Thu 25 Dec 2025 is skipped.
    ("us.fcra.freeze-online", D(2025, 12, 24), "response", D(2025, 12, 26)),
    # Martin Luther King Jr. Day, Mon 20 Jan 2025, is skipped.
    ("us.fcra.freeze-online", D(2025, 1, 17), "response", D(2025, 1, 21)),
    # §612(b): the consumer has 60 days from receiving the notice; no roll-forward (§1.7 policy).
    ("us.fcra.adverse-action-report", D(2025, 1, 1), "request-window", D(2025, 3, 2)),
    # §605A(a)(1)(A): "not less than 1 year, beginning on the date of such request": a request
    # received 10 March 2025 holds through 9 March 2026 (issue 17, point 1).
    ("us.fcra.fraud-alert", D(2025, 3, 10), "alert-ends", D(2026, 3, 9)),
    # From 29 Feb 2024 the year runs through 28 Feb 2025 (the later reading).
    ("us.fcra.fraud-alert", D(2024, 2, 29), "alert-ends", D(2025, 2, 28)),
    # §605A(b)(1)(A): "the 7-year period beginning on the date of such request" (the extended
    # alert's own request): received 10 March 2025, the alert holds through 9 March 2032.
    ("us.fcra.fraud-alert-extended", D(2025, 3, 10), "alert-ends", D(2032, 3, 9)),
    # 11 CCR §7021(b): 45 days beginning on receipt; receipt = day 1 -> receipt + 44 (§4).
    ("us-ca.ccpa.know", D(2025, 1, 1), "response", D(2025, 2, 14)),
    ("us-ca.ccpa.correct", D(2024, 1, 16), "response", D(2024, 2, 29)),
    # 11 CCR §7021(a): 10 business days after receipt (New Year's Day received, count from 2 Jan).
    ("us-ca.ccpa.delete", D(2025, 1, 1), "confirm-receipt", D(2025, 1, 15)),
]

EU_EXAMPLES = [
    # Reg 1182/71 Art 3(2)(c): received 3 March -> 3 April (§2.1 worked result).
    ("eu.gdpr.access", "DE", D(2025, 3, 3), D(2025, 4, 3)),
    # No 31 February: last day of February (§2.1); 2024 is a leap year.
    ("eu.gdpr.access", "FR", D(2025, 1, 31), D(2025, 2, 28)),
    ("eu.gdpr.access", "FR", D(2024, 1, 31), D(2024, 2, 29)),
    # Easter: 18 Apr 2025 is Good Friday in DE, then the weekend and Easter Monday 21 Apr.
    ("eu.gdpr.rectification", "DE", D(2025, 3, 18), D(2025, 4, 22)),
    # Christmas: 25 Dec 2025 (Thu). France has no national 26 Dec holiday -> Fri 26 Dec.
    ("eu.gdpr.erasure", "FR", D(2025, 11, 25), D(2025, 12, 26)),
    # Germany keeps 26 Dec (Second Christmas Day) -> weekend -> Mon 29 Dec.
    ("eu.gdpr.erasure", "DE", D(2025, 11, 25), D(2025, 12, 29)),
    # Ireland: 26 Dec is St Stephen's Day (Fri) -> Mon 29 Dec.
    ("eu.gdpr.restriction", "IE", D(2025, 11, 26), D(2025, 12, 29)),
    # 8 Dec 2025 (Mon) is a public holiday in AT, IT and ES (Immaculate Conception) -> 9 Dec.
    ("eu.gdpr.objection", "AT", D(2025, 11, 8), D(2025, 12, 9)),
    ("eu.gdpr.objection", "IT", D(2025, 11, 8), D(2025, 12, 9)),
    ("eu.gdpr.objection", "ES", D(2025, 11, 8), D(2025, 12, 9)),
    # Year end: 31 Jan 2026 is a Saturday -> Mon 2 Feb 2026.
    ("eu.gdpr.automated-decision", "NL", D(2025, 12, 31), D(2026, 2, 2)),
    # Art 78(2): 3 months for the authority; 30 Nov 2025 -> Sat 28 Feb 2026 -> Mon 2 Mar.
    ("eu.gdpr.complaint", "DE", D(2025, 11, 30), D(2026, 3, 2)),
]

UK_EXAMPLES = [
    # ICO examples (§3): 3 Sept -> 3 Oct.
    ("uk.gdpr.access", "ENG", D(2025, 9, 3), D(2025, 10, 3)),
    # ICO: 25 Nov -> 25 and 26 Dec are bank holidays -> 27 Dec (a Friday in 2024).
    ("uk.gdpr.access", "ENG", D(2024, 11, 25), D(2024, 12, 27)),
    # Same in 2025: 27 Dec is a Saturday -> Mon 29 Dec.
    ("uk.gdpr.access", "WLS", D(2025, 11, 25), D(2025, 12, 29)),
    # ICO: 31 March -> no 31 April -> 30 April.
    ("uk.gdpr.rectification", "ENG", D(2025, 3, 31), D(2025, 4, 30)),
    # Leap year: 31 Jan 2024 -> 29 Feb 2024.
    ("uk.gdpr.rectification", "ENG", D(2024, 1, 31), D(2024, 2, 29)),
    # Easter Monday 21 Apr 2025 is a bank holiday in England but not in Scotland.
    ("uk.gdpr.erasure", "ENG", D(2025, 3, 21), D(2025, 4, 22)),
    ("uk.gdpr.erasure", "SCT", D(2025, 3, 21), D(2025, 4, 21)),
    # St Andrew's Day 30 Nov 2025 (Sun) is substituted by Mon 1 Dec in Scotland only.
    ("uk.gdpr.objection", "SCT", D(2025, 11, 1), D(2025, 12, 2)),
    ("uk.gdpr.objection", "ENG", D(2025, 11, 1), D(2025, 12, 1)),
    # St Patrick's Day, Mon 17 Mar 2025, is a bank holiday in Northern Ireland only.
    ("uk.gdpr.access", "NIR", D(2025, 2, 17), D(2025, 3, 18)),
    ("uk.gdpr.access", "ENG", D(2025, 2, 17), D(2025, 3, 17)),
    # Year end: 2 Jan is a Scottish bank holiday (Fri 2 Jan 2026) -> Mon 5 Jan.
    ("uk.gdpr.access", "SCT", D(2025, 12, 2), D(2026, 1, 5)),
    ("uk.gdpr.access", "ENG", D(2025, 12, 2), D(2026, 1, 2)),
]

CN_EXAMPLES = [
    # Art 25 (20 days) + Civil Code 201: 18 Sep 2025 + 20 = 8 Oct, inside Golden Week
    # (1-8 Oct 2025) -> Thu 9 Oct (Art 203).
    ("cn.credit.objection", D(2025, 9, 18), "response", D(2025, 10, 9)),
    # 21 Sep + 20 = Sat 11 Oct 2025, a make-up working day (调休) -> stays.
    ("cn.credit.objection", D(2025, 9, 21), "response", D(2025, 10, 11)),
    # 8 Sep + 20 = Sun 28 Sep 2025, a make-up working day -> stays.
    ("cn.credit.objection", D(2025, 9, 8), "response", D(2025, 9, 28)),
    # An ordinary Saturday (25 Oct 2025) moves to Monday 27 Oct.
    ("cn.credit.objection", D(2025, 10, 5), "response", D(2025, 10, 27)),
    # Spring Festival 2025: holidays 28 Jan - 4 Feb; 9 Jan + 20 = 29 Jan -> Wed 5 Feb.
    ("cn.credit.objection", D(2025, 1, 9), "response", D(2025, 2, 5)),
    # Year end: 12 Dec 2025 + 20 = 1 Jan 2026; 1-3 Jan are rest days, Sun 4 Jan is a
    # make-up working day -> 4 Jan.
    ("cn.credit.objection", D(2025, 12, 12), "response", D(2026, 1, 4)),
    # 2024 rules: 10 working days to accept, across Golden Week with both make-up days
    # (Sun 28 Sep and Sat 11 Oct 2025 count as working days) -> Wed 15 Oct.
    ("cn.pboc.complaint", D(2025, 9, 25), "acceptance", D(2025, 10, 15)),
    # Art 26: 30 days after acceptance; unknown acceptance -> from 15 Oct (latest) -> 14 Nov.
    ("cn.pboc.complaint", D(2025, 9, 25), "response", D(2025, 11, 14)),
]


@pytest.mark.parametrize(("procedure", "received", "key", "expected"), US_EXAMPLES)
def test_us_examples(procedure, received, key, expected):
    assert due(procedure, received, key=key).due == expected


@pytest.mark.parametrize(("procedure", "region", "received", "expected"), EU_EXAMPLES)
def test_eu_examples(procedure, region, received, expected):
    deadline = due(procedure, received, region=region)
    assert deadline.due == expected
    assert deadline.due.weekday() < 5


@pytest.mark.parametrize(("procedure", "region", "received", "expected"), UK_EXAMPLES)
def test_uk_examples(procedure, region, received, expected):
    assert due(procedure, received, region=region).due == expected


@pytest.mark.parametrize(("procedure", "received", "key", "expected"), CN_EXAMPLES)
def test_cn_examples(procedure, received, key, expected):
    assert due(procedure, received, key=key).due == expected


def test_fcra_overdue_only_after_day_n():
    # §1.7 safe approach: due on day 30 (receipt + 29); late only after receipt + 30.
    received = D(2025, 1, 31)
    states = {
        today: compute_deadlines(
            "us.fcra.dispute-cra", [TimelineEvent("received", received)], today=today
        )[0]
        for today in (D(2025, 2, 28), D(2025, 3, 1), D(2025, 3, 2), D(2025, 3, 3))
    }
    assert [s.state for s in states.values()] == ["upcoming", "due-today", "due-today", "overdue"]
    assert states[D(2025, 3, 3)].days_overdue == 1
    assert states[D(2025, 2, 28)].days_left == 1
    assert states[D(2025, 3, 1)].overdue_after == D(2025, 3, 2)


def test_fcra_info_added_extends_to_45_days():
    # §611(a)(1)(B): +15 days when the consumer adds information during the 30 days.
    extra = [TimelineEvent("info_added", D(2025, 2, 10))]
    response = due("us.fcra.dispute-cra", D(2025, 1, 31), extra=extra)
    extended = due("us.fcra.dispute-cra", D(2025, 1, 31), key="extended-response", extra=extra)
    assert extended.due == D(2025, 3, 16) and extended.applies
    assert not response.applies


def test_fcra_info_added_after_the_period_does_not_extend():
    extra = [TimelineEvent("info_added", D(2025, 3, 10))]
    extended = due("us.fcra.dispute-cra", D(2025, 1, 31), key="extended-response", extra=extra)
    assert not extended.applies


def test_fcra_dispute_after_annual_report_is_45_days_after():
    # §612(a)(3): 45 days after receipt, "notwithstanding" §611(a)(1).
    extra = [TimelineEvent("after_annual_report", D(2024, 11, 1))]
    deadlines = compute_deadlines(
        "us.fcra.dispute-cra", [TimelineEvent("received", D(2024, 11, 1)), *extra], today=TODAY
    )
    assert deadlines[0].due == D(2024, 12, 16)
    assert "612(a)(3)" in deadlines[0].citation
    assert not any(d.key == "extended-response" for d in deadlines)


def test_fraud_alert_extended_runs_from_its_own_request():
    # §605A(b)(1)(A): the 7 years begin on the date of the extended-alert request, whenever an
    # initial alert was placed; the initial-alert procedure no longer offers an "extension".
    extended = due("us.fcra.fraud-alert-extended", D(2026, 1, 15), key="alert-ends")
    assert extended.due == D(2033, 1, 14) and not extended.estimated
    assert "605A(b)(1)(A)" in extended.citation
    initial = compute_deadlines(
        "us.fcra.fraud-alert",
        [TimelineEvent("received", D(2025, 3, 10)), TimelineEvent("extension_notified", D(2026, 1, 15))],
        today=TODAY,
    )
    assert [d.key for d in initial] == ["alert-ends", "free-report"]


def test_ccpa_extension_and_grace():
    deadline = due("us-ca.ccpa.know", D(2025, 1, 1))
    assert deadline.overdue_after == D(2025, 2, 15)  # §4: overdue only after receipt + 45
    extended = due("us-ca.ccpa.know", D(2025, 1, 1), key="extended-response")
    assert extended.due == D(2025, 3, 31)  # 90 days beginning on receipt: receipt + 89
    assert not extended.applies  # no extension notice yet


def test_mailed_letter_receipt_is_estimated_and_confirmation_replaces_it():
    # Sent Fri 21 Nov 2025 by post: 5 business days, skipping Thanksgiving -> Mon 1 Dec.
    sent = TimelineEvent("sent", D(2025, 11, 21), channel="post")
    estimated = compute_deadlines("us.fcra.dispute-cra", [sent], today=TODAY)[0]
    assert estimated.start == D(2025, 12, 1) and estimated.estimated
    assert "estimate" in estimated.explanation
    confirmed = compute_deadlines(
        "us.fcra.dispute-cra", [sent, TimelineEvent("delivered", D(2025, 11, 24))], today=TODAY
    )[0]
    assert confirmed.start == D(2025, 11, 24) and not confirmed.estimated
    email = TimelineEvent("sent", D(2025, 11, 21), channel="email")
    assert compute_deadlines("eu.gdpr.access", [email], region="DE", today=TODAY)[0].start == D(
        2025, 11, 21
    )


def test_transit_days_override():
    sent = TimelineEvent("sent", D(2025, 11, 21), channel="post")
    got = compute_deadlines("us.fcra.dispute-cra", [sent], today=TODAY, transit_days=2)[0]
    assert got.start == D(2025, 11, 25)


def test_voided_events_are_ignored():
    events = [
        TimelineEvent("received", D(2025, 1, 1), voided=True),
        TimelineEvent("received", D(2025, 1, 31)),
    ]
    assert compute_deadlines("us.fcra.dispute-cra", events, today=TODAY)[0].due == D(2025, 3, 1)


def test_no_start_event_means_no_deadlines():
    assert compute_deadlines("us.fcra.dispute-cra", [], today=TODAY) == []


def test_answered_marks_response_met():
    events = [TimelineEvent("received", D(2025, 1, 31)), TimelineEvent("answered", D(2025, 3, 5))]
    response = compute_deadlines("us.fcra.dispute-cra", events, today=D(2025, 4, 1))[0]
    assert response.state == "met" and response.days_overdue == 3


def test_eu_without_member_state_is_an_estimate():
    deadline = due("eu.gdpr.access", D(2025, 11, 25))
    assert deadline.due == D(2025, 12, 25)  # holidays not applied
    assert deadline.estimated and "member state" in deadline.explanation


def test_eu_extension_notice_must_come_in_the_first_month():
    late = [TimelineEvent("extension_notified", D(2025, 5, 1))]
    extended = due(
        "eu.gdpr.access", D(2025, 3, 3), key="extended-response", region="DE", extra=late
    )
    assert not extended.applies
    on_time = [TimelineEvent("extension_notified", D(2025, 3, 20))]
    extended = due(
        "eu.gdpr.access", D(2025, 3, 3), key="extended-response", region="DE", extra=on_time
    )
    assert extended.applies and extended.due == D(2025, 6, 3)


def test_uk_art_12a_starts_when_id_arrives():
    extra = [TimelineEvent("id_received", D(2025, 3, 10))]
    assert due("uk.gdpr.access", D(2025, 3, 3), extra=extra).due == D(2025, 4, 10)


def test_uk_art_12a_pause_for_clarification():
    extra = [
        TimelineEvent("clarification_requested", D(2025, 3, 5)),
        TimelineEvent("clarification_received", D(2025, 3, 12)),
    ]
    deadline = due("uk.gdpr.access", D(2025, 3, 3), extra=extra)
    # 5 to 12 March, both days left out (DPA 2018 s.54(3C)): 8 days; 3 Apr + 8 = Fri 11 Apr.
    assert deadline.due == D(2025, 4, 11) and deadline.estimated
    open_pause = [TimelineEvent("clarification_requested", D(2025, 3, 5))]
    deadline = due("uk.gdpr.access", D(2025, 3, 3), extra=open_pause)
    assert deadline.due is None and deadline.state == "no-deadline"


def test_uk_cca_s159_is_unverified_estimate():
    # s.159: 28 days; roll-forward UNVERIFIED, so no roll and labelled an estimate (§7).
    deadline = due("uk.cca.correction", D(2025, 6, 1))
    assert deadline.due == D(2025, 6, 29) and deadline.estimated and not deadline.verified
    assert "advocate" in deadline.explanation
    window = due("uk.cca.correction", D(2025, 6, 1), key="notice-of-correction-window")
    assert window.due == D(2025, 7, 27)  # 28 days after the agency's 28 days ran out
    answered = [TimelineEvent("answered", D(2025, 6, 20))]
    window = due(
        "uk.cca.correction", D(2025, 6, 1), key="notice-of-correction-window", extra=answered
    )
    assert window.due == D(2025, 7, 18)


@pytest.mark.parametrize(
    "procedure",
    ["cn.credit.report", "cn.pipl.access", "cn.pipl.correction", "cn.pipl.automated-decision"],
)
def test_china_no_fixed_period(procedure):
    deadline = due(procedure, D(2025, 9, 18))
    assert deadline.due is None and deadline.state == "no-deadline"
    assert "no" in deadline.explanation.lower()


def test_china_years_without_a_published_schedule_are_estimates():
    assert due("cn.credit.objection", D(2031, 9, 18)).estimated
    assert not due("cn.credit.objection", D(2025, 9, 18)).estimated


def test_cn_pboc_complaint_from_acceptance_event():
    extra = [TimelineEvent("accepted", D(2025, 10, 9))]
    deadline = due("cn.pboc.complaint", D(2025, 9, 25), extra=extra)
    assert deadline.due == D(2025, 11, 10)  # 8 Nov 2025 is a Saturday -> Monday 10 Nov
    assert not deadline.estimated
