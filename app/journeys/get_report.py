"""Journey 1, "Get my credit report / my data".

US: the three free reports through the central source (FCRA §612(a); 12 CFR 1022.136: online at
annualcreditreport.com is fastest; by mail within 15 days of receipt) and the specialty reports
that matter for the person (§612(a)(1)(C); 12 CFR 1022.137). EU: an access request (GDPR Art 15)
to the credit agencies of their country in the directory. UK: a subject access request (UK GDPR
Art 15) to the three agencies. China: the PBOC credit report, twice a year free (Credit Reporting
Regulation Art 17), online at ipcrs.pbccrc.org.cn or at a PBOC branch.
"""

from app.journeys import service
from app.journeys.common import ADDRESS, ANNUAL_CREDIT_REPORT, COUNTRY
from app.journeys.engine import Created, Journey, Question, Step, StepWords
from app.recipients import service as recipients

PBOC_ONLINE = "https://ipcrs.pbccrc.org.cn"
# Which specialty bureaus matter for what (seeded directory slugs; the catalog's "specialty" choice).
SPECIALTY = {
    "renting": ("tenant-history", ("us-saferent", "us-realpage", "us-experian-rentbureau")),
    "banking": ("check-writing", ("us-chexsystems", "us-early-warning")),
    "jobs": ("employment", ("us-the-work-number", "us-first-advantage")),
    "insurance": ("insurance-claims", ("us-lexisnexis-clue", "us-mib")),
}
EU_COUNTRIES = (("de", "Germany"), ("at", "Austria"), ("it", "Italy"), ("cz", "Czechia"),
                ("other", "Another EU country"))
EU_LANG = {"de": "de", "at": "de", "it": "it"}


def _country(code: str):
    return lambda answers, facts: answers.get("country") == code


STEPS = (
    Step("country", "Where do you live?", (COUNTRY,)),
    Step("needs", "Is anything coming up?", (
        Question("needs", "multi", "Tick what fits. We add the special reports that matter.", required=False,
                 options=(("renting", "Renting a home"), ("banking", "Opening a bank account"),
                          ("jobs", "Applying for a job"), ("insurance", "Buying insurance"))),),
        when=_country("us")),
    Step("eu_country", "Which country?", (
        Question("eu_country", "choice", "Your country", options=EU_COUNTRIES),), when=_country("eu")),
    ADDRESS,
)

WORDS = {
    "online": StepWords(
        "Get your three free reports online",
        "Online is fastest: you see your Equifax, Experian and TransUnion reports at once, free "
        "(FCRA §612(a)). It is the only official site; others may charge you.",
        link=("Go to AnnualCreditReport.com", ANNUAL_CREDIT_REPORT)),
    "central_mail": StepWords(
        "Or ask for them by mail",
        "By mail the bureaus must send them within 15 days after the request arrives (FCRA §612(a)(2))."),
    "specialty": StepWords(
        "Ask %(subject)s for your report",
        "Landlords, banks, employers and insurers use these special reports. Each gives you one free "
        "report a year (FCRA §612(a); 12 CFR 1022.137)."),
    "access": StepWords(
        "Ask %(subject)s for your data",
        "You have the right to a free copy of your data, how it is used and any score (GDPR Art 15). "
        "The answer is due within one month (Art 12(3))."),
    "find_agency": StepWords(
        "Find the credit agencies of your country",
        "We have no agency of your country in our list yet. Add it on the letter page, or check with an advocate.",
        link=("Look in the directory", "/recipients?kind=credit-agency")),
    "uk_access": StepWords(
        "Ask %(subject)s for your credit file",
        "A subject access request is free and due within one month (UK GDPR Art 15, Art 12(3))."),
    "pboc_online": StepWords(
        "Get your PBOC credit report online",
        "You may get your report free twice a year (Credit Reporting Regulation Art 17), online or at a "
        "People's Bank of China branch with your ID.",
        link=("Go to ipcrs.pbccrc.org.cn", PBOC_ONLINE)),
    "pboc_letter": StepWords(
        "Or ask the Credit Reference Center in writing",
        "A written request, if you cannot use the website or a branch."),
}


def _needs(answers: dict) -> list[str]:
    return [n for n in answers.get("needs", "").split(",") if n in SPECIALTY]


def preview(answers: dict, facts: dict) -> list[Created]:
    country = answers.get("country")
    if country == "us":
        made = [Created("A link to AnnualCreditReport.com (fastest)"),
                Created("A letter to the Annual Credit Report Request Service")]
        labels = dict(STEPS[1].questions[0].options)
        made += [Created("Letters to the special bureaus for: %(what)s", {"what": labels[n]}) for n in _needs(answers)]
        return made
    if country == "eu":
        return [Created("Access requests to the credit agencies of your country in our list")]
    if country == "uk":
        return [Created("Access requests to Experian, Equifax and TransUnion")]
    return [Created("A link to the PBOC online service and a letter to its Credit Reference Center")]


def _us(session, ctx, case, answers) -> list[service.StepSpec]:
    steps = [service.StepSpec("online"), service.StepSpec("central_mail", "", service.draft(
        session, ctx, case, kind_id="us.annual-report-request", recipient=service.seeded(session, "us-central-source"),
        facts={"truncate_ssn": True}))]
    for need in _needs(answers):
        specialty, slugs = SPECIALTY[need]
        for slug in slugs:
            recipient = service.seeded(session, slug)
            if recipient is not None:
                steps.append(service.StepSpec("specialty", recipient.name, service.draft(
                    session, ctx, case, kind_id="us.specialty-report-request", recipient=recipient,
                    facts={"specialty": specialty})))
    return steps


def _eu(session, ctx, case, answers) -> list[service.StepSpec]:
    code = answers.get("eu_country", "other")
    found = recipients.search(session, ctx, kind="credit-agency", jurisdiction=f"EU-{code.upper()}", limit=6) \
        if code != "other" else []
    if not found:
        return [service.StepSpec("find_agency"), service.StepSpec("access", "", service.draft(
            session, ctx, case, kind_id="eu.access", recipient=None, facts={"score_concerned": True}))]
    return [service.StepSpec("access", r.name, service.draft(
        session, ctx, case, kind_id="eu.access", recipient=r, facts={"score_concerned": True},
        lang=EU_LANG.get(code, "en"), region=code.upper())) for r in found]


def build(session, ctx, case, answers: dict) -> list[service.StepSpec]:
    country = answers.get("country")
    if country == "us":
        return _us(session, ctx, case, answers)
    if country == "eu":
        return _eu(session, ctx, case, answers)
    if country == "uk":
        return [service.StepSpec("uk_access", r.name, service.draft(
            session, ctx, case, kind_id="uk.access", recipient=r, facts={"credit_reference_agency": True}))
            for r in filter(None, (service.seeded(session, s) for s in ("uk-experian", "uk-equifax", "uk-transunion")))]
    return [service.StepSpec("pboc_online"), service.StepSpec("pboc_letter", "", service.draft(
        session, ctx, case, kind_id="cn.report-request", recipient=service.seeded(session, "cn-pbccrc"),
        facts={"recipient_type": "pboc-credit-reference-center", "free_this_year": True}))]


JOURNEY = Journey(slug="report", title="Get my credit report or my data",
                  summary="See what the credit bureaus hold about you: free, and online is fastest.",
                  steps=STEPS, preview=preview, build=build, words=WORDS)
