"""Journey 5, "Freeze or unfreeze my credit": all three bureaus in one go, online first.

A freeze is placed, lifted or removed at each nationwide bureau separately (FCRA §605A(i); not
passed on, legal-rules.md §1.3). Online or by phone: placed within one business day, lifted within
one hour; by mail: within three business days of receipt. All free.
"""

from app.journeys import service
from app.journeys.common import ADDRESS, BUREAU_NAMES, FREEZE_PAGES
from app.journeys.engine import Created, Journey, Question, Step, StepWords

FREEZE_SLUGS = {"equifax": "us-equifax-freeze", "experian": "us-experian-freeze",
                "transunion": "us-transunion-freeze"}
FREEZE_LINKS = {BUREAU_NAMES[b]: ("Freeze online at %(subject)s", url) for b, url in FREEZE_PAGES.items()}
LIFT_LINKS = {BUREAU_NAMES[b]: ("Lift it online at %(subject)s", url) for b, url in FREEZE_PAGES.items()}


def _lifting(answers: dict, facts: dict) -> bool:
    return answers.get("action") == "lift"


def _temporary(answers: dict, facts: dict) -> bool:
    return _lifting(answers, facts) and answers.get("request") == "lift-temporarily"


def _dates_in_order(answers: dict, facts: dict) -> dict[str, str]:
    if answers.get("lift_until", "") < answers.get("lift_from", ""):
        return {"lift_until": "The end date must be after the start date."}
    return {}


STEPS = (
    Step("action", "Freeze or unfreeze?", (
        Question("action", "choice", "What do you want to do?", options=(
            ("freeze", "Freeze my credit (no new credit in my name)"),
            ("lift", "Unfreeze my credit (I am applying for credit)"))),),
        intro="These steps are for credit files in the United States."),
    Step("request", "For how long?", (
        Question("request", "choice", "Unfreeze", options=(
            ("lift-temporarily", "For a while, then freeze again"), ("remove-freeze", "Remove the freeze"))),),
        when=_lifting),
    Step("dates", "From when to when?", (
        Question("lift_from", "date", "From"), Question("lift_until", "date", "Until")),
        when=_temporary, check=_dates_in_order),
    ADDRESS,
)

WORDS = {
    "freeze": StepWords(
        "Freeze your credit at %(subject)s",
        "A freeze stops new credit in your name. Each bureau needs its own request (FCRA §605A(i)). "
        "Online or by phone is fastest: the bureau must act within one business day; by mail, within three. "
        "Keep the PIN or password the bureau gives you.",
        link_by_subject=FREEZE_LINKS),
    "lift": StepWords(
        "Unfreeze your credit at %(subject)s",
        "Online or by phone the bureau must lift the freeze within one hour; by mail, within three business "
        "days after it gets your letter (FCRA §605A(i)(3)). Ask the lender which bureau it uses: you may "
        "need only that one.",
        link_by_subject=LIFT_LINKS),
}


def preview(answers: dict, facts: dict) -> list[Created]:
    if answers.get("action") == "lift":
        return [Created("Three unfreeze letters: Equifax, Experian and TransUnion, with the online links first")]
    return [Created("Three freeze letters: Equifax, Experian and TransUnion, with the online links first")]


def build(session, ctx, case, answers: dict) -> list[service.StepSpec]:
    steps = []
    for bureau, slug in FREEZE_SLUGS.items():
        recipient = service.seeded(session, slug)
        if answers.get("action") == "lift":
            facts = {"bureau": bureau, "request": answers.get("request", "remove-freeze"),
                     "lift_from": answers.get("lift_from", ""), "lift_until": answers.get("lift_until", ""), "pin": ""}
            letter = service.draft(session, ctx, case, kind_id="us.security-freeze-lift", recipient=recipient,
                                   facts=facts)
            steps.append(service.StepSpec("lift", BUREAU_NAMES[bureau], letter))
        else:
            letter = service.draft(session, ctx, case, kind_id="us.security-freeze", recipient=recipient,
                                   facts={"bureau": bureau, "other_bureaus": False})
            steps.append(service.StepSpec("freeze", BUREAU_NAMES[bureau], letter))
    return steps


JOURNEY = Journey(slug="freeze", title="Freeze or unfreeze my credit",
                  summary="All three bureaus in one go: online links first, letters by mail.",
                  steps=STEPS, preview=preview, build=build, words=WORDS)
