"""What every letter kind is made of, shared by the per-jurisdiction catalogs: the Field and
LetterKind shapes, the sending methods and requested actions, how choices are shown on the letter
form, and the fields and example items several kinds use. The catalogs (catalog_<jurisdiction>.py)
import from here, and app/letters/catalog.py builds the one index from their lists, the way
app/rules/procedures.py does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FIELD_TYPES = {"text", "longtext", "date", "money", "choice", "bool", "list", "items", "int"}
SENDING_METHODS = ("post", "certified", "online", "email", "fax", "counter")
# Channels that need no postal address: the letter is addressed by name and says where it is
# handed in (issue 14: many Chinese channels are a counter or a website).
NAME_ONLY_METHODS = ("online", "email", "counter")
ACTIONS = ("delete", "correct", "mark-disputed", "add-statement")
# How much of the identity number the letter prints (a US letter: the last 4 unless the person
# chooses the full number; see context.id_shown).
ID_SHOWN = ("last4", "full", "none")


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    label: str
    required: bool = True
    help: str = ""
    choices: tuple[str, ...] = ()
    # For "items": the sub-fields of each item.
    item_fields: tuple[Field, ...] = ()
    max_words: int | None = None

    def __post_init__(self):
        assert self.type in FIELD_TYPES, self.type


@dataclass(frozen=True)
class LetterKind:
    id: str
    procedure_id: str
    title: str
    jurisdiction: str  # template folder: us, us-ca, eu, uk, cn
    languages: tuple[str, ...]
    purpose: str  # one plain sentence shown when choosing a letter
    fields: tuple[Field, ...]
    example: dict[str, Any]  # the kind-specific facts of the example data set
    recipient_kinds: tuple[str, ...] = ()
    # The example letter's own enclosure lines (example data only: never offered in a real draft).
    suggested_enclosures: tuple[str, ...] = ()
    # What the letter form offers to tick as "I will enclose this myself" (enclosures.OPTIONS tags).
    enclosure_options: tuple[str, ...] = ()
    # Documents without which the letter has no legal effect (enclosures.REQUIREMENTS keys): a
    # draft without them cannot be finalised, and the person is told how to get them.
    requires: tuple[str, ...] = ()
    # Identity numbers are masked to the last 4 unless the recipient needs the full number to
    # find the file (bureaus matching a consumer file do; a furnisher has the account number).
    needs_full_id: bool = False
    # Some letters are text to paste into a portal, not mail (e.g. a CFPB complaint narrative).
    is_portal_text: bool = False
    example_region: str | None = None
    # Per letter language: {"de": {"facts": {...}, "enclosures": [...]}}, so an example letter in
    # German tells its facts in German too. Missing keys fall back to `example`.
    example_by_lang: dict[str, dict] = field(default_factory=dict)
    # How this kind's own choices read on the letter form, where a code means something else here
    # than in CHOICE_LABELS (a PIPL ground is not the GDPR ground of the same name).
    choice_labels: dict[str, str] = field(default_factory=dict)
    # A fact that names the addressee when no directory entry fits (a court, a local department):
    # the letter is addressed to it by name, and to `<fact>_address` if given.
    addressee_fact: str = ""
    version: str = "1"

    @property
    def slug(self) -> str:
        return self.id.split(".", 1)[1] if "." in self.id else self.id

    def template_name(self, lang: str) -> str:
        return f"letters/{self.jurisdiction}/{self.slug}.{lang}.html"


# What the letter form shows for each choice (the codes stay in the data and the templates). Like
# field labels, these are catalog text in English. The requested changes (ACTIONS) are shown
# through app.i18n.WORDS instead, translated. A kind whose code means something else than here
# gives its own words (LetterKind.choice_labels).
CHOICE_LABELS: dict[str, str] = {
    # China
    "pboc-credit-reference-center": "The PBOC Credit Reference Center (征信中心)",
    "credit-agency": "A credit agency",
    "information-provider": "The bank or lender that reported the record (信息提供者)",
    "information-user": "A company that used my credit information (信息使用者)",
    "wrong": "Wrong", "missing": "Missing",
    "post": "Send it to my address", "collect": "I will collect it in person",
    # China: the court list of dishonest judgment debtors, spending restrictions, credit repair, PIPL
    "should-not-be-listed": "I should not have been listed (Art. 11(1))",
    "wrong-information": "The information published about me is wrong (Art. 11(2))",
    "should-have-been-deleted": "It should already have been deleted (Art. 11(3))",
    "performed": "I have performed the obligations in full",
    "settlement-performed": "A settlement agreement was fully performed",
    "creditor-request": "The creditor asked in writing for the deletion",
    "no-assets": "The enforcement was closed and no assets were found",
    "suspended": "The court suspended the enforcement", "not-enforced": "The court ruled not to enforce",
    "terminated": "The court terminated the enforcement",
    "term-expired": "The fixed term of the listing has ended (Art. 10, para. 2)",
    "early-deletion": "Ask for early deletion of a fixed-term listing (the court may decide: Art. 2, para. 2)",
    "security": "I gave security", "creditor-consent": "The creditor agrees",
    "minor": "Minor (in principle not published; at most 3 months)",
    "general": "General (published at least 3 months, at most 1 year)",
    "serious": "Serious (published at least 1 year, at most 3 years)",
    "purpose-achieved": "The purpose is achieved, cannot be achieved, or no longer needs the information (Art. 47(1))",
    "service-ended": "The company stopped providing the product or service (Art. 47(2))",
    "retention-expired": "The retention period has ended (Art. 47(2))",
    # EU and UK
    "decision-maker": "The company that made the decision",
    "access": "Access to my data", "rectification": "Correction of my data", "erasure": "Erasure of my data",
    "restriction": "Restriction of processing", "objection": "Objection to processing",
    "automated-decision": "A decision made automatically",
    "no-longer-needed": "They no longer need the data for the purpose it was collected for (Art. 17(1)(a))",
    "consent-withdrawn": "I withdrew my consent and nothing else allows the processing (Art. 17(1)(b))",
    "objected": "I objected and they have no overriding grounds (Art. 17(1)(c))",
    "unlawful": "They process the data unlawfully (Art. 17(1)(d))",
    "legal-obligation": "A law requires the erasure (Art. 17(1)(e))",
    "child-online-service": "It was collected when I was a child, for an online service (Art. 17(1)(f))",
    "accuracy-contested": "I dispute that the data are correct (Art. 18(1)(a))",
    "unlawful-keep-data": "The processing is unlawful, but I want the data kept, not erased (Art. 18(1)(b))",
    "needed-for-legal-claims": "They no longer need the data, but I need them for a legal claim (Art. 18(1)(c))",
    "objection-pending": "I objected and they are still checking (Art. 18(1)(d))",
    "nothing": "Nothing", "acknowledgment": "Only an acknowledgment", "incomplete-answer": "An incomplete answer",
    "remove": "Remove the entry", "amend": "Amend the entry",
    "no-reply": "It did not answer within 28 days", "no-action": "It said it would not change the entry",
    "amended": "It changed the entry, but not enough",
    "none": "Nothing yet", "acknowledged-only": "Only an acknowledgment", "outcome-received": "An outcome",
    # United States
    "address-on-report": "The address on my credit report",
    "address-for-disputes": "The address the company gives for disputes",
    "business-address": "The company's business address",
    "adverse-action": "I was turned down because of a report from this bureau",
    "fraud-alert": "I have a fraud alert with this bureau",
    "unemployed": "I am unemployed and will apply for work within 60 days",
    "public-assistance": "I receive public welfare assistance",
    "fraud-inaccuracy": "I believe my file is wrong because of fraud",
    "paid": "I will pay the fee",
    "equifax": "Equifax", "experian": "Experian", "transunion": "TransUnion",
    "tenant-history": "Rental history", "check-writing": "Check-writing and bank account history",
    "medical": "Medical records or payments", "employment": "Employment history",
    "insurance-claims": "Insurance claims",
    "deleted": "They deleted it", "corrected": "They corrected it",
    "remove-freeze": "Remove the freeze", "lift-temporarily": "Lift it for a while (between two dates)",
    "under-16": "A child under 16",
    "represented": "An incapacitated person, or one with a court-appointed guardian or conservator",
}

# ---- shared field definitions ----------------------------------------------------------------

ITEM_FIELDS = (
    Field("furnisher", "text", "Company reporting the item (creditor or collector)"),
    Field("account", "text", "Account number (last 4 is enough)", required=False),
    Field("what_is_wrong", "longtext", "What is wrong"),
    Field("why", "longtext", "Why it is wrong (your facts)"),
    Field("action", "choice", "What must change", choices=ACTIONS),
    Field("correct_to", "text", "What it should say (when it must be corrected)", required=False),
)
DISPUTED_ITEMS = Field("items", "items", "The items you dispute", item_fields=ITEM_FIELDS,
                       help="One entry per wrong item on the report.")
PRIOR_LETTER_DATE = Field("prior_letter_date", "date", "Date of your earlier letter")
PRIOR_REFERENCE = Field("prior_reference", "text", "Reference of your earlier letter", required=False)

EXAMPLE_ITEMS = [
    {"furnisher": "Acme Collections LLC", "account": "XXXX4321",
     "what_is_wrong": "The report shows a collection account with a balance of $1,240.",
     "why": "I never had an account with Acme or with the original creditor named. I did not sign up for it.",
     "action": "delete", "correct_to": ""},
    {"furnisher": "First Example Bank", "account": "XXXX9876",
     "what_is_wrong": "The account shows a 60-day late payment in March 2025.",
     "why": "I paid on time; my bank statement shows the payment cleared on 2 March 2025.",
     "action": "correct", "correct_to": "Paid as agreed for March 2025"},
]
