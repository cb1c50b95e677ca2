"""US letters to debt collectors (FDCPA, Regulation F) and to a lender that turned you down
(ECOA, Regulation B). Text: templates/letters/us/<slug>.en.html.

Like every letter they hold only what the person gave (app/letters/enclosures.py): the form offers
the papers each may carry to tick, and none needs the full Social Security number (a collector or
lender finds the account by its number), so `needs_full_id` stays off.

Sources: app/rules/procedures_us_debt.py (15 U.S.C. 1692c(c), 1692e(8), 1692g; 12 CFR 1006.34,
1006.38; 15 U.S.C. 1691(d); 12 CFR 1002.9). These rules are not yet in legal-rules.md, so each
kind's purpose says "check with an advocate".
"""

from app.letters.fields import Field, LetterKind

_CHECK = " These rules are not yet in our reference notes: check with an advocate if you can."
_COLLECTOR_REF = Field("collector_reference", "text", "The collector's reference or account number",
                       required=False, help="As printed on its letter, or on your credit report.")
_CREDITOR = Field("creditor", "text", "Creditor the collector names (current creditor)", required=False)
_ORIGINAL = Field("original_creditor", "text", "Original creditor, if you know it", required=False)
_AMOUNT = Field("amount_claimed", "money", "Amount the collector says you owe", required=False)

_COLLECTION_ITEM = (
    Field("account", "text", "Account number on the report (last 4 is enough)", required=False),
    Field("what_is_wrong", "longtext", "What the report shows"),
    Field("why", "longtext", "Why it is wrong (your facts)"),
    Field("action", "choice", "What must change", choices=("delete", "correct", "mark-disputed")),
    Field("correct_to", "text", "What it should say (when it must be corrected)", required=False),
)

DEBT_KINDS: tuple[LetterKind, ...] = (
    LetterKind(
        id="us.debt-validation",
        procedure_id="us.fdcpa.validation",
        title="Dispute a debt and ask the collector for proof (FDCPA §1692g(b))",
        jurisdiction="us",
        languages=("en",),
        purpose="Within the validation period printed on the collector's notice (30 days after you got "
        "it), dispute the debt in writing and ask for verification and the original creditor: the "
        "collector must stop collecting until it mails you verification." + _CHECK,
        fields=(
            _COLLECTOR_REF, _CREDITOR, _ORIGINAL, _AMOUNT,
            Field("notice_received_on", "date", "Date you received the collector's validation notice",
                  required=False, help="The validation period is 30 days after you received it."),
            Field("validation_period_ends", "date", "End date of the validation period printed on the notice",
                  required=False, help="Regulation F makes the collector print this date on the notice "
                  "(12 CFR 1006.34(c)(3)). If you have it, we use it."),
            Field("dispute_reason", "longtext", "Why you dispute it (optional)", required=False,
                  help="You do not have to give a reason. If you do, say only what you know."),
            Field("not_mine", "bool", "I do not recognise this debt", required=False),
            Field("reported_to_bureaus", "bool", "The collector reports this debt on my credit report",
                  required=False, help="The letter then reminds it that a disputed debt must be reported as "
                  "disputed (15 U.S.C. 1692e(8))."),
        ),
        example={"collector_reference": "MC-7781204", "creditor": "Example Funding LLC",
                 "original_creditor": "", "amount_claimed": "1240.00", "notice_received_on": "2026-10-20",
                 "validation_period_ends": "2026-11-23",
                 "dispute_reason": "I do not recognise this account and have no record of owing Example "
                 "Funding LLC or any earlier creditor.", "not_mine": True, "reported_to_bureaus": True},
        recipient_kinds=("collector",),
        enclosure_options=("collector-letter",),
    ),
    LetterKind(
        id="us.debt-cease",
        procedure_id="us.fdcpa.cease",
        title="Tell a debt collector to stop contacting you (FDCPA §1692c(c))",
        jurisdiction="us",
        languages=("en",),
        purpose="Tell a debt collector in writing to stop contacting you about a debt. It does not erase "
        "the debt, and a collector told to stop may decide to sue: if the debt is recent, talk to an "
        "advocate first." + _CHECK,
        fields=(
            _COLLECTOR_REF, _CREDITOR,
            Field("refuse_to_pay", "bool", "Also say that I refuse to pay this debt", required=False,
                  help="Either statement stops contact (15 U.S.C. 1692c(c)). Leave it unticked if you may "
                  "want to settle."),
            Field("dispute_too", "bool", "Also say that I dispute the debt", required=False),
        ),
        example={"collector_reference": "MC-7781204", "creditor": "Example Funding LLC",
                 "refuse_to_pay": False, "dispute_too": True},
        recipient_kinds=("collector",),
    ),
    LetterKind(
        id="us.collection-dispute",
        procedure_id="us.fdcpa.collection-dispute",
        title="Dispute a collection account on your credit report with the collector (FCRA §623(a)(8); FDCPA §1692e(8))",
        jurisdiction="us",
        languages=("en",),
        purpose="The collector that put a collection account on your report must investigate your dispute "
        "within 30 days and report the debt as disputed. Send a bureau dispute too: you can enforce "
        "that one in court.",
        fields=(
            Field("items", "items", "The collection accounts you dispute", item_fields=_COLLECTION_ITEM,
                  help="One entry per collection account this collector reports."),
            _ORIGINAL,
            Field("report_bureau", "text", "Credit bureau whose report shows it", required=False),
            Field("report_date", "date", "Date of that report", required=False),
            Field("within_validation_period", "bool", "I am still within the validation period on the "
                  "collector's notice", required=False,
                  help="Then this letter is also a §1692g(b) dispute: the collector must stop collecting "
                  "until it mails you verification."),
            Field("self_prepared", "bool", "I wrote and am sending this dispute myself", required=False,
                  help="A company need not answer disputes sent by a credit repair organization "
                  "(§623(a)(8)(G))."),
        ),
        example={"items": [{"account": "XXXX4321",
                            "what_is_wrong": "A collection account with a balance of $1,240, opened in May 2025.",
                            "why": "I never had an account with you or with the original creditor named. I "
                            "did not sign up for it.", "action": "delete", "correct_to": ""}],
                 "original_creditor": "Example Card Services", "report_bureau": "Equifax",
                 "report_date": "2026-10-20", "within_validation_period": False, "self_prepared": True},
        recipient_kinds=("collector", "furnisher"),
        enclosure_options=("report-page", "collector-letter"),
    ),
    LetterKind(
        id="us.ecoa-reasons",
        procedure_id="us.ecoa.reasons",
        title="Ask a lender why it turned you down (ECOA; Regulation B §1002.9)",
        jurisdiction="us",
        languages=("en",),
        purpose="If a lender's denial notice does not give the reasons, ask for them within 60 days of the "
        "notice: the lender must send the specific reasons within 30 days. Ask the bureau named in the "
        "notice for your free report too (FCRA §612(b))." + _CHECK,
        fields=(
            Field("notice_received_on", "date", "Date of the lender's denial notice",
                  help="You must ask within 60 days of it (12 CFR 1002.9(a)(2)(ii))."),
            Field("application", "text", "What you applied for",
                  help="For example: a credit card, a car loan of $18,000."),
            Field("application_date", "date", "Date you applied", required=False),
            Field("application_reference", "text", "Application or account number", required=False),
            Field("score_given", "bool", "The notice mentioned a credit score or a credit report",
                  required=False, help="The letter then also asks for the score and the key factors the FCRA "
                  "requires in that notice (§615(a))."),
        ),
        example={"notice_received_on": "2026-10-12", "application": "An auto loan of $18,000",
                 "application_date": "2026-10-05", "application_reference": "APP-2026-55817",
                 "score_given": True},
        recipient_kinds=("creditor",),
        enclosure_options=("adverse-notice",),
    ),
)
