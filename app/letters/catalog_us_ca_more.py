"""More California letters: opting out of the sale or sharing of personal information
(Civ. Code §§1798.120, 1798.135; 11 CCR §7026), limiting the use of sensitive personal information
(§1798.121; 11 CCR §7027), and the complaint text for the California Privacy Protection Agency.
Text: templates/letters/us-ca/<slug>.en.html.

These rules are not yet in legal-rules.md (§4 covers know, delete and correct), so each purpose
says "check with an advocate". For deleting data at every registered data broker at once, the
Delete Act's DROP platform is the way (procedure us-ca.delete-act.drop): it is an online form
only the person can use, so there is no letter for it.
"""

from app.letters.catalog_us_ca import _CUSTOMER_NUMBER  # noqa: PLC2701 (shared field)
from app.letters.fields import Field, LetterKind

_CHECK = " These CCPA rules are not yet in our reference notes: check with an advocate if you can."
_DROP = (" To reach every registered data broker at once, use the state's free Delete Request and Opt-out "
         "Platform (DROP) at privacy.ca.gov/data-brokers.")

CA_MORE_KINDS: tuple[LetterKind, ...] = (
    LetterKind(
        id="us-ca.ccpa-opt-out",
        procedure_id="us-ca.ccpa.opt-out",
        title="California: stop selling or sharing my personal information (CCPA)",
        jurisdiction="us-ca",
        languages=("en",),
        purpose="California residents: tell a business to stop selling or sharing your personal "
        "information. It must comply within 15 business days and may not ask you to prove who you are."
        + _DROP + _CHECK,
        fields=(
            _CUSTOMER_NUMBER,
            Field("also_limit", "bool", "Also limit the use of my sensitive personal information",
                  required=False, help="Civ. Code §1798.121: for example your Social Security number, "
                  "precise location, or health data."),
        ),
        example={"customer_number": "CUST-204518", "also_limit": True},
        recipient_kinds=("controller", "credit-agency"),
    ),
    LetterKind(
        id="us-ca.ccpa-limit",
        procedure_id="us-ca.ccpa.limit",
        title="California: limit the use of my sensitive personal information (CCPA)",
        jurisdiction="us-ca",
        languages=("en",),
        purpose="California residents: tell a business to use your sensitive personal information only as "
        "needed to give you what you asked for. It must comply within 15 business days." + _CHECK,
        fields=(
            _CUSTOMER_NUMBER,
            Field("categories", "longtext", "Which sensitive information concerns you (optional)",
                  required=False, help="For example: my precise location, my Social Security number."),
        ),
        example={"customer_number": "CUST-204518",
                 "categories": "My precise location and my Social Security number."},
        recipient_kinds=("controller", "credit-agency"),
    ),
    LetterKind(
        id="us-ca.cppa-complaint",
        procedure_id="us-ca.cppa.complaint",
        title="Complaint text for the California Privacy Protection Agency",
        jurisdiction="us-ca",
        languages=("en",),
        purpose="A short, factual account to paste into the complaint form at cppa.ca.gov when a business "
        "did not respect your CCPA rights, and the documents to attach." + _CHECK,
        fields=(
            Field("business", "text", "The business you complain about"),
            Field("request_kind", "choice", "What you asked it to do",
                  choices=("know", "delete", "correct", "opt-out", "limit")),
            Field("request_date", "date", "Date you made the request"),
            Field("what_happened", "longtext", "What the business did or did not do"),
            Field("desired_resolution", "longtext", "What you want"),
        ),
        example={"business": "Example Data Co.", "request_kind": "opt-out", "request_date": "2026-09-01",
                 "what_happened": "I asked Example Data Co. by email on 1 September 2026 to stop selling and "
                 "sharing my personal information. It did not answer, and on 20 October 2026 I still received "
                 "mail from a company that bought my details from it.",
                 "desired_resolution": "That Example Data Co. stops selling and sharing my personal information "
                 "and tells the companies it sold it to."},
        recipient_kinds=("regulator",),
        enclosure_options=("correspondence",),
        is_portal_text=True,
        choice_labels={"know": "To tell me what personal information it holds about me",
                       "delete": "To delete my personal information", "correct": "To correct my personal information",
                       "opt-out": "To stop selling or sharing my personal information",
                       "limit": "To limit its use of my sensitive personal information"},
    ),
)
