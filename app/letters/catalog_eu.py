"""EU GDPR letters (English and German). Text: templates/letters/eu/<slug>.<lang>.html.

Sources: legal-rules.md §2 (GDPR Arts 12, 15-19, 21, 22, 77, 78(2); C-634/21; C-26/22 and C-64/22;
C-203/22). The letters leave out what those notes mark UNVERIFIED: whether the one-month clock
pauses while the controller waits for proof of identity, and the EDPB paragraph on counting.
"""

from app.letters.fields import PRIOR_LETTER_DATE, PRIOR_REFERENCE, Field, LetterKind

CUSTOMER_NUMBER = Field("customer_number", "text", "Customer or reference number they use for you", required=False)

# Art. 17(1)(a)-(f), in the same order. Shared with the UK letters (UK GDPR Art. 17(1) has the same grounds).
ERASURE_GROUNDS = ("no-longer-needed", "consent-withdrawn", "objected", "unlawful", "legal-obligation",
                   "child-online-service")
ERASURE_GROUNDS_HELP = "Choose the ground of Art. 17(1) that fits your situation; explain your facts below."

# Art. 18(1)(a)-(d), in the same order.
RESTRICTION_GROUNDS = ("accuracy-contested", "unlawful-keep-data", "needed-for-legal-claims", "objection-pending")
# Art. 18 and Art. 21(1) read the same in the GDPR and the UK GDPR: the UK letters share these fields.
RESTRICTION_FIELDS = (
    Field("grounds", "choice", "Why processing must be restricted", choices=RESTRICTION_GROUNDS,
          help="Choose the ground of Art. 18(1) that fits your situation; explain your facts below."),
    Field("data_concerned", "longtext", "Which data and which use"),
    Field("explanation", "longtext", "Your facts: why this ground applies"),
)
OBJECTION_FIELDS = (
    Field("processing", "longtext", "The processing you object to"),
    Field("particular_situation", "longtext", "Your particular situation: why it weighs against the processing",
          help="Art. 21(1) asks for grounds relating to your own situation, not general objections."),
    CUSTOMER_NUMBER,
    Field("also_erase", "bool", "Also ask for erasure once the objection succeeds (Art. 17(1)(c))",
          required=False),
    Field("restrict_meanwhile", "bool", "Ask them to restrict processing while they check (Art. 18(1)(d))",
          required=False),
)

# The requests a reminder or complaint can refer to (each has its own eu.gdpr.* procedure).
REQUEST_KINDS = ("access", "rectification", "erasure", "restriction", "objection", "automated-decision")

ITEM_FIELDS = (
    Field("data", "text", "The data as they hold it (what is wrong or missing)"),
    Field("correct", "text", "What it should say"),
    Field("evidence", "text", "How you can show it (document and date)", required=False),
)
WRONG_DATA = Field("items", "items", "The data that are wrong or incomplete", item_fields=ITEM_FIELDS,
                   help="One entry per wrong or missing piece of data.")

EXAMPLE_WRONG_DATA = [
    {"data": "Current address: Beispielweg 3, 80331 München",
     "correct": "Current address: Musterstraße 12, 10115 Berlin (since 1 March 2024)",
     "evidence": "Registration certificate (Meldebestätigung) of 4 March 2024"},
    {"data": "Instalment loan from Example Bank AG, account ending 4711, shown as open with EUR 3,200 outstanding",
     "correct": "Loan repaid in full and closed on 31 August 2025",
     "evidence": "Example Bank AG's confirmation of repayment of 5 September 2025"},
]

ID_COPY = "Copy of my identity card (number and photo blacked out except name and date of birth)"

EU_KINDS: tuple[LetterKind, ...] = (
    LetterKind(
        id="eu.access",
        procedure_id="eu.gdpr.access",
        title="Access request to a credit agency or lender (GDPR Art. 15)",
        jurisdiction="eu",
        languages=("en", "de", "fr", "es", "it"),
        purpose="Get a copy of all data held about you, where it came from, who received it, and how any score was made.",
        fields=(
            Field("customer_number", "text", "Customer or reference number they use for you", required=False),
            Field("score_concerned", "bool", "Ask specifically about credit scores and automated decisions",
                  required=False),
        ),
        example={"customer_number": "", "score_concerned": True},
        recipient_kinds=("credit-agency", "controller"),
        suggested_enclosures=(ID_COPY,),
        example_region="DE",
    ),
    LetterKind(
        id="eu.rectification",
        procedure_id="eu.gdpr.rectification",
        title="Correct wrong data (GDPR Art. 16), with restriction while checked (Art. 18) and notice to recipients (Art. 19)",
        jurisdiction="eu",
        languages=("en", "de"),
        purpose="Have wrong or incomplete data corrected, blocked while they check, and the correction passed on "
                "to everyone who received the data.",
        fields=(
            WRONG_DATA,
            CUSTOMER_NUMBER,
            Field("seen_in", "text", "Where you saw the wrong data", required=False,
                  help="For example: the copy of your data they sent on 1 October 2026."),
        ),
        example={"items": EXAMPLE_WRONG_DATA, "customer_number": "K-2231-884",
                 "seen_in": "the copy of my data you sent me on 1 October 2026"},
        recipient_kinds=("credit-agency", "controller"),
        suggested_enclosures=("Copy of my registration certificate of 4 March 2024",
                              "Copy of Example Bank AG's confirmation of repayment of 5 September 2025"),
        example_region="DE",
    ),
    LetterKind(
        id="eu.erasure",
        procedure_id="eu.gdpr.erasure",
        title="Erase data (GDPR Art. 17)",
        jurisdiction="eu",
        languages=("en", "de"),
        purpose="Have data deleted when one of the grounds in Art. 17(1) applies, for example when they are no "
                "longer needed or are kept unlawfully.",
        fields=(
            Field("grounds", "choice", "Why the data must be erased", choices=ERASURE_GROUNDS,
                  help=ERASURE_GROUNDS_HELP),
            Field("grounds_details", "longtext", "Your facts: why this ground applies"),
            Field("data_concerned", "longtext", "Which data to erase (leave empty for all data about you)",
                  required=False),
            CUSTOMER_NUMBER,
            Field("insolvency_discharge", "bool", "The data concern a discharge of remaining debts after insolvency",
                  required=False,
                  help="The Court of Justice has held that a private credit agency may not keep this longer than "
                       "the public insolvency register does (C-26/22 and C-64/22)."),
            Field("discharge_date", "date", "Date the discharge was granted", required=False),
            Field("register_removed_on", "date", "Date the public insolvency register stopped showing it",
                  required=False, help="Leave empty if you do not know."),
        ),
        example={
            "grounds": "unlawful",
            "grounds_details": "Your file still shows that I was granted a discharge of my remaining debts. "
                               "The public insolvency register no longer shows this information.",
            "data_concerned": "The entry on the discharge of my remaining debts (Amtsgericht Charlottenburg, "
                              "case 36k IN 1234/19), the underlying insolvency entries, and every score value "
                              "calculated with them.",
            "customer_number": "K-2231-884",
            "insolvency_discharge": True,
            "discharge_date": "2025-03-14",
            "register_removed_on": "2025-09-16",
        },
        recipient_kinds=("credit-agency", "controller"),
        suggested_enclosures=("Copy of the court's decision granting the discharge of 14 March 2025",),
        example_region="DE",
    ),
    LetterKind(
        id="eu.restriction",
        procedure_id="eu.gdpr.restriction",
        title="Restrict processing (GDPR Art. 18)",
        jurisdiction="eu",
        languages=("en", "de"),
        purpose="Have data blocked (kept but not used or passed on), for example while their accuracy is checked.",
        fields=(
            *RESTRICTION_FIELDS,
            Field("earlier_request_date", "date", "Date of your related earlier request (correction or objection)",
                  required=False),
            CUSTOMER_NUMBER,
        ),
        example={
            "grounds": "accuracy-contested",
            "data_concerned": "The entry reported by Example Telecom GmbH on 12 May 2026 that a claim of EUR 412 "
                              "against me is overdue, and every score value calculated with it.",
            "explanation": "I do not owe this amount. I cancelled the contract on 31 January 2026 and Example "
                           "Telecom GmbH confirmed in writing on 20 February 2026 that my account is settled.",
            "earlier_request_date": "2026-10-15",
            "customer_number": "K-2231-884",
        },
        recipient_kinds=("credit-agency", "controller"),
        suggested_enclosures=("Copy of Example Telecom GmbH's letter of 20 February 2026",),
        example_region="DE",
    ),
    LetterKind(
        id="eu.objection",
        procedure_id="eu.gdpr.objection",
        title="Object to processing (GDPR Art. 21(1))",
        jurisdiction="eu",
        languages=("en", "de"),
        purpose="Object to processing based on legitimate interests, such as credit scoring, because of your "
                "particular situation.",
        fields=OBJECTION_FIELDS,
        example={
            "processing": "Storing the entry on my former account with Example Versand GmbH (settled in 2022) "
                          "and using it to calculate score values that you pass to lenders and landlords.",
            "particular_situation": "The entry concerns EUR 180 that I withheld in 2021 during a dispute about a "
                                    "wrong invoice and paid in full once the dispute was settled. I am now "
                                    "looking for a flat in Berlin for myself and my two children. Every landlord "
                                    "asks for a report from you, and this entry has already led to two refusals.",
            "customer_number": "K-2231-884",
            "also_erase": True,
            "restrict_meanwhile": True,
        },
        recipient_kinds=("credit-agency", "controller"),
        suggested_enclosures=("Copy of Example Versand GmbH's confirmation of payment",),
        example_region="DE",
    ),
    LetterKind(
        id="eu.automated-decision",
        procedure_id="eu.gdpr.automated-decision",
        title="Contest an automated decision or credit score (GDPR Art. 22(3))",
        jurisdiction="eu",
        languages=("en", "de"),
        purpose="Ask for a person to review a decision made by a computer, such as a refusal based on a credit "
                "score, give your view and contest it.",
        fields=(
            Field("decision", "longtext", "What was decided",
                  help="For example: my application for a loan of EUR 8,000 was refused."),
            Field("decision_date", "date", "Date of the decision"),
            Field("decision_maker", "text", "Who made the decision (company name)"),
            Field("recipient_role", "choice", "Who you are writing to", choices=("decision-maker", "credit-agency"),
                  help="The company that made the decision (for example the bank), or the credit agency "
                       "whose score the company used."),
            Field("score_provider", "text", "Credit agency whose score was used, if known", required=False),
            Field("application_reference", "text", "Application or case number", required=False),
            Field("point_of_view", "longtext", "Your point of view: why the decision is wrong", required=False),
        ),
        example={
            "decision": "My application for a consumer loan of EUR 8,000 was refused. The refusal letter says "
                        "only that my creditworthiness was insufficient.",
            "decision_date": "2026-10-20",
            "decision_maker": "Example Bank AG",
            "recipient_role": "credit-agency",
            "score_provider": "",
            "application_reference": "KA-2026-77812",
            "point_of_view": "I have been in permanent employment for eight years, my net income is EUR 3,400 a "
                             "month, and I have never missed a payment. The only negative entry I know of is "
                             "a disputed telephone bill that has since been settled.",
        },
        recipient_kinds=("credit-agency", "controller"),
        suggested_enclosures=("Copy of Example Bank AG's refusal letter of 20 October 2026",),
        example_region="DE",
    ),
    LetterKind(
        id="eu.reminder",
        # The reminder chases the original request, so the same GDPR procedure and clock apply; the
        # example chases an access request.
        procedure_id="eu.gdpr.access",
        title="Reminder after the one-month deadline (GDPR Art. 12(3))",
        jurisdiction="eu",
        languages=("en", "de"),
        purpose="Remind a company that did not answer your GDPR request in time, before you complain.",
        fields=(
            Field("prior_kind", "choice", "What you asked for in your earlier letter", choices=REQUEST_KINDS),
            PRIOR_LETTER_DATE,
            PRIOR_REFERENCE,
            Field("received_on", "date", "Date they received it, if you know (delivery receipt)", required=False),
            Field("reply_so_far", "choice", "What you have received so far", choices=("nothing", "acknowledgment",
                                                                                    "incomplete-answer")),
            Field("missing", "longtext", "What is still missing (if they answered in part)", required=False),
            Field("extension_claimed", "bool", "They told you they were extending the deadline", required=False),
        ),
        example={"prior_kind": "access", "prior_letter_date": "2026-09-14", "prior_reference": "RC-2026-0001-00",
                 "received_on": "2026-09-16", "reply_so_far": "incomplete-answer",
                 "missing": "You sent a list of my stored data, but no information on recipients, sources, "
                            "storage periods or how my score was calculated.",
                 "extension_claimed": False},
        recipient_kinds=("credit-agency", "controller"),
        suggested_enclosures=("Copy of my letter of 14 September 2026", "Proof of delivery of 16 September 2026"),
        example_region="DE",
    ),
    LetterKind(
        id="eu.complaint",
        procedure_id="eu.gdpr.complaint",
        title="Complaint to the data protection authority (GDPR Art. 77)",
        jurisdiction="eu",
        languages=("en", "de"),
        purpose="Complain to the data protection authority that a company did not respect your GDPR rights.",
        fields=(
            Field("controller_name", "text", "The company you complain about"),
            Field("controller_address", "text", "Its address", required=False),
            Field("request_kind", "choice", "What you asked the company for", choices=REQUEST_KINDS),
            Field("request_date", "date", "Date of your request"),
            Field("request_reference", "text", "Reference of your request", required=False),
            Field("reminder_date", "date", "Date of your reminder, if you sent one", required=False),
            Field("what_happened", "longtext", "What happened",
                  help="What the company answered, or that it did not answer; what is still missing."),
            Field("further_requests", "longtext", "Anything else you ask the authority to do", required=False),
        ),
        example={
            "controller_name": "Example Auskunftei GmbH",
            "controller_address": "Beispielallee 1, 65189 Wiesbaden",
            "request_kind": "access",
            "request_date": "2026-09-14",
            "request_reference": "RC-2026-0001-00",
            "reminder_date": "2026-10-19",
            "what_happened": "The company received my request on 16 September 2026. On 2 October 2026 it sent a "
                             "list of my stored data, but no information on recipients, sources, storage periods "
                             "or how my score was calculated. It did not answer my reminder.",
            "further_requests": "Please also check whether the company may pass my score to landlords.",
        },
        recipient_kinds=("regulator",),
        suggested_enclosures=("Copy of my request of 14 September 2026 and proof of delivery",
                              "Copy of the company's answer of 2 October 2026",
                              "Copy of my reminder of 19 October 2026"),
        example_region="DE",
    ),
)

