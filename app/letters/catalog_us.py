"""US letters (FCRA, Regulation V, CFPB). Text: templates/letters/us/<slug>.en.html."""

from app.letters.catalog import DISPUTED_ITEMS, EXAMPLE_ITEMS, Field, LetterKind, register

register(
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
            Field("after_annual_report", "bool", "This dispute follows a free annual report", required=False,
                  help="If yes, the bureau has 45 days instead of 30 (FCRA §612(a)(3))."),
        ),
        example={"items": EXAMPLE_ITEMS, "report_date": "2026-10-20", "report_number": "1234-5678",
                 "after_annual_report": False},
        recipient_kinds=("cra",),
        suggested_enclosures=("Copy of my driver's license", "Copy of a utility bill showing my address",
                              "Copy of the credit report page with the disputed items marked",
                              "Bank statement showing the March 2025 payment"),
        needs_full_id=True,
    ),
)
