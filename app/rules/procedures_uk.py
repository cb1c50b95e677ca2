"""UK procedures: UK GDPR (as amended by the Data (Use and Access) Act 2025), DPA 2018, the
Consumer Credit Act 1974, FCA DISP and the Financial Ombudsman Service.
Source: legal-rules.md §3 and §7; legal-rules-addresses.md §1(d), §3."""

from __future__ import annotations

from datetime import date

from app.rules.model import (
    NO_PERIOD,
    Citation,
    Clock,
    Counting,
    Escalation,
    Extension,
    Period,
    Procedure,
    Roll,
    Unit,
)

_ICO_TIME = "https://ico.org.uk/for-the-public/time-limits-for-responding-to-data-protection-rights-requests"
_CCA = "https://www.legislation.gov.uk/ukpga/1974/39/section/159"
_DISP = "https://handbook.fca.org.uk/handbook/DISP/1/6.html"
_FOS = "https://www.financial-ombudsman.org.uk/"

# ICO counting for UK GDPR Art 12(3): receipt is day 1, corresponding date next month.
_UK_MONTH = Period(1, Unit.MONTHS, Counting.UK_ICO, Roll.NEXT_WORKING_DAY)
_UK_3_MONTHS = Period(3, Unit.MONTHS, Counting.UK_ICO, Roll.NEXT_WORKING_DAY)
_UK_12_3 = Citation("UK GDPR Art. 12(3) and Art. 12A; ICO time-limits guidance", _ICO_TIME)

_UK_ESCALATION = (
    Escalation(
        "From 19 June 2026, complain to the organisation first (DPA 2018 s.164A).",
        "uk.dpa.complaint",
    ),
    Escalation("Complain to the Information Commissioner's Office.", "uk.ico.complaint"),
    Escalation("Apply to court (DPA 2018 s.167)."),
)



def _uk(right: str, title: str, summary: str, article: str, include: tuple[str, ...]) -> Procedure:
    return Procedure(
        id=f"uk.gdpr.{right}",
        title=title,
        jurisdiction="UK",
        summary=summary,
        citations=(Citation(f"UK GDPR Art. {article}", ""), _UK_12_3),
        who_must_act="The controller (including Experian, Equifax and TransUnion UK)",
        clock_starts="The controller has the request and any ID or fee it reasonably asked for",
        response=Clock(
            key="response",
            label="The organisation must answer your request",
            who_must_act="The controller",
            starts="the day the organisation has your request (and any ID or fee it asked for)",
            period=_UK_MONTH,
            citation=_UK_12_3,
        ),
        extensions=(
            Extension(
                condition="if the organisation told you within the first month that the request "
                "is complex and it needs two more months",
                triggers=("extension_notified",),
                period=_UK_3_MONTHS,
                citation=_UK_12_3,
                notice_required=True,
                notice="notice within the first month",
                label="If the organisation took two more months, it must answer",
                happened="The organisation told you it needs more time",
                too_late="The extension must be notified, with reasons, within the first month; "
                "a pause for clarification moves that month too (UK GDPR Art. 12(3), 12A).",
            ),
        ),
        consumer_must_include=include,
        escalation=_UK_ESCALATION,
        start_rule="uk-art-12a",
        notes=(
            "Art. 12A (in force 5 February 2026): the clock starts once the organisation has any "
            "ID it reasonably needs and any fee, and stops while it waits for you to clarify.",
            "The search need only be reasonable and proportionate (Art. 15(1A)).",
        ),
    )


UK_PROCEDURES: tuple[Procedure, ...] = (
    _uk(
        "access",
        "UK: subject access request",
        "Ask an organisation, such as a credit reference agency, for a copy of your data.",
        "15",
        ("No set form; give ID if reasonably asked.",),
    ),
    _uk(
        "rectification",
        "UK: right to rectification",
        "Ask an organisation to correct wrong personal data.",
        "16",
        ("Say which data are wrong and what they should say.",),
    ),
    _uk(
        "erasure",
        "UK: right to erasure",
        "Ask an organisation to delete personal data.",
        "17",
        ("Say why the data should be erased.",),
    ),
    _uk(
        "restriction",
        "UK: right to restriction of processing",
        "Ask an organisation to stop using data while their accuracy is checked.",
        "18",
        ("Say why: e.g. you contest the accuracy.",),
    ),
    _uk(
        "objection",
        "UK: right to object",
        "Object to processing based on legitimate interests, including profiling.",
        "21",
        ("Give grounds relating to your particular situation.",),
    ),
    Procedure(
        id="uk.cca.correction",
        title="UK: correct a credit reference file (Consumer Credit Act s.159)",
        jurisdiction="UK",
        summary="Tell a credit reference agency that an entry is wrong and likely to harm you.",
        citations=(Citation("Consumer Credit Act 1974 s.159", _CCA),),
        who_must_act="The credit reference agency",
        clock_starts="The agency receives your notice that an entry is incorrect",
        response=Clock(
            key="response",
            label="The credit reference agency must say whether it removed or changed the "
            "entry, or did nothing",
            who_must_act="The credit reference agency",
            starts="the day the agency receives your notice",
            period=Period(28, Unit.CALENDAR_DAYS, Counting.AFTER),  # s.159(2): 28 days
            citation=Citation("Consumer Credit Act 1974 s.159(2)", _CCA),
            # Whether the 28 days move past weekends or holidays is UNVERIFIED (legal-rules.md §7).
            counting_verified=False,
            note="If it changed the entry it must send you a copy.",
        ),
        duties=(
            Clock(
                key="notice-of-correction-window",
                label="You may send a notice of correction of up to 200 words",
                who_must_act="You",
                starts="the agency's reply, or the end of its 28 days if it did not reply",
                period=Period(28, Unit.CALENDAR_DAYS, Counting.AFTER),  # s.159(3): 28 days
                citation=Citation("Consumer Credit Act 1974 s.159(3)", _CCA),
                counting_verified=False,
                consumer_side=True,
                after_event="answered",
                or_after_due_of="response",
                met_by=(),
            ),
        ),
        consumer_must_include=(
            "Which entry is wrong, why, and how it is likely to harm you.",
            "Get the file first with a UK GDPR subject access request (uk.gdpr.access).",
        ),
        escalation=(
            Escalation(
                "If you hear nothing or the agency objects, apply to the Information "
                "Commissioner, who may make an order (s.159(5)-(6))."
            ),
            Escalation("Follow up on the notice of correction.", "uk.cca.notice-of-correction"),
        ),
        verified=False,
        unverified=(
            "The current wording of s.159 was not read (legal-rules.md §8 item 7).",
            "Whether the 28 days move past weekends and bank holidays.",
        ),
    ),
    Procedure(
        id="uk.cca.notice-of-correction",
        title="UK: notice of correction added to a credit file (s.159(3)-(4))",
        jurisdiction="UK",
        summary="After your 200-word notice of correction, the agency must confirm it will add "
        "it, or refer it to the regulator.",
        citations=(Citation("Consumer Credit Act 1974 s.159(3)-(5)", _CCA),),
        who_must_act="The credit reference agency",
        clock_starts="The agency receives your notice of correction",
        response=Clock(
            key="response",
            label="The credit reference agency must confirm it will add your notice, or refer "
            "it to the Information Commissioner",
            who_must_act="The credit reference agency",
            starts="the day the agency receives your notice of correction",
            period=Period(28, Unit.CALENDAR_DAYS, Counting.AFTER),  # 28 days (CPAG summary)
            citation=Citation("Consumer Credit Act 1974 s.159(4)", _CCA),
            counting_verified=False,
        ),
        consumer_must_include=("The notice of correction itself: at most 200 words.",),
        escalation=(
            Escalation(
                "Apply to the Information Commissioner if the agency does not comply (s.159(5))."
            ),
        ),
        verified=False,
        unverified=("The current wording of s.159; roll-forward of the 28 days.",),
    ),
    Procedure(
        id="uk.ico.complaint",
        title="UK: complaint to the Information Commissioner's Office",
        jurisdiction="UK",
        summary="Complain to the ICO after the organisation did not fix the problem.",
        citations=(
            Citation(
                "ICO: data protection complaints, what to expect",
                "https://ico.org.uk/make-a-complaint/data-protection-complaints/what-to-expect/",
            ),
        ),
        who_must_act="You must complain in time",
        clock_starts="Your last contact with the organisation",
        response=Clock(
            key="complaint-window",
            label="You should send your complaint to the ICO",
            who_must_act="You",
            starts="your last contact with the organisation",
            period=Period(3, Unit.MONTHS, Counting.UK_ICO, Roll.NONE),  # ICO: "within three months"
            citation=Citation(
                "ICO: data protection complaints, what to expect",
                "https://ico.org.uk/make-a-complaint/data-protection-complaints/what-to-expect/",
            ),
            counting_verified=False,
            consumer_side=True,
            note="Complain to the organisation first, and follow up if it has not answered "
            "after 30 days.",
            met_by=("sent", "answered", "closed"),
        ),
        consumer_must_include=("Your complaint to the organisation and its answer, if any.",),
        escalation=(Escalation("Apply to court (DPA 2018 s.167)."),),
        start_from_sent=False,
        notes=("ICO, Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF; 0303 123 1113.",),
    ),
    Procedure(
        id="uk.dpa.complaint",
        title="UK: complaint to the organisation (DPA 2018 s.164A, from 19 June 2026)",
        jurisdiction="UK",
        summary="Complain to the organisation itself before going to the ICO.",
        citations=(Citation("Data Protection Act 2018 s.164A (inserted by DUAA 2025 s.103)", ""),),
        who_must_act="The controller",
        clock_starts="The organisation receives your complaint",
        response=Clock(
            key="acknowledge",
            label="The organisation must acknowledge your complaint",
            who_must_act="The controller",
            starts="the day the organisation receives your complaint",
            # s.164A: acknowledge within 30 days. ICO: day 1 is the day after receipt, and an end
            # on a weekend or bank holiday moves to the next working day. Not confirmed in the
            # reference (legal-rules.md §7 marks the counting UNVERIFIED), so an estimate.
            period=Period(30, Unit.CALENDAR_DAYS, Counting.AFTER, Roll.NEXT_WORKING_DAY),
            citation=Citation("Data Protection Act 2018 s.164A", ""),
            counting_verified=False,
            note="It must then give an outcome without undue delay.",
            met_by=("answered", "closed"),
        ),
        consumer_must_include=("What went wrong and what you want done.",),
        escalation=(Escalation("Complain to the ICO.", "uk.ico.complaint"),),
        verified=False,
        unverified=("The counting of the 30 days (legal-rules.md §7).",),
        # Inserted by DUAA 2025 s.103, in force from 19 June 2026 (legal-rules.md §3, §7).
        in_force_from=date(2026, 6, 19),
        in_force_note="Section 164A comes into force on 19 June 2026. For a complaint received "
        "before then, the law sets no time for the organisation to acknowledge it.",
    ),
    Procedure(
        id="uk.fca.complaint",
        title="UK: complaint to a lender or credit reference agency (FCA DISP)",
        jurisdiction="UK",
        summary="Complain to an FCA-regulated firm; it must send a final response.",
        citations=(
            Citation(
                "FCA Handbook DISP 1.6.2R", "https://handbook.fca.org.uk/handbook/DISP/1/6.html"
            ),
        ),
        who_must_act="The firm",
        clock_starts="The firm receives your complaint",
        response=Clock(
            key="response",
            label="The firm must send its final response",
            who_must_act="The firm",
            starts="the day the firm receives your complaint",
            period=Period(56, Unit.CALENDAR_DAYS, Counting.AFTER),  # DISP 1.6.2R: 8 weeks
            citation=Citation(
                "FCA Handbook DISP 1.6.2R", "https://handbook.fca.org.uk/handbook/DISP/1/6.html"
            ),
            counting_verified=False,
            note="Eight weeks is 56 days; the firm must also acknowledge promptly.",
        ),
        consumer_must_include=("What went wrong and what you want done.",),
        escalation=(
            Escalation(
                "Refer to the Financial Ombudsman Service within 6 months of the final response "
                "(or once 8 weeks have passed without one).",
                "uk.fos.referral",
            ),
        ),
    ),
    Procedure(
        id="uk.fos.referral",
        title="UK: refer a complaint to the Financial Ombudsman Service",
        jurisdiction="UK",
        summary="When a lender or credit reference agency sent a final response you disagree with, "
        "or did not answer within 8 weeks, ask the Financial Ombudsman Service to decide.",
        citations=(
            Citation("FCA Handbook DISP 1.6.2R", _DISP),
            Citation("Financial Ombudsman Service", _FOS),
        ),
        who_must_act="The Financial Ombudsman Service (you must refer in time)",
        clock_starts="The ombudsman receives your referral (online, by phone or by post)",
        response=Clock(
            key="response",
            label="The ombudsman looks into your complaint",
            who_must_act="The Financial Ombudsman Service",
            starts="the day the ombudsman receives your referral",
            period=NO_PERIOD,
            citation=Citation("Financial Ombudsman Service", _FOS),
            note="No time limit for the ombudsman was found in the sources we used.",
        ),
        duties=(
            Clock(
                key="may-refer-from",
                label="If the firm has not sent its final response, you may refer from",
                who_must_act="You",
                starts="the day the firm received your complaint",
                # DISP 1.6.2R: a final response by the end of 8 weeks after receipt (legal-rules.md §3).
                period=Period(56, Unit.CALENDAR_DAYS, Counting.AFTER),
                citation=Citation("FCA Handbook DISP 1.6.2R", _DISP),
                counting_verified=False,
                after_event="complained",
                requires_event=True,
                opens=True,
                met_by=(),
            ),
            Clock(
                key="refer-window",
                label="You must refer your complaint to the ombudsman",
                who_must_act="You",
                starts="the date of the firm's final response",
                # legal-rules.md §3: "the complainant must refer within 6 months of the final
                # response". How the months are counted is not in the notes, so an estimate; the
                # date does not move for weekends (it is your deadline).
                period=Period(6, Unit.MONTHS, Counting.UK_ICO, Roll.NONE),
                citation=Citation("FCA Handbook DISP 1.6.2R; legal-rules.md §3", _DISP),
                counting_verified=False,
                consumer_side=True,
                note="The final response must tell you about this limit. If it did not, the "
                "ombudsman may still be able to help: ask it.",
                after_event="final_response",
                requires_event=True,
                met_by=("sent",),
            ),
        ),
        consumer_must_include=(
            "Your complaint to the firm, its final response (if any) and the dates.",
            "What went wrong and what you want the firm to do.",
        ),
        escalation=(Escalation("Court action (check with an advocate)."),),
        unverified=("How the 6 months are counted; the ombudsman's own time limits.",),
        notes=("Financial Ombudsman Service, Exchange Tower, London E14 9SR; 0800 023 4567.",),
    ),
    Procedure(
        id="uk.gdpr.automated-decision",
        title="UK: safeguards for a decision made by computer (UK GDPR Arts 22A-22D)",
        jurisdiction="UK",
        summary="Ask for information about a significant decision made about you by automated "
        "means alone, make your case, ask for a person to look at it again, and contest it.",
        citations=(
            Citation("UK GDPR Arts 22A-22D (Data (Use and Access) Act 2025 s.80, in force "
                     "5 February 2026)", "https://www.legislation.gov.uk/ukpga/2025/18/section/80"),
            _UK_12_3,
        ),
        who_must_act="The controller that made the decision (a lender, or a credit reference "
        "agency whose score was used)",
        clock_starts="The organisation has your request (and any ID it reasonably asked for)",
        response=Clock(
            key="response",
            label="The organisation should answer your request",
            who_must_act="The controller",
            starts="the day the organisation has your request",
            period=_UK_MONTH,
            citation=_UK_12_3,
            verified=False,
            note="Whether the one-month limit of Art. 12(3) covers the Art. 22C safeguards is not "
            "confirmed; we use it as the likely limit.",
        ),
        consumer_must_include=(
            "Name the decision, its date and your application or account number.",
            "Ask for information about it, make your representations, ask for human "
            "intervention and say that you contest it.",
        ),
        escalation=_UK_ESCALATION,
        verified=False,
        unverified=(
            "The details of the Arts 22A-22D safeguards (legal-rules.md §3, §8 item 7); the "
            "letter names them from a copy of DUAA 2025 s.80 and law-firm summaries.",
        ),
        start_rule="uk-art-12a",
        # legal-rules.md §3: Arts 22A-22D replace Art 22 from 5 February 2026 (DUAA s.80).
        in_force_from=date(2026, 2, 5),
        in_force_note="Arts 22A-22D came into force on 5 February 2026; before that the old "
        "Art. 22 applied.",
    ),
)
