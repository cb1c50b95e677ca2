"""More UK letters: the complaint to the organisation (DPA 2018 s.164A), the complaint to a firm
under FCA DISP and its referral to the Financial Ombudsman Service, and the safeguards for
automated decisions (UK GDPR Arts 22A-22D). Text: templates/letters/uk/<slug>.en.html.

Sources: legal-rules.md §3 (s.164A from 19 June 2026; DISP 1.6.2R: 8 weeks, then 6 months to refer;
Arts 22A-22D in force 5 February 2026, details UNVERIFIED) and legal-rules-addresses.md §1(d).
The Art 22C safeguards are named from a copy of DUAA 2025 s.80 (legislation.gov.uk) and law-firm
summaries; the purpose text says so.
"""

from app.letters.catalog_uk import UK_REQUEST_KINDS
from app.letters.fields import Field, LetterKind

UK_MORE_KINDS: tuple[LetterKind, ...] = (
    LetterKind(
        id="uk.dpa-complaint",
        procedure_id="uk.dpa.complaint",
        title="Complaint to the organisation about your data (Data Protection Act 2018 s.164A)",
        jurisdiction="uk",
        languages=("en",),
        purpose="From 19 June 2026, complain to the organisation itself before you go to the ICO: it must "
                "acknowledge your complaint within 30 days and deal with it without undue delay.",
        fields=(
            Field("request_kind", "choice", "What you asked the organisation for", choices=UK_REQUEST_KINDS),
            Field("request_date", "date", "Date of your request"),
            Field("request_reference", "text", "Reference of your request", required=False),
            Field("what_went_wrong", "longtext", "What went wrong",
                  help="No answer, a late answer, or what is missing or wrong in its answer."),
            Field("remedy", "longtext", "What you want the organisation to do"),
        ),
        example={"request_kind": "access", "request_date": "2026-07-01", "request_reference": "RC-2026-0003-00",
                 "what_went_wrong": "You received my request on 3 July 2026. You sent a summary of my credit "
                 "file on 20 August 2026, but no copy of the other data you hold, no list of recipients and "
                 "no information on where the data came from.",
                 "remedy": "Send me everything Article 15 UK GDPR requires, and explain why you took more than "
                 "a month."},
        recipient_kinds=("cra", "controller"),
        suggested_enclosures=("Copy of my request of 1 July 2026 and proof of delivery",),
        example_region="ENG",
    ),
    LetterKind(
        id="uk.firm-complaint",
        procedure_id="uk.fca.complaint",
        title="Complaint to a lender or credit reference agency (FCA DISP 1.6.2R)",
        jurisdiction="uk",
        languages=("en",),
        purpose="Complain to a firm the FCA regulates (lenders, and Experian, Equifax and TransUnion): it must "
                "send a final response within 8 weeks. Then you can go to the Financial Ombudsman Service.",
        fields=(
            Field("account_reference", "text", "Your account or customer number", required=False),
            Field("what_happened", "longtext", "What happened"),
            Field("harm", "longtext", "How it affected you", required=False,
                  help="For example: a refused mortgage, higher interest, stress, time spent."),
            Field("remedy", "longtext", "What you want the firm to do"),
        ),
        example={"account_reference": "5521",
                 "what_happened": "You registered a default on my account ending 5521 on 14 February 2025, "
                 "although I had settled the account in full on 30 January 2025 and you confirmed a nil "
                 "balance in your letter of 3 February 2025.",
                 "harm": "I was refused a mortgage in October 2026 because of the default.",
                 "remedy": "Remove the default from my credit file at every credit reference agency and pay "
                 "me compensation for the distress and inconvenience."},
        recipient_kinds=("creditor", "cra"),
        suggested_enclosures=("Copy of your letter of 3 February 2025",),
        example_region="ENG",
    ),
    LetterKind(
        id="uk.fos-referral",
        procedure_id="uk.fos.referral",
        title="Refer a complaint to the Financial Ombudsman Service",
        jurisdiction="uk",
        languages=("en",),
        purpose="When a firm's final response does not put things right, or 8 weeks passed without one, ask "
                "the Financial Ombudsman Service to decide. Refer within 6 months of the final response. You "
                "can also do this online or by phone.",
        fields=(
            Field("firm", "text", "The firm you complain about"),
            Field("firm_reference", "text", "The firm's complaint reference", required=False),
            Field("complaint_received_on", "date", "Date the firm received your complaint",
                  help="8 weeks after this you may refer even without a final response (DISP 1.6.2R)."),
            Field("final_response_date", "date", "Date of the firm's final response, if it sent one",
                  required=False, help="You must refer within 6 months of it."),
            Field("what_happened", "longtext", "What happened"),
            Field("remedy", "longtext", "What you want the firm to do"),
        ),
        example={"firm": "Example Finance Ltd", "firm_reference": "CMP-448120",
                 "complaint_received_on": "2026-08-03", "final_response_date": "2026-09-25",
                 "what_happened": "Example Finance Ltd registered a default on my account ending 5521 although "
                 "I had settled the account before the default date. In its final response it refused to remove "
                 "the default.",
                 "remedy": "Remove the default from my credit file and pay compensation for the refused mortgage "
                 "and the distress."},
        recipient_kinds=("regulator",),
        enclosure_options=("correspondence",),
        example_region="ENG",
    ),
    LetterKind(
        id="uk.automated-decision",
        procedure_id="uk.gdpr.automated-decision",
        title="A decision made by computer: information, representations, human review (UK GDPR Arts 22A-22D)",
        jurisdiction="uk",
        languages=("en",),
        purpose="For a significant decision made about you by automated means alone (for example a refused "
                "loan): ask for information about it, make your case, ask for a person to look at it again, and "
                "contest it. The details of these new rules (in force 5 February 2026) are not yet confirmed in "
                "our reference notes: check with an advocate.",
        fields=(
            Field("decision", "longtext", "What was decided"),
            Field("decision_date", "date", "Date of the decision"),
            Field("application_reference", "text", "Application or account number", required=False),
            Field("representations", "longtext", "Your case: why the decision is wrong", required=False),
        ),
        example={"decision": "Your online system refused my application for a personal loan of GBP 6,000 within "
                             "a minute of my applying, without any person looking at it.",
                 "decision_date": "2026-10-20", "application_reference": "PL-2026-99812",
                 "representations": "I have been employed full time for six years, I have never missed a "
                                    "payment, and my credit file shows no defaults."},
        recipient_kinds=("creditor", "cra", "controller"),
        suggested_enclosures=("Copy of the refusal email of 20 October 2026",),
        example_region="ENG",
    ),
)
