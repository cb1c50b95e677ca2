"""China: Regulation on the Administration of the Credit Reporting Industry (《征信业管理条例》,
State Council Decree 631), the PIPL (《个人信息保护法》) and the PBOC complaint rules.
Source: legal-rules.md §5 and §7; addresses §4 (verbatim Arts 25, 26, 32; PIPL Arts 45, 46, 50, 65).
"""

from __future__ import annotations

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
)

_REG = "《征信业管理条例》 (Credit Reporting Regulation)"
_CRC = "http://www.pbccrc.org.cn/crc/kffw/201412/1f3503d61cf64587bcd1edce707516b4.shtml"

_PIPL_ESCALATION = (
    Escalation(
        "If the company refuses, it must give reasons, and you may sue in a People's Court "
        "(PIPL Art 50)."
    ),
    Escalation(
        "Complain or report to the departments responsible for personal information protection "
        "(PIPL Art 65); they must handle it in time and tell you the result."
    ),
)
_CREDIT_ESCALATION = (
    Escalation("Complain to the local PBOC branch (Art 26).", "cn.pboc.complaint"),
    Escalation("Or sue directly in a People's Court (Art 26)."),
)
_TIMELY = (
    "The law says the company must act in a timely way (及时) but sets no number of days, so "
    "there is no legal due date to count. Keep a record of when you asked."
)


def _pipl(
    right: str, title: str, summary: str, article: str, include: tuple[str, ...]
) -> Procedure:
    cite = Citation(f"PIPL Art {article}", "")
    return Procedure(
        id=f"cn.pipl.{right}",
        title=title,
        jurisdiction="CN",
        summary=summary,
        citations=(cite, Citation("PIPL Art 50", "")),
        who_must_act="The personal information handler (the company)",
        clock_starts="The company receives your request",
        response=Clock(
            key="response",
            label="The company must act on your request",
            who_must_act="The personal information handler",
            starts="the day the company receives your request",
            period=NO_PERIOD,
            citation=cite,
            note=_TIMELY,
        ),
        consumer_must_include=include,
        escalation=_PIPL_ESCALATION,
    )


CN_PROCEDURES: tuple[Procedure, ...] = (
    Procedure(
        id="cn.credit.report",
        title="China: free personal credit report (twice a year)",
        jurisdiction="CN",
        summary="Get your personal credit report from the PBOC Credit Reference Center.",
        citations=(Citation(f"{_REG} Art 17", _CRC),),
        who_must_act="The credit reporting agency (PBOC Credit Reference Center)",
        clock_starts="You ask online at ipcrs.pbccrc.org.cn or at a PBOC counter",
        response=Clock(
            key="response",
            label="The credit reporting agency must give you your report",
            who_must_act="The credit reporting agency",
            starts="the day you ask",
            period=NO_PERIOD,  # Art 17 gives two free reports a year but no response period.
            citation=Citation(f"{_REG} Art 17", _CRC),
            note="You may get two free reports each year; the law sets no response time.",
        ),
        consumer_must_include=("Valid identity document.",),
        escalation=_CREDIT_ESCALATION,
        unverified=("The ¥10 counter fee for a third or later report (legal-rules.md §5).",),
    ),
    Procedure(
        id="cn.credit.objection",
        title="China: objection to a credit record (异议)",
        jurisdiction="CN",
        summary="Tell the credit reporting agency or the bank that reported it that a record "
        "is wrong.",
        citations=(
            Citation(f"{_REG} Art 25", ""),
            Citation("PRC Civil Code Arts 201-203 (counting of periods)", ""),
        ),
        who_must_act="The credit reporting agency or the information provider (e.g. a bank)",
        clock_starts="The agency or provider receives your objection",
        response=Clock(
            key="response",
            label="The agency or provider must check the record and answer you in writing",
            who_must_act="The credit reporting agency or information provider",
            starts="the day your objection is received",
            # Art 25: "自收到异议之日起20日内进行核查和处理，并将结果书面答复异议人".
            period=Period(20, Unit.CALENDAR_DAYS, Counting.CN_CIVIL_CODE, Roll.NEXT_WORKING_DAY),
            citation=Citation(f"{_REG} Art 25", ""),
            note="It must also mark the record as disputed while it checks.",
        ),
        consumer_must_include=(
            "Which record is wrong and why, with your evidence.",
            "A copy of your identity document.",
        ),
        escalation=_CREDIT_ESCALATION,
        notes=(
            "Art 32 makes Art 25 apply to the PBOC Credit Reference Center too.",
            "If the record is still disputed after checking, the check and your objection are "
            "recorded in the file.",
        ),
    ),
    _pipl(
        "access",
        "China: access and copy of personal information (PIPL)",
        "Ask a company to let you see and copy your personal information.",
        "45",
        ("Say which information you want to see or copy.",),
    ),
    _pipl(
        "correction",
        "China: correction of personal information (PIPL)",
        "Ask a company to correct or complete wrong personal information.",
        "46",
        ("Say which information is wrong and what it should say.",),
    ),
    _pipl(
        "automated-decision",
        "China: explanation or refusal of an automated decision (PIPL)",
        "Ask for an explanation of an automated decision that seriously affects you, or refuse "
        "a decision made only by automated means.",
        "24",
        ("Name the decision and ask for an explanation, or say you refuse it.",),
    ),
    Procedure(
        id="cn.pboc.complaint",
        title="China: complaint to the local PBOC branch (征信投诉)",
        jurisdiction="CN",
        summary="Complain to the People's Bank of China branch where the company is located.",
        citations=(
            Citation(f"{_REG} Art 26", ""),
            Citation("PBOC 《征信投诉办理规程》 (in force 15 April 2024)", ""),
        ),
        who_must_act="The PBOC branch where the company is located",
        clock_starts="The branch receives your written complaint materials",
        response=Clock(
            key="response",
            label="The PBOC branch must answer your complaint in writing",
            who_must_act="The PBOC branch",
            starts="the day the branch accepts your complaint",
            # Art 26: "自受理之日起30日内书面答复投诉人"; counted per Civil Code Arts 201-203.
            period=Period(30, Unit.CALENDAR_DAYS, Counting.CN_CIVIL_CODE, Roll.NEXT_WORKING_DAY),
            citation=Citation(f"{_REG} Art 26", ""),
            note="If you do not know when it accepted the complaint, we count from the last day "
            "it had to decide, which gives the latest possible date.",
            after_event="accepted",
            or_after_due_of="acceptance",
            fallback_is_estimate=True,
        ),
        duties=(
            Clock(
                key="acceptance",
                label="The PBOC branch must decide whether to accept your complaint",
                who_must_act="The PBOC branch",
                starts="the day the branch receives your complaint materials",
                # 2024 rules: accept within 10 working days after the materials arrive.
                period=Period(10, Unit.WORKING_DAYS, Counting.CN_CIVIL_CODE, Roll.NEXT_WORKING_DAY),
                citation=Citation("PBOC 《征信投诉办理规程》 (2024)", ""),
                note="If it asks for missing materials, the 10 working days start again when you "
                "send them.",
                met_by=("accepted", "answered", "closed"),
            ),
        ),
        consumer_must_include=(
            "The complaint form, proof of identity, and the facts and evidence.",
            "If someone acts for you: a power of attorney and their ID.",
        ),
        escalation=(Escalation("Sue in a People's Court (Art 26)."),),
        unverified=("The 2024 complaint rules were read only through copies (legal-rules.md §5).",),
    ),
)
