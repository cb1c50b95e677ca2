"""Legal words explained in one plain sentence each, where they appear (issue 13).

NAMES are the words as a page shows them; TERMS the plain sentence (aimed at a reading age of
about 12: tests/test_glossary.py measures it with textstat). Both are UI messages: app/i18n_extract.py
reads these two dicts, and app/locale/es.po translates them. Templates use the `term` macro of
templates/_glossary.html; /words lists every term.
"""

NAMES: dict[str, str] = {
    "furnisher": "Furnisher",
    "credit-bureau": "Credit bureau",
    "reinvestigation": "Reinvestigation",
    "dofd": "Date of first delinquency",
    "method-of-verification": "Method of verification",
    "frivolous": "Frivolous",
    "fcra-611": "§611 (FCRA section 611)",
    "fcra-609": "§609 (FCRA section 609)",
    "fcra-623": "§623 (FCRA section 623)",
    "charge-off": "Charge-off",
    "hard-inquiry": "Hard inquiry",
    "controller": "Data controller",
    "access-request": "Subject access request",
    "rectification": "Rectification",
    "erasure": "Erasure",
    "soft-inquiry": "Soft inquiry",
    "original-creditor": "Original creditor",
    "removal-date": "Date of removal",
}

TERMS: dict[str, str] = {
    "furnisher": "The company that tells a credit bureau about your account, like a bank or a debt collector.",
    "credit-bureau": "A company that keeps a file on how you pay your bills and sells it to lenders.",
    "reinvestigation": "The check a credit bureau must do when you say something in your file is wrong.",
    "dofd": "The day you first fell behind on a bill and never caught up; old debts drop off your report seven years later.",
    "method-of-verification": "How the credit bureau checked your dispute; you can ask them to tell you.",
    "frivolous": "A word a credit bureau uses when it says your dispute is too vague to check; it must tell you why within five days.",
    "fcra-611": "The part of the US credit law that says a credit bureau must check what you say is wrong, most often within 30 days.",
    "fcra-609": "The part of the US credit law that lets you get a copy of everything in your credit file.",
    "fcra-623": "The part of the US credit law that says the company that reports your account must send correct facts.",
    "charge-off": "When a lender gives up on getting paid and writes the debt off in its books; you may still owe it.",
    "hard-inquiry": "A mark left on your report when a lender looks at it because you asked for credit.",
    "controller": "The company that decides what to do with your personal data and must answer your requests.",
    "access-request": "A letter that asks a company for a copy of all the personal data it holds about you.",
    "rectification": "Asking a company to fix personal data about you that is wrong.",
    "erasure": "Asking a company to delete personal data about you.",
    "soft-inquiry": "A look at your report when you did not apply for credit, like a check by your own bank; it does not hurt your score.",
    "original-creditor": "The company you first owed the money to, before the debt was sold or sent to a collector.",
    "removal-date": "The day the credit bureau says it will take the item off your report.",
}

# Where each word applies. Report fields ("<section>.<field>", app/reports/fields.py) and letter
# facts (by name, app/letters/catalog*.py) -> the words explained beside their label.
REPORT_FIELDS: dict[str, tuple[str, ...]] = {
    "report.bureau": ("credit-bureau",),
    "account.furnisher": ("furnisher",),
    "account.first_delinquency": ("dofd",),
    "account.charge_off_amount": ("charge-off",),
    "account.original_creditor": ("original-creditor",),
    "account.removal_date": ("removal-date",),
    "inquiry.kind": ("hard-inquiry", "soft-inquiry"),
    "public-record.removal_date": ("removal-date",),
}
LETTER_FIELDS: dict[str, tuple[str, ...]] = {
    "furnisher": ("furnisher",),
    "original_creditor": ("original-creditor",),
    "bureau": ("credit-bureau",),
    "report_bureau": ("credit-bureau",),
    "credit_reference_agency": ("credit-bureau",),
}
# The words a letter's procedure uses, by its id without the country ("fcra.dispute-cra" for
# "us.fcra.dispute-cra"): the letter form explains them before the person fills it in.
PROCEDURES: dict[str, tuple[str, ...]] = {
    "fcra.dispute-cra": ("reinvestigation", "fcra-611", "furnisher", "frivolous"),
    "fcra.dispute-furnisher": ("furnisher", "fcra-623"),
    "fcra.method-of-verification": ("method-of-verification", "reinvestigation"),
    "fcra.annual-report": ("fcra-609", "credit-bureau"),
    "fcra.specialty-report": ("fcra-609", "credit-bureau"),
    "fdcpa.validation": ("original-creditor",),
    "fdcpa.collection-dispute": ("original-creditor",),
    "gdpr.access": ("controller", "access-request"),
    "gdpr.rectification": ("controller", "rectification"),
    "gdpr.erasure": ("controller", "erasure"),
    "gdpr.objection": ("controller",),
    "gdpr.restriction": ("controller",),
    "gdpr.automated-decision": ("controller",),
}


def for_procedure(procedure_id: str) -> tuple[str, ...]:
    """The glossary keys a letter under this procedure uses (none for an unknown one)."""
    _country, _dot, rest = (procedure_id or "").partition(".")
    return PROCEDURES.get(rest, ())
