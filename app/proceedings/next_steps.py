"""What to do next, for each situation: legally grounded options with the letter to write.

Data, not if-chains: (procedure prefix, situation) -> options. Situations: "overdue" (no answer by
the deadline), "verified" (the answer says an item was verified as accurate), "refused" (some items
unchanged: no-change / frivolous / partial). The texts cite the provision that gives the option.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Option:
    letter_kind: str  # the letter to pre-fill (app/letters catalog id)
    text: str  # plain words with the citation


_FCRA_OVERDUE = (
    Option("us.dispute-follow-up", "Send a follow-up: the bureau's time to finish (30 days, FCRA §611(a)(1)(A); "
                                   "45 after a free annual report, §612(a)(3)) has ended, and what could not be "
                                   "verified must be deleted (§611(a)(5)(A))."),
    Option("us.dispute-furnisher", "Dispute directly with the company that reported the item "
                                   "(FCRA §623(a)(8), 12 CFR 1022.43)."),
    Option("us.cfpb-complaint", "File a complaint with the CFPB: the company is expected to respond within 15 days "
                                "after the CFPB sends it your complaint."),
)
_FCRA_VERIFIED = (
    Option("us.method-of-verification", "Ask how it was verified: the bureau must describe its procedure "
                                        "within 15 days of your request (FCRA §611(a)(7))."),
    Option("us.statement-of-dispute", "Add a statement of dispute of up to 100 words to your file (FCRA §611(b))."),
    Option("us.cfpb-complaint", "File a complaint with the CFPB if the bureau did not really investigate."),
)
_GDPR_OVERDUE = (
    Option("eu.reminder", "Send a reminder: the one-month period of Art. 12(3) GDPR has ended."),
    Option("eu.complaint", "Complain to the data protection authority (Art. 77 GDPR)."),
)
_UK_OVERDUE = (
    Option("uk.reminder", "Send a reminder: the one-month period of Art. 12(3) UK GDPR has ended."),
    Option("uk.ico-complaint", "Complain to the Information Commissioner's Office once you have raised "
                               "it with the organisation (UK GDPR Art. 77; DPA 2018 s.164A)."),
)
_CN_OVERDUE = (
    Option("cn.pboc-complaint", "Complain to the local PBOC branch: it must reply in writing within 30 days "
                                "of accepting the complaint (征信业管理条例 Art. 26)."),
)

TABLE: dict[tuple[str, str], tuple[Option, ...]] = {
    ("us.fcra.dispute-cra", "overdue"): _FCRA_OVERDUE,
    ("us.fcra.dispute-cra", "verified"): _FCRA_VERIFIED,
    ("us.fcra.dispute-cra", "refused"): _FCRA_VERIFIED,
    ("us.fcra.dispute-furnisher", "overdue"): (_FCRA_OVERDUE[2],),
    ("us.fcra.method-of-verification", "overdue"): (_FCRA_OVERDUE[2],),
    ("us.fcra", "overdue"): (_FCRA_OVERDUE[2],),
    ("us-ca.ccpa", "overdue"): (),
    ("eu.gdpr", "overdue"): _GDPR_OVERDUE,
    ("eu.gdpr", "refused"): (_GDPR_OVERDUE[1],),
    ("uk.gdpr", "overdue"): _UK_OVERDUE,
    ("uk.gdpr", "refused"): (_UK_OVERDUE[1],),
    ("cn.credit.objection", "overdue"): _CN_OVERDUE,
    ("cn.credit.objection", "refused"): _CN_OVERDUE,
    ("cn.pipl", "overdue"): _CN_OVERDUE,
}


def options(procedure_id: str, situation: str) -> tuple[Option, ...]:
    """The most specific entry wins: the full id first, then its prefixes."""
    parts = procedure_id.split(".")
    for n in range(len(parts), 0, -1):
        found = TABLE.get((".".join(parts[:n]), situation))
        if found is not None:
            return found
    return ()
