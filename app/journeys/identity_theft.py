"""Journey 3, "Someone used my identity": the US recovery plan as a checklist.

Order and law (legal-rules.md §1.3 and §1.1): a fraud alert at one bureau, which passes it on
(FCRA §605A(a)); a freeze at each bureau, which is not passed on (§605A(i)); the FTC identity
theft report (§603(q)(4) "identity theft report"); block letters to each bureau (§605B(a), block
within 4 business days of receipt); business-records requests (§609(e), 30 days); a police
report where a company asks for one; letters to debt collectors (FDCPA §809(b)).
"""

from app.journeys import service
from app.journeys.common import ADDRESS, BUREAU_NAMES, IDENTITY_THEFT_GOV
from app.journeys.engine import Created, Journey, Question, Step, StepWords
from app.journeys.freeze import FREEZE_LINKS, FREEZE_SLUGS
from app.recipients import service as recipients

WHAT = Question("what", "multi", "What happened? Tick all that fit.", options=(
    ("accounts", "Someone opened accounts or loans in my name"),
    ("charges", "Someone used one of my accounts"),
    ("collectors", "Debt collectors want me to pay debts that are not mine"),
    ("report", "My credit report shows things I do not know"),
))


def _lines(value: str) -> list[str]:
    return list(dict.fromkeys(line.strip()[:200] for line in (value or "").splitlines() if line.strip()))[:10]


def _collectors(answers: dict, facts: dict) -> bool:
    return "collectors" in answers.get("what", "").split(",")


STEPS = (
    Step("what", "What happened?", (WHAT,)),
    Step("companies", "Which companies did the thief use?", (
        Question("companies", "lines", "Company names, one per line", required=False,
                 help="The bank, shop or phone company where the thief opened or used an account. "
                 "You can skip this and add them later."),)),
    Step("collectors", "Which debt collectors contacted you?", (
        Question("collectors", "lines", "Debt collector names, one per line", required=False),),
        when=_collectors),
    Step("police", "Does someone ask you for a police report?", (
        Question("police", "choice", "A police report", options=(
            ("yes", "Yes, a company asks for one, or I know who did it"),
            ("no", "No, not now"))),),
        intro="The FTC report is enough for most steps. Some companies still ask for a police report."),
    ADDRESS,
)

WORDS = {
    "fraud_alert": StepWords(
        "Put a fraud alert on your credit file",
        "Lenders must check it is really you before they open credit in your name. Ask one bureau: it "
        "passes the alert on to the other two (FCRA §605A(a)). It lasts one year and is free."),
    "freeze": StepWords(
        "Freeze your credit at %(subject)s",
        "A freeze stops new credit in your name. Each bureau needs its own request (FCRA §605A(i)). "
        "Online or by phone is fastest: the bureau must act within one business day; by mail, within three.",
        link_by_subject=FREEZE_LINKS),
    "ftc_report": StepWords(
        "Report the identity theft to the FTC",
        "The FTC report is your identity theft report. The block letters and the records requests "
        "rely on it (FCRA §605B, §609(e)).",
        link=("Go to IdentityTheft.gov", IDENTITY_THEFT_GOV),
        ready=("Your ID and your address", "The accounts or debts that are not yours, with any numbers",
               "Letters or bills you got about them", "Dates you found out"),
        records_number=True),
    "block": StepWords(
        "Ask %(subject)s to block what is not yours",
        "With your FTC report and your ID, the bureau must block the items within 4 business days after "
        "it gets your letter (FCRA §605B(a))."),
    "records": StepWords(
        "Ask %(subject)s for its records of the fraud",
        "A company that dealt with the thief must give you copies of the application and records, free, "
        "within 30 days (FCRA §609(e))."),
    "police": StepWords(
        "File a police report",
        "Some companies ask for one. Bring your FTC report, your ID and proof of address to your local "
        "police. Ask for a copy of the report."),
    "collector": StepWords(
        "Tell %(subject)s the debt is not yours",
        "A collector who gets your dispute in writing within 30 days of its first notice must stop until "
        "it sends proof (FDCPA §809(b)). Send your FTC report with it."),
}


def preview(answers: dict, facts: dict) -> list[Created]:
    made = [Created("A fraud alert letter to Equifax (it tells the other two bureaus)"),
            Created("Three freeze letters: Equifax, Experian and TransUnion"),
            Created("A step to report to the FTC at IdentityTheft.gov"),
            Created("Three block letters, one per bureau")]
    made += [Created("A records request to %(name)s", {"name": c}) for c in _lines(answers.get("companies"))]
    if answers.get("police") == "yes":
        made.append(Created("A step to file a police report"))
    made += [Created("A letter to the debt collector %(name)s", {"name": c}) for c in _lines(answers.get("collectors"))]
    return made


def _block_items(companies: list[str]) -> list[dict]:
    return [{"furnisher": c, "account": "", "what_is_wrong": "An account or debt that I did not open or use.",
             "why": "It is the result of identity theft. It is not my transaction.", "action": "delete",
             "correct_to": ""} for c in companies]


def build(session, ctx, case, answers: dict) -> list[service.StepSpec]:
    companies = _lines(answers.get("companies"))
    steps = [service.StepSpec("fraud_alert", "Equifax", service.draft(
        session, ctx, case, kind_id="us.fraud-alert-initial", recipient=service.seeded(session, "us-equifax-fraud-alert"),
        facts={"free_report": True}))]
    for bureau, slug in FREEZE_SLUGS.items():
        steps.append(service.StepSpec("freeze", BUREAU_NAMES[bureau], service.draft(
            session, ctx, case, kind_id="us.security-freeze", recipient=service.seeded(session, slug),
            facts={"bureau": bureau, "other_bureaus": True})))
    steps.append(service.StepSpec("ftc_report"))
    for bureau in BUREAU_NAMES:
        steps.append(service.StepSpec("block", BUREAU_NAMES[bureau], service.draft(
            session, ctx, case, kind_id="us.identity-theft-block",
            recipient=service.seeded(session, f"us-{bureau}-dispute"), facts={"items": _block_items(companies)})))
    for company in companies:
        steps.append(service.StepSpec("records", company, service.draft(
            session, ctx, case, kind_id="us.identity-theft-records",
            recipient=recipients.company_named(session, ctx, company),
            facts={"fraud_description": f"Someone opened or used an account in my name at {company} "
                                        "without my permission."})))
    if answers.get("police") == "yes":
        steps.append(service.StepSpec("police"))
    for collector in _lines(answers.get("collectors")):
        steps.append(service.StepSpec("collector", collector, service.draft(
            session, ctx, case, kind_id="us.debt-validation", recipient=recipients.company_named(session, ctx, collector),
            facts={"creditor": collector, "not_mine": True,
                   "dispute_reason": "This debt is not mine. It is the result of identity theft."})))
    return steps


JOURNEY = Journey(
    slug="identity-theft", title="Someone used my identity",
    summary="A recovery plan: fraud alert, freezes, your FTC report and the letters that clear your file.",
    steps=STEPS, preview=preview, build=build, words=WORDS)
