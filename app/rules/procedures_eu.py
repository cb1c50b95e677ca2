"""EU GDPR and UK procedures (UK GDPR, DPA 2018, Consumer Credit Act 1974, FCA DISP).
Source: legal-rules.md §2, §3 and §7; addresses §3."""

from __future__ import annotations

from datetime import date

from app.rules.model import (
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

_GDPRHUB = "https://gdprhub.eu/Article_{}_GDPR"
_ICO_TIME = "https://ico.org.uk/for-the-public/time-limits-for-responding-to-data-protection-rights-requests"
_CCA = "https://www.legislation.gov.uk/ukpga/1974/39/section/159"

# GDPR Art 12(3): one month from receipt, counted per Reg 1182/71 Art 3 (by analogy; the EDPB
# paragraph saying so is UNVERIFIED, legal-rules.md §2.1), rolled past weekends and holidays.
_EU_MONTH = Period(1, Unit.MONTHS, Counting.EU_1182_71, Roll.NEXT_WORKING_DAY)
# Art 12(3): "may be extended by two further months"; 3 months in all from the original receipt.
_EU_3_MONTHS = Period(3, Unit.MONTHS, Counting.EU_1182_71, Roll.NEXT_WORKING_DAY)
# ICO counting for UK GDPR Art 12(3): receipt is day 1, corresponding date next month.
_UK_MONTH = Period(1, Unit.MONTHS, Counting.UK_ICO, Roll.NEXT_WORKING_DAY)
_UK_3_MONTHS = Period(3, Unit.MONTHS, Counting.UK_ICO, Roll.NEXT_WORKING_DAY)

_EU_12_3 = Citation("GDPR Art. 12(3)", _GDPRHUB.format(12))
_UK_12_3 = Citation("UK GDPR Art. 12(3) and Art. 12A; ICO time-limits guidance", _ICO_TIME)

_EU_ESCALATION = (
    Escalation(
        "Complain to the data protection authority where you live, work, or where the breach "
        "happened (GDPR Art. 77).",
        "eu.gdpr.complaint",
    ),
    Escalation("Go to court against the company (Art. 79) and claim compensation (Art. 82)."),
)
_UK_ESCALATION = (
    Escalation(
        "From 19 June 2026, complain to the organisation first (DPA 2018 s.164A).",
        "uk.dpa.complaint",
    ),
    Escalation("Complain to the Information Commissioner's Office.", "uk.ico.complaint"),
    Escalation("Apply to court (DPA 2018 s.167)."),
)


def _eu(
    right: str, title: str, summary: str, article: str, include: tuple[str, ...], notes=()
) -> Procedure:
    return Procedure(
        id=f"eu.gdpr.{right}",
        title=title,
        jurisdiction="EU",
        summary=summary,
        citations=(
            Citation(f"GDPR Art. {article}", _GDPRHUB.format(article.split("(")[0])),
            _EU_12_3,
        ),
        who_must_act="The controller (e.g. a credit bureau such as SCHUFA or CRIF, or a lender)",
        clock_starts="The controller receives the request",
        response=Clock(
            key="response",
            label="The company must answer your request",
            who_must_act="The controller",
            starts="the day the company receives your request",
            period=_EU_MONTH,
            citation=_EU_12_3,
            note="If it refuses, it must say why within the same month and tell you that you "
            "can complain or go to court (Art. 12(4)).",
        ),
        extensions=(
            Extension(
                condition="if the company told you within the first month that it needs two more "
                "months, and why",
                triggers=("extension_notified",),
                period=_EU_3_MONTHS,
                citation=_EU_12_3,
                notice_required=True,
                notice="notice with reasons within the first month",
                label="If the company took two more months, it must answer",
                happened="The company told you it needs more time",
                too_late="The extension must be notified, with reasons, within one month of "
                "receiving the request (Art. 12(3)).",
            ),
        ),
        consumer_must_include=include,
        escalation=_EU_ESCALATION,
        unverified=(
            "The EDPB paragraph applying Reg 1182/71 to the GDPR (legal-rules.md §2.1); we apply "
            "it by analogy.",
            "Whether the EU clock pauses while the company waits for proof of identity.",
        ),
        notes=("Answers are free (Art. 12(5)).", *notes),
    )


EU_PROCEDURES: tuple[Procedure, ...] = (
    _eu(
        "access",
        "EU: right of access (a copy of your data)",
        "Ask a company for a copy of your personal data and how it uses it.",
        "15",
        (
            "No set form is needed; give proof of identity only if the company has reasonable "
            "doubts (Art. 12(6)).",
            "Ask for the items in Art. 15(1)(a)-(h), including (e) your rights to rectify, erase, "
            "restrict and object, (f) your right to complain, and (h): whether automated "
            "decisions or profiling are used and meaningful information about the logic involved; "
            "and, for data sent outside the EU, the transfer safeguards (Art. 15(2)).",
            "The legal basis of each purpose is information owed under Arts. 13(1)(c) and "
            "14(1)(c); ask for it too.",
            "Ask for a copy of the data (Art. 15(3)); the first copy is free.",
        ),
        (
            "C-203/22 (Dun & Bradstreet Austria): the logic must be explained as the procedure "
            "and principles actually applied, in words you can understand.",
        ),
    ),
    _eu(
        "rectification",
        "EU: right to rectification",
        "Ask a company to correct or complete wrong personal data.",
        "16",
        ("Say which data are wrong and what they should say.",),
        ("The company must tell everyone it shared the data with (Art. 19).",),
    ),
    _eu(
        "erasure",
        "EU: right to erasure",
        "Ask a company to delete personal data on one of the grounds in Art. 17(1).",
        "17",
        ("Name the ground in Art. 17(1)(a)-(f) that applies.",),
        (
            "C-26/22 and C-64/22: private agencies may not keep insolvency discharge data longer "
            "than the public register does.",
        ),
    ),
    _eu(
        "restriction",
        "EU: right to restriction of processing",
        "Ask a company to stop using data while their accuracy is checked.",
        "18",
        ("Say why: e.g. you contest the accuracy (Art. 18(1)(a)).",),
    ),
    _eu(
        "objection",
        "EU: right to object",
        "Object to processing based on legitimate interests, including profiling.",
        "21",
        ("Give grounds relating to your particular situation (Art. 21(1)).",),
    ),
    _eu(
        "automated-decision",
        "EU: automated decisions and credit scoring",
        "Ask for human review, give your view and contest a decision based only on automated "
        "processing, such as a credit score.",
        "22",
        (
            "Ask for human intervention, to express your point of view and to contest the "
            "decision (Art. 22(3)).",
            "Ask for meaningful information about the logic involved (Art. 15(1)(h)).",
        ),
        (
            "C-634/21 (SCHUFA): a credit bureau's score is itself an automated decision when a "
            "lender draws strongly on it, so Art. 22 and 15(1)(h) bind the bureau.",
        ),
    ),
    Procedure(
        id="eu.gdpr.complaint",
        title="EU: complaint to a data protection authority",
        jurisdiction="EU",
        summary="Complain to a supervisory authority that a company broke the GDPR.",
        citations=(
            Citation("GDPR Art. 77", _GDPRHUB.format(77)),
            Citation("GDPR Art. 78(2)", _GDPRHUB.format(78)),
        ),
        who_must_act="The supervisory authority",
        clock_starts="The authority receives your complaint",
        response=Clock(
            key="response",
            label="The authority must deal with your complaint or tell you how it is going",
            who_must_act="The supervisory authority",
            starts="the day the authority receives your complaint",
            period=Period(3, Unit.MONTHS, Counting.EU_1182_71, Roll.NEXT_WORKING_DAY),
            citation=Citation("GDPR Art. 78(2)", _GDPRHUB.format(78)),
            # The reference gives Reg 1182/71 counting for Art 12(3) only; using it here is ours.
            counting_verified=False,
            note="If it does not, you may go to court against the authority (Art. 78(2)).",
        ),
        consumer_must_include=(
            "Who the company is, what it did, and copies of your letters and its answers.",
            "A non-profit may complain for you with your mandate (Art. 80(1)).",
        ),
        escalation=(Escalation("Court action against the authority (Art. 78(2))."),),
        notes=(
            "The GDPR sets no time limit for complaining (Art. 77).",
            "Complaint, court action and compensation can run at the same time (C-132/21).",
        ),
    ),
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
                "Refer to the Financial Ombudsman Service within 6 months of the final response."
            ),
        ),
    ),
)
