"""Pages: a case's credit reports (import with a preview, typed entry), the review page with
findings and marks, the cross-bureau view, the item history and the dispute builder."""

import json

from fastapi import APIRouter, Request

from app.cases.models import Case
from app.credit_reports import disputes, service
from app.credit_reports.models import HOW_OBTAINED, MARKS
from app.deps import DB, Ctx, SettingsDep
from app.errors import Invalid, NotFound
from app.recipients import service as recipients
from app.reports import FORMATS, ImportError_, guess_format, import_report
from app.reports.fields import CHOICES, HELP, LABELS, SECTION_TITLES, SUGGESTIONS, form_fields
from app.reports.model import ITEM_CLASSES, Report
from app.reports.review import GROUPS, cross_bureau, group_of, grouped
from app.tenancy import get_case
from app.web import (
    FormData,
    FormFiles,
    FormLists,
    app_settings,
    attachment,
    read_upload,
    redirect,
    render,
)

router = APIRouter()
PASTE_LIMIT = 2_000_000  # characters of pasted report text


def _field_meta() -> dict:
    return {"labels": LABELS, "help": HELP, "choices": CHOICES, "suggestions": SUGGESTIONS,
            "section_titles": SECTION_TITLES, "form_fields": form_fields, "how_obtained": HOW_OBTAINED}


def _one(form: dict[str, list[str]], name: str) -> str:
    return (form.get(name) or [""])[0]


# ---- the case's reports --------------------------------------------------------------------

def _list_page(request: Request, session, ctx, case: Case, *, errors=None, form=None, status=200):
    rows = service.case_reports(session, case)
    summaries = []
    for row in rows:
        report = service.parsed(row)
        summaries.append({"row": row, "counts": {g: len(v) for g, v in grouped(report).items()}})
    settings = app_settings(request)
    return render(request, "credit_reports/report_list.html", {
        "case": case, "summaries": summaries, "history": service.item_history(session, case, rows),
        "formats": FORMATS, "errors": errors or {}, "form": form or {}, "max_mb": settings.upload_max_mb,
        "bureaus": len(service.latest_by_bureau(rows)), "can_edit": ctx.role in service.EDITORS, **_field_meta(),
    }, status=status)


@router.get("/cases/{case_id}/reports")
def report_list(request: Request, session: DB, ctx: Ctx, case_id: int):
    return _list_page(request, session, ctx, get_case(session, ctx, case_id))


def _preview_page(request: Request, case: Case, *, report: Report, sources: dict[int, list], report_sources: list,
                  unread: list, source: str, values: dict[str, str] | None = None, errors=None, status=200):
    items = report.items()
    if values is None:
        values = {"bureau": report.bureau or "", "pulled": report.pulled.isoformat() if report.pulled else "",
                  "obtained": report.obtained or ""}
        for n, item in enumerate(items):
            values.update({f"items.{n}.{k}": v for k, v in service.item_values(item, item.section).items()})
            values[f"items.{n}.section"], values[f"items.{n}.keep"] = item.section, "yes"
    entries = []
    n = 0
    while f"items.{n}.section" in values:
        section = values[f"items.{n}.section"]
        if section in ITEM_CLASSES:
            entries.append({"n": n, "section": section, "sources": sources.get(n, [])})
        n += 1
    return render(request, "credit_reports/preview.html", {
        "case": case, "entries": entries, "values": values, "errors": errors or {}, "unread": unread, "source": source,
        "report_sources": report_sources, "sources_json": json.dumps({str(k): v for k, v in sources.items()}),
        "report_sources_json": json.dumps(report_sources), "unread_json": json.dumps(unread), **_field_meta(),
    }, status=status)


@router.post("/cases/{case_id}/reports/import")
def report_import(request: Request, form: FormData, files: FormFiles, session: DB, ctx: Ctx,
                  settings: SettingsDep, case_id: int):
    case = get_case(session, ctx, case_id)
    ctx.require(*service.EDITORS)
    limit = settings.upload_max_mb * 1024 * 1024
    fmt = form.get("format") or "auto"
    pasted = form.get("text") or ""
    filename, data = read_upload(files.get("file"), limit)
    values = {"format": fmt, "text": pasted[:PASTE_LIMIT]}
    try:
        if fmt not in ("auto", *FORMATS):
            raise Invalid({"format": "Choose a format from the list."})
        if data or filename:
            field = "file"
            if len(data) > limit:
                raise Invalid({"file": "This file is too large. Upload a smaller file."})
            if fmt == "auto":
                try:
                    fmt = guess_format(filename)
                except ImportError_:
                    raise Invalid({"format": "We cannot tell the format from the file's name. Choose it from the list."}) from None
        elif pasted.strip():
            field = "text"
            if len(pasted) > PASTE_LIMIT:
                raise Invalid({"text": "This text is too long. Paste one report at a time."})
            data = pasted.encode("utf-8")
            if fmt == "auto":
                fmt = "json" if pasted.lstrip().startswith("{") else "text"
            if fmt == "pdf":
                raise Invalid({"format": "Pasted text cannot be a PDF. Upload the PDF file instead."})
        else:
            raise Invalid({"file": "Choose a file, or paste the report's text below."})
        try:
            result = import_report(data, fmt)
        except ImportError_ as exc:
            # The importer's message names what is wrong with this file (empty, encrypted, wrong headers...).
            raise Invalid({field: str(exc)}) from None
    except Invalid as exc:
        return _list_page(request, session, ctx, case, errors=exc.errors, form=values, status=400)
    report = result.report
    keys = [i.key for i in report.items()]
    sources: dict[int, list] = {}
    report_sources = []
    for u in result.understood:
        entry = {"line": u.line, "text": u.text[:300], "field": u.field, "value": u.value[:300]}
        if u.item is None:
            report_sources.append(entry)
        elif u.item in keys:
            sources.setdefault(keys.index(u.item), []).append(entry)
    unread = [{"line": u.line, "text": u.text[:300], "reason": u.reason} for u in result.unread]
    return _preview_page(request, case, report=report, sources=sources, report_sources=report_sources,
                         unread=unread, source=fmt)


def _loads(raw: str, default):
    try:
        value = json.loads(raw)
    except ValueError:
        return default
    return value if isinstance(value, type(default)) else default


@router.post("/cases/{case_id}/reports/confirm")
def report_confirm(request: Request, form: FormData, session: DB, ctx: Ctx, case_id: int):
    case = get_case(session, ctx, case_id)
    ctx.require(*service.EDITORS)
    source = form.get("source", "text")
    report, errors = service.read_preview(form)
    if errors or report is None:
        sources = {int(k): v for k, v in _loads(form.get("sources", ""), {}).items() if str(k).isdigit()}
        return _preview_page(request, case, report=Report(), sources=sources,
                             report_sources=_loads(form.get("report_sources", ""), []),
                             unread=_loads(form.get("unread", ""), []), source=source, values=form, errors=errors,
                             status=400)
    row = service.save_report(session, ctx, case, report, source=source)
    return redirect(request, f"/reports/{row.id}", flash="Report saved. Check what we noticed below.")


@router.post("/cases/{case_id}/reports/new")
def report_new(request: Request, form: FormData, session: DB, ctx: Ctx, case_id: int):
    """Typing a report in: first the bureau and date, then one item at a time."""
    case = get_case(session, ctx, case_id)
    ctx.require(*service.EDITORS)
    header, errors = service.read_header(form)
    if errors:
        return _list_page(request, session, ctx, case, errors=errors, form=form, status=400)
    report = Report(bureau=header["bureau"], pulled=header["pulled"], obtained=header["obtained"] or None)
    row = service.save_report(session, ctx, case, report, source="typed")
    return redirect(request, f"/reports/{row.id}/items/new?section=account",
                    flash="Report started. Now add its items one at a time.")


# ---- one report ----------------------------------------------------------------------------

def _detail_page(request: Request, session, ctx, row, *, errors=None, form=None, status=200):
    case = get_case(session, ctx, row.case_id)
    return render(request, "credit_reports/report_detail.html", {
        "case": case, "row": row, **service.review(session, row), "errors": errors or {},
        "form": form or {"bureau": row.bureau, "pulled": row.pulled.isoformat() if row.pulled else "",
                         "obtained": row.obtained},
        "can_edit": ctx.role in service.EDITORS, "can_dispute": ctx.role in service.DISPUTERS,
        "can_delete": ctx.is_staff, "mark_choices": MARKS, **_field_meta(),
    }, status=status)


@router.get("/reports/{report_id}")
def report_detail(request: Request, session: DB, ctx: Ctx, report_id: int):
    return _detail_page(request, session, ctx, service.get_report(session, ctx, report_id))


@router.post("/reports/{report_id}/edit")
def report_edit(request: Request, form: FormData, session: DB, ctx: Ctx, report_id: int):
    row = service.get_report(session, ctx, report_id)
    ctx.require(*service.EDITORS)
    header, errors = service.read_header(form)
    if errors:
        return _detail_page(request, session, ctx, row, errors=errors, form=form, status=400)
    service.set_header(session, ctx, row, header)
    return redirect(request, f"/reports/{row.id}", flash="Report details saved.")


@router.get("/reports/{report_id}/report.json")
def report_download(request: Request, session: DB, ctx: Ctx, report_id: int):
    row = service.get_report(session, ctx, report_id)
    body = json.dumps(service.parsed(row).to_dict(), indent=2, ensure_ascii=False)
    return attachment(body.encode(), "application/json", f"report-{row.id}.json")


@router.post("/reports/{report_id}/delete")
def report_delete(request: Request, session: DB, ctx: Ctx, report_id: int):
    row = service.get_report(session, ctx, report_id)
    service.delete_report(session, ctx, row)
    return redirect(request, f"/cases/{row.case_id}/reports", flash="Report deleted.")


@router.post("/reports/{report_id}/marks")
def report_mark(request: Request, form: FormData, session: DB, ctx: Ctx, report_id: int):
    row = service.get_report(session, ctx, report_id)
    key = form.get("item", "")
    if service.parsed(row).find(key) is None:
        raise NotFound("item")
    case = get_case(session, ctx, row.case_id)
    try:
        service.set_mark(session, ctx, case, item_key=key, mark=form.get("mark", ""))
    except Invalid:
        return redirect(request, f"/reports/{row.id}#item-{key}", flash="Choose one of the offered answers.",
                        level="error")
    flash = "Marked as not yours." if form.get("mark") else "Mark removed."
    return redirect(request, f"/reports/{row.id}#item-{key}", flash=flash)


# ---- typing items in -----------------------------------------------------------------------

def _item_page(request: Request, row, case, *, section: str, values: dict, errors=None, key: str | None = None,
               status=200):
    return render(request, "credit_reports/item_form.html", {
        "row": row, "case": case, "section": section, "values": values, "errors": errors or {}, "key": key,
        "sections": tuple(ITEM_CLASSES), **_field_meta(),
    }, status=status)


def _section(section: str) -> str:
    if section not in ITEM_CLASSES:
        raise NotFound("section")
    return section


@router.get("/reports/{report_id}/items/new")
def item_new(request: Request, session: DB, ctx: Ctx, report_id: int, section: str = "account"):
    row = service.get_report(session, ctx, report_id)
    ctx.require(*service.EDITORS)
    section = _section(section)
    return _item_page(request, row, get_case(session, ctx, row.case_id), section=section,
                      values=service.item_values(None, section))


@router.post("/reports/{report_id}/items/new")
def item_create(request: Request, form: FormData, session: DB, ctx: Ctx, report_id: int, section: str = "account"):
    row = service.get_report(session, ctx, report_id)
    ctx.require(*service.EDITORS)
    section = _section(section)
    item, errors = service.read_item(section, form)
    if errors or item is None:
        return _item_page(request, row, get_case(session, ctx, row.case_id), section=section, values=form,
                          errors=errors, status=400)
    service.put_item(session, ctx, row, item)
    if form.get("then") == "another":
        return redirect(request, f"/reports/{row.id}/items/new?section={section}",
                        flash="Saved. Add the next one.")
    return redirect(request, f"/reports/{row.id}#item-{item.key}", flash="Item saved.")


def _item(row, key: str):
    item = service.parsed(row).find(key)
    if item is None:
        raise NotFound("item")
    return item


@router.get("/reports/{report_id}/items/{item_key}/edit")
def item_edit_form(request: Request, session: DB, ctx: Ctx, report_id: int, item_key: str):
    row = service.get_report(session, ctx, report_id)
    ctx.require(*service.EDITORS)
    item = _item(row, item_key)
    return _item_page(request, row, get_case(session, ctx, row.case_id), section=item.section,
                      values=service.item_values(item, item.section), key=item_key)


@router.post("/reports/{report_id}/items/{item_key}/edit")
def item_edit(request: Request, form: FormData, session: DB, ctx: Ctx, report_id: int, item_key: str):
    row = service.get_report(session, ctx, report_id)
    ctx.require(*service.EDITORS)
    old = _item(row, item_key)
    item, errors = service.read_item(old.section, form)
    if errors or item is None:
        return _item_page(request, row, get_case(session, ctx, row.case_id), section=old.section, values=form,
                          errors=errors, key=item_key, status=400)
    service.put_item(session, ctx, row, item, replaces=item_key)
    return redirect(request, f"/reports/{row.id}#item-{item.key}", flash="Item saved.")


@router.post("/reports/{report_id}/items/{item_key}/delete")
def item_delete(request: Request, session: DB, ctx: Ctx, report_id: int, item_key: str):
    row = service.get_report(session, ctx, report_id)
    ctx.require(*service.EDITORS)
    service.remove_item(session, ctx, row, item_key)
    return redirect(request, f"/reports/{row.id}", flash="Item removed from the report.")


# ---- across reports ------------------------------------------------------------------------

@router.get("/cases/{case_id}/reports/compare")
def report_compare(request: Request, session: DB, ctx: Ctx, case_id: int):
    case = get_case(session, ctx, case_id)
    rows = service.latest_by_bureau(service.case_reports(session, case))
    return render(request, "credit_reports/compare.html", {
        "case": case, "rows": rows, "groups": cross_bureau([service.parsed(r) for r in rows]), **_field_meta(),
    })


# ---- the dispute builder -------------------------------------------------------------------

def _builder_page(request: Request, session, ctx, row, keys: list[str], *, form=None, errors=None, status=200):
    case = get_case(session, ctx, row.case_id)
    data = service.review(session, row)
    report = data["report"]
    chosen = [report.find(k) for k in keys if report.find(k) is not None]
    by_group: dict[str, list] = {g: [] for g in GROUPS}
    for item in chosen:
        by_group[group_of(item)].append(item)
    cras = [r for r in recipients.for_letter(session, ctx, kinds=("cra",), jurisdiction="us") if r.kind == "cra"]
    companies = [r for r in recipients.for_letter(session, ctx, kinds=("furnisher", "creditor", "collector"),
                                                  jurisdiction="us")
                 if r.kind in ("furnisher", "creditor", "collector")]
    furnishers = sorted({i.furnisher for i in chosen if i.section == "account"})
    # The report's own bureau, its address for disputes first.
    word = row.bureau.lower().split()[0] if row.bureau.strip() else ""
    matches = sorted((r for r in cras if word and word in r.name.lower()), key=lambda r: "dispute" not in r.name.lower())
    bureau_guess = matches[0].id if matches else ""
    defaults = {"send_to": "bureau", "bureau_id": str(bureau_guess)}
    return render(request, "credit_reports/dispute_form.html", {
        "case": case, "row": row, "keys": [i.key for i in chosen], "by_group": by_group, "by_item": data["by_item"],
        "marks": data["marks"], "cras": cras, "companies": companies, "furnishers": furnishers,
        "form": form or defaults, "errors": errors or {}, "actions": disputes.ACTIONS,
        "send_choices": disputes.RECIPIENT_CHOICES, **_field_meta(),
    }, status=status)


@router.get("/reports/{report_id}/dispute")
def dispute_form(request: Request, session: DB, ctx: Ctx, report_id: int):
    row = service.get_report(session, ctx, report_id)
    ctx.require(*service.DISPUTERS)
    report = service.parsed(row)
    keys = [k for k in dict.fromkeys(request.query_params.getlist("item")) if report.find(k) is not None]
    if not keys:
        return redirect(request, f"/reports/{row.id}", level="error",
                        flash="Tick the items you want to dispute first, then press Dispute.")
    return _builder_page(request, session, ctx, row, keys)


def _recipient(session, ctx, raw: str):
    if not raw.isdigit():
        return None
    try:
        return recipients.get_visible(session, ctx, int(raw))
    except NotFound:
        return None


@router.post("/reports/{report_id}/dispute")
def dispute_create(request: Request, form: FormLists, session: DB, ctx: Ctx, report_id: int):
    row = service.get_report(session, ctx, report_id)
    ctx.require(*service.DISPUTERS)
    case = get_case(session, ctx, row.case_id)
    keys = list(dict.fromkeys(form.get("item", [])))[: service.MAX_ITEMS]
    data = service.review(session, row)
    choices, errors = disputes.read_choices(form, data["report"], keys, data["by_item"], data["marks"])
    send_to = _one(form, "send_to")
    bureau = _recipient(session, ctx, _one(form, "bureau_id"))
    if send_to in ("bureau", "both") and bureau is None:
        errors["bureau_id"] = "Choose the bureau's address from the list."
    furnishers = {name: _recipient(session, ctx, _one(form, f"furnisher_id.{name}"))
                  for name in disputes.furnisher_names(choices)}
    flat = {k: v[0] for k, v in form.items() if v}
    if not errors:
        try:
            drafted = disputes.build(session, ctx, case, data["report"], choices, send_to=send_to, bureau=bureau,
                                     furnishers=furnishers,
                                     itr={k: _one(form, k).strip()[:100] for k in ("itr_number", "itr_agency")})
        except Invalid as exc:
            errors = exc.errors
    if errors:
        return _builder_page(request, session, ctx, row, keys, form={**flat, "_lists": form}, errors=errors,
                             status=400)
    count = len(drafted)
    message = ("One letter drafted. Check it, then finalise it." if count == 1 else
               "Letters drafted. Check each one, then finalise it.")
    if any(d.needs_documents for d in drafted):
        message = ("Letters drafted. The identity theft block request needs documents before it can be "
                   "finalised: its letter page says how to get them.")
    return redirect(request, f"/cases/{case.id}#letters", flash=message)
