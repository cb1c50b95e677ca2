"""The dispute builder: chosen report items -> dispute proceedings and draft letters.

For each item the person gives (or accepts) a reason and what must change; "quick" answers cover a
whole section of the report, "detailed" answers say which fields are wrong and what they should be.
Then they choose who gets it:

* the bureau: one FCRA §611 dispute (us.dispute-cra) for the items, and one §605B block request
  (us.identity-theft-block) for the items they marked as not theirs;
* the furnisher: one direct dispute (us.dispute-furnisher, §623(a)(8)) per company, accounts only
  (the direct-dispute rule covers what a furnisher reports about an account, 12 CFR 1022.43); a
  collector reporting collection accounts gets the collection dispute (us.collection-dispute), the
  same §623(a)(8) dispute with the FDCPA's duty to report the debt as disputed (§1692e(8));
* or both.

Every letter is saved as a draft with a proceeding that remembers which report items it is about
(ProceedingItem.report_item_key), so later reports can show what happened to them. A draft holds only
what the person gave: no example facts and no enclosures they did not choose (they attach documents
or tick what they will enclose on the letter itself); a §605B block request without an identity
theft report cannot be finalised until it has one, and its letter page says how to get one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlmodel import Session

from app.cases.models import Case
from app.errors import Invalid
from app.letters import service as letters
from app.letters.catalog import ACTIONS, get_kind
from app.letters.checks import bureau_named, names_match
from app.letters.models import Letter
from app.proceedings import service as proceedings
from app.recipients import service as recipients
from app.recipients.models import Recipient
from app.reports import Finding, Report
from app.reports.analysis import is_collection
from app.reports.fields import LABELS
from app.reports.model import Account, Inquiry, Item, PublicRecord
from app.reports.review import group_of
from app.tenancy import Context, get_consumer

RECIPIENT_CHOICES = ("bureau", "furnisher", "both")
PERSONAL_INFO_FURNISHER = "Personal information in my file"


@dataclass
class Choice:
    """What the person wants done about one item."""

    item: Item
    reason: str
    action: str
    correct_to: str = ""
    wrong: dict[str, str] = field(default_factory=dict)  # field name -> what it should be
    not_mine: bool = False


def _shown(value: object) -> str:
    if isinstance(value, Decimal):
        return f"${value:,.2f}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return ", ".join(value)
    return str(value)


def describe(item: Item) -> str:
    """The item as the report shows it, in one sentence for the letter."""
    if isinstance(item, Account):
        parts = [f"{(item.account_type or 'account')}"]
        for name in ("status", "balance", "opened", "first_delinquency", "original_creditor"):
            value = getattr(item, name)
            if value not in (None, ()):
                parts.append(f"{LABELS['account.' + name].lower()} {_shown(value)}")
        return "The report shows: " + "; ".join(parts) + "."
    if isinstance(item, Inquiry):
        return f"The report shows a {item.kind} inquiry by {item.who}" + (
            f" on {item.on.isoformat()}." if item.on else ".")
    if isinstance(item, PublicRecord):
        extra = f", filed {item.filed.isoformat()}" if item.filed else ""
        return f"The report shows a public record: {item.kind}{extra}."
    return f"The report lists this {item.kind_words} in my file: {item.value}."


def furnisher_of(item: Item) -> str:
    if isinstance(item, Account):
        return item.furnisher
    if isinstance(item, Inquiry):
        return item.who
    if isinstance(item, PublicRecord):
        return item.court or item.kind
    return PERSONAL_INFO_FURNISHER


def _account(item: Item) -> str:
    if isinstance(item, Account):
        return item.account_number or ""
    if isinstance(item, PublicRecord):
        return item.reference or ""
    return ""


def what_is_wrong(choice: Choice) -> str:
    text = describe(choice.item)
    if choice.wrong:
        wrong = "; ".join(f"{LABELS[f'{choice.item.section}.{n}']} is reported as "
                          f"{_shown(getattr(choice.item, n)) or 'blank'}" for n in choice.wrong)
        text += f" Wrong: {wrong}."
    return text


def correct_to(choice: Choice) -> str:
    if choice.wrong:
        return "; ".join(f"{LABELS[f'{choice.item.section}.{n}']}: {v}" for n, v in choice.wrong.items() if v)
    return choice.correct_to


def suggested(findings: list[Finding]) -> tuple[str, str]:
    """The reason and action of the most serious finding (findings come most serious first).
    The reason goes into a letter to a US bureau, so it is the English text whatever the page's
    language (the page shows it translated, with this English text beside it)."""
    if not findings:
        return "", ""
    return findings[0].suggested_reason.render("en"), findings[0].suggested_action


def read_choices(form: dict[str, list[str]], report: Report, keys: list[str],
                 by_item: dict[str, list[Finding]], marks: dict[str, str]) -> tuple[list[Choice], dict[str, str]]:
    """The builder form back into choices. Per-item answers win over the section's, which win over
    the suggestion."""
    def one(name: str) -> str:
        return ((form.get(name) or [""])[0]).strip()

    errors: dict[str, str] = {}
    out = []
    for key in keys:
        item = report.find(key)
        if item is None:
            continue
        group = group_of(item)
        hint_reason, hint_action = suggested(by_item.get(key, []))
        # "Not mine" accounts, inquiries and records take the identity-theft path (§605B); personal
        # details the person does not recognise are disputed with the rest (§611).
        not_mine = marks.get(key) == "not-mine" and group != "personal"
        reason = one(f"reason.{key}") or one(f"section_reason.{group}") or hint_reason
        action = one(f"action.{key}") or one(f"section_action.{group}") or hint_action or "correct"
        wrong = {}
        for name in form.get(f"wrong.{key}", []):
            if f"{item.section}.{name}" in LABELS and hasattr(item, name):
                wrong[name] = one(f"should.{key}.{name}")[:200]
        if not reason:
            errors[f"reason.{key}"] = "Say why this item is wrong, or write one reason for its whole section."
        if action not in ACTIONS:
            errors[f"action.{key}"] = "Choose what must change."
        # "Correct it to read: ." asks for nothing: a correction needs what it should say.
        elif action == "correct" and not not_mine and not one(f"correct_to.{key}") and not any(wrong.values()):
            errors[f"correct_to.{key}"] = "Say what it should say, or choose another change."
        if len(reason) > 2000:
            errors[f"reason.{key}"] = "Keep the reason under 2,000 characters."
        out.append(Choice(item, reason[:2000], action, one(f"correct_to.{key}")[:200], wrong, not_mine))
    if not out:
        errors["items"] = "Choose at least one item to dispute."
    return out, errors


@dataclass
class Drafted:
    letter: Letter
    proceeding_id: int
    needs_documents: bool = False  # e.g. a §605B block request still without its identity theft report
    about: str = ""  # whom it goes to, as the report names them: the bureau or the company


def _letter(session: Session, ctx: Context, case: Case, *, kind_id: str, recipient: Recipient | None,
            facts: dict, choices: list[Choice], letter_date: date | None = None) -> Drafted:
    kind = get_kind(kind_id)
    consumer = get_consumer(session, ctx, case.consumer_id)
    data = letters.build_data(session, consumer=consumer, recipient=recipient, reference=letters.next_reference(session, case),
                              letter_date=letter_date or letters.default_letter_date(), sending_method="certified", region=None,
                              facts=facts)
    letter = letters.save_draft(session, ctx, case, kind=kind, lang="en", recipient=recipient, data=data)
    items = [{"furnisher": furnisher_of(c.item), "account": _account(c.item), "what_is_wrong": what_is_wrong(c),
              "action": "delete" if c.not_mine else c.action, "report_item_key": c.item.key} for c in choices]
    proceeding = proceedings.open_proceeding(session, ctx, case, procedure_id=kind.procedure_id, recipient=recipient,
                                             title=kind.title, items=items, letter=letter)
    needs = any(p.code == "requirement" for p in letters.problems(session, letter))
    return Drafted(letter, proceeding.id, needs, about=recipient.name if recipient else "")


def check_names(report: Report, choices: list[Choice], *, send_to: str, bureau: Recipient | None,
                furnishers: dict[str, Recipient | None]) -> dict[str, str]:
    """A dispute to a bureau goes to the bureau whose report it is; a direct dispute goes to the
    company that reports the items."""
    errors: dict[str, str] = {}
    reported_by = bureau_named({"name": report.bureau or ""})
    if send_to in ("bureau", "both") and bureau is not None and reported_by:
        addressed = bureau_named(letters.recipient_block(bureau))
        if addressed != reported_by:
            errors["bureau_id"] = ("This address is another bureau's. Choose the address of the bureau whose "
                                   "report this is: only it can correct its report.")
    if send_to in ("furnisher", "both"):
        for company, recipient in furnishers.items():
            if recipient is not None and not names_match(company, letters.recipient_block(recipient)["name"]):
                errors[f"furnisher_id.{company}"] = ("This address is another company's. Choose the address of "
                                                     "the company that reports the item, or choose later, in the "
                                                     "letter.")
    return errors


def build(session: Session, ctx: Context, case: Case, report: Report, choices: list[Choice], *,
          send_to: str, bureau: Recipient | None, furnishers: dict[str, Recipient | None],
          itr: dict[str, str] | None = None, letter_date: date | None = None) -> list[Drafted]:
    """Draft the letters and open their proceedings (dated `letter_date`, default today). Returns
    what was drafted."""
    if send_to not in RECIPIENT_CHOICES:
        raise Invalid({"send_to": "Choose who gets the dispute: the bureau, the company, or both."})
    if errors := check_names(report, choices, send_to=send_to, bureau=bureau, furnishers=furnishers):
        raise Invalid(errors)
    out: list[Drafted] = []
    report_date = report.pulled.isoformat() if report.pulled else ""
    if send_to in ("bureau", "both"):
        theft = [c for c in choices if c.not_mine]
        disputes = [c for c in choices if not c.not_mine]
        if disputes:
            facts = {"items": [{"furnisher": furnisher_of(c.item), "account": _account(c.item),
                                "what_is_wrong": what_is_wrong(c), "why": c.reason, "action": c.action,
                                "correct_to": correct_to(c) if c.action == "correct" else ""} for c in disputes],
                     "report_date": report_date, "report_number": "", "after_annual_report": False}
            out.append(_letter(session, ctx, case, kind_id="us.dispute-cra", recipient=bureau, facts=facts,
                               choices=disputes, letter_date=letter_date))
            out[-1].about = report.bureau or out[-1].about
        if theft:
            itr = itr or {}
            facts = {"items": [{"furnisher": furnisher_of(c.item), "account": _account(c.item),
                                "description": describe(c.item)} for c in theft],
                     "itr_number": itr.get("itr_number", ""), "itr_agency": itr.get("itr_agency", ""),
                     "itr_date": itr.get("itr_date", "")}
            out.append(_letter(session, ctx, case, kind_id="us.identity-theft-block", recipient=bureau, facts=facts,
                               choices=theft, letter_date=letter_date))
            out[-1].about = report.bureau or out[-1].about
    if send_to in ("furnisher", "both"):
        by_company: dict[str, list[Choice]] = {}
        for c in choices:
            if isinstance(c.item, Account):
                by_company.setdefault(c.item.furnisher, []).append(c)
        for company, group in by_company.items():
            recipient = _company(session, ctx, report, company, furnishers.get(company))
            if all(is_collection(c.item) for c in group):  # issue 14: the collector gets its own letter
                out.append(_collection_letter(session, ctx, case, report, company, group, recipient, letter_date))
                out[-1].about = company
                continue
            facts = {"items": [{"furnisher": company, "account": _account(c.item), "what_is_wrong": what_is_wrong(c),
                                "why": c.reason, "action": "delete" if c.not_mine else c.action,
                                "correct_to": correct_to(c) if c.action == "correct" and not c.not_mine else ""}
                               for c in group],
                     "report_bureau": report.bureau or "", "report_date": report_date,
                     "address_basis": "address-on-report", "self_prepared": True}
            out.append(_letter(session, ctx, case, kind_id="us.dispute-furnisher", recipient=recipient,
                               facts=facts, choices=group, letter_date=letter_date))
            out[-1].about = company
    if not out:
        raise Invalid({"send_to": "None of the chosen items can go to a company directly: only accounts can. "
                                  "Send them to the bureau instead."})
    return out


def bureau_for(session: Session, ctx: Context, report_bureau: str) -> Recipient | None:
    """The address a dispute of this bureau's report goes to: the bureau's entry whose name
    carries the report's bureau, its disputes address first."""
    word = report_bureau.lower().split()[0] if report_bureau.strip() else ""
    cras = [r for r in recipients.for_letter(session, ctx, kinds=("cra",), jurisdiction="us") if r.kind == "cra"]
    matches = sorted((r for r in cras if word and word in r.name.lower()), key=lambda r: "dispute" not in r.name.lower())
    return matches[0] if matches else None


def company_address(account: Account) -> list[str]:
    """The address lines for a letter to the company, as the report prints them: the contact's
    own name first when it is not the company's (a disputes department, say)."""
    lines = list(account.contact_address)
    if account.contact_name and account.contact_name.strip().upper() != account.furnisher.strip().upper():
        lines.insert(0, account.contact_name)
    return lines


def printed_addresses(report: Report, names: list[str]) -> dict[str, tuple[str, ...]]:
    """Company name -> the address the report prints for it (accounts that carry one)."""
    out: dict[str, tuple[str, ...]] = {}
    for account in report.accounts:
        if account.furnisher in names and account.contact_address:
            out.setdefault(account.furnisher, tuple(company_address(account)))
    return out


def company_defaults(session: Session, ctx: Context, names: list[str]) -> dict[str, str]:
    """The builder's preselected address for each company: the workspace's entry of that name."""
    out = {}
    for name in names:
        row = recipients.company_named(session, ctx, name)
        if row is not None:
            out[f"furnisher_id.{name}"] = str(row.id)
    return out


def _company(session: Session, ctx: Context, report: Report, company: str,
             chosen: Recipient | None) -> Recipient | None:
    """The company's address for its letter: the one chosen, else the address the report prints
    for it (kept in the address book from now on), else none yet (chosen later, in the letter)."""
    if chosen is not None:
        return chosen
    account = next((a for a in report.accounts if a.furnisher == company and a.contact_address), None)
    if account is None:
        return None
    return recipients.add_from_report(
        session, ctx, name=company, address=company_address(account), phone=account.contact_phone or "",
        kind="collector" if is_collection(account) else "furnisher",
        source=f"Printed on the {report.bureau or 'credit'} report of "
               f"{report.pulled.isoformat() if report.pulled else 'unknown date'}")


def furnisher_names(choices: list[Choice]) -> list[str]:
    return sorted({c.item.furnisher for c in choices if isinstance(c.item, Account)})


def _collection_letter(session: Session, ctx: Context, case: Case, report: Report, company: str,
                       group: list[Choice], recipient: Recipient | None, letter_date: date | None = None) -> Drafted:
    """A collector's collection accounts: the §623(a)(8) dispute that also invokes FDCPA §1692e(8)
    (us.collection-dispute), tied to the same report items as the bureau dispute."""
    originals = sorted({c.item.original_creditor for c in group if c.item.original_creditor})
    facts = {"items": [{"account": _account(c.item), "what_is_wrong": what_is_wrong(c), "why": c.reason,
                        "action": "delete" if c.not_mine else c.action,
                        "correct_to": correct_to(c) if c.action == "correct" and not c.not_mine else ""}
                       for c in group],
             "original_creditor": ", ".join(originals), "report_bureau": report.bureau or "",
             "report_date": report.pulled.isoformat() if report.pulled else "",
             "within_validation_period": False, "self_prepared": True}
    return _letter(session, ctx, case, kind_id="us.collection-dispute", recipient=recipient, facts=facts,
                   choices=group, letter_date=letter_date)
