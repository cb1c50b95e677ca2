"""Form labels, help text and word lists for the fields of a credit report (see model.py).

Pure data: no web code. Keys are "<section>.<field>", where section is one of model.SECTIONS
("personal", "account", "inquiry", "public-record") or "report" for the report itself.

Every label, help text, suggestion and section title is a plain string literal on purpose:
a tool reads them straight from this file to build the translation catalogs.
The legal references are to the US Fair Credit Reporting Act (FCRA, 15 U.S.C. 1681 et seq.).
"""

from __future__ import annotations

from dataclasses import fields

from app.reports.model import ITEM_CLASSES, PERSONAL_KINDS

SECTION_TITLES: dict[str, str] = {
    "personal": "Personal information",
    "account": "Account",
    "inquiry": "Inquiry",
    "public-record": "Public record",
}

LABELS: dict[str, str] = {
    # The report itself
    "report.bureau": "Credit bureau",
    "report.pulled": "Date of the report",
    "report.obtained": "How you got the report",
    "report.country": "Country of the report",
    # Personal information
    "personal.kind": "Kind of detail",
    "personal.value": "What the report shows",
    "personal.reported": "Date reported",
    # Accounts
    "account.furnisher": "Company name",
    "account.account_number": "Account number",
    "account.account_type": "Account type",
    "account.responsibility": "Responsibility",
    "account.status": "Account status",
    "account.opened": "Date opened",
    "account.closed": "Date closed",
    "account.last_payment": "Date of last payment",
    "account.first_delinquency": "Date of first delinquency",
    "account.reported": "Date last reported",
    "account.balance": "Balance",
    "account.credit_limit": "Credit limit",
    "account.high_balance": "Highest balance",
    "account.past_due": "Amount past due",
    "account.payment_history": "Payment history",
    "account.remarks": "Remarks",
    "account.original_creditor": "Original creditor",
    "account.removal_date": "Estimated date of removal",
    "account.medical": "Medical bill",
    "account.charge_off_amount": "Amount charged off",
    "account.is_closed": "Closed",
    "account.payment_history_as_of": "Month of the latest payment code",
    "account.contact_name": "Company to write to",
    "account.contact_address": "Company's address",
    "account.contact_phone": "Company's phone",
    # Inquiries
    "inquiry.who": "Company that checked your report",
    "inquiry.on": "Date of inquiry",
    "inquiry.kind": "Hard or soft inquiry",
    "inquiry.other_dates": "Other dates of this inquiry",
    # Public records
    "public-record.kind": "Type of record",
    "public-record.court": "Court",
    "public-record.reference": "Case number",
    "public-record.filed": "Date filed",
    "public-record.resolved": "Date resolved",
    "public-record.status": "Status",
    "public-record.amount": "Amount",
    "public-record.removal_date": "Estimated date of removal",
}

HELP: dict[str, str] = {
    # The report itself
    "report.bureau": (
        "The company that made this report, such as Equifax, Experian or TransUnion. "
        "Its name and logo are at the top of the first page."
    ),
    "report.pulled": (
        'The day the report was made, often printed near the top as "Report date". '
        "It lets us compare this report with older ones (for example 2021-03-15)."
    ),
    "report.obtained": (
        "Where you got this copy, for example AnnualCreditReport.com, a copy sent by mail, "
        "or a PDF from the bureau's website. The law gives you at least one free report a year "
        "from each big bureau through AnnualCreditReport.com (FCRA §612(a))."
    ),
    "report.country": (
        "The country the report comes from. It tells us how its dates and amounts are written: "
        "03/04/2021 is 4 March in the US and 3 April in the UK and most of Europe. Leave it empty "
        "for a report from Equifax, Experian or TransUnion in the US."
    ),
    # Personal information
    "personal.kind": (
        "What sort of detail this is: a name, address, employer, Social Security number, "
        "date of birth, phone number or something else. "
        'Bureaus list these in a section called "Personal Information" or similar.'
    ),
    "personal.value": (
        "The detail exactly as the report prints it, spelling mistakes and all. "
        "A name or address that was never yours can mean your file is mixed up with someone "
        "else's or that someone used your identity, and you can dispute it with the bureau "
        "(FCRA §611)."
    ),
    "personal.reported": (
        "The date the report shows next to this detail, if there is one. "
        "A month and year is enough when that is all the report shows (for example 2021-03-15 "
        "or 03/2021)."
    ),
    # Accounts
    "account.furnisher": (
        "The name of the company that sends this account's information to the bureau, "
        "like a bank, card company or collection agency. It is usually the heading of the "
        "account on the report."
    ),
    "account.account_number": (
        "The account number as the report prints it, even if most of it is hidden "
        "(for example XXXX1234). It helps you and the company find the right account."
    ),
    "account.account_type": (
        "What kind of account this is, for example a credit card, car loan or collection. "
        'Look for "Account Type" or "Loan Type" on the report.'
    ),
    "account.responsibility": (
        "Who has to pay: just you (individual), you and someone else (joint), or someone else "
        'who only added you as an authorized user. Reports call this "Responsibility" or '
        '"Account Ownership"; an authorized user does not owe the debt.'
    ),
    "account.status": (
        "How the account stands now, for example open, paid, closed, charged off or in "
        'collection. Copy it from "Account Status" or "Status"; a wrong status, like late '
        "when you paid on time, is something you can dispute."
    ),
    "account.opened": (
        'The day the account was started, shown as "Date Opened". '
        "A month and year is enough when that is all the report shows (for example 2021-03-15 "
        "or 03/2021)."
    ),
    "account.closed": (
        'The day the account was closed, shown as "Date Closed"; leave it empty if it is '
        "still open. A month and year is enough when that is all the report shows (for example "
        "2021-03-15 or 03/2021)."
    ),
    "account.last_payment": (
        'The last time a payment was made, shown as "Date of Last Payment" or "Last Payment". '
        "A month and year is enough when that is all the report shows (for example 2021-03-15 "
        "or 03/2021). Paying later does not restart the 7-year clock for a collection or "
        "charge-off, because that clock counts from the date of first delinquency."
    ),
    "account.first_delinquency": (
        'The month you first fell behind and never caught up, shown as "Date of First '
        'Delinquency"; a month and year is enough (for example 2021-03-15 or 03/2021). '
        "The 7-year limit for collections and charge-offs counts from 180 days after this date "
        "(FCRA §605(c)(1)), and a company reporting a collection or charge-off must give this "
        "date (FCRA §623(a)(5))."
    ),
    "account.reported": (
        'The last day the company sent an update about this account, shown as "Date '
        'Reported", "Date Updated" or "Last Reported". A month and year is enough when '
        "that is all the report shows (for example 2021-03-15 or 03/2021)."
    ),
    "account.balance": (
        'How much the report says is owed right now, shown as "Balance". '
        "Write it in dollars, for example 1,240.00."
    ),
    "account.credit_limit": (
        'The most you are allowed to borrow on a card or credit line, shown as "Credit Limit". '
        "Write it in dollars, for example 1,240.00."
    ),
    "account.high_balance": (
        'The most that was ever owed on this account (or the loan amount), shown as "High '
        'Balance" or "High Credit". Write it in dollars, for example 1,240.00.'
    ),
    "account.past_due": (
        'How much of the balance is late, shown as "Past Due" or "Amount Past Due". '
        "Write it in dollars, for example 1,240.00."
    ),
    "account.payment_history": (
        "The month-by-month record of payments, most recent month first, with the codes "
        "separated by | (for example OK | OK | 30 | 60). Here 30 or 60 means that many days "
        "late; a late mark for a month you paid on time is worth disputing."
    ),
    "account.remarks": (
        'Notes the report adds to the account, found under "Remarks" or "Comments", '
        'like "Account closed by consumer"; separate several with |. '
        "After you dispute directly with the company, it must report the account as disputed "
        "(FCRA §623(a)(3))."
    ),
    "account.original_creditor": (
        "For a collection or a sold debt, the company you first owed the money to, shown as "
        '"Original Creditor". It helps you spot the same debt listed twice.'
    ),
    "account.removal_date": (
        'When the bureau plans to drop this account from your report, shown as "Estimated '
        'date of removal" or "On record until"; a month and year is enough (for example '
        "2021-03-15 or 03/2021). Most negative items may be reported for 7 years at most "
        "(FCRA §605(a))."
    ),
    "account.medical": (
        "Tick this if the debt is a medical bill, like a doctor or hospital bill. "
        "The big bureaus say they no longer show some medical collections, but that is their "
        "own policy, not the law."
    ),
    "account.charge_off_amount": (
        "How much the company wrote off as a loss when it charged the account off, shown as "
        '"Charge Off Amount" or "written off". Write it in dollars, for example 1,240.00. '
        "A charge-off does not mean the debt is gone, and the 7-year limit for it still counts "
        "from the date of first delinquency."
    ),
    "account.is_closed": (
        'Tick this if the report says the account is closed (for example "(CLOSED)" after the '
        "name), even when it gives no date closed."
    ),
    "account.payment_history_as_of": (
        "The month the first code of the payment history belongs to (the most recent month "
        "shown); the next code is the month before, and so on. A month and year is enough "
        "(for example 2024-11 or 11/2024)."
    ),
    "account.contact_name": (
        "The company name printed with its address for questions or disputes about this "
        "account. You can send a dispute to the company itself as well as to the bureau "
        "(FCRA §623(a)(8)); the address printed on your report counts as the right address "
        "for it (12 CFR 1022.43(c))."
    ),
    "account.contact_address": (
        "The company's address as the report prints it, one line at a time, with the lines "
        "separated by | (for example PO BOX 1000 | SAMPLETON, OH 43000)."
    ),
    "account.contact_phone": "The company's phone number as the report prints it.",
    # Inquiries
    "inquiry.who": (
        'The name of the company that looked at your report, listed under "Inquiries" or '
        '"Requests for your credit history". If you never applied for anything with them, '
        "it may be a sign of identity theft."
    ),
    "inquiry.on": (
        "The day the company looked at your report, shown next to its name. "
        "A month and year is enough when that is all the report shows (for example 2021-03-15 "
        "or 03/2021)."
    ),
    "inquiry.kind": (
        "Hard inquiries happen when you apply for credit, and lenders can see them. "
        "Soft inquiries, like checking your own report or offers sent to you, are usually shown "
        "only to you."
    ),
    "inquiry.other_dates": (
        "When the report lists the same company on several dates in one entry, the other "
        "dates, newest first, separated by | (for example 2024-05-01 | 2024-03-02)."
    ),
    # Public records
    "public-record.kind": (
        "What kind of court record this is, for example a chapter 7 bankruptcy or a civil "
        'judgment. Look for a section called "Public Records".'
    ),
    "public-record.court": (
        "The name of the court where the case was filed, as printed on the report."
    ),
    "public-record.reference": (
        'The case number or docket number the court gave the case, shown as "Reference", '
        '"Docket" or "Case Number". It lets you check the record with the court.'
    ),
    "public-record.filed": (
        'The day the case was started at court, shown as "Date Filed"; a month and year is '
        "enough (for example 2021-03-15 or 03/2021). For a bankruptcy, the 10-year reporting "
        "limit counts from the order for relief (FCRA §605(a)(1)), usually the filing date when "
        "you filed it yourself."
    ),
    "public-record.resolved": (
        "The day the case ended, for example when a bankruptcy was discharged or dismissed, or "
        "a lien or judgment was paid; a month and year is enough (for example 2021-03-15 or "
        "03/2021). A paid tax lien may be reported for 7 years from the day it was paid "
        "(FCRA §605(a)(3))."
    ),
    "public-record.status": (
        "Where the case stands now, for example discharged, dismissed, satisfied or released. "
        'Copy it from "Status" on the report.'
    ),
    "public-record.amount": (
        "The amount of money in the record, like the judgment or lien amount or the debts in "
        "a bankruptcy. Write it in dollars, for example 1,240.00."
    ),
    "public-record.removal_date": (
        'When the bureau plans to drop this record, shown as "Estimated date of removal" or '
        '"On record until"; a month and year is enough (for example 2021-03-15 or 03/2021). '
        "Bankruptcies may be reported for 10 years at most (FCRA §605(a)(1)), and civil "
        "judgments for 7 years from the day they were entered or until the legal time limit "
        "(statute of limitations) runs out, whichever is longer (FCRA §605(a)(2))."
    ),
}

CHOICES: dict[str, tuple[str, ...]] = {
    "personal.kind": PERSONAL_KINDS,
    "inquiry.kind": ("hard", "soft"),
}

SUGGESTIONS: dict[str, tuple[str, ...]] = {
    "account.account_type": (
        "credit card",
        "auto loan",
        "mortgage",
        "student loan",
        "personal loan",
        "collection",
        "medical collection",
        "utility",
        "phone",
        "rental",
    ),
    "account.responsibility": ("individual", "joint", "authorized user", "cosigner"),
    "account.status": (
        "open",
        "paid or paying as agreed",
        "closed",
        "paid",
        "settled",
        "charged off",
        "collection",
        "30 days late",
        "60 days late",
        "90 days late",
        "transferred",
        "included in bankruptcy",
    ),
    "public-record.kind": (
        "chapter 7 bankruptcy",
        "chapter 13 bankruptcy",
        "civil judgment",
        "tax lien",
    ),
}


def form_fields(section: str) -> list[str]:
    """The field names of a section's dataclass, in declaration order (KeyError if unknown)."""
    return [f.name for f in fields(ITEM_CLASSES[section])]
