"""California beyond know/delete/correct: opting out of the sale or sharing of personal
information (Civ. Code §§1798.120, 1798.135), limiting the use of sensitive personal information
(§1798.121), the complaint to the California Privacy Protection Agency, and the Delete Act's
deletion request platform (SB 362, Civ. Code §1798.99.80 ff.; DROP).

legal-rules.md §4 covers only know/delete/correct and marks CCPA escalation "UNVERIFIED, not
researched", so these procedures are `verified=False` (estimates). Sources read (copies, not the
official sites): 11 CCR §7026 and §7027 (law.cornell.edu and casetext copies; the 15-business-day
limits as summarised by cookiebeam.com and ccpafreetraining.com), Civ. Code §1798.99.86(c)-(d)
(digitalpolicyalert.org summary of the enacted text), and the DROP launch on 1 January 2026
(Wikipedia "Delete Act"; privacy.ca.gov/data-brokers).
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
    Unit,
)

_CPPA_URL = "https://cppa.ca.gov/"
_NOT_IN_NOTES = ("These CCPA rules are not yet in the project's reference notes (legal-rules.md "
                 "§4 covers know, delete and correct only); they were read from copies of the "
                 "regulations.")
_COMPLAIN = Escalation(
    "Complain to the California Privacy Protection Agency (cppa.ca.gov) or the Attorney General.",
    "us-ca.cppa.complaint",
)
_BD = ("The regulation does not say which holidays count; we skip Saturdays, Sundays and federal "
       "holidays.")


def _fifteen_days(kind: str, title: str, summary: str, sections: str, reg: str, what: str) -> Procedure:
    cite = Citation(f"Cal. Civ. Code {sections}; 11 CCR {reg}", "")
    return Procedure(
        id=f"us-ca.ccpa.{kind}",
        title=title,
        jurisdiction="US-CA",
        summary=summary,
        citations=(cite,),
        who_must_act="The business",
        clock_starts="The business receives the request",
        response=Clock(
            key="response",
            label=what,
            who_must_act="The business",
            starts="the day the business receives your request",
            # "as soon as feasibly possible, but no later than 15 business days from the date the
            # business receives the request" (11 CCR §7026(f), §7027(g)).
            period=Period(15, Unit.BUSINESS_DAYS, Counting.AFTER),
            citation=Citation(f"11 CCR {reg}", ""),
            counting_verified=False,
            verified=False,
            note="The business may not ask you to prove who you are for this request; it may ask "
            "only what it needs to find your record. " + _BD,
            met_by=("answered", "closed"),
        ),
        consumer_must_include=(
            "Enough to find your record (name, email or customer number); no account is needed.",
        ),
        escalation=(_COMPLAIN,),
        verified=False,
        unverified=(_NOT_IN_NOTES,),
        notes=(
            "The business must also pass the request on to the third parties it sold or shared "
            "with since you asked (11 CCR §7026(f)).",
            "Credit-file data regulated by the FCRA is exempt (Civ. Code §1798.145(d)).",
        ),
    )


CA_PROCEDURES: tuple[Procedure, ...] = (
    _fifteen_days(
        "opt-out",
        "California: stop selling or sharing my personal information (CCPA)",
        "Tell a business to stop selling or sharing your personal information.",
        "§§1798.120, 1798.135",
        "§7026",
        "The business must stop selling and sharing your personal information",
    ),
    _fifteen_days(
        "limit",
        "California: limit the use of my sensitive personal information (CCPA)",
        "Tell a business to use your sensitive personal information (such as your Social "
        "Security number, precise location or health data) only as needed to serve you.",
        "§1798.121",
        "§7027",
        "The business must limit its use of your sensitive personal information",
    ),
    Procedure(
        id="us-ca.cppa.complaint",
        title="California: complaint to the California Privacy Protection Agency",
        jurisdiction="US-CA",
        summary="Tell the state privacy agency that a business did not respect your CCPA rights.",
        citations=(Citation("Cal. Civ. Code §1798.199.45 (complaints to the Agency)", _CPPA_URL),),
        who_must_act="The California Privacy Protection Agency",
        clock_starts="The Agency receives your complaint (online at cppa.ca.gov)",
        response=Clock(
            key="response",
            label="The Agency reviews your complaint",
            who_must_act="The California Privacy Protection Agency",
            starts="the day the Agency receives your complaint",
            period=NO_PERIOD,
            citation=Citation("Cal. Civ. Code §1798.199.45", _CPPA_URL),
            note="No time limit for the Agency was found in the sources we used. It may "
            "investigate, but it does not act as your lawyer.",
            verified=False,
        ),
        consumer_must_include=(
            "Who the business is, what you asked, when, and what it did; copies of your request "
            "and any answer.",
        ),
        escalation=(Escalation("The Attorney General also enforces the CCPA; ask an advocate."),),
        verified=False,
        unverified=(_NOT_IN_NOTES, "CCPA escalation details (legal-rules.md §4, §8 item 8)."),
        start_from_sent=False,
    ),
    Procedure(
        id="us-ca.delete-act.drop",
        title="California: delete my data at every registered data broker at once (Delete Act, DROP)",
        jurisdiction="US-CA",
        summary="One request through the state's Delete Request and Opt-out Platform (DROP) "
        "reaches every data broker registered in California.",
        citations=(
            Citation("Cal. Civ. Code §1798.99.86 (SB 362, the Delete Act)",
                     "https://privacy.ca.gov/data-brokers/"),
        ),
        who_must_act="Every registered data broker",
        clock_starts="You submit the request on DROP (privacy.ca.gov/data-brokers)",
        response=Clock(
            key="response",
            label="Every registered data broker must have deleted your personal information",
            who_must_act="Each registered data broker",
            starts="the day you submitted your request on DROP",
            # §1798.99.86(c) (from 1 August 2026): brokers check DROP at least once every 45 days
            # and delete within 45 days after receiving a request: at most 90 days in all.
            period=Period(90, Unit.CALENDAR_DAYS, Counting.AFTER),
            citation=Citation("Cal. Civ. Code §1798.99.86(c)", "https://privacy.ca.gov/data-brokers/"),
            counting_verified=False,
            verified=False,
            note="Each broker must check DROP at least every 45 days and delete within 45 days "
            "after it gets your request, so at most about 90 days after you submit. A broker that "
            "cannot match you must treat the request as an opt-out of sale and sharing, and it must "
            "keep deleting new data about you every 45 days.",
        ),
        consumer_must_include=(
            "Use DROP itself (privacy.ca.gov/data-brokers): it is free and checks that you live "
            "in California. Recourse cannot send it for you.",
        ),
        escalation=(_COMPLAIN,),
        verified=False,
        unverified=(
            "The Delete Act is not yet in the project's reference notes; read from summaries of "
            "Civ. Code §1798.99.86.",
        ),
        notes=(
            "Brokers must process DROP requests from 1 August 2026.",
            "Data covered by the FCRA, GLBA or HIPAA rules is exempt (Civ. Code §1798.99.80).",
        ),
        in_force_from=date(2026, 8, 1),
        in_force_note="Brokers must process DROP requests only from 1 August 2026; count the 90 "
        "days from then for a request you submitted earlier.",
    ),
)
