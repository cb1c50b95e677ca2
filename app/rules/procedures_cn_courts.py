"""China beyond the PBOC credit report: the court list of dishonest judgment debtors
(失信被执行人名单), spending restrictions (限制消费), credit repair of public credit information
through Credit China, objections to public credit information, and PIPL deletion and complaints.

Source: ../shared/reference/china-credit-repair.md (rows A1-G1 and Notes 1-6; [S..] are its
sources). Rows marked P (partly seen) or U (UNVERIFIED) there are `verified=False` here, so every
date they give is shown as an estimate. The SPC Provisions on publishing the list are 法释〔2013〕17号
as amended by 法释〔2017〕7号 (in force 1 May 2017); the spending-restriction Provisions are the
2010 text as amended by 法释〔2015〕17号.
"""

from __future__ import annotations

from datetime import date

from app.rules.model import (
    NO_PERIOD,
    Citation,
    Clock,
    Counting,
    Escalation,
    Period,
    Procedure,
    Roll,
    Unit,
    Variant,
)

_LIST = "最高人民法院《关于公布失信被执行人名单信息的若干规定》(SPC Provisions on the list of dishonest judgment debtors)"
_LIMIT = "最高人民法院《关于限制被执行人高消费及有关消费的若干规定》(SPC Provisions on spending restrictions)"
_ORDER36 = "国家发展改革委《信用修复管理办法》(NDRC Order No. 36, in force 1 April 2026)"
_ORDER58 = "国家发展改革委《失信行为纠正后的信用信息修复管理办法（试行）》(NDRC Order No. 58, 2023)"
_PLAN = "国务院办公厅《关于进一步完善信用修复制度的实施方案》(国办发〔2025〕22号)"
_ZXGK = "http://zxgk.court.gov.cn/"
_CREDIT_CHINA = "https://www.creditchina.gov.cn"

# Court periods: "十五日" is calendar days, counted per Civil Procedure Law Art 85 (the start day is
# not counted; a last day on a holiday moves to the next working day), china-credit-repair.md
# Note 1 ("Deadline trap"). The counting matches Civil Code Arts 201-203, which the engine applies.
_CN_DAYS = lambda n: Period(n, Unit.CALENDAR_DAYS, Counting.CN_CIVIL_CODE, Roll.NEXT_WORKING_DAY)  # noqa: E731
_CN_WORKING_DAYS = lambda n: Period(n, Unit.WORKING_DAYS, Counting.CN_CIVIL_CODE, Roll.NEXT_WORKING_DAY)  # noqa: E731
_MONTHS = lambda n: Period(n, Unit.MONTHS, Counting.CN_CIVIL_CODE, Roll.NONE)  # noqa: E731
_YEARS = lambda n: Period(n, Unit.YEARS, Counting.CN_CIVIL_CODE, Roll.NONE)  # noqa: E731

_TO_COURT = Escalation("Apply to the enforcing court to correct the listing (Art 12).", "cn.court.correction")
_RECONSIDER = Escalation(
    "If the court rejects your correction, apply to the next-higher court for reconsideration "
    "within 10 days of being served the decision (Art 12).",
    "cn.court.reconsideration",
)
_NO_PAID_AGENTS = (
    "Credit repair is free. Do not pay agents who promise to delete records: the 2025 State "
    "Council plan calls for a crackdown on them (china-credit-repair.md Note 3)."
)


def _tier_clocks() -> tuple[Clock, ...]:
    """Order 36 tiers (china-credit-repair.md row D2, from news summaries, so P): the minimum
    publication period after which you may apply, and the maximum after which publication stops,
    both counted from the date of the decision document (reportedly)."""
    cite = Citation(f"{_ORDER36} (tiers as reported; article numbers not seen)", _CREDIT_CHINA)
    out = []
    for tier, minimum, maximum in (("minor", None, _MONTHS(3)), ("general", _MONTHS(3), _YEARS(1)),
                                   ("serious", _YEARS(1), _YEARS(3))):
        if minimum is not None:
            out.append(Clock(
                key=f"apply-from-{tier}", label="You may apply for credit repair from",
                who_must_act="You", starts="the date of the decision (penalty) document",
                period=minimum, citation=cite, verified=False, counting_verified=False,
                after_event="decided", requires_event=True, only_if=f"tier_{tier}", opens=True,
                met_by=(),
                note="Once the minimum publication period has passed, and you have met your legal "
                "obligations and corrected the conduct, you may apply.",
            ))
        out.append(Clock(
            key=f"publication-ends-{tier}",
            label="Publication should stop by itself (if you met your obligations) by",
            who_must_act="The authority that published it", starts="the date of the decision document",
            period=maximum, citation=cite, verified=False, counting_verified=False,
            after_event="decided", requires_event=True, only_if=f"tier_{tier}", met_by=("closed",),
            note="Minor cases are in principle not published at all." if tier == "minor" else "",
        ))
    return tuple(out)


CN_COURT_PROCEDURES: tuple[Procedure, ...] = (
    Procedure(
        id="cn.court.check",
        title="China: check whether you are on the court list of dishonest judgment debtors",
        jurisdiction="CN",
        summary="Look yourself up on the Supreme People's Court list and note down what it says, "
        "before you ask the court to correct or delete it.",
        citations=(Citation(f"{_LIST} Art 7", _ZXGK),),
        who_must_act="You",
        clock_starts="Any time; especially after an enforcement notice (执行通知书)",
        response=Clock(
            key="response",
            label="Search the list by your name and ID number",
            who_must_act="You",
            starts="any time",
            period=NO_PERIOD,
            citation=Citation(f"{_LIST} Art 6, Art 7", _ZXGK),
            note="Third-party pages say the list is searched at 中国执行信息公开网 "
            "(zxgk.court.gov.cn); the portal's details are not confirmed (china-credit-repair.md "
            "row A1). Your PBOC credit report may also show it (Art 8).",
            met_by=(),
        ),
        consumer_must_include=(
            "Note down: the enforcing court (执行法院), the case number (案号), the enforcement basis "
            "(执行依据), the dishonest conduct listed (失信行为情形), the date of publication and any "
            "fixed term (Art 6).",
            "Keep a screenshot with the date.",
        ),
        escalation=(
            _TO_COURT,
            Escalation("If your obligations are performed, ask the court to delete the listing "
                       "(Art 10).", "cn.court.deletion"),
            Escalation("Ask the court to lift a spending restriction (限制消费令).",
                       "cn.court.spending-restriction"),
        ),
        unverified=("The portal address and how it is searched (china-credit-repair.md A1).",),
        start_from_sent=False,
    ),
    Procedure(
        id="cn.court.correction",
        title="China: ask the enforcing court to correct a listing (纠正申请)",
        jurisdiction="CN",
        summary="Ask the court that listed you to correct it: you should not have been listed, "
        "the information is wrong, or it should already have been deleted.",
        citations=(Citation(f"{_LIST} Art 11, Art 12", ""), Citation("民事诉讼法 Art 85 (counting periods)", "")),
        who_must_act="The enforcing court (执行法院)",
        clock_starts="The court receives your written correction application",
        response=Clock(
            key="response",
            label="The court must review your application",
            who_must_act="The enforcing court",
            starts="the day the court receives your written application",
            # Art 12: "十五日内审查" of receiving the written application: calendar days, not
            # working days (china-credit-repair.md Note 1 warns of the "15个工作日" error).
            period=_CN_DAYS(15),
            citation=Citation(f"{_LIST} Art 12", ""),
            note="These are calendar days (十五日), not working days.",
        ),
        duties=(
            Clock(
                key="correct",
                label="If the court finds your reasons valid, it must correct the listing",
                who_must_act="The enforcing court",
                starts="the day the court decided (or the last day of its review)",
                period=_CN_WORKING_DAYS(3),  # Art 12: "三个工作日内纠正"
                citation=Citation(f"{_LIST} Art 12", ""),
                note="This applies only if the court accepts your reasons; otherwise it issues a "
                "decision rejecting them (决定驳回). If you do not know when it decided, we count "
                "from the last day of its review.",
                after_event="answered",
                or_after_due_of="response",
                fallback_is_estimate=True,
                met_by=("closed",),
            ),
        ),
        consumer_must_include=(
            "Which Art 11 ground applies: (1) you should not have been listed, (2) the published "
            "information is wrong, or (3) it should have been deleted; and your evidence.",
            "Useful: Art 3 (adequate security given, enough property already seized, not able to "
            "pay) and Art 4 (minors may not be listed).",
        ),
        escalation=(_RECONSIDER,),
    ),
    Procedure(
        id="cn.court.reconsideration",
        title="China: reconsideration by the higher court (复议)",
        jurisdiction="CN",
        summary="If the enforcing court rejected your correction, ask the next-higher court to "
        "reconsider within 10 days of being served the decision.",
        citations=(Citation(f"{_LIST} Art 12", ""),),
        who_must_act="The next-higher people's court (上一级人民法院)",
        clock_starts="The higher court receives your reconsideration application",
        response=Clock(
            key="response",
            label="The higher court must decide",
            who_must_act="The next-higher people's court",
            starts="the day the higher court receives your application",
            period=_CN_DAYS(15),  # Art 12: decides within 15 days of receipt
            citation=Citation(f"{_LIST} Art 12", ""),
            note="The listing stays in force during reconsideration (复议期间，不停止原决定的执行).",
        ),
        duties=(
            Clock(
                key="apply-window",
                label="You must apply for reconsideration",
                who_must_act="You",
                starts="the day the rejection decision was served on you (送达)",
                period=_CN_DAYS(10),  # Art 12: within 10 days of service
                citation=Citation(f"{_LIST} Art 12", ""),
                consumer_side=True,
                after_event="decision_served",
                requires_event=True,
                met_by=("sent",),
            ),
        ),
        consumer_must_include=(
            "A copy of the rejection decision, your grounds and evidence (what else must be "
            "included is not confirmed).",
        ),
        escalation=(Escalation("Ask an advocate about other routes (e.g. an enforcement objection "
                               "under Civil Procedure Law Art 236; whether it applies is not "
                               "confirmed)."),),
        unverified=("The required content of the reconsideration application (row B2).",),
    ),
    Procedure(
        id="cn.court.deletion",
        title="China: ask the court to delete a listing when its grounds have ended (删除失信信息)",
        jurisdiction="CN",
        summary="When you have paid, settled, or another Art 10 ground applies, the court must "
        "delete the listing within 3 working days; a fixed-term listing ends with its term.",
        citations=(Citation(f"{_LIST} Art 2, Art 10", ""),),
        who_must_act="The enforcing court",
        clock_starts="The court receives your request with proof of the ground",
        response=Clock(
            key="response",
            label="The court must delete the listing",
            who_must_act="The enforcing court",
            starts="the day the court receives your request and proof",
            period=_CN_WORKING_DAYS(3),  # Art 10: "三个工作日内删除"
            citation=Citation(f"{_LIST} Art 10", ""),
            counting_verified=False,
            note="Art 10 gives the court 3 working days once a ground applies; we count from the "
            "day it has your proof, which may be later than the law's own start.",
        ),
        variants=(
            Variant(
                trigger="early_deletion",
                condition="because you ask for early deletion of a fixed-term listing",
                period=NO_PERIOD,
                citation=Citation(f"{_LIST} Art 2 para 2", ""),
                note="For a fixed-term listing (Art 1 items 2-6) paying does not make deletion "
                "mandatory: the court may (可以) delete it early if you perform or correct the "
                "conduct, but no time limit applies. Otherwise it is deleted within 3 working days "
                "after the term ends (Art 10 para 2).",
            ),
        ),
        consumer_must_include=(
            "Which Art 10 ground applies (performed; settlement fully performed; creditor's "
            "written request; no assets found after two searches; suspension; not enforced; "
            "terminated) and proof, e.g. payment receipts or the court's 结案 documents.",
        ),
        escalation=(_TO_COURT, Escalation("Then ask the court to lift the spending restriction too.",
                                          "cn.court.spending-restriction")),
        unverified=("Art 10 para 4 (re-listing after a creditor-requested deletion) was only "
                    "partly seen (row B3).",),
        notes=("Removal from the list and lifting the spending restriction are two separate acts: "
               "ask for both (Note 2).",),
    ),
    Procedure(
        id="cn.court.spending-restriction",
        title="China: ask the court to lift a spending restriction (解除限制消费)",
        jurisdiction="CN",
        summary="Ask the enforcing court to lift a spending restriction once you have paid, given "
        "security, or the creditor agrees.",
        citations=(Citation(f"{_LIMIT} Art 9", ""),),
        who_must_act="The enforcing court",
        clock_starts="The court receives your written application",
        response=Clock(
            key="response",
            label="The court must lift the restriction promptly (及时) once you have fully performed",
            who_must_act="The enforcing court",
            starts="the day the court receives your application",
            period=NO_PERIOD,  # Art 9: "及时" (promptly), no number of days (row C3)
            citation=Citation(f"{_LIMIT} Art 9", ""),
            note="The law sets no number of days. If you gave security or the creditor agrees, the "
            "court may (可以) lift it; if you fully performed, it must (应当).",
        ),
        consumer_must_include=(
            "Proof of full performance, the security documents, or the creditor's written "
            "consent.",
            "For a one-off necessary expense (e.g. illness, a funeral), ask for permission under "
            "Art 8 instead.",
        ),
        escalation=(_TO_COURT,),
    ),
    Procedure(
        id="cn.publiccredit.repair",
        title="China: credit repair of public credit information through Credit China (信用修复)",
        jurisdiction="CN",
        summary="After the minimum publication period, and once you have corrected the conduct, "
        "ask for an administrative penalty or other negative public credit information to stop "
        "being published.",
        citations=(Citation(_ORDER36, _CREDIT_CHINA), Citation(_PLAN, "")),
        who_must_act="The authority that made the finding (谁认定、谁修复), through Credit China",
        clock_starts="Credit China receives your application",
        response=Clock(
            key="response",
            label="Credit China should give you feedback on your application",
            who_must_act="Credit China (信用中国), forwarding to the authority",
            starts="the day Credit China receives your application",
            # 国办发〔2025〕22号: feedback within 10 working days; the authority decides within
            # 3 working days of receipt (English summaries; row D3, P). A policy commitment.
            period=_CN_WORKING_DAYS(10),
            citation=Citation(_PLAN, ""),
            verified=False,
            note="This is a policy commitment, not a statute; the authority itself is to decide "
            "within 3 working days of receiving the file.",
        ),
        duties=_tier_clocks(),
        consumer_must_include=(
            "Proof that you performed your legal obligations and corrected the conduct.",
            "A credit commitment letter (信用承诺书).",
            "Apply online at creditchina.gov.cn beside the record (在线申请修复), or at a "
            "government service hall window.",
        ),
        escalation=(
            Escalation("Object to the information or the repair result.", "cn.publiccredit.objection"),
            Escalation("Administrative reconsideration within 60 days of knowing of the act, or a "
                       "lawsuit within 6 months (whether a listing is reviewable is not confirmed)."),
        ),
        verified=False,
        unverified=(
            "The tier periods and the repeal of the 2023 Measures come from news summaries (row "
            "D2); article numbers for time limits were not seen.",
        ),
        notes=(
            "Court-list information is repaired by the court's deletion first (Note 3).",
            _NO_PAID_AGENTS,
        ),
        in_force_from=date(2026, 4, 1),
        in_force_note="Order 36 applies from 1 April 2026. An application made before then ran "
        "under the 2023 Measures (cn.publiccredit.repair-2023).",
    ),
    Procedure(
        id="cn.publiccredit.repair-2023",
        title="China: credit repair under the 2023 Measures (applications before 1 April 2026)",
        jurisdiction="CN",
        summary="For an older case: credit repair of public credit information under NDRC Order "
        "No. 58, in force until 31 March 2026.",
        citations=(Citation(_ORDER58, _CREDIT_CHINA),),
        who_must_act="The unit that found the conduct, or the credit platform (Art 3)",
        clock_starts="Credit China receives your application",
        response=Clock(
            key="response",
            label="Credit China should complete its review",
            who_must_act="Credit China (信用中国)",
            starts="the day Credit China receives your application",
            # Local government guides: review within 10 working days (row D1, article U).
            period=_CN_WORKING_DAYS(10),
            citation=Citation(f"{_ORDER58} (local guides; article not seen)", ""),
            verified=False,
        ),
        duties=(
            Clock(
                key="apply-from", label="You may apply for credit repair from", who_must_act="You",
                starts="the date of the penalty decision", period=_MONTHS(3),
                citation=Citation(f"{_ORDER58} (local guides; article not seen)", ""),
                verified=False, counting_verified=False, after_event="decided",
                requires_event=True, opens=True, met_by=(),
                note="For special equipment, work safety and fire safety penalties the minimum is "
                "1 year (local guides).",
            ),
            Clock(
                key="publication-ends", label="Publication should stop by itself by",
                who_must_act="The authority that published it",
                starts="the date of the penalty decision", period=_YEARS(3),
                citation=Citation(f"{_ORDER58} (local guides; article not seen)", ""),
                verified=False, counting_verified=False, after_event="decided",
                requires_event=True, met_by=("closed",),
            ),
        ),
        consumer_must_include=("Application form, credit commitment letter, ID copy and evidence "
                               "of correction (local list, row D1).",),
        escalation=(Escalation("Object to the information or the repair result.",
                               "cn.publiccredit.objection"),),
        verified=False,
        unverified=("The periods and time limits come from local government guides (row D1).",),
        notes=(_NO_PAID_AGENTS,),
    ),
    Procedure(
        id="cn.publiccredit.objection",
        title="China: objection to public credit information (异议申诉)",
        jurisdiction="CN",
        summary="Tell Credit China or the authority that published it that public credit "
        "information about you is wrong, kept too long, or that a repair result is wrong.",
        citations=(Citation(_PLAN, ""),),
        who_must_act="Credit China or the authority that published the information",
        clock_starts="The platform or authority receives your objection",
        response=Clock(
            key="response",
            label="The platform or authority must handle your objection",
            who_must_act="Credit China or the line authority",
            starts="the day your objection is received",
            period=NO_PERIOD,  # row D4: national numeric time limit UNVERIFIED
            citation=Citation(_PLAN, ""),
            note="No national number of days was found. Some local regulations set one (Shanghai "
            "5 working days; Zhejiang 5 working days, at most 20; Shenzhen 2 working days; "
            "Shandong and Henan 3): check your locality's rules.",
        ),
        consumer_must_include=("Which record is wrong and why, with evidence; a copy of your ID.",),
        escalation=(Escalation("Administrative reconsideration (60 days) or a lawsuit (6 months) "
                               "against the authority; check with an advocate."),),
        unverified=("A national time limit (row D4); current versions of local regulations (D5).",),
    ),
    Procedure(
        id="cn.pipl.deletion",
        title="China: deletion of personal information (PIPL)",
        jurisdiction="CN",
        summary="Ask a company to delete personal information it no longer needs, keeps beyond "
        "its retention period, or processes unlawfully.",
        citations=(Citation("PIPL Art 47", ""), Citation("PIPL Art 50", "")),
        who_must_act="The personal information handler (the company)",
        clock_starts="The company receives your request",
        response=Clock(
            key="response",
            label="The company must delete the information on its own initiative or at your request",
            who_must_act="The personal information handler",
            starts="the day the company receives your request",
            period=NO_PERIOD,
            citation=Citation("PIPL Art 47", ""),
            note="The law sets no number of days. If a legal retention period has not ended, the "
            "company must stop all processing other than storage.",
        ),
        consumer_must_include=("Which information, and which Art 47 ground applies.",),
        escalation=(
            Escalation("If it refuses, it must give reasons, and you may sue (PIPL Art 50)."),
            Escalation("Complain to the departments responsible for personal information "
                       "protection (PIPL Art 65).", "cn.pipl.complaint"),
        ),
        notes=("For court-list or public credit data, use the court or Credit China procedures "
               "first; PIPL is a supplementary basis there (Note 5).",),
    ),
    Procedure(
        id="cn.pipl.complaint",
        title="China: complaint about unlawful processing of personal information (PIPL Art 65)",
        jurisdiction="CN",
        summary="Complain to the department responsible for personal information protection "
        "(for example the cyberspace administration) about a company's unlawful processing.",
        citations=(Citation("PIPL Art 65", ""), Citation("PIPL Arts 60-61", "")),
        who_must_act="The department that performs personal information protection duties",
        clock_starts="The department receives your complaint",
        response=Clock(
            key="response",
            label="The department must handle your complaint in time (及时) and tell you the result",
            who_must_act="The department",
            starts="the day the department receives your complaint",
            period=NO_PERIOD,  # Art 65: "应当依法及时处理，并将处理结果告知" (addresses §4)
            citation=Citation("PIPL Art 65", ""),
            note="The law sets no number of days. The departments must publish how to contact "
            "them (Art 65).",
        ),
        consumer_must_include=("The company, what it did, your request and its answer, and evidence.",),
        escalation=(Escalation("Sue in a People's Court (PIPL Art 50)."),),
    ),
)
