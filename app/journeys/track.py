"""Journey 6, "Check on a request I sent": a letter sent outside Recourse, recorded so its
deadline runs (the rules registry counts from the day it was sent or received)."""

from app.journeys import service
from app.journeys.engine import Created, Journey, Question, Step, StepWords

# What people send most often, by procedure id (app/rules/procedures_*.py).
PROCEDURES = (
    ("us.fcra.dispute-cra", "A dispute to a credit bureau (United States)"),
    ("us.fcra.dispute-furnisher", "A dispute to a lender or collector (United States)"),
    ("us.fdcpa.validation", "A request to a debt collector for proof of the debt (United States)"),
    ("us.fcra.identity-theft-records", "A request for records about identity theft (United States)"),
    ("eu.gdpr.access", "A request for my data (European Union)"),
    ("eu.gdpr.rectification", "A request to correct my data (European Union)"),
    ("uk.gdpr.access", "A subject access request (United Kingdom)"),
    ("cn.credit.objection", "An objection to my credit report (China)"),
)
CHANNELS = (("post", "By post"), ("certified", "By certified mail"), ("online", "Online form"),
            ("email", "By email"))

STEPS = (
    Step("procedure", "What did you send?", (Question("procedure", "choice", "The request", options=PROCEDURES),)),
    Step("recipient", "Who did you send it to?", (
        Question("recipient_name", "text", "Name of the company or agency"),)),
    Step("sent_on", "When did you send it?", (
        Question("sent_on", "past-date", "The day it went out", help="Look at your receipt or email."),)),
    Step("channel", "How did you send it?", (Question("channel", "choice", "How", options=CHANNELS),)),
)

WORDS = {
    "wait": StepWords(
        "Wait for the answer from %(subject)s",
        "The law gives them a set time to answer. We count it for you and remind you. Check with an "
        "advocate if your request was unusual."),
    "answer": StepWords(
        "When the answer comes, record it",
        "Open the request and add what happened. If they do not answer in time, Recourse suggests what to do next."),
}


def preview(answers: dict, facts: dict) -> list[Created]:
    return [Created("A record of your request to %(name)s, sent on %(day)s, with its deadline",
                    {"name": answers.get("recipient_name", ""), "day": answers.get("sent_on", "")})]


def build(session, ctx, case, answers: dict) -> list[service.StepSpec]:
    proceeding = service.track_elsewhere(session, ctx, case, procedure_id=answers["procedure"],
                                         recipient_name=answers.get("recipient_name", ""),
                                         sent_on=answers.get("sent_on", ""), channel=answers.get("channel", ""))
    subject = answers.get("recipient_name", "")
    return [service.StepSpec("wait", subject, proceeding=proceeding),
            service.StepSpec("answer", subject, proceeding=proceeding)]


JOURNEY = Journey(slug="track", title="Check on a request I sent",
                  summary="Record a letter you sent elsewhere, and we count its deadline.",
                  steps=STEPS, preview=preview, build=build, words=WORDS)
