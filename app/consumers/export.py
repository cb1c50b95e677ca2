"""Everything the app holds about one consumer, as JSON-ready data and as a zip download."""

import io
import json
import zipfile
from datetime import date, datetime

from sqlmodel import Session, col, or_, select

from app.audit import service as audit
from app.audit.models import AuditEntry
from app.cases.models import Case, CaseAssignment, CaseNote
from app.consumers.models import Address, Consumer
from app.credit_reports.models import CreditReport, ReportMark
from app.tenancy import Context
from app.workspaces.models import Role


def _plain(row) -> dict:
    out = {}
    for key, value in row.model_dump().items():
        out[key] = value.isoformat() if isinstance(value, date | datetime) else value
    return out


# Columns that name a user (who made or did something). In a client's own export, any that is not
# the client is blanked: the clinic's staff are not part of the client's data.
USER_ID_KEYS = ("author_id", "actor_user_id", "user_id")


def _names_a_user(key: str) -> bool:
    return key in USER_ID_KEYS or key.endswith("_by_id")


def for_client(bundle: dict, *, user_id: int) -> dict:
    """A consumer bundle as the client may have it: notes shared with them only, no staff user ids,
    no staff IP addresses, no staff-side detail, no case assignments (staff membership ids)."""
    shared = {n["id"] for n in bundle["notes"] if n.get("shared_with_client")}
    out = {**bundle, "notes": [n for n in bundle["notes"] if n["id"] in shared]}
    out.pop("case_assignments", None)
    history = []
    for entry in bundle["history"]:
        if entry["action"] == "note.created" and json.loads(entry["detail"] or "{}").get("note") not in shared:
            continue  # a team-only note: not even that it exists
        if entry["actor_user_id"] != user_id:
            entry = {**entry, "ip": "", "detail": "{}"}
        history.append(entry)
    out["history"] = history
    for key, value in out.items():  # every table in the bundle, those added later too
        if isinstance(value, list):
            out[key] = [_without_staff(r, user_id) if isinstance(r, dict) else r for r in value]
        elif isinstance(value, dict):
            out[key] = _without_staff(value, user_id)
    return out


def _without_staff(row: dict, user_id: int) -> dict:
    return {k: (None if _names_a_user(k) and v != user_id else v) for k, v in row.items()}


def consumer_bundle(session: Session, consumer: Consumer) -> dict:
    cases = session.exec(select(Case).where(Case.consumer_id == consumer.id).order_by(Case.id)).all()
    case_ids = [c.id for c in cases]
    notes = session.exec(select(CaseNote).where(col(CaseNote.case_id).in_(case_ids)).order_by(CaseNote.id)).all()
    assignments = session.exec(select(CaseAssignment).where(col(CaseAssignment.case_id).in_(case_ids))).all()
    addresses = session.exec(select(Address).where(Address.consumer_id == consumer.id).order_by(Address.id)).all()
    history = session.exec(select(AuditEntry).where(or_(
        (AuditEntry.object_type == "consumer") & (AuditEntry.object_id == consumer.id),
        (AuditEntry.object_type == "case") & col(AuditEntry.object_id).in_(case_ids),
    ), AuditEntry.workspace_id == consumer.workspace_id).order_by(AuditEntry.id)).all()
    reports = session.exec(select(CreditReport).where(col(CreditReport.case_id).in_(case_ids))
                           .order_by(CreditReport.id)).all()
    marks = session.exec(select(ReportMark).where(col(ReportMark.case_id).in_(case_ids)).order_by(ReportMark.id)).all()
    return {
        "consumer": _plain(consumer),
        "credit_reports": [{**_plain(r), "data": json.loads(r.data)} for r in reports],
        "report_marks": [_plain(m) for m in marks],
        "addresses": [_plain(a) for a in addresses],
        "cases": [_plain(c) for c in cases],
        "case_assignments": [_plain(a) for a in assignments],
        "notes": [_plain(n) for n in notes],
        "history": [_plain(h) for h in history],
    }


def zip_bundle(data: dict, readme: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("README.txt", readme)
        zf.writestr("data.json", json.dumps(data, indent=2, ensure_ascii=False, default=str))
        # Uploaded documents will be written under files/ as the documents feature stores them.
    return buffer.getvalue()


README = (
    "This archive holds everything Recourse stores about this person: data.json has the records\n"
    "(identity, addresses, cases, notes, credit reports, history). It contains sensitive numbers in clear\n"
    "text: keep it somewhere safe and delete it when you no longer need it.\n"
)


def export_consumer(session: Session, ctx: Context, consumer: Consumer) -> bytes:
    ctx.require(Role.owner)
    audit.record(session, action="consumer.exported", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="consumer", object_id=consumer.id, ip=ctx.ip)
    return zip_bundle(consumer_bundle(session, consumer), README)
