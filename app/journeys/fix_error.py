"""Journey 2, "Fix an error on my report": a dispute to the bureau (FCRA §611(a)(1)(A), 30 days)
and/or to the company that reports it (§623(a)(8); 12 CFR 1022.43), with an evidence checklist.
With the report as a file, the plan hands off to the import screen, where the findings are picked."""

from app.journeys import service
from app.journeys.common import ADDRESS, BUREAU_NAMES, BUREAUS
from app.journeys.engine import Created, Journey, Question, Step, StepWords
from app.recipients import service as recipients

EVIDENCE = (("id", "A copy of your ID"), ("address", "Proof of your address (a bill or bank statement)"),
            ("statements", "Statements or receipts that show the truth"),
            ("letters", "Letters from the company"), ("report_copy", "The page of the report, with the error marked"))


def _describing(answers: dict, facts: dict) -> bool:
    return answers.get("have") == "paper"


def _address(answers: dict, facts: dict) -> bool:
    return _describing(answers, facts) and not facts.get("has_address")


STEPS = (
    Step("have", "Do you have your credit report?", (
        Question("have", "choice", "Your report", options=(
            ("file", "Yes, as a file I can upload"), ("paper", "Yes, I can read it (paper or screen)"),
            ("none", "No, not yet"))),)),
    Step("bureau", "Which bureau's report shows the error?", (
        Question("bureau", "choice", "The bureau", options=BUREAUS),), when=_describing),
    Step("company", "Which company reports it?", (
        Question("company", "text", "The lender or collector named next to the error"),), when=_describing),
    Step("wrong", "What is wrong?", (
        Question("wrong", "lines", "In your own words", help="For example: this account is not mine; I paid it in "
                 "full in May 2025; it says late but I paid on time."),), when=_describing),
    Step("send_to", "Who should get a letter?", (
        Question("send_to", "multi", "Tick one or both", options=(
            ("bureau", "The credit bureau"), ("company", "The company that reports it"))),), when=_describing),
    Step("evidence", "What can you send with it?", (
        Question("evidence", "multi", "Tick what you have. Send copies, never originals.", required=False,
                 options=EVIDENCE),), when=_describing),
    Step(ADDRESS.name, ADDRESS.title, ADDRESS.questions, intro=ADDRESS.intro, when=_address, check=ADDRESS.check),
)

WORDS = {
    "import": StepWords(
        "Upload your report",
        "Recourse reads it and lists what looks wrong. Pick the errors there and it drafts the letters.",
        link=("Go to the import screen", "/cases/{case}/reports")),
    "get_report": StepWords(
        "Get your report first",
        "You need to see the error on your report before you can dispute it.",
        link=("Get my credit report", "/start/report")),
    "evidence": StepWords(
        "Gather your evidence",
        "Copies that show the truth make the dispute stronger. Keep the originals."),
    "dispute_bureau": StepWords(
        "Send the dispute to %(subject)s",
        "The bureau must look into it, usually within 30 days after it gets your letter, and tell the "
        "company (FCRA §611(a))."),
    "dispute_company": StepWords(
        "Send the dispute to %(subject)s",
        "The company that reports it must look into a direct dispute and answer (FCRA §623(a)(8))."),
}


def preview(answers: dict) -> list[Created]:
    have = answers.get("have")
    if have == "file":
        return [Created("A step that takes you to the import screen")]
    if have == "none":
        return [Created("A step to get your report first")]
    send = answers.get("send_to", "").split(",")
    made = [Created("An evidence checklist")]
    if "bureau" in send:
        made.append(Created("A dispute letter to %(name)s", {"name": BUREAU_NAMES.get(answers.get("bureau"), "")}))
    if "company" in send:
        made.append(Created("A dispute letter to %(name)s", {"name": answers.get("company", "")}))
    return made


def build(session, ctx, case, answers: dict) -> list[service.StepSpec]:
    have = answers.get("have")
    if have == "file":
        return [service.StepSpec("import")]
    if have == "none":
        return [service.StepSpec("get_report")]
    company, bureau = answers.get("company", ""), answers.get("bureau", "")
    items = [{"furnisher": company, "account": "", "what_is_wrong": answers.get("wrong", ""),
              "why": answers.get("wrong", ""), "action": "correct", "correct_to": ""}]
    shown = ", ".join(dict(EVIDENCE)[e] for e in answers.get("evidence", "").split(",") if e in dict(EVIDENCE))
    steps = [service.StepSpec("evidence", note=shown[:200])]
    send = answers.get("send_to", "").split(",")
    if "bureau" in send:
        steps.append(service.StepSpec("dispute_bureau", BUREAU_NAMES.get(bureau, ""), service.draft(
            session, ctx, case, kind_id="us.dispute-cra", recipient=service.seeded(session, f"us-{bureau}-dispute"),
            facts={"items": items})))
    if "company" in send:
        steps.append(service.StepSpec("dispute_company", company, service.draft(
            session, ctx, case, kind_id="us.dispute-furnisher", recipient=recipients.company_named(session, ctx, company),
            facts={"items": items})))
    return steps


JOURNEY = Journey(slug="fix", title="Fix an error on my report",
                  summary="Tell the bureau and the company what is wrong, with your evidence.",
                  steps=STEPS, preview=preview, build=build, words=WORDS)
