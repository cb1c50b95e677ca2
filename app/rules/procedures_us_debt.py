"""US debt collection (FDCPA, 15 U.S.C. 1692 ff.; Regulation F, 12 CFR 1006) and the lender's
reasons for a denial (ECOA, 15 U.S.C. 1691(d); Regulation B, 12 CFR 1002.9).

Neither law is in the project's reference notes yet (legal-rules.md §1.5 and §8 item 11 say
Regulation B was "not researched"), so every rule here is `verified=False` and shown as an
estimate. What each rule says was checked against copies of the texts (sources in the comments):
- 15 U.S.C. 1692g(a)-(b): GPO "U.S. Code Online" copy and frrsdigital.com (FDIC manual) copy.
- 15 U.S.C. 1692c(c): copies at checkoutapi.com (US Code, checked Nov 2024) and others.
- 12 CFR 1006.34, 1006.38 and comment 38-1: casetext.com and consumerfinance.gov copies.
- 12 CFR 1002.9(a)(2): GPO copies of the identical Federal Reserve text (12 CFR 202.9) and
  frrsdigital.com.
"""

from __future__ import annotations

from app.rules.model import (
    NO_PERIOD,
    Citation,
    Clock,
    Counting,
    Escalation,
    Extension,
    Period,
    Procedure,
    Unit,
)

_USC = "https://www.law.cornell.edu/uscode/text/15/"
_CFR = "https://www.law.cornell.edu/cfr/text/12/"

_NOT_IN_NOTES = (
    "This rule is not yet in the project's reference notes; it was read from copies of the "
    "statute and regulation, not the official site."
)
_CFPB = Escalation(
    "Complain to the Consumer Financial Protection Bureau (consumerfinance.gov/complaint).",
    "us.cfpb.complaint",
)
# 15 U.S.C. 1692k(a), (d): actual damages, up to $1,000 additional damages, costs and fees;
# "within one year from the date on which the violation occurs".
_SUE_FDCPA = Escalation(
    "Sue the collector under 15 U.S.C. 1692k (actual damages, up to $1,000 more, and lawyer's "
    "fees); the limit is one year from the violation. Check with an advocate."
)
_VALIDATION_NOTE = (
    "Reg F comment 38-1 says you dispute in writing when you mail it, so mailing it by the last "
    "day should count; we are not sure, so send it early and keep proof of the date."
)

DEBT_PROCEDURES: tuple[Procedure, ...] = (
    Procedure(
        id="us.fdcpa.validation",
        title="Dispute a debt or ask for the original creditor (FDCPA validation, §1692g(b))",
        jurisdiction="US",
        summary="Within the validation period, tell a debt collector in writing that you dispute "
        "the debt or want the original creditor's name: it must stop collecting until it mails "
        "you verification.",
        citations=(
            Citation("FDCPA §809(b), 15 U.S.C. 1692g(b)", _USC + "1692g"),
            Citation("Regulation F, 12 CFR 1006.34 and 1006.38", _CFR + "1006.38"),
        ),
        who_must_act="The debt collector",
        clock_starts="The collector receives your written dispute",
        response=Clock(
            key="response",
            label="The collector must stop collecting until it mails you verification of the "
            "debt (or the original creditor's name and address)",
            who_must_act="The debt collector",
            starts="the day the collector receives your dispute",
            period=NO_PERIOD,  # §1692g(b) sets no time for verification: collection stops until then
            citation=Citation("FDCPA §809(b), 15 U.S.C. 1692g(b); 12 CFR 1006.38(c)-(d)",
                              _CFR + "1006.38"),
            note="The law sets no deadline for the answer. Until the collector mails verification, "
            "it may not collect the disputed debt. If it never verifies, it may never collect.",
            verified=False,
        ),
        duties=(
            Clock(
                key="dispute-window",
                label="Send your written dispute within the validation period, which ends on",
                who_must_act="You",
                starts="the day you received the validation notice",
                # §1692g(a)(3)-(4): "within thirty days after receipt of the notice"; Reg F
                # 1006.34(b)(5) makes this the validation period and 1006.34(c)(3) has the notice
                # print its end date, which then wins (ends_on_event).
                period=Period(30, Unit.CALENDAR_DAYS, Counting.AFTER),
                citation=Citation("15 U.S.C. 1692g(a)(3)-(5); 12 CFR 1006.34(b)(5), (c)(3)",
                                  _CFR + "1006.34"),
                counting_verified=False,
                verified=False,
                consumer_side=True,
                note=_VALIDATION_NOTE,
                after_event="notice_received",
                ends_on_event="validation_ends",
                requires_event=True,
                met_by=("sent",),
            ),
        ),
        consumer_must_include=(
            "Say that you dispute the debt (or which part), and ask for verification and for the "
            "name and address of the original creditor.",
            "The collector's reference number, so it can find the account.",
            "Send it in writing (mail, or the collector's own email or website): a phone call "
            "does not start these rights (12 CFR 1006.38, comment 38-1).",
        ),
        escalation=(
            Escalation("If it reports the debt to a credit bureau, dispute it there too.",
                       "us.fcra.dispute-cra"),
            _CFPB,
            _SUE_FDCPA,
        ),
        verified=False,
        unverified=(_NOT_IN_NOTES,
                    "Whether the day you mail the dispute or the day it arrives decides if it "
                    "is in time."),
        notes=(
            "Not disputing is not an admission that you owe the debt (15 U.S.C. 1692g(c)).",
            "During the validation period the collector must not do anything that overshadows "
            "your right to dispute (12 CFR 1006.38(b)).",
        ),
    ),
    Procedure(
        id="us.fdcpa.cease",
        title="Tell a debt collector to stop contacting you (FDCPA §1692c(c))",
        jurisdiction="US",
        summary="Tell a debt collector in writing to stop contacting you about a debt.",
        citations=(Citation("FDCPA §805(c), 15 U.S.C. 1692c(c)", _USC + "1692c"),),
        who_must_act="The debt collector",
        clock_starts="The collector receives your letter (by mail, notice is complete on receipt)",
        response=Clock(
            key="response",
            label="From the day it gets your letter, the collector must stop contacting you",
            who_must_act="The debt collector",
            starts="the day the collector receives your letter",
            period=NO_PERIOD,  # §1692c(c): "notification shall be complete upon receipt"
            citation=Citation("FDCPA §805(c), 15 U.S.C. 1692c(c)", _USC + "1692c"),
            note="It may still write once to say it is stopping, or that it or the creditor may "
            "use, or will use, a specific remedy such as a lawsuit. Stopping contact does not "
            "erase the debt.",
            verified=False,
            met_by=(),
        ),
        consumer_must_include=(
            "Say in writing that you want the collector to stop communicating with you about "
            "the debt (or that you refuse to pay it).",
            "The collector's reference number.",
        ),
        escalation=(_CFPB, _SUE_FDCPA),
        verified=False,
        unverified=(_NOT_IN_NOTES,),
        notes=(
            "A collector told to stop may decide to sue instead; if the debt is recent, talk to "
            "an advocate first.",
        ),
    ),
    Procedure(
        id="us.fdcpa.collection-dispute",
        title="Dispute a collection account on your credit report with the collector",
        jurisdiction="US",
        summary="Tell the collector that reports a collection account that it is wrong: it must "
        "investigate like any company that reports to the bureaus, and report the debt as "
        "disputed.",
        citations=(
            Citation("FCRA §623(a)(8), 15 U.S.C. 1681s-2(a)(8); 12 CFR 1022.43", _CFR + "1022.43"),
            Citation("FDCPA §807(8), 15 U.S.C. 1692e(8)", _USC + "1692e"),
        ),
        who_must_act="The debt collector (as the company that reports the account)",
        clock_starts="The collector receives your dispute at its address for disputes",
        response=Clock(
            key="response",
            label="The collector must finish its investigation and tell you the result",
            who_must_act="The debt collector",
            starts="the day the collector receives your dispute",
            # A collector that reports to a bureau is a furnisher: §623(a)(8)(E)(iii) gives it the
            # §611(a)(1) period (legal-rules.md §1.2), 30 days beginning on receipt.
            period=Period(30, Unit.CALENDAR_DAYS, Counting.DAY_ONE),
            citation=Citation(
                "FCRA §623(a)(8)(E)(iii), 15 U.S.C. 1681s-2(a)(8)(E)(iii); 12 CFR 1022.43(e)",
                _CFR + "1022.43",
            ),
        ),
        extensions=(
            Extension(
                condition="if you sent more relevant information during the 30 days",
                triggers=("info_added",),
                period=Period(45, Unit.CALENDAR_DAYS, Counting.DAY_ONE),
                citation=Citation("FCRA §611(a)(1)(B), 15 U.S.C. 1681i(a)(1)(B)", _USC + "1681i"),
                notice_required=False,
                label="If you added information during the 30 days, the collector must finish",
                happened="You sent more information",
                too_late="Only information sent during the 30 days adds 15 days (§611(a)(1)(B)).",
            ),
        ),
        consumer_must_include=(
            "The account as the report shows it, what is wrong and why (12 CFR 1022.43(d)).",
            "A copy of the report page and your documents.",
        ),
        escalation=(
            Escalation("Dispute the item with the credit bureau too (you can sue on that one).",
                       "us.fcra.dispute-cra"),
            _CFPB,
            _SUE_FDCPA,
        ),
        unverified=(
            "FDCPA §1692e(8) (a collector must say a debt it knows is disputed is disputed) is "
            "not yet in the project's reference notes.",
        ),
        notes=(
            "The company must report the account as disputed while it checks (FCRA §623(a)(3)).",
            "Within the validation period, the same letter also starts the FDCPA validation "
            "rights (us.fdcpa.validation).",
        ),
    ),
    Procedure(
        id="us.ecoa.reasons",
        title="Ask a lender for the specific reasons it turned you down (ECOA)",
        jurisdiction="US",
        summary="After a denial notice that does not give reasons, ask the lender for the "
        "specific reasons within 60 days; it must answer within 30 days.",
        citations=(
            Citation("ECOA, 15 U.S.C. 1691(d)(2)-(3)", _USC + "1691"),
            Citation("Regulation B, 12 CFR 1002.9(a)(2)(ii)", _CFR + "1002.9"),
        ),
        who_must_act="The creditor (the lender that turned you down)",
        clock_starts="The creditor receives your request for the reasons",
        response=Clock(
            key="response",
            label="The lender must send you the specific reasons for its decision",
            who_must_act="The creditor",
            starts="the day the lender receives your request",
            # 12 CFR 1002.9(a)(2)(ii): "a statement of specific reasons within 30 days, if the
            # statement is requested within 60 days of the creditor's notification".
            period=Period(30, Unit.CALENDAR_DAYS, Counting.AFTER),
            citation=Citation("Regulation B, 12 CFR 1002.9(a)(2)(ii); 15 U.S.C. 1691(d)(2)(B)",
                              _CFR + "1002.9"),
            counting_verified=False,
            verified=False,
            note="The reasons must be specific: 'internal standards' or 'insufficient score' "
            "alone is not enough (12 CFR 1002.9(b)(2)).",
        ),
        duties=(
            Clock(
                key="request-window",
                label="You must ask for the reasons",
                who_must_act="You",
                starts="the day of the lender's notice that it turned you down",
                period=Period(60, Unit.CALENDAR_DAYS, Counting.AFTER),
                citation=Citation("Regulation B, 12 CFR 1002.9(a)(2)(ii)", _CFR + "1002.9"),
                counting_verified=False,
                verified=False,
                consumer_side=True,
                note="The notice must say whom to ask: use that name and address.",
                after_event="notice_received",
                requires_event=True,
                met_by=("sent",),
            ),
        ),
        consumer_must_include=(
            "The date of the denial notice and your application or account number.",
            "Ask for the specific principal reasons for the decision in writing.",
        ),
        escalation=(
            Escalation("Get your free credit report from the bureau named in the notice (60 days).",
                       "us.fcra.adverse-action-report"),
            _CFPB,
        ),
        verified=False,
        unverified=(
            "Regulation B is marked 'not researched' in the project's reference notes "
            "(legal-rules.md §1.5, §8 item 11); the rule was read from copies of 12 CFR "
            "1002.9 (202.9).",
        ),
        notes=(
            "The free report after a denial (FCRA §612(b)) and the credit score disclosure "
            "(§615(a)) are separate rights.",
        ),
    ),
)
