"""US letters (FCRA, Regulation V, CFPB). Text: templates/letters/us/<slug>.en.html.

Legal source: /work/shared/reference/legal-rules.md §1 and legal-rules-addresses.md §1.
"""

from app.letters.fields import (
    DISPUTED_ITEMS,
    EXAMPLE_ITEMS,
    PRIOR_LETTER_DATE,
    PRIOR_REFERENCE,
    Field,
    LetterKind,
)

# ---- shared pieces ---------------------------------------------------------------------------

# What the letter form offers to tick as "I will enclose this myself" (app/letters/enclosures.py).
_PROOF = ("id", "address")
_THEFT_PROOF = ("id", "address", "itr", "police")

_TRUNCATE_SSN = Field(
    "truncate_ssn", "bool", "Leave the first 5 digits of my SSN off the report", required=False,
    help="You may ask the bureau to leave off the first 5 digits of your Social Security number "
    "(FCRA §609(a)(1)).",
)
_ITR_NUMBER = Field("itr_number", "text", "Identity theft report number", required=False,
                    help="The number of your FTC (IdentityTheft.gov) or police report. Attach the report "
                    "itself to the letter, or tick that you will enclose a copy.")
_ITR_AGENCY = Field("itr_agency", "text", "Where you filed the identity theft report", required=False,
                    help="For example: Federal Trade Commission (IdentityTheft.gov), or your local police.")
_ITR_DATE = Field("itr_date", "date", "Date of the identity theft report", required=False)
# §612(a)(3) gives 45 days only to a dispute made after the §612(a) annual disclosure; the free
# weekly reports are a voluntary practice of the bureaus, not law (legal-rules.md §1.1).
_ANNUAL_REPORT_HELP = (
    "Tick this only if the report you dispute is the free yearly report the law gives you from each "
    "bureau (FCRA §612(a)), ordered at annualcreditreport.com, by phone (1-877-322-8228) or with the "
    "mail form. The bureau then has 45 days instead of 30 (§612(a)(3)). The free weekly reports the "
    "bureaus also offer are their own voluntary practice, not that law: after one of those the bureau "
    "has the normal 30 days."
)
_ALERT_PHONE = Field(
    "alert_phone", "text", "Phone number lenders should call to check it is you", required=False,
    help="The letter asks the bureau to put this number in the alert.",
)

_VERIFIED_ITEMS = Field(
    "items", "items", "The items the bureau says it verified",
    item_fields=(
        Field("furnisher", "text", "Company reporting the item"),
        Field("account", "text", "Account number (last 4 is enough)", required=False),
        Field("result", "text", "What the results letter says about it", required=False),
    ),
    help="One entry per item that stayed on your report after the dispute.",
)
_THEFT_ITEMS = Field(
    "items", "items", "The items that come from the identity theft",
    item_fields=(
        Field("furnisher", "text", "Company reporting the item"),
        Field("account", "text", "Account number (last 4 is enough)", required=False),
        Field("description", "longtext", "What the item is (account, balance, inquiry, address)"),
    ),
    help="One entry per item on your report that is not yours.",
)
_STATEMENT_ITEMS = Field(
    "items", "items", "The items your statement is about",
    item_fields=(
        Field("furnisher", "text", "Company reporting the item"),
        Field("account", "text", "Account number (last 4 is enough)", required=False),
    ),
)
# Items of an earlier round the recipient already deleted or corrected: the follow-up names them
# as resolved and asks nothing more about them.
RESOLVED_ITEMS = Field(
    "resolved", "items", "Items already resolved (the letter only says they were resolved)", required=False,
    item_fields=(
        Field("furnisher", "text", "Company reporting the item"),
        Field("account", "text", "Account number (last 4 is enough)", required=False),
        Field("outcome", "choice", "What they did", choices=("deleted", "corrected")),
    ),
    help="Filled in from the answer you recorded. Leave empty if nothing was resolved.",
)
_EVENTS = Field(
    "events", "items", "What happened, in order",
    item_fields=(
        Field("date", "date", "Date"),
        Field("what_happened", "longtext", "What happened"),
    ),
    help="One short entry per step: your letters, their answers (or none), what changed. Do not "
    "include your full Social Security number or full account numbers.",
)

# ---- the kinds -------------------------------------------------------------------------------

US_KINDS: tuple[LetterKind, ...] = (
    LetterKind(
        id="us.dispute-cra",
        procedure_id="us.fcra.dispute-cra",
        title="Dispute with a credit bureau (FCRA §611)",
        jurisdiction="us",
        languages=("en",),
        purpose="Ask a credit bureau to investigate and fix or delete wrong items on your report.",
        fields=(
            DISPUTED_ITEMS,
            Field("report_date", "date", "Date of the report you are disputing", required=False),
            Field("report_number", "text", "Report or confirmation number", required=False),
            Field("after_annual_report", "bool", "This dispute follows my free annual report (FCRA §612(a))",
                  required=False, help=_ANNUAL_REPORT_HELP),
        ),
        example={"items": EXAMPLE_ITEMS, "report_date": "2026-10-20", "report_number": "1234-5678",
                 "after_annual_report": False},
        recipient_kinds=("cra",),
        suggested_enclosures=("Bank statement showing the March 2025 payment",),
        enclosure_options=(*_PROOF, "report-page"),
        needs_full_id=True,
    ),
    LetterKind(
        id="us.annual-report-request",
        procedure_id="us.fcra.annual-report",
        title="Free annual credit reports by mail (FCRA §612(a))",
        jurisdiction="us",
        languages=("en",),
        purpose="Ask for your free yearly reports from Equifax, Experian and TransUnion by mail, "
        "through the central request service (Annual Credit Report Request Service, P.O. Box "
        "105281, Atlanta, GA 30348-5281). Online (annualcreditreport.com) or by phone "
        "(1-877-322-8228) is faster.",
        fields=(_TRUNCATE_SSN,),
        example={"truncate_ssn": True},
        recipient_kinds=("central-source",),
        # The central source uses a standard request form (Regulation V, Appendix L, at
        # annualcreditreport.com): the person ticks it when they fill it in and send it.
        enclosure_options=("request-form",),
        needs_full_id=True,
    ),
    LetterKind(
        id="us.specialty-report-request",
        procedure_id="us.fcra.specialty-report",
        title="Free annual report from a specialty bureau (FCRA §612(a); 12 CFR 1022.137)",
        jurisdiction="us",
        languages=("en",),
        purpose="Ask a tenant-screening, check-writing, medical, employment or insurance-claims "
        "reporting company for your free yearly file.",
        fields=(
            Field("specialty", "choice", "What the company reports on", required=False,
                  choices=("tenant-history", "check-writing", "medical", "employment", "insurance-claims"),
                  help="Used only to describe the company in the letter."),
            Field("file_number", "text", "File or reference number the company gave you", required=False),
            _TRUNCATE_SSN,
        ),
        example={"specialty": "tenant-history", "file_number": "TS-448812", "truncate_ssn": False},
        recipient_kinds=("specialty-cra",),
        enclosure_options=_PROOF,
        needs_full_id=True,
    ),
    LetterKind(
        id="us.file-disclosure",
        # No separate file-disclosure procedure exists; the annual-report procedure is the closest.
        # The template does not claim its 15-day period, which binds only the annual report.
        procedure_id="us.fcra.annual-report",
        title="Full file disclosure and credit score (FCRA §609(a), §609(f))",
        jurisdiction="us",
        languages=("en",),
        purpose="Ask one credit bureau directly for everything in your file, who saw it, and "
        "(optionally) your credit score. For the free yearly reports from the three big "
        "bureaus, use the annual report request instead.",
        fields=(
            Field("basis", "choice", "Why the report should be free (or that you will pay)",
                  choices=("adverse-action", "fraud-alert", "unemployed", "public-assistance",
                           "fraud-inaccuracy", "paid"),
                  help="Turned down: ask within 60 days of the notice (§612(b)). Fraud alert: §612(d). "
                  "Unemployed, public assistance or fraud: once a year, with your written statement "
                  "(§612(c)). Paying: the bureau may charge up to the federal cap ($16.00 in 2026, "
                  "§612(f))."),
            Field("adverse_action_date", "date", "Date you received the adverse-action notice",
                  required=False, help="Only if you were turned down. You must ask within 60 days of it."),
            Field("adverse_action_user", "text", "Who turned you down", required=False,
                  help="Only for adverse-action: the lender, landlord, employer or insurer."),
            Field("include_score", "bool", "Also ask for my credit score (§609(f))", required=False,
                  help="The bureau may charge a fair and reasonable fee for the score."),
            Field("contact_details", "bool", "Ask for the address and phone of everyone who got my report",
                  required=False),
            _TRUNCATE_SSN,
        ),
        example={"basis": "adverse-action", "adverse_action_date": "2026-10-12",
                 "adverse_action_user": "Example Auto Finance LLC", "include_score": True,
                 "contact_details": True, "truncate_ssn": True},
        recipient_kinds=("cra", "specialty-cra"),
        enclosure_options=(*_PROOF, "adverse-notice"),
        needs_full_id=True,
    ),
    LetterKind(
        id="us.dispute-furnisher",
        procedure_id="us.fcra.dispute-furnisher",
        title="Direct dispute with the company that reported an item (FCRA §623(a)(8); 12 CFR 1022.43)",
        jurisdiction="us",
        languages=("en",),
        purpose="Ask the lender or collector that reported a wrong item to investigate and correct "
        "it at every bureau. There is no lawsuit for a direct dispute, so also consider a bureau "
        "dispute.",
        fields=(
            DISPUTED_ITEMS,
            Field("report_bureau", "text", "Credit bureau whose report shows the items", required=False),
            Field("report_date", "date", "Date of that report", required=False),
            Field("address_basis", "choice", "Where you found this address", required=False,
                  choices=("address-on-report", "address-for-disputes", "business-address"),
                  help="Send it to the address on your credit report or the address the company "
                  "gave for disputes if there is one (12 CFR 1022.43(c))."),
            Field("self_prepared", "bool", "I wrote and am sending this dispute myself", required=False,
                  help="A company need not answer disputes sent by a credit repair organization "
                  "(§623(a)(8)(G)). Leave unticked if one helped you."),
        ),
        example={"items": [EXAMPLE_ITEMS[1]], "report_bureau": "Experian", "report_date": "2026-10-20",
                 "address_basis": "address-on-report", "self_prepared": True},
        recipient_kinds=("furnisher", "creditor", "collector"),
        suggested_enclosures=("Bank statement showing the March 2025 payment",),
        enclosure_options=("report-page",),
    ),
    LetterKind(
        id="us.method-of-verification",
        procedure_id="us.fcra.method-of-verification",
        title="Ask how a disputed item was verified (FCRA §611(a)(7))",
        jurisdiction="us",
        languages=("en",),
        purpose="After a bureau says it verified an item you disputed, ask how it checked and "
        "whom it contacted.",
        fields=(
            Field("results_date", "date", "Date of the bureau's results letter"),
            Field("results_reference", "text", "Confirmation or file number on the results letter",
                  required=False),
            Field("prior_letter_date", "date", "Date of your dispute letter", required=False),
            PRIOR_REFERENCE,
            _VERIFIED_ITEMS,
            RESOLVED_ITEMS,
        ),
        example={"results_date": "2026-10-15", "results_reference": "RS-555123",
                 "prior_letter_date": "2026-09-01", "prior_reference": "RC-2026-0000-01",
                 "items": [{"furnisher": "First Example Bank", "account": "XXXX9876",
                            "result": "Verified as reported: 60 days late, March 2025"}]},
        recipient_kinds=("cra",),
        enclosure_options=("results", "prior-letter"),
        needs_full_id=True,
    ),
    LetterKind(
        id="us.identity-theft-block",
        procedure_id="us.fcra.identity-theft-block",
        title="Block identity-theft items (FCRA §605B)",
        jurisdiction="us",
        languages=("en",),
        purpose="Make a credit bureau block items that came from identity theft. You need an "
        "identity theft report (IdentityTheft.gov or police) and proof of identity.",
        fields=(_THEFT_ITEMS, _ITR_NUMBER, _ITR_AGENCY, _ITR_DATE),
        example={"items": [
            {"furnisher": "Acme Collections LLC", "account": "XXXX4321",
             "description": "Collection account with a balance of $1,240, first reported in May 2025."},
            {"furnisher": "Example Card Services", "account": "XXXX5550",
             "description": "Credit card account opened on 3 June 2025, balance $2,315."},
        ], "itr_number": "123456789", "itr_agency": "the Federal Trade Commission (IdentityTheft.gov)",
            "itr_date": "2026-10-05"},
        recipient_kinds=("cra",),
        enclosure_options=(*_THEFT_PROOF, "report-page"),
        # §605B(a): the bureau must block once it has proof of identity and an identity theft report.
        requires=("itr", "id"),
        needs_full_id=True,
    ),
    LetterKind(
        id="us.identity-theft-records",
        procedure_id="us.fcra.identity-theft-records",
        title="Get a business's records about an identity theft (FCRA §609(e))",
        jurisdiction="us",
        languages=("en",),
        purpose="Ask a business that dealt with the impostor for free copies of the application "
        "and transaction records. Send it to the address the business gives for such requests.",
        fields=(
            Field("fraud_description", "longtext", "The fraudulent account or transaction",
                  help="What the impostor did with this business, in one or two sentences."),
            Field("account_number", "text", "Account number the business used", required=False,
                  help="The business may ask for it."),
            Field("transaction_date", "date", "Date of the transaction or account opening", required=False,
                  help="The business may ask for it."),
            _ITR_NUMBER,
            Field("send_copy_to", "text", "Law enforcement agency that should also get the records",
                  required=False, help="Name and address, for example the police officer on your case."),
        ),
        example={"fraud_description": "Someone opened a credit card account in my name on 3 June 2025 "
                 "using my Social Security number and an address I have never lived at.",
                 "account_number": "XXXX5550", "transaction_date": "2025-06-03", "itr_number": "123456789",
                 "send_copy_to": "Detective Example, Springfield Police Department, 800 E Monroe St, "
                 "Springfield, IL 62701"},
        recipient_kinds=("creditor", "furnisher", "collector"),
        enclosure_options=("id", "itr", "police"),
        # §609(e)(2): proof of identity and of the claim (police report, FTC affidavit), at the
        # business's election; without them it need not disclose.
        requires=("itr", "id"),
    ),
    LetterKind(
        id="us.fraud-alert-initial",
        procedure_id="us.fcra.fraud-alert",
        title="Initial fraud alert, one year (FCRA §605A(a))",
        jurisdiction="us",
        languages=("en",),
        purpose="Put a one-year fraud alert on your credit files if you suspect fraud. One bureau "
        "passes it on to the other two.",
        fields=(
            Field("reason", "longtext", "Why you suspect fraud", required=False),
            Field("free_report", "bool", "Also ask for my free credit report", required=False,
                  help="After an initial alert you may get one free report from each bureau "
                  "(§605A(a)(2))."),
            _ALERT_PHONE,
        ),
        example={"reason": "My wallet, with my driver's license and a bank card, was stolen on "
                 "25 October 2026.", "free_report": True, "alert_phone": "(217) 555-0100"},
        recipient_kinds=("cra",),
        enclosure_options=_PROOF,
        needs_full_id=True,
    ),
    LetterKind(
        id="us.fraud-alert-extended",
        procedure_id="us.fcra.fraud-alert-extended",
        title="Extended fraud alert, seven years (FCRA §605A(b))",
        jurisdiction="us",
        languages=("en",),
        purpose="Put a seven-year fraud alert on your credit files after identity theft. You need "
        "an identity theft report (IdentityTheft.gov or police).",
        fields=(
            _ITR_NUMBER, _ITR_AGENCY, _ITR_DATE,
            Field("free_reports", "bool", "Also ask for my two free credit reports", required=False,
                  help="After an extended alert you may get two free reports in 12 months from each "
                  "bureau (§605A(b)(2))."),
            _ALERT_PHONE,
        ),
        example={"itr_number": "123456789", "itr_agency": "the Federal Trade Commission (IdentityTheft.gov)",
                 "itr_date": "2026-10-05", "free_reports": True, "alert_phone": "(217) 555-0100"},
        recipient_kinds=("cra",),
        enclosure_options=_THEFT_PROOF,
        # §605A(b)(1): the extended alert is placed for a consumer "who submits an identity theft report".
        requires=("itr",),
        needs_full_id=True,
    ),
    LetterKind(
        id="us.security-freeze",
        procedure_id="us.fcra.freeze-mail",
        title="Security freeze by mail (FCRA §605A(i))",
        jurisdiction="us",
        languages=("en",),
        purpose="Freeze your file at one bureau so new lenders cannot see it. It is free. Send a "
        "separate letter to each bureau; online or by phone is faster.",
        fields=(
            Field("bureau", "choice", "Which bureau this letter is for",
                  choices=("equifax", "experian", "transunion"),
                  help="Each bureau needs its own letter, sent to that bureau's freeze address. "
                  "TransUnion's mailing address is not confirmed: check it at "
                  "transunion.com/credit-freeze before sending."),
            Field("other_bureaus", "bool", "I am also writing to the other two bureaus", required=False),
        ),
        example={"bureau": "experian", "other_bureaus": True},
        recipient_kinds=("cra",),
        enclosure_options=_PROOF,
        needs_full_id=True,
    ),
    LetterKind(
        id="us.statement-of-dispute",
        procedure_id="us.fcra.dispute-cra",
        title="Add a statement of dispute to your file (FCRA §611(b))",
        jurisdiction="us",
        languages=("en",),
        purpose="If a bureau's reinvestigation did not fix an item, add your own short statement "
        "so later readers of your report see your side.",
        fields=(
            Field("statement", "longtext", "Your statement", max_words=100,
                  help="Brief and factual. The bureau may limit it to 100 words (§611(b))."),
            _STATEMENT_ITEMS,
            Field("prior_letter_date", "date", "Date of your dispute letter", required=False),
            Field("results_date", "date", "Date of the bureau's results letter", required=False),
            Field("notify", "list", "Companies that should be sent your statement", required=False,
                  help="One per line. Only those that got your report in the last 6 months, or the "
                  "last 2 years for a job (§611(d))."),
        ),
        example={"statement": "I paid my First Example Bank account on time in March 2025. My bank "
                 "statement shows the payment cleared on 2 March 2025, before the due date. The "
                 "60-day late payment on this account is wrong.",
                 "items": [{"furnisher": "First Example Bank", "account": "XXXX9876"}],
                 "prior_letter_date": "2026-09-01", "results_date": "2026-10-15",
                 "notify": ["Example Auto Finance LLC, 1 Example Plaza, Chicago, IL 60601"]},
        recipient_kinds=("cra",),
        enclosure_options=("results",),
        needs_full_id=True,
    ),
    LetterKind(
        id="us.dispute-follow-up",
        procedure_id="us.fcra.dispute-cra",
        title="Follow-up: no answer to a credit bureau dispute (FCRA §611(a)(1), (a)(5))",
        jurisdiction="us",
        languages=("en",),
        purpose="The bureau did not send results in time: ask it to delete what it could not "
        "verify and to send written results.",
        fields=(
            PRIOR_LETTER_DATE,
            PRIOR_REFERENCE,
            Field("prior_received_date", "date", "Date the bureau received your dispute", required=False,
                  help="From the certified mail receipt or tracking."),
            DISPUTED_ITEMS,
            Field("after_annual_report", "bool", "The dispute followed my free annual report (FCRA §612(a))",
                  required=False, help=_ANNUAL_REPORT_HELP),
            RESOLVED_ITEMS,
        ),
        example={"prior_letter_date": "2026-09-01", "prior_reference": "RC-2026-0000-01",
                 "prior_received_date": "2026-09-08", "items": EXAMPLE_ITEMS, "after_annual_report": False},
        recipient_kinds=("cra",),
        enclosure_options=("prior-letter", "delivery"),
        needs_full_id=True,
    ),
    LetterKind(
        id="us.cfpb-complaint",
        procedure_id="us.cfpb.complaint",
        title="Complaint text for the CFPB portal",
        jurisdiction="us",
        languages=("en",),
        purpose="A short, factual account to paste into the complaint form at "
        "consumerfinance.gov/complaint, and a list of documents to attach. The company is "
        "expected to answer within 15 days after the CFPB sends it your complaint (the portal "
        "shows that date), not from the day you file it.",
        fields=(
            Field("company", "text", "Company you are complaining about"),
            _EVENTS,
            Field("company_conduct", "longtext", "What the company did or did not do"),
            Field("desired_resolution", "longtext", "What you want the company to do"),
        ),
        example={
            "company": "Example Credit Bureau Inc.",
            "events": [
                {"date": "2026-09-01", "what_happened": "I mailed a dispute by certified mail about two "
                 "wrong items on my credit report: a collection account from Acme Collections LLC that "
                 "is not mine, and a late payment reported by First Example Bank that I paid on time."},
                {"date": "2026-09-08", "what_happened": "The bureau received my dispute (certified mail "
                 "receipt)."},
                {"date": "2026-10-20", "what_happened": "I had received no results, so I sent a follow-up "
                 "letter."},
            ],
            "company_conduct": "The bureau did not send me the results of its reinvestigation within "
            "30 days of receiving my dispute (FCRA §611(a)(1)(A)). Both items are still on my report.",
            "desired_resolution": "Delete the Acme Collections account, correct the First Example Bank "
            "account to show no late payment in March 2025, and send me written results with a free "
            "copy of my corrected report.",
        },
        recipient_kinds=("regulator",),
        enclosure_options=("correspondence", "delivery"),
        is_portal_text=True,
    ),
)
