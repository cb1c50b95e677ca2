"""What the API sends and accepts. Identity numbers and dates of birth are never sent: only masked."""

from datetime import date, datetime

from pydantic import BaseModel, Field

from app.cases.models import Case
from app.consumers.models import Consumer
from app.credit_reports.models import CreditReport
from app.crypto import mask, mask_date
from app.letters.models import Letter
from app.proceedings.models import Proceeding, ProceedingDeadline, ProceedingEvent

Text = Field(default="", max_length=5000)
# The rules engine's calendars and date arithmetic stay well inside these years.
EARLIEST, LATEST = date(1970, 1, 1), date(2199, 12, 31)


class AddressIn(BaseModel):
    line1: str = Field(default="", max_length=200)
    line2: str = Field(default="", max_length=200)
    city: str = Field(default="", max_length=100)
    region: str = Field(default="", max_length=100)
    postal_code: str = Field(default="", max_length=20)
    country: str = Field(default="US", max_length=2)
    from_date: str = Field(default="", max_length=10)
    to_date: str = Field(default="", max_length=10)


class ConsumerIn(BaseModel):
    legal_name: str = Field(max_length=200)
    other_names: str = Field(default="", max_length=1000)
    email: str = Field(default="", max_length=254)
    phone: str = Field(default="", max_length=40)
    preferred_language: str = Field(default="en", max_length=8)
    date_of_birth: str = Field(default="", max_length=10, description="YYYY-MM-DD; stored encrypted, never sent back")
    national_id: str = Field(default="", max_length=40, description="Stored encrypted; sent back masked")
    national_id_kind: str = Field(default="ssn", max_length=16)
    current_address: AddressIn = Field(default_factory=AddressIn)
    prior_addresses: list[AddressIn] = Field(default_factory=list, max_length=10)


class ConsumerOut(BaseModel):
    id: int
    legal_name: str
    other_names: str
    email: str
    phone: str
    preferred_language: str
    national_id_kind: str
    national_id_masked: str
    date_of_birth_masked: str
    created_at: datetime

    @classmethod
    def of(cls, c: Consumer) -> "ConsumerOut":
        return cls(id=c.id, legal_name=c.legal_name, other_names=c.other_names, email=c.email, phone=c.phone,
                   preferred_language=c.preferred_language, national_id_kind=c.national_id_kind,
                   national_id_masked=mask(c.national_id), date_of_birth_masked=mask_date(c.date_of_birth),
                   created_at=c.created_at)


class CaseIn(BaseModel):
    consumer_id: int = Field(ge=1, le=2**63 - 1)
    title: str = Field(default="", max_length=200)


class CaseOut(BaseModel):
    id: int
    number: str
    title: str
    status: str
    consumer_id: int = Field(ge=1, le=2**63 - 1)
    opened_at: datetime
    closed_at: datetime | None

    @classmethod
    def of(cls, c: Case) -> "CaseOut":
        return cls(id=c.id, number=c.number, title=c.title, status=c.status, consumer_id=c.consumer_id,
                   opened_at=c.opened_at, closed_at=c.closed_at)


class CaseList(BaseModel):
    items: list[CaseOut]
    total: int
    page: int
    pages: int


class ReportOut(BaseModel):
    id: int
    case_id: int
    bureau: str
    pulled: date | None
    source: str
    created_at: datetime

    @classmethod
    def of(cls, r: CreditReport) -> "ReportOut":
        return cls(id=r.id, case_id=r.case_id, bureau=r.bureau, pulled=r.pulled, source=r.source,
                   created_at=r.created_at)


class ReportDetail(ReportOut):
    report: dict = Field(description="The report as read: header, personal information, accounts, inquiries, public records")
    findings: list[dict]
    marks: dict[str, str]


class ImportOut(BaseModel):
    reports: list[ReportOut]
    warnings: list[str]
    questions: list[dict] = Field(description="Values that read two ways, left empty: set them on the report's page")


class EventIn(BaseModel):
    kind: str = Field(max_length=24)
    on: str = Field(max_length=10, description="YYYY-MM-DD, not in the future")
    channel: str = Field(default="", max_length=16)
    tracking: str = Field(default="", max_length=100)
    new_due: str = Field(default="", max_length=10)
    note: str = Text
    outcomes: dict[int, str] = Field(default_factory=dict, description="proceeding item id -> outcome")


class EventOut(BaseModel):
    id: int
    kind: str
    on: date
    channel: str
    tracking: str
    new_due: date | None
    note: str
    voids_id: int | None
    letter_id: int | None

    @classmethod
    def of(cls, e: ProceedingEvent) -> "EventOut":
        return cls(id=e.id, kind=e.kind, on=e.on, channel=e.channel, tracking=e.tracking, new_due=e.new_due,
                   note=e.note, voids_id=e.voids_id, letter_id=e.letter_id)


class DeadlineOut(BaseModel):
    key: str
    label: str
    due: date | None
    overdue_after: date | None
    estimated: bool
    applies: bool
    citation: str
    explanation: str

    @classmethod
    def of(cls, d: ProceedingDeadline) -> "DeadlineOut":
        return cls(key=d.key, label=d.label, due=d.due, overdue_after=d.overdue_after, estimated=d.estimated,
                   applies=d.applies, citation=d.citation, explanation=d.explanation)


class ProceedingOut(BaseModel):
    id: int
    case_id: int
    parent_id: int | None
    procedure_id: str
    recipient_name: str
    region: str
    title: str
    state: str
    next_due: date | None

    @classmethod
    def of(cls, p: Proceeding) -> "ProceedingOut":
        return cls(id=p.id, case_id=p.case_id, parent_id=p.parent_id, procedure_id=p.procedure_id,
                   recipient_name=p.recipient_name, region=p.region, title=p.title, state=p.state,
                   next_due=p.next_due)


class ProceedingDetail(ProceedingOut):
    events: list[EventOut]
    deadlines: list[DeadlineOut]


class LetterIn(BaseModel):
    kind: str = Field(max_length=80, description="A letter kind id, e.g. us.fcra.dispute-cra")
    lang: str = Field(default="", max_length=8, description="Defaults to the kind's first language")
    sending_method: str = Field(default="", max_length=16)
    letter_date: str = Field(default="", max_length=10, description="YYYY-MM-DD, defaults to today")
    region: str = Field(default="", max_length=8)
    recipient_id: int | None = Field(default=None, ge=1, le=2**63 - 1)
    enclosures: list[str] = Field(default_factory=list, max_length=20, description="Lines you add to the enclosure list")
    enclose_self: list[str] = Field(default_factory=list, max_length=20)
    document_ids: list[int] = Field(default_factory=list, max_length=50)
    id_shown: str = Field(default="", max_length=16)
    names_confirmed: bool = False
    facts: dict[str, str | bool | list[str] | list[dict[str, str | bool]]] = Field(
        default_factory=dict, description="The letter kind's fields (see its form); items fields are lists of objects")
    proceeding_id: int | None = Field(default=None, ge=1, le=2**63 - 1, description="A follow-up round this letter belongs to")


class LetterOut(BaseModel):
    id: int
    case_id: int
    kind_id: str
    lang: str
    reference: str
    status: str
    created_at: datetime

    @classmethod
    def of(cls, letter: Letter) -> "LetterOut":
        return cls(id=letter.id, case_id=letter.case_id, kind_id=letter.kind_id, lang=letter.lang,
                   reference=letter.reference, status=letter.status, created_at=letter.created_at)


class LetterDetail(LetterOut):
    problems: list[str] = Field(description="What the letter still needs before it can be finalised or rendered")


class TimelineEventIn(BaseModel):
    kind: str = Field(max_length=24)
    on: date = Field(ge=EARLIEST, le=LATEST)
    channel: str | None = Field(default=None, max_length=16)
    new_due: date | None = Field(default=None, ge=EARLIEST, le=LATEST)
    voided: bool = False


class ComputeIn(BaseModel):
    procedure_id: str = Field(max_length=80)
    events: list[TimelineEventIn] = Field(max_length=100)
    region: str | None = Field(default=None, max_length=8)
    today: date | None = Field(default=None, ge=EARLIEST, le=LATEST, description="Defaults to today")
    transit_days: int | None = Field(default=None, ge=0, le=60)


class ComputedDeadline(BaseModel):
    key: str
    label: str
    due: date | None
    estimated: bool
    state: str
    citation: str
    citation_url: str
    explanation: str
    verified: bool
    who_must_act: str
    days_left: int | None
    days_overdue: int
    applies: bool
