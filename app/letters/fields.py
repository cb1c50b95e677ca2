"""What every letter kind is made of, shared by the per-jurisdiction catalogs: the Field and
LetterKind shapes, the sending methods and requested actions, and the fields and example items
several kinds use. The catalogs (catalog_<jurisdiction>.py) import from here, and
app/letters/catalog.py builds the one index from their lists, the way app/rules/procedures.py does.
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
    suggested_enclosures: tuple[str, ...] = ()
    # Identity numbers are masked to the last 4 unless the recipient needs the full number to
    # find the file (bureaus matching a consumer file do; a furnisher has the account number).
    needs_full_id: bool = False
    # Some letters are text to paste into a portal, not mail (e.g. a CFPB complaint narrative).
    is_portal_text: bool = False
    example_region: str | None = None
    # Per letter language: {"de": {"facts": {...}, "enclosures": [...]}}, so an example letter in
    # German tells its facts in German too. Missing keys fall back to `example`.
    example_by_lang: dict[str, dict] = field(default_factory=dict)
    # A fact that names the addressee when no directory entry fits (a court, a local department):
    # the letter is addressed to it by name, and to `<fact>_address` if given.
    addressee_fact: str = ""
    version: str = "1"

    @property
    def slug(self) -> str:
        return self.id.split(".", 1)[1] if "." in self.id else self.id

    def template_name(self, lang: str) -> str:
        return f"letters/{self.jurisdiction}/{self.slug}.{lang}.html"


# ---- shared field definitions ----------------------------------------------------------------

ITEM_FIELDS = (
    Field("furnisher", "text", "Company reporting the item (creditor or collector)"),
    Field("account", "text", "Account number (last 4 is enough)", required=False),
    Field("what_is_wrong", "longtext", "What is wrong"),
    Field("why", "longtext", "Why it is wrong (your facts)"),
    Field("action", "choice", "What must change", choices=ACTIONS),
    Field("correct_to", "text", "Correct it to (only when the action is 'correct')", required=False),
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
