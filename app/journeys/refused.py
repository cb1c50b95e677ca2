"""Journey 4, "Why was I refused / how was I scored?".

US: after a refusal based on a credit report, a free report from the bureau named in the notice if
asked within 60 days of getting the notice (FCRA §612(b), §615(a)), with the score (§609(f)); and
the lender's reasons under ECOA / Regulation B §1002.9 (not checked in Recourse's legal notes:
check with an advocate). EU: access to the logic of the score (GDPR Art 15(1)(h)) and human review
of the decision (Art 22(3)); the bureau's score is itself such a decision when the lender draws
strongly on it (CJEU C-634/21 SCHUFA, 7 Dec 2023; C-203/22, 27 Feb 2025). UK: Arts 22A-22D UK GDPR
(details UNVERIFIED). China: an explanation of, or refusal of, an automated decision (PIPL Art 24).
"""

from datetime import date, timedelta

from app.journeys import service
from app.journeys.common import ADDRESS, BUREAU_NAMES, BUREAUS, COUNTRY
from app.journeys.engine import Created, Journey, Question, Step, StepWords

FREE_REPORT_DAYS = 60  # FCRA §612(b): the request within 60 days after receiving the §615 notice


def _us(answers: dict, facts: dict) -> bool:
    return answers.get("country") == "us"


STEPS = (
    Step("country", "Where were you refused?", (COUNTRY,)),
    Step("lender", "Who turned you down?", (
        Question("lender", "text", "Name of the lender, landlord or company"),)),
    Step("applied", "What did you apply for?", (
        Question("application", "text", "For example: a credit card, a flat, a phone contract"),)),
    Step("notice", "When did you hear?", (
        Question("notice_on", "past-date", "The day you got the refusal"),)),
    Step("bureau", "Which credit bureau did the notice name?", (
        Question("bureau", "choice", "The bureau in the notice", options=(*BUREAUS, ("none", "None or I do not know"))),),
        when=_us),
    ADDRESS,
)

WORDS = {
    "free_report": StepWords(
        "Ask %(subject)s for your free report and score",
        "After a refusal you may get a free report from the bureau named in the notice if you ask within "
        "60 days (FCRA §612(b)). Ask by %(note)s. We also ask for your score and its key factors (§609(f))."),
    "ecoa": StepWords(
        "Ask %(subject)s for its reasons",
        "A lender that turns you down must tell you the main reasons (ECOA, Regulation B §1002.9). The time "
        "limits are not yet checked by Recourse: check with an advocate."),
    "eu_access": StepWords(
        "Ask %(subject)s how your score was made",
        "You may ask for meaningful information about the logic used (GDPR Art 15(1)(h)). A credit score can "
        "itself be an automated decision (CJEU C-634/21 SCHUFA)."),
    "eu_review": StepWords(
        "Ask %(subject)s for a person to look at the decision",
        "You may give your view, contest the decision and ask for human review (GDPR Art 22(3))."),
    "uk_review": StepWords(
        "Ask %(subject)s about the decision made by computer",
        "You may ask for information, make your case and ask for a person to review it (UK GDPR Arts 22A-22D). "
        "The details are not yet checked by Recourse: check with an advocate."),
    "cn_explain": StepWords(
        "Ask %(subject)s to explain the automated decision",
        "You may ask for an explanation and refuse a decision made only by automated means that has a major "
        "effect on you (PIPL Art 24)."),
}


def _last_day(notice_on: str) -> str:
    try:
        return (date.fromisoformat(notice_on) + timedelta(days=FREE_REPORT_DAYS)).isoformat()
    except ValueError:
        return ""


def preview(answers: dict, facts: dict) -> list[Created]:
    lender = answers.get("lender", "")
    country = answers.get("country")
    if country == "us":
        made = [Created("A letter to %(name)s asking for its reasons", {"name": lender})]
        if answers.get("bureau") in BUREAU_NAMES:
            made.insert(0, Created("A letter to %(name)s for your free report and score",
                                   {"name": BUREAU_NAMES[answers["bureau"]]}))
        return made
    if country == "eu":
        return [Created("A letter to %(name)s asking how your score was made", {"name": lender}),
                Created("A letter to %(name)s asking for human review", {"name": lender})]
    if country == "uk":
        return [Created("A letter to %(name)s about the decision made by computer", {"name": lender})]
    return [Created("A letter to %(name)s asking to explain the decision", {"name": lender})]


def _decision(answers: dict) -> str:
    return f"{answers.get('lender', '')} refused my application: {answers.get('application', '')}."


def build(session, ctx, case, answers: dict) -> list[service.StepSpec]:
    lender, country, notice_on = answers.get("lender", ""), answers.get("country"), answers.get("notice_on", "")
    draft = lambda kind_id, facts, **kw: service.draft(session, ctx, case, kind_id=kind_id, recipient=None,  # noqa: E731
                                                       facts=facts, **kw)
    if country == "us":
        steps = []
        bureau = answers.get("bureau")
        if bureau in BUREAU_NAMES:
            letter = service.draft(session, ctx, case, kind_id="us.file-disclosure",
                                   recipient=service.seeded(session, f"us-{bureau}-dispute"),
                                   facts={"basis": "adverse-action", "adverse_action_date": notice_on,
                                          "adverse_action_user": lender, "include_score": True})
            steps.append(service.StepSpec("free_report", BUREAU_NAMES[bureau], letter, note=_last_day(notice_on)))
        steps.append(service.StepSpec("ecoa", lender, draft("us.ecoa-reasons", {
            "notice_received_on": notice_on, "application": answers.get("application", ""), "score_given": False})))
        return steps
    if country == "eu":
        return [service.StepSpec("eu_access", lender, draft("eu.access", {"score_concerned": True})),
                service.StepSpec("eu_review", lender, draft("eu.automated-decision", {
                    "decision": _decision(answers), "decision_date": notice_on, "decision_maker": lender,
                    "recipient_role": "decision-maker"}))]
    if country == "uk":
        return [service.StepSpec("uk_review", lender, draft("uk.automated-decision", {
            "decision": _decision(answers), "decision_date": notice_on}))]
    return [service.StepSpec("cn_explain", lender, draft("cn.pipl-automated-decision", {
        "decision": _decision(answers), "decision_date": notice_on,
        "impact": "I could not get what I applied for.", "ask_data": True}, lang="en"))]


JOURNEY = Journey(slug="refused", title="Why was I refused, or how was I scored?",
                  summary="Get the reasons, your score and a free report after a refusal.",
                  steps=STEPS, preview=preview, build=build, words=WORDS)
