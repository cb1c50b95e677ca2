"""Saved credit reports: read the forms, save, list, mark items, analyse with app/reports.

Nothing is saved from an import until the person confirms the preview (see views.py): the preview
form carries every value it understood, so confirming reads the same form typed entry uses.
"""

from __future__ import annotations

import json
from dataclasses import fields, replace
from datetime import date

from sqlmodel import Session, col, delete, select

from app.audit import service as audit
from app.cases.models import Case
from app.clock import today, utcnow
from app.credit_reports import stored, undo
from app.credit_reports.models import MARKS, SOURCES, CreditReport, ReportMark
from app.errors import Invalid, NotFound
from app.reports import Finding, Report, limited, timeline
from app.reports.fields import LABELS
from app.reports.importers import MAX_ITEMS as IMPORT_MAX_ITEMS
from app.reports.importers import REQUIRED, read_value
from app.reports.model import ITEM_CLASSES, PERSONAL_KINDS, Item, field_kind
from app.reports.review import GROUPS, findings_by_item, grouped
from app.reports.values import COUNTRIES, Ambiguous, country_code, country_for
from app.tenancy import STAFF, Context, get_in_case
from app.workspaces.models import Role

READERS = (*STAFF, Role.volunteer, Role.client)
EDITORS = READERS  # a client may bring in their own report and say what is not theirs
DISPUTERS = (*STAFF, Role.volunteer)
MAX_ITEMS = IMPORT_MAX_ITEMS  # a real report has a few dozen; this bounds a hostile form (and a file)
_TEXT_LIMIT = 300


# ---- reading forms -------------------------------------------------------------------------

def form_value(item: Item | None, name: str) -> str:
    """How a stored value is written into a form field."""
    value = getattr(item, name, None) if item is not None else None
    if value is None:
        return ""
    if isinstance(value, tuple):
        return " | ".join(value)
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def item_values(item: Item | None, section: str) -> dict[str, str]:
    return {f.name: form_value(item, f.name) for f in fields(ITEM_CLASSES[section])}


def read_item(section: str, values: dict[str, str], prefix: str = "", *, country: str | None = "US"
              ) -> tuple[Item | None, dict[str, str]]:  # fmt: skip
    """One item from form values (field name -> text). Errors are keyed by prefix + field name.
    Dates and money are read in the report's country (see reading_country); one that reads two
    ways there is an error asking for a plain form, never a guess."""
    cls = ITEM_CLASSES[section]
    parsed: dict[str, object] = {}
    errors: dict[str, str] = {}
    for f in fields(cls):
        raw = (values.get(f.name) or "").strip()
        kind = field_kind(cls, f.name)
        name = prefix + f.name
        if kind == "text" and len(raw) > _TEXT_LIMIT:
            errors[name] = "This is too long: keep it under 300 characters."
            continue
        try:
            value = read_value(kind, raw, country=country)
        except ValueError:
            if kind == "date":
                errors[name] = "Enter a date like 2021-03-15, 03/15/2021 or 03/2021."
            elif kind == "money":
                errors[name] = "Enter an amount in dollars, like 1240.00."
            else:
                errors[name] = "Tick the box or leave it empty."
            continue
        if isinstance(value, Ambiguous):
            if kind == "date":
                errors[name] = "This date can be read two ways. Write it as year-month-day, like 2021-03-04."
            else:
                errors[name] = "This amount can be read two ways. Write it without a thousands separator, like 1234.50."
            continue
        if isinstance(value, date) and not date(1900, 1, 1) <= value <= date(2100, 12, 31):
            errors[name] = "Enter a date like 2021-03-15, 03/15/2021 or 03/2021."
            continue
        if value is not None and value != ():
            parsed[f.name] = value
    for required in REQUIRED[section]:
        if required not in parsed and prefix + required not in errors:
            errors[prefix + required] = "This is required."
    if section == "personal" and parsed.get("kind") not in (None, *PERSONAL_KINDS):
        errors[prefix + "kind"] = "Choose what kind of detail this is."
    if section == "inquiry" and parsed.get("kind", "hard") not in ("hard", "soft"):
        errors[prefix + "kind"] = "Choose hard or soft."
    if errors:
        return None, errors
    return cls(**parsed), {}


def reading_country(report: Report) -> str | None:
    """The country a report's typed-in dates and money are read in (None: unknown)."""
    return country_for(stated=report.country, bureau=report.bureau)


def read_header(values: dict[str, str], prefix: str = "") -> tuple[dict, dict[str, str]]:
    """The report's own fields: bureau, date pulled, how it was obtained, country."""
    errors: dict[str, str] = {}
    bureau = (values.get(prefix + "bureau") or "").strip()[:120]
    obtained = (values.get(prefix + "obtained") or "").strip()[:120]
    raw_country = (values.get(prefix + "country") or "").strip()
    country = country_code(raw_country)
    pulled = None
    if not bureau:
        errors[prefix + "bureau"] = "Say which bureau or company the report comes from."
    if raw_country and country not in COUNTRIES:
        errors[prefix + "country"] = "Choose a country from the list."
    try:
        pulled = read_value("date", values.get(prefix + "pulled") or "",
                            country=country_for(stated=country, bureau=bureau))
    except ValueError:
        errors[prefix + "pulled"] = "Enter a date like 2026-11-01."
    if isinstance(pulled, Ambiguous):
        errors[prefix + "pulled"] = "This date can be read two ways. Write it as year-month-day, like 2021-03-04."
    elif pulled is None and prefix + "pulled" not in errors:
        errors[prefix + "pulled"] = "Enter the date on the report (the day it was made)."
    elif pulled is not None and not date(1970, 1, 1) <= pulled <= today():
        errors[prefix + "pulled"] = "The report date cannot be in the future."
    return {"bureau": bureau, "obtained": obtained, "pulled": pulled, "country": country}, errors


def read_preview(form: dict[str, str], prefix: str = "") -> tuple[Report | None, dict[str, str]]:
    """A preview form (header + items.N.field, each name after `prefix`) back into a Report.
    Unticked items are left out."""
    header, errors = read_header(form, prefix)
    country = country_for(stated=header["country"], bureau=header["bureau"])
    items: list[Item] = []
    for n in range(MAX_ITEMS):
        at = f"{prefix}items.{n}."
        section = form.get(at + "section")
        if section is None:
            break
        if section not in ITEM_CLASSES:
            errors[at + "section"] = "This entry is damaged; leave it out."
            continue
        if not form.get(at + "keep"):
            continue
        values = {f.name: form.get(at + f.name, "") for f in fields(ITEM_CLASSES[section])}
        item, item_errors = read_item(section, values, prefix=at, country=country)
        errors.update(item_errors)
        if item is not None:
            items.append(item)
    if f"{prefix}items.{MAX_ITEMS}.section" in form:
        errors[prefix + "items"] = "This report has more than 500 entries. Split the file and import it in parts."
    if errors:
        return None, errors
    return Report(bureau=header["bureau"], pulled=header["pulled"], obtained=header["obtained"] or None,
                  country=header["country"]).with_items(items), {}  # fmt: skip


# ---- storing -------------------------------------------------------------------------------

def parsed(row: CreditReport) -> Report:
    return Report.from_dict(json.loads(row.data))


def download(session: Session, ctx: Context, row: CreditReport) -> dict:
    """The report as data to download, with an audit entry (a report holds identity details)."""
    audit.record(session, action="report.downloaded", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="report", object_id=row.id, ip=ctx.ip, detail={"case": row.case_id})
    return parsed(row).to_dict()


def get_report(session: Session, ctx: Context, report_id: int) -> CreditReport:
    return get_in_case(session, ctx, CreditReport, report_id)


def case_reports(session: Session, case: Case) -> list[CreditReport]:
    """Oldest first (by the date on the report)."""
    return list(session.exec(
        select(CreditReport).where(CreditReport.case_id == case.id, CreditReport.workspace_id == case.workspace_id)
        .order_by(col(CreditReport.pulled), col(CreditReport.id))).all())


def _store(row: CreditReport, report: Report, *, removed: list[dict] | None = None) -> None:
    """Write the report; items removed a moment ago stay beside it while they can be put back."""
    stash = undo.live_entries(row.data) if removed is None else removed
    row.bureau = (report.bureau or "")[:120]
    row.pulled = report.pulled
    row.obtained = (report.obtained or "")[:120]
    row.data = json.dumps({**report.to_dict(), **({undo.STASH: stash} if stash else {})}, ensure_ascii=False)
    row.updated_at = utcnow()


def save_report(session: Session, ctx: Context, case: Case, report: Report, *, source: str) -> CreditReport:
    ctx.require(*EDITORS)
    row = CreditReport(workspace_id=case.workspace_id, case_id=case.id, source=source if source in SOURCES else "typed",
                       data="{}", created_by_id=ctx.user.id)
    _store(row, report)
    session.add(row)
    session.flush()
    audit.record(session, action="report.imported", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="credit_report", object_id=row.id, ip=ctx.ip,
                 detail={"case": case.id, "source": row.source, "items": len(report.items())})
    return row


def update_report(session: Session, ctx: Context, row: CreditReport, report: Report, *, action: str,
                  removed: list[dict] | None = None) -> None:
    ctx.require(*EDITORS)
    _store(row, report, removed=removed)
    session.add(row)
    session.flush()
    audit.record(session, action=f"report.{action}", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="credit_report", object_id=row.id, ip=ctx.ip, detail={"case": row.case_id})


def set_header(session: Session, ctx: Context, row: CreditReport, header: dict) -> None:
    report = replace(parsed(row), bureau=header["bureau"], pulled=header["pulled"], obtained=header["obtained"] or None,
                     country=header.get("country"))
    update_report(session, ctx, row, report, action="edited")


def put_item(session: Session, ctx: Context, row: CreditReport, item: Item, *, replaces: str | None = None) -> None:
    """Add an item, or replace the item with key `replaces` (keeping its place in the report)."""
    report = parsed(row)
    items = report.items()
    if replaces is None:
        items.append(item)
        action = "item-added"
    else:
        at = next((i for i, old in enumerate(items) if old.key == replaces), None)
        if at is None:
            raise NotFound(f"item {replaces}")
        items[at] = item
        action = "item-edited"
        if item.key != replaces:  # a corrected furnisher or date gives a new key: the mark follows it
            mark = session.exec(select(ReportMark).where(ReportMark.case_id == row.case_id,
                                                         ReportMark.item_key == replaces)).first()
            taken = session.exec(select(ReportMark.id).where(ReportMark.case_id == row.case_id,
                                                             ReportMark.item_key == item.key)).first()
            if mark is not None and taken is None:
                mark.item_key = item.key
                session.add(mark)
    update_report(session, ctx, row, report.with_items(items), action=action)


def remove_item(session: Session, ctx: Context, row: CreditReport, key: str) -> Item:
    """Take an item out of the report; it can be put back for undo.UNDO_WINDOW (restore_item)."""
    report = parsed(row)
    items = report.items()
    at = next((i for i, item in enumerate(items) if item.key == key), None)
    if at is None:
        raise NotFound(f"item {key}")
    gone = items.pop(at)
    stash = [e for e in undo.live_entries(row.data) if e.get("key") != key] + [undo.entry(gone, at)]
    update_report(session, ctx, row, report.with_items(items), action="item-removed", removed=stash)
    return gone


def restore_item(session: Session, ctx: Context, row: CreditReport, key: str) -> Item:
    """Put a removed item back in its place, while the undo window lasts."""
    ctx.require(*EDITORS)
    back = next((r for r in undo.removed(row.data) if r.item.key == key), None)
    if back is None:
        raise Invalid({"undo": "It is too late to undo this: the item was removed more than 30 minutes ago."})
    report = parsed(row)
    items = report.items()
    stash = [e for e in undo.live_entries(row.data) if e.get("key") != key]
    if report.find(key) is None:
        items.insert(min(back.at, len(items)), back.item)
    update_report(session, ctx, row, report.with_items(items), action="item-restored", removed=stash)
    return back.item


def delete_report(session: Session, ctx: Context, row: CreditReport) -> None:
    ctx.require(*STAFF)
    report_id, case_id = row.id, row.case_id
    session.delete(row)
    session.flush()
    audit.record(session, action="report.deleted", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="credit_report", object_id=report_id, ip=ctx.ip, detail={"case": case_id})


# ---- marks ---------------------------------------------------------------------------------

def marks(session: Session, case: Case) -> dict[str, str]:
    rows = session.exec(select(ReportMark).where(ReportMark.case_id == case.id,
                                                 ReportMark.workspace_id == case.workspace_id)).all()
    return {m.item_key: m.mark for m in rows}


def set_mark(session: Session, ctx: Context, case: Case, *, item_key: str, mark: str) -> None:
    """Mark an item "not-mine" or "unrecognised", or clear the mark (mark == "")."""
    ctx.require(*EDITORS)
    if mark and mark not in MARKS:
        raise Invalid({"mark": "Choose one of the offered answers."})
    session.exec(delete(ReportMark).where(ReportMark.case_id == case.id, ReportMark.item_key == item_key))
    if mark:
        session.add(ReportMark(workspace_id=case.workspace_id, case_id=case.id, item_key=item_key[:40], mark=mark,
                               created_by_id=ctx.user.id))
    session.flush()
    audit.record(session, action="report.marked", actor_id=ctx.user.id, workspace_id=ctx.workspace.id,
                 object_type="case", object_id=case.id, ip=ctx.ip, detail={"item": item_key, "mark": mark or None})


# ---- review --------------------------------------------------------------------------------

def latest_by_bureau(rows: list[CreditReport]) -> list[CreditReport]:
    """The newest report from each bureau (rows oldest first)."""
    latest: dict[str, CreditReport] = {}
    for row in rows:
        latest[row.bureau.strip().lower()] = row
    return sorted(latest.values(), key=lambda r: r.bureau.lower())


def findings_for(session: Session, row: CreditReport, *, on: date | None = None
                 ) -> tuple[Report, list[Finding], dict[str, str]]:
    """A report, its findings (with the other bureaus' newest reports, for mismatches) and the case's marks."""
    case = session.get(Case, row.case_id)
    report = parsed(row)
    bureau = row.bureau.strip().lower()
    others = [r for r in latest_by_bureau(case_reports(session, case)) if r.bureau.strip().lower() != bureau]
    case_marks = marks(session, case)
    # Stored once per change of what it depends on, not recomputed on every view (issue 15); a
    # large report is analysed in a child process within limits (app/reports/limited.py).
    found = stored.findings(session, row, report, others, case_marks, on or today(), parse=parsed)
    return report, found, case_marks


def review(session: Session, row: CreditReport) -> dict:
    stopped = False
    try:
        report, found, case_marks = findings_for(session, row)
    except limited.AnalysisStopped:  # the page still shows the report, and says the check stopped
        report, found, stopped = parsed(row), [], True
        case_marks = marks(session, session.get(Case, row.case_id))
    return {"report": report, "groups": grouped(report), "group_names": GROUPS, "findings": found,
            "by_item": findings_by_item(found), "marks": case_marks, "analysis_stopped": stopped}


def item_history(session: Session, case: Case, rows: list[CreditReport] | None = None) -> list[dict]:
    """Per bureau (with two reports or more): each item that changed, and its status in each report
    (new, unchanged, corrected, deleted, reinserted), oldest report first. A reinserted item is
    flagged: the bureau owed a written notice within 5 business days (§611(a)(5)(B))."""
    by_bureau: dict[str, list[CreditReport]] = {}
    for row in case_reports(session, case) if rows is None else rows:
        by_bureau.setdefault(row.bureau.strip().lower(), []).append(row)
    disputed = disputed_items(session, case)
    out = []
    for rows in by_bureau.values():
        if len(rows) < 2:
            continue
        rows = sorted(rows, key=lambda r: r.pulled or date.min)
        reports = [parsed(r) for r in rows]
        cells: dict[str, dict] = {}
        for item in reports[0].items():
            cells[item.key] = {"label": item.label, "key": item.key, "statuses": ["first"] + [""] * (len(rows) - 1)}
        for column, changes in enumerate(timeline(reports), start=1):
            for c in changes:
                entry = cells.setdefault(c.key, {"label": c.label, "key": c.key, "statuses": [""] * len(rows)})
                entry["statuses"][column] = c.status
                if c.changed:
                    entry.setdefault("changed", set()).update(f"{c.section}.{name}" for name in c.changed)
        changed = [e for e in cells.values() if any(s not in ("", "first", "unchanged") for s in e["statuses"])]
        for e in changed:
            e["reinserted"] = "reinserted" in e["statuses"]
            e["disputed"] = disputed.get(e["key"], [])
            # "account.balance" -> its form label ("Balance"), which the page translates
            e["changed"] = [LABELS.get(f, f.split(".", 1)[1].replace("_", " ")) for f in sorted(e.get("changed", ()))]
        changed.sort(key=lambda e: (not e["reinserted"], e["label"]))
        out.append({"bureau": rows[-1].bureau, "reports": rows, "rows": changed,
                    "reinserted": sum(e["reinserted"] for e in changed)})
    return out


def disputed_items(session: Session, case: Case) -> dict[str, list[int]]:
    """Report item key -> the proceedings (disputes) in this case that name it."""
    from app.proceedings.models import Proceeding, ProceedingItem

    rows = session.exec(
        select(ProceedingItem.report_item_key, Proceeding.id)
        .join(Proceeding, col(ProceedingItem.proceeding_id) == Proceeding.id)
        .where(Proceeding.case_id == case.id, Proceeding.workspace_id == case.workspace_id,
               col(ProceedingItem.report_item_key).is_not(None))
    ).all()
    out: dict[str, list[int]] = {}
    for key, proceeding_id in rows:
        out.setdefault(key, []).append(proceeding_id)
    return out
