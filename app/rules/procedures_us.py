"""US procedures: FCRA (15 U.S.C. 1681 et seq.), Regulation V (12 CFR 1022), the CFPB complaint
process and the California CCPA. Source: legal-rules.md §1, §4 and §7; addresses §1(c), §2."""

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
    Variant,
)

_USC = "https://www.law.cornell.edu/uscode/text/15/"
_CFR = "https://www.law.cornell.edu/cfr/text/12/"

# The FCRA never defines "business day" and a Reg V definition was not found (legal-rules.md §1.7,
# §8 item 1; addresses §2). Skipping Saturday, Sunday and 5 U.S.C. 6103(a) holidays is our design
# choice, so every FCRA business-day clock has an unverified counting and is shown as an estimate.
_BD_NOTE = (
    "The FCRA does not say what a business day is. We skip Saturdays, Sundays and federal "
    "holidays, which gives the later date, so we do not call anyone late too early."
)

_CFPB = Escalation(
    "Complain to the Consumer Financial Protection Bureau (consumerfinance.gov/complaint).",
    "us.cfpb.complaint",
)
_SUE = Escalation(
    "Sue under 15 U.S.C. 1681n (willful: actual or $100-$1,000 statutory damages, punitive "
    "damages, fees) or 1681o (negligent: actual damages and fees); the limit is 2 years from "
    "discovery or 5 years from the violation, whichever is earlier (1681p)."
)
_PROPER_ID = (
    "Proper identification (§610(a)(1)): name, address, Social Security number and date of birth; "
    "your previous address if you moved in the last 2 years (FTC brochure text)."
)

# §611(a)(1)(A): "30-day period beginning on the date" of receipt; receipt is day 1.
_FCRA_30 = Period(30, Unit.CALENDAR_DAYS, Counting.DAY_ONE)
# §611(a)(1)(B): +15 days (45 in all) only when the consumer adds information during the 30 days.
_FCRA_45_INFO = Extension(
    condition="if you sent more relevant information during the 30 days",
    triggers=("info_added",),
    period=Period(45, Unit.CALENDAR_DAYS, Counting.DAY_ONE),
    citation=Citation("FCRA §611(a)(1)(B), 15 U.S.C. 1681i(a)(1)(B)", _USC + "1681i"),
    notice_required=False,
    label="If you added information during the 30 days, the bureau must finish checking",
    happened="You sent more information",
    too_late="Only information the bureau receives during the 30 days adds 15 days "
    "(§611(a)(1)(B)).",
)
_NO_EXTENSION_IF_FOUND = (
    "There is no extra time if, within the 30 days, the item is found wrong or incomplete or "
    "cannot be verified (§611(a)(1)(C))."
)


# The notices that follow every bureau dispute, each "not later than 5 business days after" its
# event (legal-rules.md §1.2 and §7): the results after the reinvestigation is complete
# (§611(a)(6)(A)), the frivolous-dispute notice after that determination (§611(a)(3)(B)), and the
# reinsertion notice after a deleted item is put back (§611(a)(5)(B)(ii)).
_DISPUTE_NOTICES = (
    Clock(
        key="results-notice",
        label="The credit bureau must send you the results of its reinvestigation",
        who_must_act="The credit bureau",
        starts="the day the bureau completed its reinvestigation",
        period=Period(5, Unit.BUSINESS_DAYS, Counting.AFTER),
        citation=Citation("FCRA §611(a)(6)(A), 15 U.S.C. 1681i(a)(6)(A)", _USC + "1681i"),
        counting_verified=False,
        note="The results must come with a free copy of your report based on the corrected file "
        "(§611(a)(6)(B)). If you do not know when the bureau finished, we count from the last day "
        "it had. " + _BD_NOTE,
        after_event="completed",
        or_after_due_of="response",
        fallback_is_estimate=True,
    ),
    Clock(
        key="frivolous-notice",
        label="The credit bureau had to tell you it found your dispute frivolous, with its "
        "reasons and what information it needs",
        who_must_act="The credit bureau",
        starts="the day the bureau decided your dispute was frivolous or irrelevant",
        period=Period(5, Unit.BUSINESS_DAYS, Counting.AFTER),
        citation=Citation("FCRA §611(a)(3)(B), 15 U.S.C. 1681i(a)(3)(B)", _USC + "1681i"),
        counting_verified=False,
        note="The law counts to the day the bureau sends the notice: compare with the date on it, "
        "not the day it reached you. " + _BD_NOTE,
        after_event="frivolous",
        requires_event=True,
    ),
    Clock(
        key="reinsertion-notice",
        label="The credit bureau must tell you in writing that it put back an item it had deleted",
        who_must_act="The credit bureau",
        starts="the day the deleted item was put back in your file",
        period=Period(5, Unit.BUSINESS_DAYS, Counting.AFTER),
        citation=Citation("FCRA §611(a)(5)(B)(ii), 15 U.S.C. 1681i(a)(5)(B)(ii)", _USC + "1681i"),
        counting_verified=False,
        note="The notice must name the company that certified the item and tell you that you may "
        "add a statement of dispute (§611(a)(5)(B)(iii)). " + _BD_NOTE,
        after_event="reinserted",
        requires_event=True,
        met_by=("reinsertion_notified",),
    ),
)


def _fcra_days_after(n: int) -> Period:
    # "not later than N days after" (§611(a)(7), §612(a)(2), (a)(3), §609(e)): event + N.
    return Period(n, Unit.CALENDAR_DAYS, Counting.AFTER)


def _fcra_bd_after(n: int) -> Period:
    # "N business days after" (§605A(i), §605B(a)): the N-th business day after the event.
    return Period(n, Unit.BUSINESS_DAYS, Counting.AFTER)


US_PROCEDURES: tuple[Procedure, ...] = (
    Procedure(
        id="us.fcra.annual-report",
        title="Free annual credit report from a nationwide credit bureau",
        jurisdiction="US",
        summary="Get your free yearly file from Equifax, Experian and TransUnion.",
        citations=(
            Citation("FCRA §612(a)(1)-(2), 15 U.S.C. 1681j(a)", _USC + "1681j"),
            Citation("12 CFR 1022.136 (centralized source)", _CFR + "1022.136"),
        ),
        who_must_act="Each nationwide credit bureau, through the centralized source",
        clock_starts="The centralized source (annualcreditreport.com) receives the request",
        response=Clock(
            key="response",
            label="The credit bureau must send your free report",
            who_must_act="Each nationwide credit bureau",
            starts="the day the centralized source receives your request",
            period=_fcra_days_after(15),  # §612(a)(2): "not later than 15 days after"
            citation=Citation("FCRA §612(a)(2), 15 U.S.C. 1681j(a)(2)", _USC + "1681j"),
        ),
        consumer_must_include=(
            _PROPER_ID,
            "Ask through annualcreditreport.com, 1-877-322-8228, or the Reg V Appendix L form "
            "mailed to Annual Credit Report Request Service, P.O. Box 105281, Atlanta, GA "
            "30348-5281.",
        ),
        escalation=(_CFPB, _SUE),
        unverified=(
            "How the high and extraordinary request volume rules (12 CFR 1022.130, .136) change "
            "the 15 days (legal-rules.md §8 item 2).",
        ),
        notes=("The bureaus also give free weekly reports online; that is a practice, not law.",),
    ),
    Procedure(
        id="us.fcra.specialty-report",
        title="Free annual report from a nationwide specialty bureau",
        jurisdiction="US",
        summary="Get your free yearly file from a tenant, check, medical, employment or "
        "insurance screening company.",
        citations=(
            Citation("FCRA §612(a)(1)(C), (a)(2), 15 U.S.C. 1681j(a)", _USC + "1681j"),
            Citation("12 CFR 1022.137", _CFR + "1022.137"),
        ),
        who_must_act="The nationwide specialty consumer reporting agency",
        clock_starts="The agency receives the request through its streamlined process",
        response=Clock(
            key="response",
            label="The specialty bureau must send your free report",
            who_must_act="The nationwide specialty consumer reporting agency",
            starts="the day the agency receives your request",
            period=_fcra_days_after(15),  # §612(a)(2): same 15-day timing
            citation=Citation("FCRA §612(a)(2), 15 U.S.C. 1681j(a)(2)", _USC + "1681j"),
        ),
        consumer_must_include=(
            "Use its toll-free number or streamlined process; it may ask only for the identifying "
            "data it reasonably needs (12 CFR 1022.137(a)).",
        ),
        escalation=(_CFPB, _SUE),
        unverified=(
            "Effect of the request-volume rules on the 15 days (legal-rules.md §8 item 2).",
        ),
    ),
    Procedure(
        id="us.fcra.dispute-cra",
        title="Dispute an item with a credit bureau (reinvestigation)",
        jurisdiction="US",
        summary="Ask a credit bureau to check and fix or delete a wrong item in your file.",
        citations=(Citation("FCRA §611(a)(1)(A), 15 U.S.C. 1681i(a)(1)(A)", _USC + "1681i"),),
        who_must_act="The credit bureau (consumer reporting agency)",
        clock_starts="The bureau receives your dispute (directly or through a reseller)",
        response=Clock(
            key="response",
            label="The credit bureau must finish checking your dispute",
            who_must_act="The credit bureau",
            starts="the day the bureau receives your dispute",
            period=_FCRA_30,
            citation=Citation("FCRA §611(a)(1)(A), 15 U.S.C. 1681i(a)(1)(A)", _USC + "1681i"),
            note=_NO_EXTENSION_IF_FOUND,
        ),
        extensions=(_FCRA_45_INFO,),
        variants=(
            Variant(
                trigger="after_annual_report",
                condition="because your dispute follows the free annual report the law gives you "
                "(§612(a), ordered through annualcreditreport.com)",
                # §612(a)(3): a dispute "made after receiving a consumer report under this
                # subsection" (the §612(a) annual disclosure): 45 days after receipt,
                # "notwithstanding" §611(a)(1). The free weekly reports are a voluntary practice
                # of the bureaus, not §612(a) (legal-rules.md §1.1), so they do not count.
                period=_fcra_days_after(45),
                citation=Citation("FCRA §612(a)(3), 15 U.S.C. 1681j(a)(3)", _USC + "1681j"),
                note="This applies because the dispute follows the free annual report under "
                "§612(a); the free weekly reports the bureaus also offer are their own practice, "
                "not that law, and leave the normal 30 days. The sources we used give no further "
                "extension on top of these 45 days.",
            ),
        ),
        duties=(
            Clock(
                key="furnisher-notice",
                label="The credit bureau must pass your dispute to the company that reported "
                "the item",
                who_must_act="The credit bureau",
                starts="the day the bureau receives your dispute",
                # §611(a)(2)(A): "5-business-day period beginning on the date" of receipt.
                period=Period(5, Unit.BUSINESS_DAYS, Counting.DAY_ONE),
                citation=Citation("FCRA §611(a)(2)(A), 15 U.S.C. 1681i(a)(2)(A)", _USC + "1681i"),
                counting_verified=False,
                note=_BD_NOTE,
                met_by=(),
            ),
            *_DISPUTE_NOTICES,
        ),
        consumer_must_include=(
            "Which items are wrong and why.",
            "Copies of documents that back you up: the bureau must review all relevant "
            "information you send (§611(a)(4)).",
        ),
        escalation=(
            Escalation(
                "Ask how the item was verified (due 15 days after your request).",
                "us.fcra.method-of-verification",
            ),
            Escalation("Add a statement of dispute to your file (§611(b)-(c))."),
            _CFPB,
            _SUE,
        ),
        unverified=(
            "How courts count a 'period beginning on the date of receipt' (legal-rules.md §1.7): "
            "we show day 30 as due and call it late only after day 31.",
            "Whether Reg V defines 'business day' (legal-rules.md §8 item 1).",
        ),
        notes=(
            "Results notice: within 5 business days after the reinvestigation ends (§611(a)(6)).",
            "State laws on dispute timing are mostly preempted (§625(b)(1)(B)).",
        ),
    ),
    Procedure(
        id="us.fcra.dispute-furnisher",
        title="Dispute an item directly with the company that reported it",
        jurisdiction="US",
        summary="Ask the lender or collector that reported an item to check and correct it.",
        citations=(
            Citation("FCRA §623(a)(8), 15 U.S.C. 1681s-2(a)(8)", _USC + "1681s-2"),
            Citation("12 CFR 1022.43", _CFR + "1022.43"),
        ),
        who_must_act="The furnisher (the lender, card issuer or collector that reported the item)",
        clock_starts="The furnisher receives your dispute at the proper address (1022.43(c))",
        response=Clock(
            key="response",
            label="The company must finish its investigation and tell you the result",
            who_must_act="The furnisher",
            starts="the day the company receives your dispute at its proper address",
            # §623(a)(8)(E)(iii): "before the expiration of the period under section 611(a)(1)".
            period=_FCRA_30,
            citation=Citation(
                "FCRA §623(a)(8)(E)(iii), 15 U.S.C. 1681s-2(a)(8)(E)(iii); 12 CFR 1022.43(e)",
                _CFR + "1022.43",
            ),
        ),
        extensions=(_FCRA_45_INFO,),
        consumer_must_include=(
            "Enough to identify the account: account number, your name, address and phone "
            "(12 CFR 1022.43(d)(1)).",
            "The specific information you dispute and why (1022.43(d)(2)).",
            "Supporting documents, e.g. the page of your report, a police report or an "
            "identity-theft affidavit (1022.43(d)(3)).",
        ),
        escalation=(
            Escalation(
                "There is no private lawsuit for a direct dispute (§623(c)-(d)). Dispute through "
                "the credit bureau instead: that brings in §623(b), which you can sue on.",
                "us.fcra.dispute-cra",
            ),
            _CFPB,
        ),
        unverified=(
            "Some topics excluded from direct disputes (fraud or active-duty alerts, information "
            "from another furnisher) were noted from memory (legal-rules.md §1.2).",
        ),
        notes=(
            "Send it to the address on your report or the address the company gave for disputes.",
            "The company must report the item as disputed while it checks (§623(a)(3)).",
            "No duty for disputes about identifying data, employers, inquiries, or public records "
            "(12 CFR 1022.43(b)), or disputes from a credit repair organization (§623(a)(8)(G)).",
        ),
    ),
    Procedure(
        id="us.fcra.method-of-verification",
        title="Ask a credit bureau how it verified a disputed item",
        jurisdiction="US",
        summary="After a dispute, ask the bureau to describe how it checked the item.",
        citations=(Citation("FCRA §611(a)(7), 15 U.S.C. 1681i(a)(7)", _USC + "1681i"),),
        who_must_act="The credit bureau",
        clock_starts="The bureau receives your request for the description",
        response=Clock(
            key="response",
            label="The credit bureau must describe how it checked the item",
            who_must_act="The credit bureau",
            starts="the day the bureau receives your request",
            period=_fcra_days_after(15),  # §611(a)(7): "not later than 15 days after"
            citation=Citation("FCRA §611(a)(7), 15 U.S.C. 1681i(a)(7)", _USC + "1681i"),
        ),
        consumer_must_include=("Name the dispute and the items it covered.",),
        escalation=(_CFPB, _SUE),
        notes=(
            "The answer must give the procedure used and the business name, address and phone of "
            "any furnisher contacted.",
        ),
    ),
    Procedure(
        id="us.fcra.identity-theft-block",
        title="Block identity-theft items in a credit file",
        jurisdiction="US",
        summary="Make a credit bureau block items that came from identity theft.",
        citations=(Citation("FCRA §605B(a), 15 U.S.C. 1681c-2(a)", _USC + "1681c-2"),),
        who_must_act="The credit bureau",
        clock_starts="The bureau receives all four required items",
        response=Clock(
            key="response",
            label="The credit bureau must block the items",
            who_must_act="The credit bureau",
            starts="the day the bureau receives all four required items",
            period=_fcra_bd_after(4),  # §605B(a): "not later than 4 business days after"
            citation=Citation("FCRA §605B(a), 15 U.S.C. 1681c-2(a)", _USC + "1681c-2"),
            counting_verified=False,
            note=_BD_NOTE,
        ),
        consumer_must_include=(
            "Proof of your identity.",
            "A copy of an identity theft report.",
            "Which items come from the theft.",
            "A statement that those items are not your transactions.",
        ),
        escalation=(_CFPB, _SUE),
        unverified=("Meaning of 'business day' (legal-rules.md §8 item 1).",),
        notes=("The bureau must also promptly tell the furnisher (§605B(b)).",),
    ),
    Procedure(
        id="us.fcra.identity-theft-records",
        title="Get a business's records about an identity theft",
        jurisdiction="US",
        summary="Ask a business that dealt with the impostor for its application and "
        "transaction records.",
        citations=(Citation("FCRA §609(e), 15 U.S.C. 1681g(e)", _USC + "1681g"),),
        who_must_act="The business that dealt with the impostor",
        clock_starts="The business receives your written request",
        response=Clock(
            key="response",
            label="The business must send you the records, free of charge",
            who_must_act="The business",
            starts="the day the business receives your written request",
            period=_fcra_days_after(30),  # §609(e): "30 days after" receipt
            citation=Citation("FCRA §609(e), 15 U.S.C. 1681g(e)", _USC + "1681g"),
        ),
        consumer_must_include=(
            "A written request mailed to the address the business gives.",
            "Proof of identity (government ID or the identifiers the impostor used).",
            "Proof of the claim: a police report and an FTC/CFPB identity-theft affidavit "
            "(or one the business accepts).",
            "If asked: the date of the transaction and the account number.",
        ),
        escalation=(
            Escalation(
                "No private damages suit for this right (§609(e)(6)); complain to the CFPB or "
                "the FTC (IdentityTheft.gov).",
                "us.cfpb.complaint",
            ),
        ),
    ),
    Procedure(
        id="us.fcra.freeze-mail",
        title="Place a security freeze by mail",
        jurisdiction="US",
        summary="Freeze your file at one bureau by post (ask each bureau separately).",
        citations=(Citation("FCRA §605A(i)(2)(A), 15 U.S.C. 1681c-1(i)", _USC + "1681c-1"),),
        who_must_act="The nationwide credit bureau",
        clock_starts="The bureau receives your mailed request",
        response=Clock(
            key="response",
            label="The credit bureau must place the freeze",
            who_must_act="The nationwide credit bureau",
            starts="the day the bureau receives your letter",
            period=_fcra_bd_after(3),  # §605A(i)(2)(A)(ii): mail, 3 business days
            citation=Citation("FCRA §605A(i)(2)(A), 15 U.S.C. 1681c-1(i)", _USC + "1681c-1"),
            counting_verified=False,
            note=_BD_NOTE,
        ),
        duties=(
            Clock(
                key="confirmation",
                label="The credit bureau must confirm the freeze and tell you how to lift it",
                who_must_act="The nationwide credit bureau",
                starts="the day the freeze was placed",
                period=_fcra_bd_after(5),  # §605A(i)(2)(B): 5 business days after placement
                citation=Citation("FCRA §605A(i)(2)(B)", _USC + "1681c-1"),
                counting_verified=False,
                note="If you do not know when the freeze was placed, we count from the last day "
                "it was due. " + _BD_NOTE,
                after_event="answered",
                or_after_due_of="response",
                fallback_is_estimate=True,
                met_by=(),
            ),
        ),
        consumer_must_include=(_PROPER_ID, "The freeze is free (§605A(i))."),
        escalation=(_CFPB, _SUE),
        unverified=("Meaning of 'business day'; the TransUnion freeze mailing address.",),
    ),
    Procedure(
        id="us.fcra.freeze-online",
        title="Place a security freeze online or by phone",
        jurisdiction="US",
        summary="Freeze your file at one bureau online or by phone (ask each bureau separately).",
        citations=(Citation("FCRA §605A(i)(2)(A), 15 U.S.C. 1681c-1(i)", _USC + "1681c-1"),),
        who_must_act="The nationwide credit bureau",
        clock_starts="The bureau receives your phone or secure electronic request",
        response=Clock(
            key="response",
            label="The credit bureau must place the freeze",
            who_must_act="The nationwide credit bureau",
            starts="the day the bureau receives your request",
            period=_fcra_bd_after(1),  # §605A(i)(2)(A)(i): phone or electronic, 1 business day
            citation=Citation("FCRA §605A(i)(2)(A), 15 U.S.C. 1681c-1(i)", _USC + "1681c-1"),
            counting_verified=False,
            note=_BD_NOTE,
        ),
        duties=(
            Clock(
                key="confirmation",
                label="The credit bureau must confirm the freeze and tell you how to lift it",
                who_must_act="The nationwide credit bureau",
                starts="the day the freeze was placed",
                period=_fcra_bd_after(5),  # §605A(i)(2)(B)
                citation=Citation("FCRA §605A(i)(2)(B)", _USC + "1681c-1"),
                counting_verified=False,
                note="If you do not know when the freeze was placed, we count from the last day "
                "it was due. " + _BD_NOTE,
                after_event="answered",
                or_after_due_of="response",
                fallback_is_estimate=True,
                met_by=(),
            ),
        ),
        consumer_must_include=(_PROPER_ID,),
        escalation=(_CFPB, _SUE),
        unverified=("Meaning of 'business day' (legal-rules.md §8 item 1).",),
    ),
    Procedure(
        id="us.fcra.freeze-lift-mail",
        title="Lift or remove a security freeze by mail",
        jurisdiction="US",
        summary="Lift your freeze for a while, or remove it, by post.",
        citations=(Citation("FCRA §605A(i)(3)(C), (E), 15 U.S.C. 1681c-1(i)", _USC + "1681c-1"),),
        who_must_act="The nationwide credit bureau",
        clock_starts="The bureau receives your mailed request",
        response=Clock(
            key="response",
            label="The credit bureau must lift or remove the freeze",
            who_must_act="The nationwide credit bureau",
            starts="the day the bureau receives your letter",
            period=_fcra_bd_after(3),  # §605A(i)(3): mail, 3 business days
            citation=Citation("FCRA §605A(i)(3)(C), (E)", _USC + "1681c-1"),
            counting_verified=False,
            note="By phone or online the bureau must act within 1 hour. " + _BD_NOTE,
        ),
        consumer_must_include=(_PROPER_ID,),
        escalation=(_CFPB, _SUE),
        unverified=("Meaning of 'business day' (legal-rules.md §8 item 1).",),
    ),
    Procedure(
        id="us.fcra.protected-freeze-mail",
        title="Security freeze for a child or a person you represent, by mail",
        jurisdiction="US",
        summary="A parent, guardian or other representative freezes the file of a child under 16 or of "
        "a person they represent, at one bureau, by post (ask each bureau separately).",
        citations=(Citation("FCRA §605A(j), 15 U.S.C. 1681c-1(j)", _USC + "1681c-1"),),
        who_must_act="The nationwide credit bureau",
        clock_starts="The bureau receives your mailed request with proof of identity and of authority",
        response=Clock(
            key="response",
            label="The credit bureau must place the freeze",
            who_must_act="The nationwide credit bureau",
            starts="the day the bureau receives your letter",
            # §605A(j): the same timings as an adult's freeze: mail, 3 business days (legal-rules.md §1.3).
            period=_fcra_bd_after(3),
            citation=Citation("FCRA §605A(j), 15 U.S.C. 1681c-1(j)", _USC + "1681c-1"),
            counting_verified=False,
            note="If the bureau has no file on the person, it must create a record to freeze (§605A(j)). "
            + _BD_NOTE,
        ),
        consumer_must_include=(
            "Proof of your authority to act for the person (court order, power of attorney, birth "
            "certificate or foster-care letter) and proof of identity (§605A(j)).",
            "The freeze is free (§605A(j)).",
        ),
        escalation=(_CFPB, _SUE),
        unverified=("Meaning of 'business day'; the TransUnion freeze mailing address.",),
    ),
    Procedure(
        id="us.fcra.adverse-action-report",
        title="Free report after you were turned down (adverse action)",
        jurisdiction="US",
        summary="After a lender, landlord, employer or insurer turns you down because of a "
        "report, you may get a free copy from the bureau it named.",
        citations=(Citation("FCRA §612(b), 15 U.S.C. 1681j(b)", _USC + "1681j"),),
        who_must_act="You (the consumer) must ask in time; then the bureau named in the notice",
        clock_starts="You receive the adverse-action notice (§615(a))",
        response=Clock(
            key="request-window",
            label="You must ask the credit bureau for your free report",
            who_must_act="You",
            starts="the day you received the adverse-action notice",
            # §612(b): request within 60 days after receiving the §615 notice. Consumer deadline:
            # calendar days, no roll-forward (legal-rules.md §1.7 design policy).
            period=_fcra_days_after(60),
            citation=Citation("FCRA §612(b), 15 U.S.C. 1681j(b)", _USC + "1681j"),
            consumer_side=True,
            note="The law sets no deadline for the bureau to send this report.",
            met_by=("sent", "answered", "closed"),
        ),
        consumer_must_include=(_PROPER_ID, "A copy or the date of the adverse-action notice."),
        escalation=(_CFPB, _SUE),
        start_from_sent=False,
    ),
    Procedure(
        id="us.fcra.fraud-alert",
        title="Initial fraud alert (at least 1 year)",
        jurisdiction="US",
        summary="Put a fraud alert on your files; the bureau you contact tells the other two.",
        citations=(Citation("FCRA §605A(a), 15 U.S.C. 1681c-1(a)", _USC + "1681c-1"),),
        who_must_act="The nationwide credit bureau you contact (it refers the alert to the others)",
        clock_starts="The bureau receives your request",
        response=Clock(
            key="alert-ends",
            label="Your initial fraud alert must stay in your file at least until",
            who_must_act="The nationwide credit bureau",
            starts="the day the bureau receives your request",
            # §605A(a)(1)(A): "for a period of not less than 1 year, beginning on the date of such
            # request": received 10 March 2025, the alert holds through 9 March 2026.
            period=Period(1, Unit.YEARS, Counting.DAY_ONE),
            citation=Citation("FCRA §605A(a)(1)(A), 15 U.S.C. 1681c-1(a)", _USC + "1681c-1"),
            note="After that date the alert may end; ask again if you still need it. An extended "
            "alert is a new request, and its 7 years run from that request (§605A(b)).",
            met_by=(),
        ),
        duties=(
            Clock(
                key="free-report",
                label="The credit bureau must send the free report you asked for",
                who_must_act="The nationwide credit bureau",
                starts="the day the bureau receives your request for the report",
                period=_fcra_bd_after(3),  # §605A(a)(2): within 3 business days
                citation=Citation("FCRA §605A(a)(2), §612(d)", _USC + "1681c-1"),
                counting_verified=False,
                note="This applies only if you asked for a free report with the alert. " + _BD_NOTE,
                met_by=(),
            ),
        ),
        consumer_must_include=("Proof of identity (12 CFR 1022.123).",),
        escalation=(_CFPB, _SUE),
        notes=("Active-duty alert: at least 12 months (§605A(c)).",),
    ),
    Procedure(
        id="us.fcra.fraud-alert-extended",
        title="Extended fraud alert (7 years)",
        jurisdiction="US",
        summary="After identity theft, put a 7-year fraud alert on your files; the bureau you "
        "contact tells the other two.",
        citations=(Citation("FCRA §605A(b), 15 U.S.C. 1681c-1(b)", _USC + "1681c-1"),),
        who_must_act="The nationwide credit bureau you contact (it refers the alert to the others)",
        clock_starts="The bureau receives your request for the extended alert",
        response=Clock(
            key="alert-ends",
            label="Your extended fraud alert must stay in your file until",
            who_must_act="The nationwide credit bureau",
            starts="the day the bureau receives your request for the extended alert",
            # §605A(b)(1)(A): "during the 7-year period beginning on the date of such request",
            # counted from the extended-alert request, not from any earlier initial alert.
            period=Period(7, Unit.YEARS, Counting.DAY_ONE),
            citation=Citation("FCRA §605A(b)(1)(A), 15 U.S.C. 1681c-1(b)", _USC + "1681c-1"),
            note="The bureau must also keep you off prescreened offer lists for 5 years "
            "(§605A(b)(1)(B)).",
            met_by=(),
        ),
        duties=(
            Clock(
                key="free-report",
                label="The credit bureau must send the free report you asked for",
                who_must_act="The nationwide credit bureau",
                starts="the day the bureau receives your request for the report",
                period=_fcra_bd_after(3),  # §605A(b)(2): 2 reports in 12 months, each in 3 BD
                citation=Citation("FCRA §605A(b)(2), §612(d)", _USC + "1681c-1"),
                counting_verified=False,
                note="This applies only if you asked for a free report with the alert; you may "
                "have two in the 12 months after the request. " + _BD_NOTE,
                met_by=(),
            ),
        ),
        consumer_must_include=(
            "Proof of identity (12 CFR 1022.123).",
            "An identity theft report (15 U.S.C. 1681a(q)(4)).",
        ),
        escalation=(_CFPB, _SUE),
    ),
    Procedure(
        id="us.cfpb.complaint",
        title="Complaint to the Consumer Financial Protection Bureau",
        jurisdiction="US",
        summary="Ask the CFPB to send your complaint to the company and get an answer.",
        citations=(
            Citation(
                "CFPB complaint process (consumerfinance.gov/complaint)",
                "https://www.consumerfinance.gov/complaint/",
            ),
        ),
        who_must_act="The company you complain about",
        clock_starts="The CFPB sends your complaint to the company (the portal shows the date)",
        response=Clock(
            key="response",
            label="The company is expected to give a real answer",
            who_must_act="The company",
            starts="the day the CFPB sends your complaint to the company",
            period=_fcra_days_after(15),  # CFPB: "the company has 15 days"
            citation=Citation(
                "CFPB complaint process", "https://www.consumerfinance.gov/complaint/"
            ),
            counting_verified=False,
            note="This is the CFPB's own process, not a statute, and the CFPB does not say how "
            "the days are counted.",
        ),
        duties=(
            Clock(
                key="close",
                label="The company is expected to close the complaint",
                who_must_act="The company",
                starts="the day the CFPB sends your complaint to the company",
                period=_fcra_days_after(60),  # CFPB: close "within 60 days"
                citation=Citation(
                    "CFPB complaint process", "https://www.consumerfinance.gov/complaint/"
                ),
                counting_verified=False,
                note="The CFPB expects all but the most complicated complaints closed by then.",
            ),
        ),
        consumer_must_include=("What happened, the company's name, and copies of your letters.",),
        escalation=(_SUE,),
        notes=("Phone (855) 411-2372; mail: PO Box 4503, Iowa City, IA 52244.",),
        unverified=("Which CFPB mailing address is current (addresses §1(c)).",),
        # Filing the complaint does not start the 15 days; the CFPB's forwarding does, and only
        # the portal shows when that happened. No due date is guessed from the filing date.
        start_from_sent=False,
    ),
)


def _ccpa(kind: str, title: str, summary: str, sections: str, extra: tuple[str, ...]) -> Procedure:
    rule = Citation("Civ. Code §1798.130(a)(2)(A); 11 CCR §7021(b)", "")
    return Procedure(
        id=f"us-ca.ccpa.{kind}",
        title=title,
        jurisdiction="US-CA",
        summary=summary,
        citations=(Citation(f"Cal. Civ. Code {sections}; 11 CCR §7021", ""), rule),
        who_must_act="The business",
        clock_starts="The business receives the request (verification time is included)",
        response=Clock(
            key="response",
            label="The business must answer your request",
            who_must_act="The business",
            starts="the day the business receives your request",
            # §7021(b): 45 days "will begin on the day that the business receives the request";
            # receipt is day 1, due receipt + 44, late only after receipt + 45 (legal-rules.md §4).
            period=Period(45, Unit.CALENDAR_DAYS, Counting.DAY_ONE),
            citation=rule,
            note="The time it takes to check your identity is not extra time.",
        ),
        extensions=(
            Extension(
                condition="if the business told you, within the first 45 days, that it needs "
                "more time and why",
                triggers=("extension_notified",),
                period=Period(90, Unit.CALENDAR_DAYS, Counting.DAY_ONE),  # once, +45 (90 total)
                citation=rule,
                notice_required=True,
                notice="notice with an explanation within the first 45 days",
                label="If the business took the extra 45 days, it must answer",
                happened="The business told you it needs more time",
                too_late="A notice of extension given after the first 45 days is not valid (Civ. "
                "Code §1798.130(a)(2)(A); 11 CCR §7021(b)).",
            ),
        ),
        duties=(
            Clock(
                key="confirm-receipt",
                label="The business must confirm it got your request and say how it will "
                "verify you",
                who_must_act="The business",
                starts="the day the business receives your request",
                period=Period(10, Unit.BUSINESS_DAYS, Counting.AFTER),  # 11 CCR §7021(a)
                citation=Citation("11 CCR §7021(a)", ""),
                counting_verified=False,
                note="The rule does not say which holidays count; we skip Saturdays, Sundays and "
                "federal holidays.",
                met_by=("answered", "closed"),
            ),
        ),
        consumer_must_include=(
            "A verifiable consumer request; the business may not make you open an account.",
            *extra,
        ),
        escalation=(
            Escalation(
                "Complain to the California Privacy Protection Agency or the Attorney General "
                "(details not confirmed)."
            ),
        ),
        unverified=("CCPA escalation details (legal-rules.md §4, §8 item 8).",),
        notes=(
            "Credit-file data held by a credit bureau, furnisher or user is exempt to the extent "
            "the FCRA regulates it (§1798.145(d)). For credit-report errors use an FCRA dispute "
            "(us.fcra.dispute-cra) instead.",
        ),
    )


CCPA_PROCEDURES: tuple[Procedure, ...] = (
    _ccpa(
        "know",
        "California: right to know what a business holds about you",
        "Ask a business what personal information it collected about you.",
        "§§1798.100, 1798.110, 1798.115",
        (
            "It covers the 12 months before the request; you may ask for data collected since "
            "1 January 2022 (§1798.130(a)(2)(B)).",
        ),
    ),
    _ccpa(
        "delete",
        "California: right to delete",
        "Ask a business to delete personal information it collected from you.",
        "§1798.105",
        (),
    ),
    _ccpa(
        "correct",
        "California: right to correct",
        "Ask a business to correct wrong personal information.",
        "§1798.106",
        ("Say which information is wrong and what it should say.",),
    ),
)

__all__ = ["CCPA_PROCEDURES", "NO_PERIOD", "US_PROCEDURES"]
