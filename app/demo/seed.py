"""`recourse demo`: a realistic installation to try Recourse with, built through the real services
(so the findings, letters, deadlines and audit log are the ones a person would get).

* An individual (personal workspace) in the middle of a dispute: three bureau reports imported,
  one dispute sent, one finalised, one still a draft.
* A legal aid clinic: an owner, two advocates, a volunteer (sees only the case assigned to them) and
  a client (sees only their own case); four clients with imported reports and proceedings in every
  state: drafted, sent (waiting, one due within days), overdue, answered (one reviewed, one waiting
  for the next step), escalated (a follow-up round opened).

Every person signs in with one generated password (printed by the command, never stored).
The reports are made-up samples (app/demo/samples/, copied from tests/reports/samples/).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app import mail
from app.accounts.models import User
from app.accounts.service import create_user
from app.cases import service as cases
from app.cases.models import Case
from app.clock import today
from app.config import Settings
from app.consumers import service as consumers
from app.consumers.service import AddressInput, ConsumerInput
from app.credit_reports import disputes
from app.credit_reports import service as reports
from app.credit_reports.models import CreditReport
from app.letters import service as letters
from app.letters.models import Letter
from app.proceedings import service as proceedings
from app.proceedings.models import Proceeding
from app.recipients.models import Recipient
from app.reports import import_reports
from app.reports.model import Account, PersonalInfo
from app.reports.review import findings_by_item
from app.tenancy import Context
from app.workspaces import service as workspaces
from app.workspaces.models import Member, Role, Workspace

SAMPLES = Path(__file__).resolve().parent / "samples"
DOMAIN = "demo.example.org"  # example.org is reserved for documentation (RFC 2606): no mail reaches anyone
WORDS = ("amber", "birch", "cedar", "delta", "ember", "fjord", "grove", "harbor", "indigo", "juniper",
         "kestrel", "lumen", "meadow", "nectar", "orchid", "pebble", "quartz", "river", "saffron", "tundra")


@dataclass
class Persona:
    email: str
    name: str
    role: str
    workspace: str
    sees: str  # what this person finds after signing in, for the command's table


@dataclass
class Demo:
    password: str
    personas: list[Persona] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)  # names -> row ids (tests and screenshots use them)


def new_password() -> str:
    """Four random words and six random hex digits (about 41 bits, behind the sign-in throttle):
    easy to read off the terminal, hard to guess."""
    words = [secrets.choice(WORDS) for _ in range(4)]
    return "-".join(words) + "-" + secrets.token_hex(3)


def seed(settings: Settings, *, engine: Engine | None = None, password: str | None = None) -> Demo:
    """Fill an empty, migrated database with the demo. Returns the personas and their password."""
    if engine is None:
        from app.bootstrap import open_engine

        engine = open_engine(settings)
    demo = Demo(password=password or new_password())
    with Session(engine, expire_on_commit=False) as session:
        if session.exec(select(User.id)).first() is not None:
            raise ValueError("the database already has accounts: the demo needs an empty one")
        _individual(session, demo)
        _clinic(session, settings, demo)
        session.commit()
        mail.take_queued(session)  # the invitations were accepted here: their emails are not sent
    return demo


# ---- building blocks -----------------------------------------------------------------------

def _ago(days: int) -> date:
    return today() - timedelta(days=days)


def _context(session: Session, user: User, workspace: Workspace) -> Context:
    member = session.exec(select(Member).where(Member.workspace_id == workspace.id,
                                               Member.user_id == user.id)).one()
    return Context(user=user, workspace=workspace, member=member, ip="127.0.0.1")


def _join(session: Session, owner: Context, settings: Settings, demo: Demo, *, local: str, name: str, role: str,
          sees: str, consumer_id: int | None = None) -> Member:
    """A member as a clinic adds one: the owner invites, the person creates an account and accepts."""
    email = f"{local}@{DOMAIN}"
    _, link = workspaces.invite(session, owner, email=email, role=role, consumer_id=consumer_id, settings=settings)
    user = create_user(session, email=email, name=name, password=demo.password)
    member = workspaces.accept_invitation(session, token=link.rsplit("/", 1)[1], user=user, ip="127.0.0.1")
    demo.personas.append(Persona(email, name, str(role), owner.workspace.name, sees))
    demo.ids[local] = user.id
    return member


def _consumer(session: Session, ctx: Context, name: str, *, ssn: str, born: str, line1: str, city: str,
              region: str, postal: str, email: str = "") -> int:
    data = ConsumerInput(legal_name=name, date_of_birth=born, national_id=ssn, email=email,
                         current=AddressInput(line1=line1, city=city, region=region, postal_code=postal,
                                              country="US", from_date="2019-06-01"))
    return consumers.create_consumer(session, ctx, data).id


def _renamed(item, name: str):
    """The samples all belong to 'Jordan Sample': each demo client's reports carry their own name."""
    if isinstance(item, PersonalInfo) and item.kind == "name":
        return replace(item, value=name.upper())
    return item


def _import(session: Session, ctx: Context, case: Case, sample: str, *, name: str) -> list[CreditReport]:
    """A sample file read by the same readers as an upload, then saved as the confirmed import is."""
    fmt = "html" if sample.endswith(".html") else "pdf"
    rows = []
    for result in import_reports((SAMPLES / sample).read_bytes(), fmt):
        report = result.report
        report = report.with_items([_renamed(i, name) for i in report.items()])
        rows.append(reports.save_report(session, ctx, case, report, source=fmt))
    return rows


def _bureau(session: Session, name: str) -> Recipient:
    """The bureau's dispute address from the seeded directory."""
    rows = session.exec(select(Recipient).where(Recipient.kind == "cra", Recipient.workspace_id.is_(None))).all()
    wanted = [r for r in rows if r.name.lower().startswith(name.lower()) and "US" in (r.jurisdictions or "")]
    return next((r for r in wanted if "dispute" in r.name.lower()), wanted[0])


def _matches(account: Account, words: tuple[str, ...]) -> bool:
    plain = re.sub(r"[^a-z]", "", account.furnisher.lower())
    return any(w in plain for w in words)


def _dispute(session: Session, ctx: Context, case: Case, row: CreditReport, *, accounts: tuple[str, ...],
             days_ago: int, send_to: str = "bureau") -> list[disputes.Drafted]:
    """The dispute builder with the accounts whose company name contains one of `accounts`, each
    with the reason the analysis suggests (or a plain one), dated `days_ago`."""
    report, found, marks = reports.findings_for(session, row)
    by_item = findings_by_item(found)
    chosen = []
    for account in report.accounts:
        if not _matches(account, accounts):
            continue
        reason, action = disputes.suggested(by_item.get(account.key, []))
        chosen.append(disputes.Choice(
            account, reason or "The late payments shown are wrong: every payment was made on time, as my "
                               "bank statements show.",
            action or "correct", correct_to="Paid as agreed, never late" if (action or "correct") == "correct" else ""))
    return disputes.build(session, ctx, case, report, chosen, send_to=send_to, bureau=_bureau(session, row.bureau),
                          furnishers={}, letter_date=_ago(days_ago))


def _sent(session: Session, ctx: Context, drafted: disputes.Drafted, *, days_ago: int) -> Proceeding:
    letter = letters.finalise(session, ctx, drafted.letter)
    return proceedings.track_letter(session, ctx, letter, sent_on=_ago(days_ago).isoformat(), channel="certified",
                                    tracking=f"9407 1000 0000 {secrets.randbelow(10**8):08d}")


def _answered(session: Session, ctx: Context, proceeding: Proceeding, *, days_ago: int, outcome: str,
              note: str) -> None:
    outcomes = {item.id: outcome for item in proceedings.items(session, proceeding)}
    proceedings.add_event(session, ctx, proceeding, kind="answered", on=_ago(days_ago).isoformat(), note=note,
                          outcomes=outcomes)


# ---- the individual ------------------------------------------------------------------------

def _individual(session: Session, demo: Demo) -> None:
    email = f"jordan@{DOMAIN}"
    user = create_user(session, email=email, name="Jordan Sample", password=demo.password)
    workspace = workspaces.create_workspace(session, user=user, name="Jordan's credit", kind="personal")
    ctx = _context(session, user, workspace)
    consumer = _consumer(session, ctx, "Jordan Sample", ssn="123-45-6780", born="1990-01-01",
                         line1="1200 Example Ave Apt 4", city="Sampleton", region="OH", postal="43000", email=email)
    case = cases.open_case(session, ctx, consumer_id=consumer, title="Fixing my credit reports")
    rows = {r.bureau: r for sample in ("equifax-2024-annual-sample.pdf", "experian-2024-annual-sample.pdf",
                                       "transunion-2024-annual-sample.pdf")
            for r in _import(session, ctx, case, sample, name="Jordan Sample")}
    # Mid-dispute: Equifax has had the dispute for 12 days, TransUnion's is finalised, Experian's is a draft.
    equifax = _dispute(session, ctx, case, rows["Equifax"], accounts=("northwind", "recovery"), days_ago=14)
    sent = _sent(session, ctx, equifax[0], days_ago=12)
    transunion = _dispute(session, ctx, case, rows["TransUnion"], accounts=("northwind",), days_ago=1)
    letters.finalise(session, ctx, transunion[0].letter)
    _dispute(session, ctx, case, rows["Experian"], accounts=("adjustment",), days_ago=0)
    cases.add_note(session, ctx, case, body="Mailed the Equifax dispute by certified mail; "
                                            "green card not back yet.")
    demo.personas.append(Persona(email, "Jordan Sample", "owner", workspace.name,
                                 "an individual mid-dispute: 3 reports, letters, a waiting deadline"))
    demo.ids.update(jordan=user.id, jordan_case=case.id, jordan_report=rows["Equifax"].id,
                    jordan_letter=equifax[0].letter.id, jordan_proceeding=sent.id)


# ---- the clinic ----------------------------------------------------------------------------

def _clinic(session: Session, settings: Settings, demo: Demo) -> None:
    email = f"olivia@{DOMAIN}"
    owner = create_user(session, email=email, name="Olivia Owens", password=demo.password)
    workspace = workspaces.create_workspace(session, user=owner, name="Northside Legal Aid", kind="clinic")
    ctx = _context(session, owner, workspace)
    demo.personas.append(Persona(email, "Olivia Owens", "owner", workspace.name,
                                 "the whole clinic: Today, every case, members, audit log"))
    demo.ids.update(olivia=owner.id, clinic=workspace.id)

    people = {
        "dana": _consumer(session, ctx, "Dana Rivera", ssn="123-45-6781", born="1985-03-14",
                          line1="48 Lakeview Rd", city="Columbus", region="OH", postal="43004",
                          email=f"dana@{DOMAIN}"),
        "sam": _consumer(session, ctx, "Sam Okafor", ssn="123-45-6782", born="1978-11-02",
                         line1="9 Test Ct Unit B", city="Exampleville", region="PA", postal="15000"),
        "lee": _consumer(session, ctx, "Lee Chen", ssn="123-45-6783", born="1992-07-21",
                         line1="310 Maple St", city="Dayton", region="OH", postal="45402"),
        "maria": _consumer(session, ctx, "Maria Lopez", ssn="123-45-6784", born="1969-05-30",
                           line1="77 Placeholder Rd", city="Anytown", region="OH", postal="43001"),
    }
    names = {"dana": "Dana Rivera", "sam": "Sam Okafor", "lee": "Lee Chen", "maria": "Maria Lopez"}
    case = {k: cases.open_case(session, ctx, consumer_id=v, title=f"{names[k]}: credit report disputes")
            for k, v in people.items()}

    ana = _join(session, ctx, settings, demo, local="ana", name="Ana Alvarez", role=Role.advocate,
                sees="every case of the clinic; Dana Rivera's is hers")
    _join(session, ctx, settings, demo, local="ben", name="Ben Brooks", role=Role.advocate,
          sees="every case of the clinic")
    vic = _join(session, ctx, settings, demo, local="vic", name="Vic Volunteer", role=Role.volunteer,
                sees="only Sam Okafor's case (assigned to them), identity numbers masked")
    _join(session, ctx, settings, demo, local="dana", name="Dana Rivera", role=Role.client,
          sees="only her own case, with its letters and deadlines", consumer_id=people["dana"])
    cases.assign(session, ctx, case["dana"], member_id=ana.id)
    cases.assign(session, ctx, case["sam"], member_id=vic.id)

    # Dana: a 3-bureau page (one report per bureau). Equifax's dispute is overdue; TransUnion
    # answered "verified", and the clinic escalated (asked how it was verified, FCRA §611(a)(7)).
    dana = {r.bureau: r for r in _import(session, ctx, case["dana"], "identityiq-3bureau-sample.html",
                                         name="Dana Rivera")}
    overdue = _sent(session, ctx, _dispute(session, ctx, case["dana"], dana["Equifax"], accounts=("northwind",),
                                           days_ago=50)[0], days_ago=45)
    verified = _sent(session, ctx, _dispute(session, ctx, case["dana"], dana["TransUnion"],
                                            accounts=("recovery",), days_ago=62)[0], days_ago=60)
    _answered(session, ctx, verified, days_ago=25, outcome="verified",
              note="TransUnion's results: the collection was 'verified as reported'.")
    escalated = proceedings.follow_up(session, ctx, verified, letter_kind="us.method-of-verification")
    cases.add_note(session, ctx, case["dana"], body="Equifax has not answered: send the follow-up this week.",
                   shared=True)

    # Sam (assigned to the volunteer): Equifax dispute sent 10 days ago, waiting.
    sam = _import(session, ctx, case["sam"], "equifax-2024-annual-sample.pdf", name="Sam Okafor")[0]
    waiting = _sent(session, ctx, _dispute(session, ctx, case["sam"], sam, accounts=("auto",), days_ago=11)[0],
                    days_ago=10)

    # Lee: TransUnion report, the dispute to the bureau and the collectors drafted today.
    lee = _import(session, ctx, case["lee"], "transunion-2024-annual-sample.pdf", name="Lee Chen")[0]
    drafted = _dispute(session, ctx, case["lee"], lee, accounts=("recovery", "adjustment"), days_ago=0,
                       send_to="both")
    # ...and the auto loan's late payments, disputed a month ago: the answer is due within days.
    due_soon = _sent(session, ctx, _dispute(session, ctx, case["lee"], lee, accounts=("auto",), days_ago=33)[0],
                     days_ago=32)

    # Maria: Experian deleted the charge-off; the answer is recorded and reviewed.
    maria = _import(session, ctx, case["maria"], "experian-2024-annual-sample.pdf", name="Maria Lopez")[0]
    answered = _sent(session, ctx, _dispute(session, ctx, case["maria"], maria, accounts=("northwind",),
                                            days_ago=40)[0], days_ago=38)
    _answered(session, ctx, answered, days_ago=6, outcome="deleted",
              note="Experian deleted the Northwind account.")
    proceedings.mark_reviewed(session, ctx, answered)
    # Her collection came back unchanged: the answer waits for an advocate to choose the next step.
    refused = _sent(session, ctx, _dispute(session, ctx, case["maria"], maria, accounts=("adjustment",),
                                           days_ago=36)[0], days_ago=35)
    _answered(session, ctx, refused, days_ago=3, outcome="no-change",
              note="Experian kept the collection 'as reported' without saying what it checked.")

    demo.ids.update(
        dana_case=case["dana"].id, sam_case=case["sam"].id, lee_case=case["lee"].id, maria_case=case["maria"].id,
        dana_report=dana["Equifax"].id, sam_report=sam.id, overdue=overdue.id, verified=verified.id,
        escalated=escalated.id, waiting=waiting.id, due_soon=due_soon.id, needs_review=refused.id, drafted=drafted[0].proceeding_id, answered=answered.id,
        drafted_letter=drafted[0].letter.id, sent_letter=_letter_of(session, waiting).id)


def _letter_of(session: Session, proceeding: Proceeding) -> Letter:
    event = next(e for e in proceedings.events(session, proceeding) if e.letter_id)
    return session.get(Letter, event.letter_id)
