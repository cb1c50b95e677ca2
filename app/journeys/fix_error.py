"""Journey 2, "Fix an error on my report": a dispute to the bureau (FCRA §611(a)(1)(A), 30 days)
and/or to the company that reports it (§623(a)(8); 12 CFR 1022.43), with an evidence checklist.

With a report saved in Recourse, the person ticks every item that is wrong (the findings first, in
plain words) and the dispute builder (app/credit_reports/disputes.py) drafts the letters: one to the
bureau (plus a §605B block request for items marked "not mine"), one per company. With a report as a
file, the plan hands off to the import screen; after the import the person comes back here. With
the report only on paper, they describe one error in their own words.
"""

from app.credit_reports import disputes
from app.credit_reports import service as reports
from app.errors import Invalid
from app.journeys import service
from app.journeys.common import ADDRESS, BUREAU_NAMES, BUREAUS
from app.journeys.engine import Created, Journey, Question, Step, StepWords
from app.recipients import service as recipients

EVIDENCE = (("id", "A copy of your ID"), ("address", "Proof of your address (a bill or bank statement)"),
            ("statements", "Statements or receipts that show the truth"),
            ("letters", "Letters from the company"), ("report_copy", "The page of the report, with the error marked"))
HAVE = (("file", "Yes, as a file I can upload"), ("paper", "Yes, I can read it (paper or screen)"),
        ("none", "No, not yet"))
SAVED = ("saved", "Yes, the report I added to Recourse")
# The letter the dispute builder drafted -> the plan step that carries it.
STEP_FOR_KIND = {"us.dispute-cra": "dispute_bureau", "us.identity-theft-block": "block_bureau",
                 "us.dispute-furnisher": "dispute_company", "us.collection-dispute": "dispute_company"}


def _have(facts: dict) -> tuple[tuple[str, ...], ...]:
    return ((SAVED,) if facts.get("reports") else ()) + HAVE


def _has(*values: str):
    return lambda answers, facts: answers.get("have") in values


def _chosen(answers: dict) -> list[str]:
    return [k for k in answers.get("items", "").split(",") if k]


def _unflagged(answers: dict, facts: dict) -> bool:
    """Items we found nothing wrong with need the person's own words."""
    flagged = facts.get("flagged", frozenset())
    return answers.get("have") == "saved" and any(k not in flagged for k in _chosen(answers))


def _address(answers: dict, facts: dict) -> bool:
    return answers.get("have") in ("paper", "saved") and not facts.get("has_address")


STEPS = (
    Step("have", "Do you have your credit report?", (
        Question("have", "choice", "Your report", options=HAVE, choices=_have),)),
    Step("report", "Which report shows the errors?", (
        Question("report", "choice", "Your saved reports", choices=lambda facts: facts.get("reports", ())),),
        when=_has("saved")),
    Step("items", "What is wrong on the report?", (
        Question("items", "multi", "Tick every item that is wrong",
                 help="What we noticed comes first, in plain words. You can tick items we did not flag too.",
                 choices=lambda facts: facts.get("items", ())),),
        when=_has("saved")),
    Step("why", "What is wrong with them?", (
        Question("why", "lines", "In your own words",
                 help="For the items we did not flag. For example: this account is not mine; I paid it in "
                 "full in May 2025."),),
        when=_unflagged),
    Step("bureau", "Which bureau's report shows the error?", (
        Question("bureau", "choice", "The bureau", options=BUREAUS),), when=_has("paper")),
    Step("company", "Which company reports it?", (
        Question("company", "text", "The lender or collector named next to the error"),), when=_has("paper")),
    Step("wrong", "What is wrong?", (
        Question("wrong", "lines", "In your own words", help="For example: this account is not mine; I paid it in "
                 "full in May 2025; it says late but I paid on time."),), when=_has("paper")),
    Step("send_to", "Who should get a letter?", (
        Question("send_to", "multi", "Tick one or both", options=(
            ("bureau", "The credit bureau"), ("company", "The company that reports it"))),),
        when=_has("paper", "saved")),
    Step("evidence", "What can you send with it?", (
        Question("evidence", "multi", "Tick what you have. Send copies, never originals.", required=False,
                 options=EVIDENCE),), when=_has("paper", "saved")),
    Step(ADDRESS.name, ADDRESS.title, ADDRESS.questions, intro=ADDRESS.intro, when=_address, check=ADDRESS.check),
)

WORDS = {
    "import": StepWords(
        "Upload your report",
        "Recourse reads it and lists what looks wrong. Then come back to \"Fix an error on my report\": "
        "you can tick all the errors at once.",
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
    "block_bureau": StepWords(
        "Ask %(subject)s to block what is not yours",
        "With your identity theft report and your ID, the bureau must block the items within 4 business days "
        "after it gets your letter (FCRA §605B(a))."),
    "dispute_company": StepWords(
        "Send the dispute to %(subject)s",
        "The company that reports it must look into a direct dispute and answer (FCRA §623(a)(8))."),
}


# ---- what we know: the case's saved reports and the chosen report's items ----------------------

def _report_name(row) -> str:
    return ", ".join(p for p in (row.bureau, row.pulled.isoformat() if row.pulled else "") if p)


def known(session, ctx, case, answers: dict) -> dict:
    if case is None:
        return {}
    rows = reports.case_reports(session, case)
    if not rows:
        return {}
    out: dict = {"reports": tuple((str(r.id), _report_name(r)) for r in reversed(rows))}
    row = next((r for r in rows if str(r.id) == answers.get("report")), None)
    if row is None:
        return out
    data = reports.review(session, row)
    flagged, others = [], []
    for item in data["report"].items():
        found = data["by_item"].get(item.key, [])
        if found:
            flagged.append((item.key, item.label_message, tuple(f.what for f in found)))
        else:
            others.append((item.key, item.label_message))
    return {**out, "items": tuple(flagged + others), "flagged": frozenset(k for k, *_ in flagged),
            "report_bureau": row.bureau,
            "companies": {a.key: a.furnisher for a in data["report"].accounts},
            "not_mine": frozenset(k for k, mark in data["marks"].items() if mark == "not-mine")}


# ---- the review screen and the plan -------------------------------------------------------------

def _preview_saved(answers: dict, facts: dict) -> list[Created]:
    keys, send = _chosen(answers), answers.get("send_to", "").split(",")
    made = [Created("An evidence checklist")]
    bureau = facts.get("report_bureau", "")
    if "bureau" in send:
        blocks = [k for k in keys if k in facts.get("not_mine", ())]
        if len(blocks) < len(keys):
            made.append(Created("A dispute letter to %(name)s (items: %(count)s)",
                                {"name": bureau, "count": str(len(keys) - len(blocks))}))
        if blocks:
            made.append(Created("A letter asking %(name)s to block what is not yours (items: %(count)s)",
                                {"name": bureau, "count": str(len(blocks))}))
    if "company" in send:
        companies = sorted({facts.get("companies", {})[k] for k in keys if k in facts.get("companies", {})})
        made += [Created("A dispute letter to %(name)s", {"name": c}) for c in companies]
        if not companies:
            made.append(Created("No letter to a company: only accounts can go to a company directly."))
    return made


def preview(answers: dict, facts: dict) -> list[Created]:
    have = answers.get("have")
    if have == "file":
        return [Created("A step that takes you to the import screen")]
    if have == "none":
        return [Created("A step to get your report first")]
    if have == "saved":
        return _preview_saved(answers, facts)
    send = answers.get("send_to", "").split(",")
    made = [Created("An evidence checklist")]
    if "bureau" in send:
        made.append(Created("A dispute letter to %(name)s", {"name": BUREAU_NAMES.get(answers.get("bureau"), "")}))
    if "company" in send:
        made.append(Created("A dispute letter to %(name)s", {"name": answers.get("company", "")}))
    return made


def _evidence(answers: dict) -> service.StepSpec:
    shown = ", ".join(dict(EVIDENCE)[e] for e in answers.get("evidence", "").split(",") if e in dict(EVIDENCE))
    return service.StepSpec("evidence", note=shown[:200])


def _from_report(session, ctx, case, answers: dict) -> list[service.StepSpec]:
    """The chosen items through the dispute builder: each flagged item with its finding's reason and
    change, the others with the person's words; the letter page asks what is still missing."""
    row = reports.get_report(session, ctx, int(answers.get("report") or 0))
    if row.case_id != case.id:
        raise Invalid({"report": "Choose one of the reports of this case."})
    data = reports.review(session, row)
    keys = _chosen(answers)
    form = {f"reason.{k}": [answers.get("why", "")] for k in keys if not data["by_item"].get(k)}
    choices, errors = disputes.read_choices(form, data["report"], keys, data["by_item"], data["marks"])
    if any(not name.startswith("correct_to.") for name in errors):
        raise Invalid({"items": "Choose the items again: the report has changed."})
    send = answers.get("send_to", "").split(",")
    send_to = "both" if {"bureau", "company"} <= set(send) else ("bureau" if "bureau" in send else "furnisher")
    furnishers = {n: recipients.company_named(session, ctx, n) for n in disputes.furnisher_names(choices)}
    drafted = disputes.build(session, ctx, case, data["report"], choices, send_to=send_to,
                             bureau=disputes.bureau_for(session, ctx, row.bureau), furnishers=furnishers)
    return [_evidence(answers)] + [service.StepSpec(STEP_FOR_KIND.get(d.letter.kind_id, "dispute_company"), d.about,
                                                    d.letter) for d in drafted]


def build(session, ctx, case, answers: dict) -> list[service.StepSpec]:
    have = answers.get("have")
    if have == "file":
        return [service.StepSpec("import")]
    if have == "none":
        return [service.StepSpec("get_report")]
    if have == "saved":
        return _from_report(session, ctx, case, answers)
    company, bureau = answers.get("company", ""), answers.get("bureau", "")
    items = [{"furnisher": company, "account": "", "what_is_wrong": answers.get("wrong", ""),
              "why": answers.get("wrong", ""), "action": "correct", "correct_to": ""}]
    steps = [_evidence(answers)]
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
                  steps=STEPS, preview=preview, build=build, words=WORDS, known=known)
