"""UK letters (English): UK GDPR and DPA 2018 rights, Consumer Credit Act 1974 s.159 credit file
corrections, and complaints to the ICO. Text: templates/letters/uk/<slug>.en.html.

Sources: legal-rules.md §3 and legal-rules-addresses.md §1(d), §3. The letters leave out what those
notes mark UNVERIFIED: the current wording of CCA s.159 (the letters describe its steps and do not
quote it), the details of UK GDPR Arts 22A-22D, and what DPA 2018 s.13 provides beyond its heading
("obligations of credit reference agencies").
"""

from app.letters.catalog_eu import (
    CUSTOMER_NUMBER,
    ERASURE_GROUNDS,
    ERASURE_GROUNDS_HELP,
    OBJECTION_FIELDS,
    RESTRICTION_FIELDS,
)
from app.letters.fields import Field, LetterKind

IS_CRA = Field("credit_reference_agency", "bool", "The recipient is a credit reference agency (Experian, Equifax, "
               "TransUnion or another)", required=False)

ITEM_FIELDS = (
    Field("data", "text", "The data as they hold it (what is wrong or missing)"),
    Field("correct", "text", "What it should say"),
    Field("evidence", "text", "How you can show it (document and date)", required=False),
)

ID_COPY = "Copy of my driving licence (number blacked out except the last four characters)"
ADDRESS_PROOF = "Copy of a recent utility bill showing my address"

_RIGHTS: tuple[LetterKind, ...] = (
    LetterKind(
        id="uk.access",
        procedure_id="uk.gdpr.access",
        title="Subject access request (UK GDPR Art. 15)",
        jurisdiction="uk",
        languages=("en",),
        purpose="Get a copy of all data an organisation, such as a credit reference agency, holds about you.",
        fields=(
            CUSTOMER_NUMBER,
            IS_CRA,
        ),
        example={"customer_number": "", "credit_reference_agency": True},
        recipient_kinds=("cra", "controller"),
        suggested_enclosures=(ID_COPY, ADDRESS_PROOF),
        example_region="ENG",
    ),
    LetterKind(
        id="uk.rectification",
        procedure_id="uk.gdpr.rectification",
        title="Correct wrong data (UK GDPR Art. 16)",
        jurisdiction="uk",
        languages=("en",),
        purpose="Have wrong or incomplete personal data corrected, and the correction passed on to those who "
                "received the data.",
        fields=(
            Field("items", "items", "The data that are wrong or incomplete", item_fields=ITEM_FIELDS,
                  help="One entry per wrong or missing piece of data."),
            CUSTOMER_NUMBER,
            IS_CRA,
        ),
        example={
            "items": [
                {"data": "Electoral roll: not registered at 12 Example Road, Manchester M1 1AA",
                 "correct": "Registered at 12 Example Road, Manchester M1 1AA since January 2024",
                 "evidence": "Manchester City Council's confirmation of 8 January 2024"},
                {"data": "Financial association with Alex Sample",
                 "correct": "No financial association: we never had a joint account or joint credit",
                 "evidence": ""},
            ],
            "customer_number": "",
            "credit_reference_agency": True,
        },
        recipient_kinds=("cra", "controller"),
        suggested_enclosures=("Copy of Manchester City Council's confirmation of 8 January 2024",),
        example_region="ENG",
    ),
    LetterKind(
        id="uk.erasure",
        procedure_id="uk.gdpr.erasure",
        title="Erase data (UK GDPR Art. 17)",
        jurisdiction="uk",
        languages=("en",),
        purpose="Have data deleted when one of the grounds in Art. 17(1) applies, for example when they are no "
                "longer needed or are held unlawfully.",
        fields=(
            Field("grounds", "choice", "Why the data must be erased", choices=ERASURE_GROUNDS,
                  help=ERASURE_GROUNDS_HELP),
            Field("grounds_details", "longtext", "Your facts: why this ground applies"),
            Field("data_concerned", "longtext", "Which data to erase (leave empty for all data about you)",
                  required=False),
            CUSTOMER_NUMBER,
        ),
        example={
            "grounds": "no-longer-needed",
            "grounds_details": "I closed my account with you on 30 June 2019 and have had no dealings with you "
                               "since. You have no continuing purpose for holding my contact details or my "
                               "transaction history.",
            "data_concerned": "My contact details, my account history and any marketing profile you hold "
                              "about me.",
            "customer_number": "CUST-448120",
        },
        recipient_kinds=("controller",),
        example_region="ENG",
    ),
    LetterKind(
        id="uk.objection",
        procedure_id="uk.gdpr.objection",
        title="Object to processing (UK GDPR Art. 21(1))",
        jurisdiction="uk",
        languages=("en",),
        purpose="Object to processing based on legitimate interests, such as profiling, because of your "
                "particular situation.",
        fields=OBJECTION_FIELDS,
        example={
            "processing": "Sharing the record of my former mobile phone account (closed in 2022) with "
                          "tenant-referencing companies and using it to profile me.",
            "particular_situation": "The account was closed after a billing dispute that Example Mobile Ltd "
                                    "resolved in my favour. I am a carer for my mother and need to move closer "
                                    "to her; two letting agents have already turned me down after a reference "
                                    "check.",
            "customer_number": "",
            "also_erase": True,
            "restrict_meanwhile": True,
        },
        recipient_kinds=("cra", "controller"),
        suggested_enclosures=("Copy of Example Mobile Ltd's letter resolving the dispute",),
        example_region="ENG",
    ),
    LetterKind(
        id="uk.cca-correction",
        procedure_id="uk.cca.correction",
        title="Notice of an incorrect credit file entry (Consumer Credit Act 1974 s.159)",
        jurisdiction="uk",
        languages=("en",),
        purpose="Tell a credit reference agency that an entry in your file is wrong and likely to harm you, and "
                "require it to remove or amend the entry.",
        fields=(
            Field("entry", "text", "The entry (lender, account, what it shows)"),
            Field("why_wrong", "longtext", "Why it is wrong (your facts)"),
            Field("action", "choice", "What the agency must do", choices=("remove", "amend")),
            Field("correct_to", "text", "What it should say instead (only when amending)", required=False),
            Field("prejudice", "longtext", "How the entry is likely to harm you", required=False,
                  help="For example: you are about to apply for a mortgage or a tenancy."),
            Field("file_date", "date", "Date of the copy of your credit file that shows the entry", required=False),
            Field("file_reference", "text", "Reference of that copy", required=False),
        ),
        example={
            "entry": "Example Finance Ltd, account ending 5521: default registered on 14 February 2025, "
                     "GBP 1,950 outstanding",
            "why_wrong": "I settled this account in full on 30 January 2025, before the default date. Example "
                         "Finance Ltd confirmed a nil balance in its letter of 3 February 2025.",
            "action": "remove",
            "correct_to": "",
            "prejudice": "I am applying for a mortgage in December 2026. A default is likely to lead lenders to "
                         "refuse me or to charge a higher rate.",
            "file_date": "2026-10-12",
            "file_reference": "SAR-2026-118834",
        },
        recipient_kinds=("cra",),
        suggested_enclosures=("Copy of Example Finance Ltd's letter of 3 February 2025",
                              "Copy of the credit file page showing the entry"),
        example_region="ENG",
    ),
    LetterKind(
        id="uk.cca-notice-of-correction",
        # uk.cca.notice-of-correction is the registry's procedure for this step: the agency's 28 days
        # to confirm it will add the notice (uk.cca.correction times the agency's reply to the first notice).
        procedure_id="uk.cca.notice-of-correction",
        title="Notice of correction of up to 200 words for your credit file (Consumer Credit Act 1974 s.159(3))",
        jurisdiction="uk",
        languages=("en",),
        purpose="After the agency's reply (or silence) to your s.159 notice, require it to add your own statement "
                "of up to 200 words to the entry.",
        fields=(
            Field("entry", "text", "The entry the notice concerns (lender, account, what it shows)"),
            Field("original_notice_date", "date", "Date of your earlier s.159 notice to the agency"),
            Field("agency_reply", "choice", "What the agency did", choices=("no-reply", "no-action", "amended"),
                  help="If it removed the entry, no notice of correction is needed."),
            Field("agency_reply_date", "date", "Date of the agency's reply", required=False),
            Field("notice_text", "longtext", "Your notice of correction", max_words=200,
                  help="Written in the first person, factual, about the entry only. Lenders will read it."),
        ),
        example={
            "entry": "Example Finance Ltd, account ending 5521: default registered on 14 February 2025",
            "original_notice_date": "2026-09-14",
            "agency_reply": "no-action",
            "agency_reply_date": "2026-10-06",
            "notice_text": "I dispute the default recorded by Example Finance Ltd on account ending 5521 on "
                           "14 February 2025. I settled this account in full on 30 January 2025, before the "
                           "default date, and Example Finance Ltd confirmed a nil balance in writing on "
                           "3 February 2025. The default should not have been registered. I have asked the "
                           "lender to remove it. I ask anyone reading this file to take this into account and "
                           "to contact me if they need a copy of the settlement letter. Sam Example",
        },
        recipient_kinds=("cra",),
        suggested_enclosures=("Copy of my notice of 14 September 2026", "Copy of the agency's reply of 6 October 2026"),
        example_region="ENG",
    ),
    LetterKind(
        id="uk.ico-complaint",
        procedure_id="uk.ico.complaint",
        title="Complaint to the Information Commissioner's Office",
        jurisdiction="uk",
        languages=("en",),
        purpose="Complain to the ICO when an organisation did not deal properly with your data protection "
                "request, after you complained to the organisation first.",
        fields=(
            Field("organisation", "text", "The organisation you complain about"),
            Field("organisation_address", "text", "Its address", required=False),
            Field("request_kind", "choice", "What you asked the organisation for",
                  choices=("access", "rectification", "erasure", "restriction", "objection")),
            Field("request_date", "date", "Date of your request"),
            Field("request_reference", "text", "Reference of your request", required=False),
            Field("what_happened", "longtext", "What happened",
                  help="What the organisation answered, or that it did not answer; what is still missing."),
            Field("controller_complaint_date", "date", "Date you complained to the organisation itself",
                  help="From 19 June 2026 you must generally complain to the organisation first (DPA 2018 s.164A)."),
            Field("controller_response", "choice", "What the organisation did with your complaint",
                  choices=("none", "acknowledged-only", "outcome-received")),
            Field("controller_response_date", "date", "Date of its acknowledgment or outcome", required=False),
            Field("outcome_sought", "longtext", "Anything else you ask the ICO to do", required=False),
        ),
        example={
            "organisation": "Example Credit Data Ltd",
            "organisation_address": "PO Box 0000, Nottingham NG1 1AA",
            "request_kind": "access",
            "request_date": "2026-07-01",
            "request_reference": "RC-2026-0003-00",
            "what_happened": "The organisation received my request on 3 July 2026. It sent a summary of my "
                             "credit file on 20 August 2026, but no copy of the other data it holds, no list of "
                             "recipients and no information on where the data came from.",
            "controller_complaint_date": "2026-09-01",
            "controller_response": "acknowledged-only",
            "controller_response_date": "2026-09-10",
            "outcome_sought": "Please also tell the organisation to explain why it took more than a month.",
        },
        recipient_kinds=("regulator",),
        suggested_enclosures=("Copy of my request of 1 July 2026 and proof of delivery",
                              "Copy of the organisation's reply of 20 August 2026",
                              "Copy of my complaint to the organisation of 1 September 2026 and its acknowledgment"),
        example_region="ENG",
    ),
)

UK_REQUEST_KINDS = ("access", "rectification", "erasure", "restriction", "objection")

UK_KINDS: tuple[LetterKind, ...] = (
    *_RIGHTS,
    LetterKind(
        id="uk.restriction",
        procedure_id="uk.gdpr.restriction",
        title="Restrict processing (UK GDPR Art. 18)",
        jurisdiction="uk",
        languages=("en",),
        purpose="Have data kept but not used or passed on, for example while a credit reference agency checks "
                "whether an entry is correct.",
        fields=(
            *RESTRICTION_FIELDS,
            CUSTOMER_NUMBER,
        ),
        example={
            "grounds": "accuracy-contested",
            "data_concerned": "The default registered by Example Finance Ltd on 14 February 2025 (account ending "
                              "5521), and every credit score calculated with it.",
            "explanation": "I settled this account in full on 30 January 2025, before the default date. Example "
                           "Finance Ltd confirmed a nil balance in its letter of 3 February 2025.",
            "customer_number": "",
        },
        recipient_kinds=("cra", "controller"),
        suggested_enclosures=("Copy of Example Finance Ltd's letter of 3 February 2025",),
        example_region="ENG",
    ),
    LetterKind(
        id="uk.reminder",
        # The reminder chases the original request: the same UK GDPR clock applies (the example chases
        # an access request).
        procedure_id="uk.gdpr.access",
        title="Reminder after the one-month deadline (UK GDPR Art. 12(3))",
        jurisdiction="uk",
        languages=("en",),
        purpose="Remind an organisation that did not answer your UK GDPR request in time, before you complain.",
        fields=(
            Field("prior_kind", "choice", "What you asked for in your earlier letter", choices=UK_REQUEST_KINDS),
            Field("prior_letter_date", "date", "Date of your earlier letter"),
            Field("prior_reference", "text", "Reference of your earlier letter", required=False),
            Field("received_on", "date", "Date they received it, if you know (delivery receipt)", required=False),
            Field("reply_so_far", "choice", "What you have received so far",
                  choices=("nothing", "acknowledgment", "incomplete-answer")),
            Field("missing", "longtext", "What is still missing (if they answered in part)", required=False),
        ),
        example={"prior_kind": "access", "prior_letter_date": "2026-09-14", "prior_reference": "RC-2026-0001-00",
                 "received_on": "2026-09-16", "reply_so_far": "nothing", "missing": ""},
        recipient_kinds=("cra", "controller"),
        suggested_enclosures=("Copy of my letter of 14 September 2026", "Proof of delivery of 16 September 2026"),
        example_region="ENG",
    ),
)
