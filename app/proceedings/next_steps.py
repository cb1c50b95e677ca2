"""What to do next, for each situation: legally grounded options with the letter to write.

Data, not if-chains: (procedure prefix, situation) -> options. Situations: "overdue" (no answer by
the deadline), "verified" (the answer says an item was verified as accurate), "refused" (some items
unchanged: no-change / frivolous / partial), "frivolous" (the answer called the dispute
frivolous), and "<duty>-overdue" (an intermediate duty's date passed, e.g. the FCRA results notice). The texts cite the provision that gives the option.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.messages import M, Message


@dataclass(frozen=True)
class Option:
    letter_kind: str  # the letter to pre-fill (app/letters catalog id)
    text: Message  # plain words with the citation (app/messages.py: a page shows it in its language)


_FCRA_OVERDUE = (
    Option("us.dispute-follow-up", M("Send a follow-up: the bureau's time to finish (30 days, FCRA §611(a)(1)(A); "
                                   "45 after a free annual report, §612(a)(3)) has ended, and what could not be "
                                   "verified must be deleted (§611(a)(5)(A)).")),
    Option("us.dispute-furnisher", M("Dispute directly with the company that reported the item "
                                   "(FCRA §623(a)(8), 12 CFR 1022.43).")),
    Option("us.cfpb-complaint", M("File a complaint with the CFPB: the company is expected to respond within 15 days "
                                "after the CFPB sends it your complaint.")),
)
_FCRA_VERIFIED = (
    Option("us.method-of-verification", M("Ask how it was verified: the bureau must describe its procedure "
                                        "within 15 days of your request (FCRA §611(a)(7)).")),
    Option("us.statement-of-dispute", M("Add a statement of dispute of up to 100 words to your file (FCRA §611(b)).")),
    Option("us.cfpb-complaint", M("File a complaint with the CFPB if the bureau did not really investigate.")),
)
_GDPR_OVERDUE = (
    Option("eu.reminder", M("Send a reminder: the one-month period of Art. 12(3) GDPR has ended.")),
    Option("eu.complaint", M("Complain to the data protection authority (Art. 77 GDPR).")),
)
_UK_OVERDUE = (
    Option("uk.reminder", M("Send a reminder: the one-month period of Art. 12(3) UK GDPR has ended.")),
    Option("uk.ico-complaint", M("Complain to the Information Commissioner's Office once you have raised "
                               "it with the organisation (UK GDPR Art. 77; DPA 2018 s.164A).")),
)
_CN_OVERDUE = (
    Option("cn.pboc-complaint", M("Complain to the local PBOC branch: it must reply in writing within 30 days "
                                "of accepting the complaint (征信业管理条例 Art. 26).")),
)

# Issue 14 --------------------------------------------------------------------------------------
# The FCRA notices after a bureau dispute: a situation "<clock key>-overdue" arises when that
# duty's date has passed (proceedings.service.suggestions).
_RESULTS_LATE = (
    Option("us.dispute-follow-up", M("Send a follow-up: the bureau had to send its results within 5 business days "
                                   "after finishing (FCRA §611(a)(6)(A)); what it could not verify must be "
                                   "deleted (§611(a)(5)(A)).")),
    _FCRA_OVERDUE[2],
)
_REINSERTED = (
    Option("us.dispute-cra", M("Dispute the item that came back: the bureau had to tell you within 5 business days "
                             "of putting it back, and name the company that certified it (FCRA §611(a)(5)(B)).")),
    Option("us.cfpb-complaint", M("File a complaint with the CFPB: reinserting an item without the notice breaks "
                                "FCRA §611(a)(5)(B).")),
)
_FRIVOLOUS = (
    Option("us.dispute-cra", M("Dispute again with the information the bureau said it needs: its frivolous notice "
                             "must name it (FCRA §611(a)(3)(C)).")),
    Option("us.cfpb-complaint", M("File a complaint with the CFPB if the bureau gave no reasons or came late "
                                "(FCRA §611(a)(3)(B): 5 business days).")),
)
_COLLECTOR = (
    Option("us.dispute-cra", M("Dispute the collection account with the credit bureau too (FCRA §611): that "
                             "dispute can be enforced in court.")),
    Option("us.cfpb-complaint", M("File a complaint with the CFPB about the collector.")),
)
_ECOA_LATE = (
    Option("us.cfpb-complaint", M("File a complaint with the CFPB: the lender had 30 days to send the reasons "
                                "(12 CFR 1002.9(a)(2)(ii); estimate, check with an advocate).")),
    Option("us.file-disclosure", M("Ask the bureau named in the denial notice for your free report within 60 days "
                                 "(FCRA §612(b)).")),
)
_CCPA_LATE = (
    Option("us-ca.cppa-complaint", M("Complain to the California Privacy Protection Agency (estimate: CCPA "
                                   "escalation is not yet in our reference notes).")),
)
_FIRM_DONE = (
    Option("uk.fos-referral", M("Refer your complaint to the Financial Ombudsman Service: after the firm's final "
                              "response, or once 8 weeks have passed without one (FCA DISP 1.6.2R); within 6 "
                              "months of a final response.")),
)
_S164A_LATE = (
    Option("uk.ico-complaint", M("Complain to the Information Commissioner's Office: the organisation had 30 days "
                               "to acknowledge your complaint (DPA 2018 s.164A).")),
)
_UK_ADM = (
    Option("uk.dpa-complaint", M("Complain to the organisation first (DPA 2018 s.164A, from 19 June 2026).")),
    _UK_OVERDUE[1],
)
_COURT_REJECTED = (
    Option("cn.court-reconsideration", M("Apply to the next-higher court for reconsideration within 10 days of being "
                                       "served the rejection (SPC Provisions on the list, Art 12).")),
)
_COURT_DELETION_LATE = (
    Option("cn.court-correction", M("Ask the court to correct the listing: information that should have been "
                                  "deleted is a ground for correction (SPC Provisions Art 11(3)); it must review "
                                  "within 15 days.")),
)
_REPAIR_LATE = (
    Option("cn.publiccredit-objection", M("Raise an objection through Credit China or with the authority (国办发"
                                        "〔2025〕22号).")),
)
_PIPL_COMPLAINT = (
    Option("cn.pipl-complaint", M("Complain to the department responsible for personal information protection "
                                "(PIPL Art 65); it must handle it in time and tell you the result.")),
)

TABLE: dict[tuple[str, str], tuple[Option, ...]] = {
    ("us.fcra.dispute-cra", "results-notice-overdue"): _RESULTS_LATE,
    ("us.fcra.dispute-cra", "reinsertion-notice-overdue"): _REINSERTED,
    ("us.fcra.dispute-cra", "frivolous"): _FRIVOLOUS,
    ("us.fdcpa.collection-dispute", "overdue"): _COLLECTOR,
    ("us.fdcpa.collection-dispute", "verified"): _COLLECTOR,
    ("us.fdcpa.collection-dispute", "refused"): _COLLECTOR,
    ("us.fdcpa.validation", "verified"): _COLLECTOR,
    ("us.fdcpa.validation", "refused"): _COLLECTOR,
    ("us.ecoa.reasons", "overdue"): _ECOA_LATE,
    ("us-ca.ccpa", "refused"): _CCPA_LATE,
    ("uk.fca.complaint", "overdue"): _FIRM_DONE,
    ("uk.fca.complaint", "refused"): _FIRM_DONE,
    ("uk.fca.complaint", "verified"): _FIRM_DONE,
    ("uk.dpa.complaint", "overdue"): _S164A_LATE,
    ("uk.dpa.complaint", "refused"): _S164A_LATE,
    ("uk.gdpr.automated-decision", "overdue"): _UK_ADM,
    ("uk.gdpr.automated-decision", "refused"): _UK_ADM,
    ("cn.court.correction", "refused"): _COURT_REJECTED,
    ("cn.court.correction", "verified"): _COURT_REJECTED,
    ("cn.court.deletion", "overdue"): _COURT_DELETION_LATE,
    ("cn.court.deletion", "refused"): _COURT_DELETION_LATE,
    ("cn.publiccredit.repair", "overdue"): _REPAIR_LATE,
    ("cn.publiccredit.repair", "refused"): _REPAIR_LATE,
    ("cn.pipl", "refused"): _PIPL_COMPLAINT,
    ("us.fcra.dispute-cra", "overdue"): _FCRA_OVERDUE,
    ("us.fcra.dispute-cra", "verified"): _FCRA_VERIFIED,
    ("us.fcra.dispute-cra", "refused"): _FCRA_VERIFIED,
    ("us.fcra.dispute-furnisher", "overdue"): (_FCRA_OVERDUE[2],),
    ("us.fcra.method-of-verification", "overdue"): (_FCRA_OVERDUE[2],),
    ("us.fcra", "overdue"): (_FCRA_OVERDUE[2],),
    ("us-ca.ccpa", "overdue"): _CCPA_LATE,
    ("eu.gdpr", "overdue"): _GDPR_OVERDUE,
    ("eu.gdpr", "refused"): (_GDPR_OVERDUE[1],),
    ("uk.gdpr", "overdue"): _UK_OVERDUE,
    ("uk.gdpr", "refused"): (_UK_OVERDUE[1],),
    ("cn.credit.objection", "overdue"): _CN_OVERDUE,
    ("cn.credit.objection", "refused"): _CN_OVERDUE,
    ("cn.pipl", "overdue"): _PIPL_COMPLAINT + _CN_OVERDUE,
}


def options(procedure_id: str, situation: str) -> tuple[Option, ...]:
    """The most specific entry wins: the full id first, then its prefixes."""
    parts = procedure_id.split(".")
    for n in range(len(parts), 0, -1):
        found = TABLE.get((".".join(parts[:n]), situation))
        if found is not None:
            return found
    return ()
