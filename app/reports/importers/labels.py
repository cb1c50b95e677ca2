"""The words credit reports use, as data: section headings, field labels and their synonyms.

One vocabulary for every reader (pasted text, PDFs, 3-bureau HTML, scans). The labels come from
the bureaus' own 2024 annual reports (Equifax, Experian, TransUnion; see
shared/reference/report-layouts.md), the IdentityIQ / MyScoreIQ 3-bureau pages, and the words
legal-aid tools and people use when they copy one account out of a report ("Date Account Opened",
"Delinquent Since", "Scheduled to remain on file until", "Reported by").

Labels are written in lower case with single spaces; `label_key()` turns a label as printed into
that form. Nothing here is code that decides: the readers look words up.
"""

from __future__ import annotations

import re

# Section headings (whole line, lower case, trailing colon dropped): regex, section, inquiry kind.
HEADINGS: list[tuple[str, str, str | None]] = [
    (r"(\d+\.\s*)?(personal|consumer|identifying) (information|info|details|data)"
     r"|identification|personal profile", "personal", None),
    (r"(hard|regular|credit) inquiries|requests? (for|viewed by others).*", "inquiry", "hard"),
    (r"(soft|promotional|account review) inquiries|requests viewed only by you.*", "inquiry",
     "soft"),
    (r"(\d+\.\s*)?inquiries|inquiry information", "inquiry", "hard"),
    (r"(\d+\.\s*)?public (records?|information)( information)?|bankruptc(y|ies)|judgments",
     "public-record", None),
    (r"(\d+\.\s*)?((credit |all )?accounts?( information| history| details)?|tradelines?"
     r"|(adverse|negative|potentially negative|satisfactory|closed|open|revolving|installment"
     r"|mortgage|other) accounts|accounts with adverse information|collections?( accounts)?)",
     "account", None),
]  # fmt: skip

# A line on its own that says the next lines are one account, and what kind (None: unknown).
# People copying one account out of a report start with these.
ACCOUNT_MARKERS: dict[str, str | None] = {
    "collection account": "collection", "collection": "collection",
    "account in collection": "collection", "medical collection": "medical collection",
    "charge-off account": None, "charged off account": None, "charge off account": None,
    "potentially negative": None, "potentially negative account": None, "negative account": None,
    "negative item": None, "adverse account": None, "derogatory account": None,
    "account in good standing": None, "satisfactory account": None, "open account": None,
    "closed account": None, "revolving account": None, "installment account": None,
    "mortgage account": None,
}  # fmt: skip

# Titles inside one account's block (Experian's "Account Info", Equifax's "Contact"): skipped,
# never taken for a company name. After a contact title, the lines are the company's address.
SUBHEADINGS = frozenset({
    "account info", "account details", "account history", "summary", "balance histories",
    "historical info", "additional info", "payment history guide", "contact info", "contact",
    "contact information", "creditor contact", "scheduled payment", "actual payment",
})  # fmt: skip
CONTACT_HEADINGS = frozenset({"contact info", "contact", "contact information", "creditor contact"})
PHONE = re.compile(r"^\(?\d{3}\)?[\s.-]*\d{3}[\s.-]*\d{4}$")

# Field labels per section. The keys are model field names (app/reports/model.py), except
# "reported_by" (which bureau reports this account), read by the text reader itself.
FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "account": {
        "furnisher": ("account name", "creditor", "creditor name", "company", "company name",
                      "furnisher", "collection agency", "collector", "lender", "name",
                      "name of creditor", "subscriber name", "creditor/collector",
                      "current creditor", "collection company", "debt collector"),
        "account_number": ("account number", "account #", "account no", "acct #",
                           "acct number", "acct no", "account", "account no.", "acct. #",
                           "account number(s)", "partial account number"),
        "account_type": ("account type", "type", "loan type", "type of account",
                         "account type - detail", "account type detail", "kind of account"),
        "responsibility": ("responsibility", "ownership", "account ownership", "owner",
                           "payment responsibility", "bureau code", "ecoa",
                           "account designator code", "whose account"),
        "status": ("account status", "status", "pay status", "payment status", "condition",
                   "current status", "account condition", "current rating"),
        "opened": ("date opened", "opened", "open date", "opened on", "date account opened",
                   "date placed for collection", "placed for collection", "date assigned",
                   "opened date", "account opened"),
        "closed": ("date closed", "closed", "closed date", "closed on", "account closed"),
        "last_payment": ("date of last payment", "last payment", "last payment date",
                         "last payment made", "date last paid", "last paid"),
        "first_delinquency": ("date of first delinquency", "first delinquency", "dofd",
                              "date of 1st delinquency", "date of first delinquency (dofd)",
                              "delinquent since", "delinquency date", "date of delinquency",
                              "original delinquency date", "first date of delinquency",
                              "date first delinquent", "first delinquent"),
        "reported": ("date reported", "last reported", "date updated", "balance updated",
                     "reported", "last updated", "status updated", "as of", "balance date",
                     "status date", "reported on", "date of status"),
        "balance": ("balance", "current balance", "balance owed", "amount owed",
                    "recent balance", "reported balance", "amount", "balance amount",
                    "unpaid balance", "amount due", "current amount owed"),
        "credit_limit": ("credit limit", "limit", "credit line"),
        "high_balance": ("high balance", "high credit", "highest balance", "original amount",
                         "original balance", "original amount owed", "original loan amount"),
        "past_due": ("past due", "amount past due", "past due amount", "amount overdue"),
        "payment_history": ("payment history", "payment status history", "24-month history",
                            "two-year payment history"),
        "remarks": ("remarks", "remark", "comments", "comment", "creditor remarks",
                    "special comment", "notes"),
        "original_creditor": ("original creditor", "original creditor name",
                              "creditor of origin", "original lender"),
        "removal_date": ("estimated date of removal", "on record until", "removal date",
                         "scheduled to be removed", "estimated removal date",
                         "scheduled to remain on file until", "remains on file until",
                         "on file until", "scheduled to continue on record until",
                         "estimated month and year this item will be removed",
                         "expected removal date", "will be removed"),
        "contact_address": ("address", "creditor address", "contact address",
                              "mailing address", "company address", "furnisher address"),
        "contact_phone": ("phone", "phone number", "telephone", "telephone number",
                            "contact phone", "creditor phone"),
        "reported_by": ("reported by", "bureau", "credit bureau", "reporting bureau",
                        "reported to", "bureaus", "reporting to", "source bureau"),
    },
    "inquiry": {
        "who": ("inquirer", "company", "company name", "creditor", "creditor name", "name",
                "requested by", "inquiry by", "subscriber", "inquiring company"),
        "on": ("date", "inquiry date", "date of inquiry", "date of request", "requested on",
               "inquired on", "inquiry date(s)", "date(s)"),
        "kind": ("type", "inquiry type", "kind"),
    },
    "public-record": {
        "kind": ("type", "record type", "public record type", "kind"),
        "court": ("court", "court name", "filed in"),
        "reference": ("reference number", "docket number", "case number", "reference", "docket"),
        "filed": ("date filed", "filed", "filing date", "filed on"),
        "resolved": ("date resolved", "resolved", "date discharged", "discharged",
                     "date satisfied", "satisfied"),
        "status": ("status",),
        "amount": ("amount", "liability", "liabilities", "liability amount"),
        "removal_date": ("estimated date of removal", "on record until", "removal date",
                         "estimated removal date", "scheduled to remain on file until"),
    },
    "personal": {
        "name": ("name", "full name", "also known as", "aka", "other names", "name variation",
                 "name variations", "names", "name reported", "formerly known as", "former",
                 "former name"),
        "address": ("address", "current address", "previous address", "former address",
                    "other address", "addresses", "other addresses", "previous addresses",
                    "current address(es)", "previous address(es)"),
        "employer": ("employer", "employers", "employment", "employer name",
                     "employment history"),
        "ssn": ("social security number", "ssn", "ssn variation", "social security numbers",
                "social security number variations"),
        "birth-date": ("date of birth", "year of birth", "dob", "birth date",
                       "age or date of birth"),
        "phone": ("phone", "telephone", "phone number", "telephone number", "phone numbers"),
        "reported": ("reported", "date reported", "first reported", "last reported"),
    },
}  # fmt: skip

# Labels the reports print that we know but do not keep (payment amounts, terms, scores...).
# They are listed as unread with a plain reason, and never taken for a company name.
KNOWN_UNUSED: dict[str, tuple[str, ...]] = {
    "account": ("monthly payment", "scheduled payment amount", "actual payment amount",
                "terms", "terms frequency", "term duration", "no. of months (terms)",
                "months reviewed", "activity designator", "creditor classification",
                "deferred payment start date", "charge off amount", "balloon payment date",
                "balloon payment amount", "date of last activity", "date last active",
                "delinquency first reported", "available credit", "recent payment",
                "payment received", "date paid", "high balance (hist.)",
                "credit limit (hist.)", "amount written off", "written off"),
    "inquiry": ("type of business", "location", "phone", "permissible purpose",
                "request originator", "description", "credit bureau"),
    "public-record": (),
    "personal": ("occupation", "date verified", "credit score", "lender rank", "score scale"),
}  # fmt: skip

# The report's own details.
REPORT: dict[str, tuple[str, ...]] = {
    "bureau": ("bureau", "credit bureau", "report from", "consumer reporting agency",
               "reporting agency"),
    "pulled": ("report date", "date of report", "date pulled", "date generated",
               "report generated", "prepared on", "report prepared on", "date of this report",
               "credit report date", "date created"),
    "obtained": ("obtained", "how obtained", "obtained from", "obtained through", "source"),
    "country": ("country", "country of the report"),
}  # fmt: skip

# Labels too common as words to be taken as labels without a colon after them ("Account charged
# off" is a status sentence, not an account number). With a colon, or alone on a line, they count.
NEED_COLON = frozenset({
    "account", "name", "type", "company", "amount", "reported", "date", "opened", "closed",
    "limit", "owner", "condition", "kind", "collector", "lender", "creditor", "notes", "comment",
    "bureau", "bureaus", "source", "obtained", "as of", "filed", "resolved", "satisfied",
    "discharged", "docket", "reference", "court", "liability", "liabilities", "former", "aka",
    "names", "dob", "will be removed", "last paid", "furnisher", "subscriber", "inquirer",
    "status date", "date(s)",
})  # fmt: skip

# A line that continues an address ("SAMPLETON, OH 43000", "PO BOX 1000").
ADDRESS_LINE = re.compile(
    r"\b[A-Z]{2},?\s+\d{5}(-\d{4})?\b|^(P\.?\s*O\.?\s*BOX|\d+\s+\w)", re.IGNORECASE
)

# How people write the three US bureaus' names (lower case, spaces removed) -> the name we store.
BUREAUS: dict[str, str] = {
    "equifax": "Equifax", "eqf": "Equifax", "efx": "Equifax",
    "experian": "Experian", "exp": "Experian", "xpn": "Experian",
    "transunion": "TransUnion", "tuc": "TransUnion", "tu": "TransUnion",
}  # fmt: skip

# Words in a line that make it a public record, for a name line in that section.
PUBLIC_RECORD_WORDS = re.compile(r"bankrupt|judgment|judgement|lien|chapter|foreclos|court", re.I)


def label_key(label: str) -> str:
    """A label as printed -> its lookup form: lower case, single spaces, no trailing dot or colon."""
    return " ".join(label.lower().replace("_", " ").split()).strip(" .:")


def field_for(section: str, label: str) -> str | None:
    """The field a label names in a section, or None."""
    key = label_key(label)
    return next((name for name, labels in FIELDS[section].items() if key in labels), None)


def report_field(label: str) -> str | None:
    key = label_key(label)
    return next((name for name, labels in REPORT.items() if key in labels), None)


def is_unused(section: str, label: str) -> bool:
    return label_key(label) in KNOWN_UNUSED[section]


# The end of the street part of a one-line US address ("... PKWY", "PO BOX 1000", "STE 100"):
# the city, state and ZIP code follow. Used to split "PO BOX 1000 SAMPLETON, OH 43000" in two.
_STREET_END = re.compile(
    r"\b(?:(?:P\.?\s*O\.?\s*)?BOX|STE|SUITE|APT|UNIT|FLOOR|FL|DEPT)\s+[\w-]+"
    r"|\b(?:ST|STREET|AVE|AVENUE|RD|ROAD|BLVD|DR|DRIVE|LN|LANE|WAY|PKWY|PARKWAY|PLZ|PLAZA|CT"
    r"|COURT|HWY|HIGHWAY|CIR|PL|PLACE|SQ|TER|TRL|CTR|CENTER|LOOP|PIKE|ROW)\b\.?",
    re.IGNORECASE,
)
_CITY_STATE_ZIP = re.compile(r"^[A-Za-z][A-Za-z .'-]*,?\s+[A-Z]{2}\s+\d{5}(-\d{4})?$")


def address_lines(text: str) -> tuple[str, ...]:
    """A one-line address split into street and "CITY, ST 12345" where that is clear; else the
    line as it is."""
    text = " ".join(text.split()).strip(" ,")
    for m in _STREET_END.finditer(text):  # the first cut that leaves a city, state and ZIP
        if _CITY_STATE_ZIP.match(rest := text[m.end():].strip(" ,")):
            return (text[: m.end()].strip(" ,"), rest)
    return (text,) if text else ()


def bureau_named(line: str) -> str | None:
    """A US bureau's full name anywhere in a line ("EXPERIAN CREDIT REPORT", "TransUnion.com")."""
    squashed = line.lower().replace(" ", "")
    return next((BUREAUS[b] for b in ("equifax", "experian", "transunion") if b in squashed), None)


def bureaus_in(text: str) -> list[str]:
    """The US bureaus named in a value ("Experian, TransUnion", "EQ/TU"), in order, no repeats."""
    words = re.split(r"[^a-z]+", text.lower().replace("trans union", "transunion"))
    found = [BUREAUS[w] for w in words if w in BUREAUS]
    return list(dict.fromkeys(found))
