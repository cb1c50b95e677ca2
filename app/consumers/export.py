"""Everything the app holds about one consumer, as one folder of an export archive.

The folder holds data.json (the records; JSON Schema in docs/export/consumer.schema.json), each
credit report in Recourse's report format, each letter as HTML and PDF, and each uploaded file.
This module reads the records inside the request's transaction (quick: no rendering, no file
reading); app/consumers/archive.py then writes the zip as it streams out, rendering letters and
decrypting files one at a time.

Two views of the same folder: the workspace's (an owner's export, a personal workspace's own
records), and the client's own copy (for_client): notes shared with the client only, no staff
user ids, staff IP addresses or staff-side detail, no case assignments.
"""

import json
import re
from datetime import date, datetime

from sqlalchemy import Column
from sqlmodel import Session, SQLModel, col, or_, select

from app.audit import service as audit
from app.audit.models import AuditEntry
from app.cases.models import Case, CaseAssignment, CaseNote
from app.consumers.archive import Archive, Folder
from app.consumers.models import Address, Consumer
from app.credit_reports.models import CreditReport, ReportMark
from app.documents.models import Document, LetterEnclosure
from app.journeys.models import Plan, PlanStep
from app.letters.models import Letter
from app.proceedings.models import (
    ItemOutcome,
    Proceeding,
    ProceedingDeadline,
    ProceedingEvent,
    ProceedingItem,
)
from app.tenancy import Context
from app.workspaces.models import Invitation, Member, Role

SCHEMA, SCHEMA_VERSION = "recourse-export/consumer", 1
# Columns left out of data.json: what is written as a file of its own (the report, the letter's
# HTML and PDF), the masked copy of a letter (the full one is there), where a file sits on the
# server, secrets (an invitation's token hash), the reminder runners' own bookkeeping, and copies
# kept for speed that the export already holds elsewhere (a report's stored analysis; a
# proceeding's dates and item counts, which its events and items give).
LEFT_OUT = {"credit_reports": {"data", "analysis", "analysis_key"},
            "proceedings": {"sent_on", "answered_on", "answer_due", "closed_on", "items_total", "items_deleted",
                            "items_corrected", "items_verified", "items_other"}, "letters": {"html", "pdf", "html_masked"},
            "documents": {"storage_key"}, "invitations": {"token_hash"},
            "reminders": {"claimed_by", "claimed_at", "lease_until", "last_error"}}
# Audit entries about a record that is gone name its case in their detail (they cannot be found by
# the record's id any more).
DELETIONS = {"document.deleted": "document", "report.deleted": "credit_report"}


def _json(value):
    return value.isoformat() if isinstance(value, date | datetime) else value


def _plain(row) -> dict:
    """A row (model instance) as JSON-ready data."""
    return {key: _json(value) for key, value in row.model_dump().items()}


def _table(session: Session, model: type[SQLModel], *where, name: str = "") -> list[dict]:
    """The rows of one table as JSON-ready dicts, ordered by id, without the left-out columns.
    Reads only the columns it keeps: a letter's PDF or a report's data are not loaded for nothing."""
    columns: list[Column] = [c for c in model.__table__.c if c.name not in LEFT_OUT.get(name, ())]
    rows = session.exec(select(*columns).where(*where).order_by(model.__table__.c.id)).all()
    return [{key: _json(value) for key, value in row._mapping.items()} for row in rows]


def _in(column, ids: list[int]):
    return col(column).in_(ids)


# ---- the records -------------------------------------------------------------------------------

def consumer_folder(session: Session, consumer: Consumer, *, prefix: str = "") -> Folder:
    """The consumer's folder (inside the archive at `prefix`): records read now, files named."""
    ws = consumer.workspace_id
    cases = _table(session, Case, Case.consumer_id == consumer.id, Case.workspace_id == ws)
    case_ids = [c["id"] for c in cases]
    in_cases = {name: _table(session, model, _in(model.case_id, case_ids), model.workspace_id == ws, name=name)
                for name, model in (("notes", CaseNote), ("case_assignments", CaseAssignment),
                                    ("credit_reports", CreditReport), ("report_marks", ReportMark),
                                    ("letters", Letter), ("documents", Document))}
    letter_ids = [row["id"] for row in in_cases["letters"]]
    data = {
        "schema": SCHEMA, "schema_version": SCHEMA_VERSION, "view": "workspace",
        "consumer": _table(session, Consumer, Consumer.id == consumer.id)[0],
        "addresses": _table(session, Address, Address.consumer_id == consumer.id, Address.workspace_id == ws),
        "invitations": _table(session, Invitation, Invitation.consumer_id == consumer.id,
                              Invitation.workspace_id == ws, name="invitations"),
        "cases": cases,
        **in_cases,
        "letter_enclosures": _table(session, LetterEnclosure, _in(LetterEnclosure.letter_id, letter_ids),
                                    LetterEnclosure.workspace_id == ws),
        "proceedings": _proceedings(session, ws, case_ids),
        "journey_plans": _table(session, Plan, _in(Plan.case_id, case_ids), Plan.workspace_id == ws),
    }
    plan_ids = [row["id"] for row in data["journey_plans"]]
    data["journey_plan_steps"] = _table(session, PlanStep, _in(PlanStep.plan_id, plan_ids), PlanStep.workspace_id == ws)
    data["history"] = [_plain(h) for h in _history(session, consumer, case_ids, data)]
    for letter in data["letters"]:
        letter["data"] = json.loads(letter["data"])
    return _with_files(session, Folder(prefix=prefix, data=data, name=consumer.legal_name))


def _proceedings(session: Session, ws: int, case_ids: list[int]) -> list[dict]:
    """Each proceeding with its items, timeline events, item outcomes and computed deadlines."""
    proceedings = _table(session, Proceeding, _in(Proceeding.case_id, case_ids), Proceeding.workspace_id == ws,
                         name="proceedings")
    ids = [p["id"] for p in proceedings]
    items = _table(session, ProceedingItem, _in(ProceedingItem.proceeding_id, ids), ProceedingItem.workspace_id == ws)
    events = _table(session, ProceedingEvent, _in(ProceedingEvent.proceeding_id, ids),
                    ProceedingEvent.workspace_id == ws)
    outcomes = _table(session, ItemOutcome, _in(ItemOutcome.event_id, [e["id"] for e in events]),
                      ItemOutcome.workspace_id == ws)
    deadlines = _table(session, ProceedingDeadline, _in(ProceedingDeadline.proceeding_id, ids),
                       ProceedingDeadline.workspace_id == ws)
    event_of = {e["id"]: e["proceeding_id"] for e in events}
    for p in proceedings:
        p["items"] = [i for i in items if i["proceeding_id"] == p["id"]]
        p["events"] = [e for e in events if e["proceeding_id"] == p["id"]]
        p["outcomes"] = [o for o in outcomes if event_of[o["event_id"]] == p["id"]]
        p["deadlines"] = [d for d in deadlines if d["proceeding_id"] == p["id"]]
    return proceedings


def _history(session: Session, consumer: Consumer, case_ids: list[int], rows: dict) -> list[AuditEntry]:
    """Audit entries about the person, their cases and every record filed under them, those since
    deleted too. Ids are never reused (app/models.py), so no entry about someone else matches."""
    ws = consumer.workspace_id
    objects = {"consumer": [consumer.id], "case": case_ids, "invitation": [r["id"] for r in rows["invitations"]],
               "member": list(session.exec(select(Member.id).where(Member.consumer_id == consumer.id,
                                                                   Member.workspace_id == ws)).all()),
               "letter": [r["id"] for r in rows["letters"]], "document": [r["id"] for r in rows["documents"]],
               "credit_report": [r["id"] for r in rows["credit_reports"]],
               "proceeding": _table_ids(session, Proceeding, case_ids, ws)}
    for entry in session.exec(select(AuditEntry).where(AuditEntry.workspace_id == ws,
                                                       col(AuditEntry.action).in_(list(DELETIONS)))):
        if json.loads(entry.detail or "{}").get("case") in case_ids:
            objects[DELETIONS[entry.action]].append(entry.object_id)
    objects["report"] = objects["credit_report"]  # downloads of a report are filed as "report"
    about = [(col(AuditEntry.object_type) == kind) & _in(AuditEntry.object_id, ids) for kind, ids in objects.items()]
    query = select(AuditEntry).where(AuditEntry.workspace_id == ws, or_(*about)).order_by(col(AuditEntry.id))
    return list(session.exec(query).all())


def _table_ids(session: Session, model, case_ids: list[int], ws: int) -> list[int]:
    return list(session.exec(select(model.id).where(_in(model.case_id, case_ids), model.workspace_id == ws)).all())


# ---- the files it names ------------------------------------------------------------------------

def _safe(name: str) -> str:
    """A file name that is one plain path part inside the zip, whatever the stored name holds."""
    name = re.sub(r"[^\w.\-]+", "_", name).strip("._")
    return name[:80] or "file"


def _with_files(session: Session, folder: Folder) -> Folder:
    """Names each file of the folder in its data.json row (the archive writes them)."""
    data = folder.data
    for row in data["credit_reports"]:
        row.update(file=f"reports/report-{row['id']}.json", problem=None)
    for row in data["letters"]:
        stem = f"letters/letter-{row['id']}-{_safe(row['reference'])}"
        row.update(html_file=f"{stem}.html", pdf_file=f"{stem}.pdf", problem=None)
    for row in data["documents"]:
        row.update(file=f"documents/document-{row['id']}-{_safe(row['filename'])}", problem=None)
    ids = [row["id"] for row in data["documents"]]
    folder.storage_keys = dict(session.exec(select(Document.id, Document.storage_key)
                                            .where(col(Document.id).in_(ids))).all())
    return folder


# ---- the client's own copy ---------------------------------------------------------------------

# Columns that name a user (who made or did something). In a client's own export, any that is not
# the client is blanked: the clinic's staff are not part of the client's data.
USER_ID_KEYS = ("author_id", "actor_user_id", "user_id")


def _names_a_user(key: str) -> bool:
    return key in USER_ID_KEYS or key.endswith("_by_id")


def for_client(data: dict, *, user_id: int) -> dict:
    """A consumer's data.json as the client may have it: notes shared with them only, no staff
    user ids, no staff IP addresses, no staff-side detail, no case assignments (staff membership
    ids). Everything else is the client's own: their full identifiers too (app.tenancy.sees_identifiers)."""
    shared = {n["id"] for n in data["notes"] if n.get("shared_with_client")}
    out = {**data, "view": "client", "notes": [n for n in data["notes"] if n["id"] in shared]}
    out.pop("case_assignments", None)
    history = []
    for entry in data["history"]:
        if entry["action"] == "note.created" and json.loads(entry["detail"] or "{}").get("note") not in shared:
            continue  # a team-only note: not even that it exists
        if entry["actor_user_id"] != user_id:
            entry = {**entry, "ip": "", "detail": "{}"}
        history.append(entry)
    out["history"] = history
    return _without_staff(out, user_id)


def _without_staff(value, user_id: int):
    """Every user id that is not the client's blanked, at any depth (events inside proceedings,
    tables added later too)."""
    if isinstance(value, dict):
        return {k: (None if _names_a_user(k) and v != user_id else _without_staff(v, user_id))
                for k, v in value.items()}
    if isinstance(value, list):
        return [_without_staff(v, user_id) for v in value]
    return value


# ---- the owner's download ----------------------------------------------------------------------

def export_consumer(session: Session, ctx: Context, consumer: Consumer, *, settings, lang: str) -> Archive:
    """An owner's export of one consumer: the archive to stream (see app/consumers/archive.py)."""
    ctx.require(Role.owner)
    audit.record(session, action="consumer.exported", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="consumer", object_id=consumer.id, ip=ctx.ip)
    folder = consumer_folder(session, consumer)
    return Archive(folders=[folder], engine=session.get_bind(), settings=settings, lang=lang,
                   subject=consumer.legal_name)
