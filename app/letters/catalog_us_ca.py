"""California letters (CCPA as amended by the CPRA). Text: templates/letters/us-ca/<slug>.en.html.

Legal source: /work/shared/reference/legal-rules.md §4.
"""

from app.letters.fields import Field, LetterKind

# Shown to the user, never printed in the letter: the CCPA's credit-reporting carve-out.
_FCRA_NOTE = (
    "Not for errors in a credit report: the CCPA does not apply to credit-file information to the "
    "extent the Fair Credit Reporting Act regulates it (Civ. Code §1798.145(d)). For those, use "
    "the FCRA dispute letters. The CCPA reaches other data, such as marketing, online-tracking "
    "or identity-verification data."
)

_CUSTOMER_NUMBER = Field("customer_number", "text", "Customer or account number they use for you",
                         required=False)
_EXCLUDE_FCRA = Field(
    "exclude_fcra_data", "bool", "The business is a credit bureau, lender or collector",
    required=False,
    help="If ticked, the letter says you know FCRA-regulated credit-file data is exempt "
    "(Civ. Code §1798.145(d)) and asks about everything else. " + _FCRA_NOTE,
)

_CORRECT_ITEMS = Field(
    "items", "items", "The information to correct",
    item_fields=(
        Field("information", "text", "Which information (e.g. address, date of birth, phone)"),
        Field("currently_says", "text", "What it says now", required=False),
        Field("should_say", "text", "What it should say"),
        Field("evidence", "text", "Document that shows the correct information", required=False),
    ),
    help="One entry per wrong piece of information.",
)

CA_KINDS: tuple[LetterKind, ...] = (
    LetterKind(
        id="us-ca.ccpa-know",
        procedure_id="us-ca.ccpa.know",
        title="California: what personal information do you hold about me? (CCPA)",
        jurisdiction="us-ca",
        languages=("en",),
        purpose="California residents: ask a business what personal information it collected "
        "about you, where it came from and whom it went to. " + _FCRA_NOTE,
        fields=(
            _CUSTOMER_NUMBER,
            Field("beyond_12_months", "bool", "Include data older than 12 months (back to 1 January 2022)",
                  required=False,
                  help="By default the answer covers the 12 months before your request "
                  "(Civ. Code §1798.130(a)(2)(B))."),
            _EXCLUDE_FCRA,
        ),
        example={"customer_number": "CUST-204518", "beyond_12_months": True, "exclude_fcra_data": True},
        recipient_kinds=("controller", "credit-agency"),
    ),
    LetterKind(
        id="us-ca.ccpa-delete",
        procedure_id="us-ca.ccpa.delete",
        title="California: delete my personal information (CCPA)",
        jurisdiction="us-ca",
        languages=("en",),
        purpose="California residents: ask a business to delete personal information it collected "
        "from you. " + _FCRA_NOTE,
        fields=(
            _CUSTOMER_NUMBER,
            Field("specific_data", "longtext", "Delete only this information", required=False,
                  help="Leave empty to ask for deletion of everything they collected from you."),
            _EXCLUDE_FCRA,
        ),
        example={"customer_number": "CUST-204518",
                 "specific_data": "My browsing and device data, and the marketing profile you built "
                 "from it.", "exclude_fcra_data": True},
        recipient_kinds=("controller", "credit-agency"),
    ),
    LetterKind(
        id="us-ca.ccpa-correct",
        procedure_id="us-ca.ccpa.correct",
        title="California: correct my personal information (CCPA)",
        jurisdiction="us-ca",
        languages=("en",),
        purpose="California residents: ask a business to correct wrong personal information. "
        + _FCRA_NOTE,
        fields=(_CUSTOMER_NUMBER, _CORRECT_ITEMS, _EXCLUDE_FCRA),
        example={"customer_number": "CUST-204518", "items": [
            {"information": "Phone number", "currently_says": "(559) 555-0199",
             "should_say": "(217) 555-0100", "evidence": "Phone bill dated 1 October 2026"},
            {"information": "Date of birth", "currently_says": "15 June 1958", "should_say": "15 June 1985",
             "evidence": ""},
        ], "exclude_fcra_data": False},
        recipient_kinds=("controller", "credit-agency"),
        suggested_enclosures=("Copy of my phone bill dated 1 October 2026",),
    ),
)
