"""/api/v1 credit reports: import a file (saved at once: the API client is the one who confirms),
read a report's items and what the analysis found. The same functions as the report pages."""

from fastapi import APIRouter, File, Form, UploadFile, status

from app.api.deps import ApiCtx
from app.api.schemas import ImportOut, ReportDetail, ReportOut
from app.credit_reports import imports, service
from app.deps import DB, SettingsDep
from app.errors import Invalid
from app.tenancy import get_case
from app.web import read_upload

router = APIRouter(tags=["reports"])


@router.get("/cases/{case_id}/reports", response_model=list[ReportOut])
def reports_list(case_id: int, session: DB, ctx: ApiCtx):
    case = get_case(session, ctx, case_id)
    return [ReportOut.of(r) for r in service.case_reports(session, case)]


@router.post("/cases/{case_id}/reports", response_model=ImportOut, status_code=status.HTTP_201_CREATED)
def reports_import(case_id: int, session: DB, ctx: ApiCtx, settings: SettingsDep, file: UploadFile = File(...),
                   format: str = Form("auto", max_length=16), country: str = Form("", max_length=40)):
    """Import a report file (PDF, HTML, text, CSV, JSON or a picture). A page holding three bureaus'
    reports gives three reports."""
    case = get_case(session, ctx, case_id)
    ctx.require(*service.EDITORS)
    limit = settings.upload_max_mb * 1024 * 1024
    filename, data = read_upload(file, limit)
    preview = imports.read_submission(fmt=format, text="", filename=filename or "upload", data=data,
                                      country=country, limit=limit)
    if all(part.unreadable == "nothing" for part in preview.parts):
        raise Invalid({"file": "We could not read anything in this file. Check its format."})
    rows = [service.save_report(session, ctx, case, part.report, source=preview.source) for part in preview.parts]
    return ImportOut(reports=[ReportOut.of(r) for r in rows],
                     warnings=[w for part in preview.parts for w in part.warnings],
                     questions=[q for part in preview.parts for q in part.questions])


@router.get("/reports/{report_id}", response_model=ReportDetail)
def reports_get(report_id: int, session: DB, ctx: ApiCtx):
    row = service.get_report(session, ctx, report_id)
    data = service.download(session, ctx, row)  # audited, as a download from the report page is
    _report, found, marks = service.findings_for(session, row)
    return ReportDetail(**ReportOut.of(row).model_dump(), report=data,
                        findings=[f.to_dict() for f in found], marks=marks)
