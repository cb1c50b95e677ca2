"""Pages: a case's credit reports (import with a preview, typed entry), the review page with
findings and marks, the cross-bureau view, the item history and the dispute builder."""

import json

from babel import Locale
from fastapi import APIRouter, Request

from app.cases.models import Case
from app.credit_reports import disputes, imports, service, undo
from app.credit_reports.models import HOW_OBTAINED, MARKS
from app.deps import DB, Ctx, SettingsDep, audited_read
from app.errors import Invalid, NotFound
from app.recipients import service as recipients
from app.reports import FORMATS
from app.reports.fields import CHOICES, HELP, LABELS, SECTION_TITLES, SUGGESTIONS, form_fields
from app.reports.model import ITEM_CLASSES, Report
from app.reports.review import GROUPS, cross_bureau, group_of, grouped
from app.reports.values import COUNTRIES
from app.tenancy import get_case
from app.web import (
    FormData,
    FormFiles,
    FormLists,
    app_settings,
    attachment,
    language,
    read_upload,
    redirect,
    render,
)

router = APIRouter()


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
        "bureaus": len(service.latest_by_bureau(rows)), "can_edit": ctx.role in service.EDITORS,
        "countries": _countries(request), **_field_meta(),
    }, status=status)


@router.get("/cases/{case_id}/reports")
def report_list(request: Request, session: DB, ctx: Ctx, case_id: int):
    return _list_page(request, session, ctx, get_case(session, ctx, case_id))


def _part_values(part: imports.Part, index: int) -> dict[str, str]:
    """The form fields of one report of the preview, filled with what was read."""
    p, report = imports.prefix(index), part.report
    values = {p + "bureau": report.bureau or "", p + "pulled": report.pulled.isoformat() if report.pulled else "",
              p + "obtained": report.obtained or "", p + "country": report.country or ""}
    for n, item in enumerate(report.items()):
        at = f"{p}items.{n}."
        values.update({at + k: v for k, v in service.item_values(item, item.section).items()})
        values[at + "section"], values[at + "keep"] = item.section, "yes"
        if getattr(item, "contact_address", ()):
            values[at + "save_address"] = "yes"
    return values


def _preview_page(request: Request, ctx, case: Case, *, parts: list[imports.Part], source: str,
                  values: dict[str, str] | None = None, errors=None, status=200):
    if values is None:
        values = {}
        for index, part in enumerate(parts):
            values.update(_part_values(part, index))
    shown = []
    for index, part in enumerate(parts):
        p = imports.prefix(index)
        entries, n = [], 0
        asked: dict[int, list[dict]] = {}  # grouped once: the page stays linear in the items
        for q in part.questions:
            asked.setdefault(q["n"], []).append(q)
        while n < service.MAX_ITEMS and f"{p}items.{n}.section" in values:
            section = values[f"{p}items.{n}.section"]
            if section in ITEM_CLASSES:
                entries.append({"n": n, "section": section, "sources": part.sources.get(n, []),
                                "questions": asked.get(n, [])})
            n += 1
        shown.append({"part": part, "prefix": p, "entries": entries,
                      "questions": [q for q in part.questions if q["n"] is None],
                      "hidden": {"sources": json.dumps({str(k): v for k, v in part.sources.items()}),
                                 "report_sources": json.dumps(part.report_sources), "unread": json.dumps(part.unread),
                                 "questions": json.dumps(part.questions), "warnings": json.dumps(part.warnings)}})
    return render(request, "credit_reports/preview.html", {
        "case": case, "parts": shown, "values": values, "errors": errors or {}, "source": source,
        "can_save_addresses": ctx.role in service.DISPUTERS, "countries": _countries(request),
        "answer_name": imports.field_name, **_field_meta(),
    }, status=status)


def _countries(request: Request) -> list[tuple[str, str]]:
    """The import form's countries, named in the page's language (Babel's CLDR names)."""
    names = Locale.parse(language(request)).territories
    return sorted(((code, names.get(code, code)) for code in COUNTRIES), key=lambda c: c[1])


@router.post("/cases/{case_id}/reports/import")
def report_import(request: Request, form: FormData, files: FormFiles, session: DB, ctx: Ctx,
                  settings: SettingsDep, case_id: int):
    case = get_case(session, ctx, case_id)
    ctx.require(*service.EDITORS)
    limit = settings.upload_max_mb * 1024 * 1024
    filename, data = read_upload(files.get("file"), limit)
    text = form.get("text") or ""
    try:
        preview = imports.read_submission(fmt=form.get("format") or "auto", text=text, filename=filename,
                                          data=data, country=form.get("import_country", ""), limit=limit)
    except Invalid as exc:
        values = {"format": form.get("format") or "auto", "text": text[:imports.PASTE_LIMIT],
                  "import_country": form.get("import_country", "")}
        return _list_page(request, session, ctx, case, errors=exc.errors, form=values, status=400)
    return _preview_page(request, ctx, case, parts=preview.parts, source=preview.source)


@router.post("/cases/{case_id}/reports/confirm")
def report_confirm(request: Request, form: FormData, session: DB, ctx: Ctx, case_id: int):
    case = get_case(session, ctx, case_id)
    ctx.require(*service.EDITORS)
    try:
        rows = imports.confirm(session, ctx, case, form)
    except Invalid as exc:
        parts = [imports.carried(form, i) for i in range(imports.part_count(form))]
        return _preview_page(request, ctx, case, parts=parts, source=form.get("source", "text"), values=form,
                             errors=exc.errors, status=400)
    if len(rows) > 1:
        return redirect(request, f"/cases/{case.id}/reports/compare",
                        flash="Reports saved, one per bureau. Here they are side by side.")
    return redirect(request, f"/reports/{rows[0].id}", flash="Report saved. Check what we noticed below.")


@router.post("/cases/{case_id}/reports/new")
def report_new(request: Request, form: FormData, session: DB, ctx: Ctx, case_id: int):
    """Typing a report in: first the bureau and date, then one item at a time."""
    case = get_case(session, ctx, case_id)
    ctx.require(*service.EDITORS)
    header, errors = service.read_header(form)
    if errors:
        return _list_page(request, session, ctx, case, errors=errors, form=form, status=400)
    report = Report(bureau=header["bureau"], pulled=header["pulled"], obtained=header["obtained"] or None,
                    country=header["country"])
    row = service.save_report(session, ctx, case, report, source="typed")
    return redirect(request, f"/reports/{row.id}/items/new?section=account",
                    flash="Report started. Now add its items one at a time.")


# ---- one report ----------------------------------------------------------------------------

def _detail_page(request: Request, session, ctx, row, *, errors=None, form=None, status=200):
    case = get_case(session, ctx, row.case_id)
    return render(request, "credit_reports/report_detail.html", {
        "case": case, "row": row, **service.review(session, row), "errors": errors or {},
        "form": form or {"bureau": row.bureau, "pulled": row.pulled.isoformat() if row.pulled else "",
                         "obtained": row.obtained, "country": service.parsed(row).country or ""},
        "countries": _countries(request),
        "can_edit": ctx.role in service.EDITORS, "can_dispute": ctx.role in service.DISPUTERS,
        "can_delete": ctx.is_staff, "mark_choices": MARKS, **_field_meta(),
        "recently_removed": undo.removed(row.data) if ctx.role in service.EDITORS else [],
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
@audited_read
def report_download(request: Request, session: DB, ctx: Ctx, report_id: int):
    row = service.get_report(session, ctx, report_id)
    body = json.dumps(service.download(session, ctx, row), indent=2, ensure_ascii=False)
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
    item, errors = service.read_item(section, form, country=service.reading_country(service.parsed(row)))
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
    item, errors = service.read_item(old.section, form, country=service.reading_country(service.parsed(row)))
    if errors or item is None:
        return _item_page(request, row, get_case(session, ctx, row.case_id), section=old.section, values=form,
                          errors=errors, key=item_key, status=400)
    service.put_item(session, ctx, row, item, replaces=item_key)
    return redirect(request, f"/reports/{row.id}#item-{item.key}", flash="Item saved.")


@router.get("/reports/{report_id}/items/{item_key}/delete")
def item_delete_confirm(request: Request, session: DB, ctx: Ctx, report_id: int, item_key: str):
    """Removing an item asks first (no JS), naming the item, with the form that does it."""
    row = service.get_report(session, ctx, report_id)
    ctx.require(*service.EDITORS)
    return render(request, "credit_reports/item_delete.html", {"row": row, "item": _item(row, item_key)})


@router.post("/reports/{report_id}/items/{item_key}/delete")
def item_delete(request: Request, session: DB, ctx: Ctx, report_id: int, item_key: str):
    row = service.get_report(session, ctx, report_id)
    ctx.require(*service.EDITORS)
    service.remove_item(session, ctx, row, item_key)
    return redirect(request, f"/reports/{row.id}#recently-removed",
                    flash="Item removed from the report. You can undo this for 30 minutes.")


@router.post("/reports/{report_id}/items/{item_key}/restore")
def item_restore(request: Request, session: DB, ctx: Ctx, report_id: int, item_key: str):
    """Undo a removal (the report page offers it while undo.UNDO_WINDOW lasts)."""
    row = service.get_report(session, ctx, report_id)
    ctx.require(*service.EDITORS)
    try:
        item = service.restore_item(session, ctx, row, item_key)
    except Invalid as exc:
        return redirect(request, f"/reports/{row.id}", flash=next(iter(exc.errors.values())), level="error")
    return redirect(request, f"/reports/{row.id}#item-{item.key}", flash="The item is back in the report.")


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
    guess = disputes.bureau_for(session, ctx, row.bureau)
    bureau_guess = guess.id if guess else ""
    defaults = {"send_to": "bureau", "bureau_id": str(bureau_guess),
                **disputes.company_defaults(session, ctx, furnishers)}
    return render(request, "credit_reports/dispute_form.html", {
        "case": case, "row": row, "keys": [i.key for i in chosen], "by_group": by_group, "by_item": data["by_item"],
        "marks": data["marks"], "cras": cras, "companies": companies, "furnishers": furnishers,
        "printed_addresses": disputes.printed_addresses(report, furnishers),
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
