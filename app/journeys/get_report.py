"""Journey 1, "Get my credit report / my data".

US: the three free reports through the central source (FCRA §612(a); 12 CFR 1022.136: online at
annualcreditreport.com is fastest; by mail within 15 days of receipt) and the specialty reports
that matter for the person (§612(a)(1)(C); 12 CFR 1022.137). EU and EEA: an access request (GDPR
Art 15) to the credit agencies of their country the person picks from the directory; where the
directory knows none, the plan says so and points to the country's data protection authority, which
informs people about their rights on request (Art 57(1)(e)). UK: a subject access request (UK GDPR
Art 15) to the three agencies. China: the PBOC credit report, twice a year free (Credit Reporting
Regulation Art 17), online at ipcrs.pbccrc.org.cn or at a PBOC branch.
"""

from app.journeys import service
from app.journeys.common import ADDRESS, ANNUAL_CREDIT_REPORT, COUNTRY
from app.journeys.engine import Created, Journey, Question, Step, StepWords
from app.recipients import service as recipients
from app.rules.calendars import EU_REGIONS

PBOC_ONLINE = "https://ipcrs.pbccrc.org.cn"
# Which specialty bureaus matter for what (seeded directory slugs; the catalog's "specialty" choice).
SPECIALTY = {
    "renting": ("tenant-history", ("us-saferent", "us-realpage", "us-experian-rentbureau")),
    "banking": ("check-writing", ("us-chexsystems", "us-early-warning")),
    "jobs": ("employment", ("us-the-work-number", "us-first-advantage")),
    "insurance": ("insurance-claims", ("us-lexisnexis-clue", "us-mib")),
}
# Every EU member state and the EEA states (the GDPR applies there through the EEA Agreement). The
# directory tags a country's entries EU-<code> (app/recipients/directory.py); Greece is GR there.
EU_COUNTRIES = (
    ("at", "Austria"), ("be", "Belgium"), ("bg", "Bulgaria"), ("hr", "Croatia"), ("cy", "Cyprus"),
    ("cz", "Czechia"), ("dk", "Denmark"), ("ee", "Estonia"), ("fi", "Finland"), ("fr", "France"),
    ("de", "Germany"), ("gr", "Greece"), ("hu", "Hungary"), ("is", "Iceland"), ("ie", "Ireland"),
    ("it", "Italy"), ("lv", "Latvia"), ("li", "Liechtenstein"), ("lt", "Lithuania"), ("lu", "Luxembourg"),
    ("mt", "Malta"), ("nl", "Netherlands"), ("no", "Norway"), ("pl", "Poland"), ("pt", "Portugal"),
    ("ro", "Romania"), ("sk", "Slovakia"), ("si", "Slovenia"), ("es", "Spain"), ("se", "Sweden"),
)
# The letter's language where the country's own language is one the access letter has.
EU_LANG = {"de": "de", "at": "de", "it": "it", "fr": "fr", "es": "es"}
EDPB_MEMBERS = "https://www.edpb.europa.eu/about-edpb/about-edpb/members_en"


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
        Question("eu_country", "choice", "Your country", options=EU_COUNTRIES),), when=_country("eu"),
        intro="Iceland, Liechtenstein and Norway are here too: the same law applies there."),
    Step("agencies", "Which credit agencies should get a request?", (
        Question("agencies", "multi", "Tick the ones you want to ask. Each answer is free.",
                 choices=lambda facts: facts.get("agencies", ())),),
        when=lambda answers, facts: answers.get("country") == "eu" and bool(facts.get("agencies"))),
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
    "no_agency": StepWords(
        "We know no credit agency in %(subject)s yet",
        "Our list has no credit agency for your country. Your letter is ready without an address: add the "
        "agency's name and address on the letter page once you know it."),
    "authority": StepWords(
        "Ask %(subject)s which credit agencies hold your data",
        "The data protection authority must tell you about your rights when you ask (GDPR Art 57(1)(e)). "
        "You can also complain to it if a request is not answered (Art 77).",
        link=("See its address", "/recipients?kind=regulator&jurisdiction={note}")),
    "authority_unknown": StepWords(
        "Find your country's data protection authority",
        "Every EU and EEA country has one. It must tell you about your rights when you ask (GDPR Art "
        "57(1)(e)). The European Data Protection Board lists them all.",
        link=("Go to the list of authorities", EDPB_MEMBERS)),
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
        return _preview_eu(answers, facts)
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


def _tag(code: str) -> str:
    return f"EU-{code.upper()}"


def _in_directory(session, ctx, code: str, kind: str) -> list:
    return recipients.search(session, ctx, kind=kind, jurisdiction=_tag(code)) if code in dict(EU_COUNTRIES) else []


def known(session, ctx, case, answers: dict) -> dict:
    """For the EU: the credit agencies of the chosen country in the directory (seeded and the
    workspace's own) or, without any, its data protection authority."""
    code = answers.get("eu_country", "")
    if answers.get("country") != "eu" or code not in dict(EU_COUNTRIES):
        return {}
    agencies = _in_directory(session, ctx, code, "credit-agency")
    if agencies:
        return {"agencies": tuple((str(r.id), r.name) for r in agencies)}
    authorities = _in_directory(session, ctx, code, "regulator")
    return {"authority": authorities[0].name if authorities else ""}


def _preview_eu(answers: dict, facts: dict) -> list[Created]:
    names = dict(facts.get("agencies", ()))
    country = dict(EU_COUNTRIES).get(answers.get("eu_country", ""), "")
    if names:
        return [Created("A request for your data to %(name)s", {"name": names[i]})
                for i in answers.get("agencies", "").split(",") if i in names]
    made = [Created("We know no credit agency in %(country)s yet: nothing to choose", {"country": country})]
    if facts.get("authority"):
        made.append(Created("A step to ask %(name)s which agencies hold your data", {"name": facts["authority"]}))
    else:
        made.append(Created("A step to find your country's data protection authority"))
    return [*made, Created("A request for your data that you address yourself")]


def _eu(session, ctx, case, answers) -> list[service.StepSpec]:
    code = answers.get("eu_country", "")
    lang, region = EU_LANG.get(code, "en"), code.upper() if code.upper() in EU_REGIONS else None
    agencies = {str(r.id): r for r in _in_directory(session, ctx, code, "credit-agency")}
    chosen = [agencies[i] for i in answers.get("agencies", "").split(",") if i in agencies]
    if chosen:
        return [service.StepSpec("access", r.name, service.draft(
            session, ctx, case, kind_id="eu.access", recipient=r, facts={"score_concerned": True},
            lang=lang, region=region)) for r in chosen]
    authorities = _in_directory(session, ctx, code, "regulator")
    steps = [service.StepSpec("no_agency", dict(EU_COUNTRIES).get(code, ""))]
    if authorities:
        steps.append(service.StepSpec("authority", authorities[0].name, note=_tag(code)))
    else:
        steps.append(service.StepSpec("authority_unknown"))
    return [*steps, service.StepSpec("access", "", service.draft(
        session, ctx, case, kind_id="eu.access", recipient=None, facts={"score_concerned": True},
        lang=lang, region=region))]


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
                  steps=STEPS, preview=preview, build=build, words=WORDS, known=known)
