"""Answer review (issue 16): classify what a recipient answered, item by item, and find the next
step that fits, citing the rule the answer breaks where it breaks one.

Pure rules (no database): classes and checks in, findings out. Each finding names the provision,
the letter to write, and a paragraph drafted for that letter (the person reviews it in the letter
form before anything is sent). The generic steps come from next_steps.py; the four checks below
are the answers that break a rule on their face.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.messages import M, Message
from app.proceedings import next_steps

# What an answer can say about an item (or, for a request without items, about the request).
CLASSES = ("deleted", "corrected", "verified", "frivolous", "id-requested", "fee-requested", "partial", "refused",
           "extended", "no-answer")
# The item outcome each class is stored as (item_outcomes.outcome); the others are no outcome.
STORED = {"deleted": "deleted", "corrected": "corrected", "verified": "verified", "frivolous": "frivolous",
          "partial": "partial", "refused": "no-change"}
# What the person checks in the answer, when it matters.
CHECKS = ("procedure_described", "logic_explained", "first_copy", "reasons_given")

ACCESS = ("eu.gdpr.access", "uk.gdpr.access", "eu.gdpr.automated-decision", "uk.gdpr.automated-decision")
CRA_DISPUTE = ("us.fcra.dispute-cra",)


@dataclass(frozen=True)
class Finding:
    code: str
    citation: str  # the rule the answer breaks ("" for a step that breaks no rule)
    text: Message  # what to do, in plain words (app/messages.py: the page shows it in its language)
    letter_kind: str | None = None
    draft: str = ""  # a paragraph for the letter (see LETTER_FIELDS): English, like the letter


DRAFTS = {
    "verified-without-procedure": (
        "Your results say that the items listed below were verified, but they do not say how. Under "
        "section 611(a)(7) of the Fair Credit Reporting Act, please send me, within 15 days of receiving this "
        "letter, a description of the procedure you used to determine the accuracy and completeness of each "
        "item, including the business name, address and telephone number of any furnisher you contacted."),
    "access-without-logic": (
        "Your answer does not explain how my credit score or rating was reached. Article 15(1)(h) GDPR gives "
        "me the right to meaningful information about the logic involved. The Court of Justice held in Case "
        "C-203/22 (Dun & Bradstreet Austria, 27 February 2025) that this means an explanation of the procedure "
        "and principles actually applied to my personal data to obtain the result, in a concise, transparent, "
        "intelligible and easily accessible form. A formula on its own is not enough, and a reference to trade "
        "secrets does not end the matter: information you consider protected must be given to the supervisory "
        "authority or the court, which will weigh the interests at stake. Please send me this explanation "
        "without further delay."),
    "uk-access-without-logic": (
        "Your answer does not explain how my credit score or rating was reached. Article 15(1)(h) UK GDPR gives "
        "me the right to meaningful information about the logic involved in automated decision-making, "
        "including profiling, and about its significance and envisaged consequences for me. Please explain "
        "the procedure and principles you actually applied to my personal data to obtain the result, without "
        "further delay."),
    "fee-for-first-copy": (
        "You asked me to pay a fee before you provide a copy of my personal data. This is my first request for "
        "a copy. Under Article 15(3) GDPR the first copy is free; a reasonable fee based on administrative "
        "costs may be charged only for further copies. Please provide the copy and the information listed in "
        "Article 15(1) free of charge and without further delay: the one-month period of Article 12(3) runs "
        "from the day you received my request."),
    "uk-fee-for-first-copy": (
        "You asked me to pay a fee before you provide a copy of my personal data. This is my first request for "
        "a copy. Under Article 15(3) UK GDPR the first copy is free; a reasonable fee based on administrative "
        "costs may be charged only for further copies. Please provide the copy and the information listed in Article 15(1) "
        "free of charge and without further delay."),
    "frivolous-without-reasons": (
        "The credit reporting agency told me that it considers my dispute frivolous or irrelevant and will not "
        "investigate it, but its notice gives no reasons for that determination and does not identify any "
        "information it needs to investigate, as section 611(a)(3)(B) and (C) of the Fair Credit Reporting Act "
        "require. I ask that it investigate my dispute, or tell me its reasons and what information it needs."),
}

# The letter field each drafted paragraph goes into, and the facts that come with it.
LETTER_FIELDS: dict[str, tuple[str, dict]] = {
    "eu.reminder": ("missing", {"reply_so_far": "incomplete-answer", "prior_kind": "access"}),
    "uk.reminder": ("missing", {"reply_so_far": "incomplete-answer", "prior_kind": "access"}),
    "us.cfpb-complaint": ("company_conduct", {}),
    "eu.complaint": ("what_happened", {}),
    "uk.ico-complaint": ("what_happened", {}),
}


def _rule_findings(procedure_id: str, classes: set[str], checks: set[str]) -> list[Finding]:
    """The four answers that break a rule on their face (issue 16)."""
    uk = procedure_id.startswith("uk.")
    found = []
    if procedure_id in CRA_DISPUTE and "verified" in classes and "procedure_described" not in checks:
        found.append(Finding("verified-without-procedure", "FCRA §611(a)(7)",
                             M("Ask how it was verified: the bureau must describe its procedure within 15 days of "
                               "your request (FCRA §611(a)(7))."), "us.method-of-verification",
                             DRAFTS["verified-without-procedure"]))
    answered = classes - {"no-answer", "extended", "id-requested", "fee-requested"}
    if procedure_id in ACCESS and answered and "logic_explained" not in checks:
        found.append(Finding(
            "uk-access-without-logic" if uk else "access-without-logic",
            "UK GDPR Art 15(1)(h)" if uk else "GDPR Art 15(1)(h); CJEU C-203/22 (Dun & Bradstreet Austria)",
            M("Ask again for the logic of the score: the answer must explain the procedure and principles "
              "actually applied to your data."), "uk.reminder" if uk else "eu.reminder",
            DRAFTS["uk-access-without-logic" if uk else "access-without-logic"]))
    if procedure_id in ACCESS and "fee-requested" in classes and "first_copy" in checks:
        found.append(Finding("uk-fee-for-first-copy" if uk else "fee-for-first-copy",
                             "UK GDPR Art 15(3)" if uk else "GDPR Art 15(3)",
                             M("Refuse the fee: the first copy of your data is free."),
                             "uk.reminder" if uk else "eu.reminder",
                             DRAFTS["uk-fee-for-first-copy" if uk else "fee-for-first-copy"]))
    if procedure_id in CRA_DISPUTE and "frivolous" in classes and "reasons_given" not in checks:
        found.append(Finding("frivolous-without-reasons", "FCRA §611(a)(3)(B)–(C)",
                             M("Complain to the CFPB: a frivolous notice must give the reasons and say what "
                               "information is needed (FCRA §611(a)(3)(B)–(C))."), "us.cfpb-complaint",
                             DRAFTS["frivolous-without-reasons"]))
    return found


def _situation(classes: set[str]) -> str | None:
    """The next_steps.py situation an answer puts the proceeding in."""
    if "no-answer" in classes:
        return "overdue"
    if "verified" in classes:
        return "verified"
    if classes & {"refused", "partial", "frivolous"}:
        return "refused"
    return None


def _plain_steps(procedure_id: str, classes: set[str]) -> list[Finding]:
    """Steps that break no rule but need the person to act (the GDPR words only where it applies)."""
    gdpr = procedure_id.startswith(("eu.", "uk."))
    found = []
    if "id-requested" in classes:
        found.append(Finding("id-requested", "", M(
            "Send the identification they ask for if it is reasonable, and keep a copy; record it on the timeline "
            "when you send it. Under GDPR Art 12(6) a controller may ask for more only when it has reasonable "
            "doubts about who you are.") if gdpr else M(
            "Send the identification they ask for if it is reasonable, and keep a copy; record it on the timeline "
            "when you send it.")))
    if "extended" in classes:
        found.append(Finding("extended", "", M(
            "Record the new date they gave. Under GDPR Art 12(3) an extension must be explained, with its reasons, "
            "within the first month.") if gdpr else M(
            "Record the new date they gave. Check with an advocate that the law allows the extension.")))
    if "fee-requested" in classes:
        found.append(Finding("fee-requested", "", M(
            "Check with an advocate before you pay: a fee may be asked only where the law allows it (GDPR Art "
            "15(3): further copies).") if gdpr else M(
            "Check with an advocate before you pay: a fee may be asked only where the law allows it.")))
    if classes and classes <= {"deleted", "corrected"}:
        found.append(Finding("resolved", "", M(
            "Check your next report: what was deleted or corrected must stay so. A US bureau may put an item back "
            "only after the furnisher certifies it, and must tell you within 5 business days (FCRA "
            "§611(a)(5)(B)).") if procedure_id.startswith("us.") else M(
            "Check your next report: what was deleted or corrected must stay so.")))
    return found


def findings(procedure_id: str, classes: set[str], checks: set[str]) -> list[Finding]:
    """What fits the answer: first the rules it breaks, then the usual next steps for its situation."""
    out = _rule_findings(procedure_id, classes, checks) + _plain_steps(procedure_id, classes)
    situation = _situation(classes)
    frivolous = next_steps.options(procedure_id, "frivolous") if "frivolous" in classes else ()
    general = frivolous + (next_steps.options(procedure_id, situation) if situation else ())
    for option in general:
        if all(f.letter_kind != option.letter_kind for f in out):
            out.append(Finding("next-step", "", option.text, option.letter_kind))
    return out


def letter_facts(code: str, letter_kind: str) -> dict:
    """The facts a finding's drafted paragraph puts into its letter ({} if the letter takes none)."""
    if code not in DRAFTS or letter_kind not in LETTER_FIELDS:
        return {}
    field, extra = LETTER_FIELDS[letter_kind]
    return {field: DRAFTS[code], **extra}


def relevant_checks(procedure_id: str) -> tuple[str, ...]:
    """The checks worth asking about for this procedure."""
    if procedure_id in CRA_DISPUTE:
        return ("procedure_described", "reasons_given")
    if procedure_id in ACCESS:
        return ("logic_explained", "first_copy")
    return ()
