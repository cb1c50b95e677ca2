"""EU GDPR procedures. Source: legal-rules.md §2 and §7. (The UK procedures are in procedures_uk.py.)"""

from __future__ import annotations

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

# GDPR Art 12(3): one month from receipt, counted per Reg 1182/71 Art 3 (by analogy; the EDPB
# paragraph saying so is UNVERIFIED, legal-rules.md §2.1), rolled past weekends and holidays.
_EU_MONTH = Period(1, Unit.MONTHS, Counting.EU_1182_71, Roll.NEXT_WORKING_DAY)
# Art 12(3): "may be extended by two further months"; 3 months in all from the original receipt.
_EU_3_MONTHS = Period(3, Unit.MONTHS, Counting.EU_1182_71, Roll.NEXT_WORKING_DAY)

_EU_12_3 = Citation("GDPR Art. 12(3)", _GDPRHUB.format(12))

_EU_ESCALATION = (
    Escalation(
        "Complain to the data protection authority where you live, work, or where the breach "
        "happened (GDPR Art. 77).",
        "eu.gdpr.complaint",
    ),
    Escalation("Go to court against the company (Art. 79) and claim compensation (Art. 82)."),
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
