import json

import pytest

from app.rules import (
    JURISDICTIONS,
    PROCEDURES,
    REGIONS,
    Deadline,
    TimelineEvent,
    UnknownProcedure,
    compute_deadlines,
    estimate_receipt,
    get_procedure,
)

REQUIRED = [
    "us.fcra.annual-report",
    "us.fcra.specialty-report",
    "us.fcra.dispute-cra",
    "us.fcra.dispute-furnisher",
    "us.fcra.method-of-verification",
    "us.fcra.identity-theft-block",
    "us.fcra.identity-theft-records",
    "us.fcra.freeze-mail",
    "us.fcra.freeze-online",
    "us.fcra.adverse-action-report",
    "us.fcra.fraud-alert",
    "us.fcra.fraud-alert-extended",
    "us-ca.ccpa.know",
    "us-ca.ccpa.delete",
    "us-ca.ccpa.correct",
    "eu.gdpr.access",
    "eu.gdpr.rectification",
    "eu.gdpr.erasure",
    "eu.gdpr.restriction",
    "eu.gdpr.objection",
    "eu.gdpr.automated-decision",
    "uk.gdpr.access",
    "uk.gdpr.rectification",
    "uk.gdpr.erasure",
    "uk.gdpr.objection",
    "uk.cca.correction",
    "cn.credit.report",
    "cn.credit.objection",
    "cn.pipl.access",
    "cn.pipl.correction",
    "cn.pipl.automated-decision",
    "cn.pboc.complaint",
    "us.cfpb.complaint",
    "eu.gdpr.complaint",
    "uk.ico.complaint",
]


def test_required_ids_present():
    assert not set(REQUIRED) - set(PROCEDURES)


@pytest.mark.parametrize("pid", sorted(PROCEDURES))
def test_every_procedure_is_complete(pid):
    p = PROCEDURES[pid]
    assert p.id == pid and p.jurisdiction in JURISDICTIONS and p.jurisdiction in REGIONS
    assert p.title and p.summary and p.who_must_act and p.clock_starts and p.citations
    assert all(c.text for c in p.citations)
    assert p.escalation, "every procedure names where to go next"
    json.dumps(p.summary_dict())
    for region in REGIONS[p.jurisdiction]:
        for d in compute_deadlines(pid, [TimelineEvent("received", _D)], region=region, today=_D):
            assert isinstance(d, Deadline)
            assert d.citation in d.explanation
            assert d.estimated == bool(d.estimate_reasons) or d.due is None
            if d.estimated:
                assert "estimate" in d.explanation and "advocate" in d.explanation
            json.dumps(d.to_dict())


from datetime import date  # noqa: E402

_D = date(2025, 6, 2)


def test_unverified_rules_are_estimates():
    # s.164A is in force only from 19 June 2026, so its example is received after that.
    for pid, on in (("uk.cca.correction", _D), ("uk.cca.notice-of-correction", _D),
                    ("uk.dpa.complaint", date(2026, 7, 1))):  # fmt: skip
        assert not PROCEDURES[pid].verified
        d = compute_deadlines(pid, [TimelineEvent("received", on)], today=on)[0]
        assert d.estimated and not d.verified
    # FCRA business days: the definition is UNVERIFIED (legal-rules.md §1.7).
    d = compute_deadlines("us.fcra.freeze-mail", [TimelineEvent("received", _D)], today=_D)[0]
    assert d.estimated and "business day" in d.explanation


def test_unknown_procedure_names_choices():
    with pytest.raises(UnknownProcedure, match="us.fcra.dispute-cra") as info:
        get_procedure("us.fcra.nope")
    assert isinstance(info.value, ValueError)


def test_event_validation():
    with pytest.raises(ValueError, match="valid choices"):
        TimelineEvent("mailed", _D)
    with pytest.raises(ValueError, match="post"):
        TimelineEvent("sent", _D, channel="pigeon")


def test_estimate_receipt():
    assert estimate_receipt(date(2025, 12, 19), "post", jurisdiction="UK", region="ENG") == date(
        2025, 12, 30
    )  # Fri 19 Dec + 5 working days: 22, 23, 24, (25, 26 bank holidays, weekend), 29, 30
    assert estimate_receipt(date(2025, 12, 19), "email", jurisdiction="UK") == date(2025, 12, 19)
    assert estimate_receipt(date(2025, 12, 19), None, jurisdiction="US", transit_days=1) == date(
        2025, 12, 22
    )


def test_ccpa_mentions_fcra_exemption():
    assert any("1798.145(d)" in n for n in PROCEDURES["us-ca.ccpa.correct"].notes)


def test_pipl_says_no_fixed_period():
    d = compute_deadlines("cn.pipl.access", [TimelineEvent("received", _D)], today=_D)[0]
    assert d.period == "no fixed period" and "及时" in d.explanation
