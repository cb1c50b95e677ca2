"""EU GDPR letters (English and German). Text: templates/letters/eu/<slug>.<lang>.html."""

from app.letters.catalog import Field, LetterKind, register

register(
    LetterKind(
        id="eu.access",
        procedure_id="eu.gdpr.access",
        title="Access request to a credit agency or lender (GDPR Art. 15)",
        jurisdiction="eu",
        languages=("en", "de"),
        purpose="Get a copy of all data held about you, where it came from, who received it, and how any score was made.",
        fields=(
            Field("customer_number", "text", "Customer or reference number they use for you", required=False),
            Field("score_concerned", "bool", "Ask specifically about credit scores and automated decisions",
                  required=False),
        ),
        example={"customer_number": "", "score_concerned": True},
        recipient_kinds=("credit-agency", "controller"),
        suggested_enclosures=("Copy of my identity card (number and photo blacked out except name and date of birth)",),
        example_region="DE",
    ),
)
