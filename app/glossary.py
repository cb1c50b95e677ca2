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
}
