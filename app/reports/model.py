"""The shapes of a credit report. Frozen dataclasses: money is Decimal, dates are date.

Every item has a stable `key` (a short hash of what identifies it) so the same item can be found
again in a later report. The key leaves out the bureau and the balance on purpose: the balance
changes every month, and the same account should keep its key from one pull to the next.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, fields, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache, cached_property, lru_cache
from typing import Any, ClassVar, get_type_hints

from app.messages import M, Message

SECTIONS = ("personal", "account", "inquiry", "public-record")
PERSONAL_KINDS = ("name", "address", "employer", "ssn", "birth-date", "phone", "other")
# The kinds as a sentence names them ("this date of birth"), never as codes.
PERSONAL_WORDS = {"name": "name", "address": "address", "employer": "employer", "ssn": "Social Security number",
                  "birth-date": "date of birth", "phone": "phone number", "other": "information"}


# The kinds as a label starts ("Date of birth: ..."), in the reader's language (app/messages.py).
PERSONAL_LABELS = {"name": M("Name"), "address": M("Address"), "employer": M("Employer"),
                   "ssn": M("Social Security number"), "birth-date": M("Date of birth"), "phone": M("Phone number"),
                   "other": M("Information")}  # fmt: skip


@lru_cache(maxsize=16384)  # pure, and called for the same names many times in an analysis
def normalise(text: str | None) -> str:
    """Upper case, letters and digits only, single spaces: for matching names across reports."""
    return " ".join(re.sub(r"[^A-Z0-9]+", " ", (text or "").upper()).split())


# Characters reports print in place of hidden digits ("517805XXXXXX", "****1234", "XXXX-XXXX-1234").
_HIDDEN = re.compile(r"[Xx*#•]")


def account_label(furnisher: str, number: str | None) -> Message:
    """How to name an account by the digits the report printed, as a message for pages in any
    language: "517805XXXXXX" is "starting 517805", "XXXXXXXX4321" is "ending 4321"; a number printed
    in full is named by its last 4."""
    text = re.sub(r"[\s-]", "", number or "")
    if not re.search(r"\d", text):
        return M("%(name)s", name=furnisher)
    if not _HIDDEN.search(text):
        return M("%(furnisher)s (account ending %(tail)s)", furnisher=furnisher, tail=re.sub(r"\D", "", text)[-4:])
    lead = re.match(r"\d*", text).group(0)
    tail = re.search(r"\d*$", text).group(0)
    if lead and tail:
        return M("%(furnisher)s (account starting %(lead)s, ending %(tail)s)", furnisher=furnisher, lead=lead,
                 tail=tail)
    if lead:
        return M("%(furnisher)s (account starting %(lead)s)", furnisher=furnisher, lead=lead)
    return M("%(furnisher)s (account ending %(tail)s)", furnisher=furnisher, tail=tail)


def account_kept(number: str | None, limit: int = 40) -> str:
    """An account number to keep in plain text: as printed when the report hid digits, otherwise
    only its last 4 (a full number typed into a form is not kept)."""
    text = (number or "").strip()
    if not text or _HIDDEN.search(text):
        return text[:limit]
    digits = re.sub(r"\D", "", text)
    return text[:limit] if len(digits) <= 4 else "X" * (len(digits) - 4) + digits[-4:]


def _hash(*parts: object) -> str:
    raw = "|".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


@cache
def field_kind(cls: type, name: str) -> str:
    """'date', 'money', 'list', 'bool' or 'text': how a raw value for this field is read."""
    hint = str(get_type_hints(cls)[name])
    for marker, kind in (("date", "date"), ("Decimal", "money"), ("tuple", "list"),
                         ("bool", "bool")):  # fmt: skip
        if marker in hint:
            return kind
    return "text"


def _to_json(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")  # never "1E+1": files must read back without exponents
    if isinstance(value, tuple):
        return list(value)
    return value


def _from_json(kind: str, value: Any) -> Any:
    if value is None or value == "":
        return () if kind == "list" else (False if kind == "bool" else None)
    if kind == "date":
        return date.fromisoformat(str(value))
    if kind == "money":
        try:
            return Decimal(str(value))
        except InvalidOperation:
            raise ValueError(f"{value!r} is not an amount of money") from None
    if kind == "list":
        if isinstance(value, str):
            return tuple(v.strip() for v in value.split("|") if v.strip())
        return tuple(str(v) for v in value)
    if kind == "bool":
        if isinstance(value, bool):
            return value
        return str(value).strip().lower() in ("1", "true", "yes", "y")
    return str(value)


class _Item:
    """to_dict / from_dict shared by every item and the report itself."""

    section: ClassVar[str] = ""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _to_json(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        unknown = sorted(set(data) - names - {"key", "section"})
        if unknown:
            raise ValueError(f"unknown field(s) {', '.join(unknown)} in {cls.section or 'report'}")
        return cls(**{n: _from_json(field_kind(cls, n), data[n]) for n in names if n in data})


@dataclass(frozen=True)
class PersonalInfo(_Item):
    """One name, address, employer, SSN variation or date of birth the bureau has on file."""

    section: ClassVar[str] = "personal"
    kind: str
    value: str
    reported: date | None = None

    @cached_property
    def key(self) -> str:
        return _hash("personal", self.kind, normalise(self.value))

    @property
    def kind_words(self) -> str:
        return PERSONAL_WORDS.get(self.kind, "information")

    @property
    def label(self) -> str:
        return f"{self.kind_words[:1].upper()}{self.kind_words[1:]}: {self.value}"

    @property
    def label_message(self) -> Message:
        """`label` in the reader's language (app/messages.py)."""
        return M("%(kind)s: %(value)s", kind=PERSONAL_LABELS.get(self.kind, PERSONAL_LABELS["other"]),
                 value=self.value)


@dataclass(frozen=True)
class Account(_Item):
    """A tradeline: a loan, card or collection account."""

    section: ClassVar[str] = "account"
    furnisher: str
    account_number: str | None = None  # as printed, masked (e.g. "XXXX1234")
    account_type: str | None = None  # "credit card", "collection", "auto loan" ...
    responsibility: str | None = None  # "individual", "joint", "authorized user"
    status: str | None = None
    opened: date | None = None
    closed: date | None = None
    last_payment: date | None = None
    first_delinquency: date | None = None
    reported: date | None = None
    balance: Decimal | None = None
    credit_limit: Decimal | None = None
    high_balance: Decimal | None = None
    past_due: Decimal | None = None
    payment_history: tuple[str, ...] = ()  # monthly codes, most recent first ("OK", "30", "CO")
    remarks: tuple[str, ...] = ()
    original_creditor: str | None = None  # for collections and sold debts
    removal_date: date | None = None  # "Estimated date of removal" / "on record until"
    medical: bool = False
    # Added for the bureau PDF readers; all optional, so older files read as before.
    charge_off_amount: Decimal | None = None  # "Charge Off Amount", "$1,480 written off"
    is_closed: bool = False  # the report marks it closed, even without a date ("(CLOSED)")
    payment_history_as_of: date | None = None  # the month of payment_history's first code
    contact_name: str | None = None  # who to write to, as the report's contact block prints it
    contact_address: tuple[str, ...] = ()  # address lines of that contact
    contact_phone: str | None = None

    @cached_property
    def key(self) -> str:
        digits = re.sub(r"\D", "", self.account_number or "")
        return _hash("account", normalise(self.furnisher), digits, self.opened)

    @property
    def label(self) -> str:
        return str(self.label_message)  # the English words of label_message

    @property
    def label_message(self) -> Message:
        """`label` in the reader's language (app/messages.py)."""
        return account_label(self.furnisher, self.account_number)


@dataclass(frozen=True)
class Inquiry(_Item):
    """Someone who looked at the file. Hard inquiries come from applications for credit."""

    section: ClassVar[str] = "inquiry"
    who: str
    on: date | None = None
    kind: str = "hard"  # "hard" or "soft"
    other_dates: tuple[str, ...] = ()  # more dates the same entry lists (YYYY-MM-DD), newest first

    @cached_property
    def key(self) -> str:
        return _hash("inquiry", normalise(self.who), self.on, self.kind)

    @property
    def label(self) -> str:
        return f"{self.kind} inquiry by {self.who}" + (
            f" on {self.on.isoformat()}" if self.on else ""
        )

    @property
    def label_message(self) -> Message:
        """`label` in the reader's language (app/messages.py)."""
        day = self.on.isoformat() if self.on else None
        if self.kind == "hard":
            return (M("hard inquiry by %(who)s on %(day)s", who=self.who, day=day) if day
                    else M("hard inquiry by %(who)s", who=self.who))  # fmt: skip
        if self.kind == "soft":
            return (M("soft inquiry by %(who)s on %(day)s", who=self.who, day=day) if day
                    else M("soft inquiry by %(who)s", who=self.who))  # fmt: skip
        return M("%(name)s", name=self.label)


@dataclass(frozen=True)
class PublicRecord(_Item):
    """A bankruptcy, judgment or lien taken from court records."""

    section: ClassVar[str] = "public-record"
    kind: str  # "chapter 7 bankruptcy", "civil judgment" ...
    court: str | None = None
    reference: str | None = None
    filed: date | None = None
    resolved: date | None = None
    status: str | None = None
    amount: Decimal | None = None
    removal_date: date | None = None

    @cached_property
    def key(self) -> str:
        return _hash("public-record", normalise(self.kind), normalise(self.reference), self.filed)

    @property
    def label(self) -> str:
        return f"{self.kind}" + (f" filed {self.filed.isoformat()}" if self.filed else "")

    @property
    def label_message(self) -> Message:
        """`label` in the reader's language (app/messages.py); the kind is as the report prints it."""
        if self.filed:
            return M("%(kind)s filed %(day)s", kind=self.kind, day=self.filed.isoformat())
        return M("%(name)s", name=self.kind)


Item = PersonalInfo | Account | Inquiry | PublicRecord
ITEM_CLASSES: dict[str, type] = {
    "personal": PersonalInfo, "account": Account, "inquiry": Inquiry, "public-record": PublicRecord,
}  # fmt: skip
_LISTS = {"personal": "personal", "account": "accounts", "inquiry": "inquiries",
          "public-record": "public_records"}  # fmt: skip


@dataclass(frozen=True)
class Report(_Item):
    """One credit report from one bureau (or other data holder), as of the day it was pulled."""

    bureau: str | None = None
    pulled: date | None = None
    obtained: str | None = None  # "annualcreditreport.com", "mailed copy", "pdf upload" ...
    personal: tuple[PersonalInfo, ...] = ()
    accounts: tuple[Account, ...] = ()
    inquiries: tuple[Inquiry, ...] = ()
    public_records: tuple[PublicRecord, ...] = ()
    # ISO 3166 code of the country the report's dates and money are written in ("US", "GB",
    # "DE", "CN"); None: not stated, which means the US for a US bureau (values.country_for).
    country: str | None = None

    def items(self) -> list[Item]:
        return [*self.personal, *self.accounts, *self.inquiries, *self.public_records]

    def find(self, key: str) -> Item | None:
        return next((i for i in self.items() if i.key == key), None)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"format": "recourse-report", "version": 1,
                                "bureau": self.bureau, "obtained": self.obtained,
                                "pulled": _to_json(self.pulled), "country": self.country}  # fmt: skip
        for name in _LISTS.values():
            data[name] = [{"key": i.key, **i.to_dict()} for i in getattr(self, name)]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        lists = {
            name: tuple(ITEM_CLASSES[section].from_dict(d) for d in data.get(name) or [])
            for section, name in _LISTS.items()
        }
        pulled = data.get("pulled")
        return cls(bureau=data.get("bureau"), obtained=data.get("obtained"),
                   pulled=date.fromisoformat(pulled) if pulled else None,
                   country=data.get("country") or None, **lists)  # fmt: skip

    def with_items(self, items: list[Item]) -> Report:
        groups: dict[str, list] = {name: [] for name in _LISTS.values()}
        for item in items:
            groups[_LISTS[item.section]].append(item)
        return replace(self, **{k: tuple(v) for k, v in groups.items()})


SECTION_LIST_NAMES = _LISTS
__all__ = ["Account", "account_kept", "Inquiry", "Item", "ITEM_CLASSES", "PersonalInfo", "PublicRecord", "Report",
           "SECTIONS", "SECTION_LIST_NAMES", "field_kind", "normalise"]  # fmt: skip
