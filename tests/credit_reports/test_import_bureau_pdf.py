"""A bureau's annual-report PDF through the web import: preview with pages and lines, then saved
as read (the new fields, such as the closed flag and the company's contact, survive the form)."""

import pytest
from sqlmodel import Session, select

from app.credit_reports import service
from app.credit_reports.models import CreditReport
from app.reports import import_report
from tests.conftest import post
from tests.credit_reports.test_import_flow import _inputs, _upload
from tests.reports.test_bureau_pdfs import SAMPLES


@pytest.mark.parametrize("name", ["equifax-2024-annual-sample", "transunion-2024-annual-sample"])
def test_a_bureau_pdf_previews_with_pages_and_saves_what_was_read(make_client, world, engine, name):
    client = make_client("alice@example.org")
    data = (SAMPLES / f"{name}.pdf").read_bytes()
    r = _upload(client, world.ids["case1"], "report.pdf", data)
    assert r.status_code == 200, r.text
    assert "NORTHWIND CARD SERVICES" in r.text
    assert "Page 2, line" in r.text  # where each value and each unread line came from
    r = post(client, f"/cases/{world.ids['case1']}/reports/confirm", _inputs(r.text))
    assert r.status_code == 303, r.text
    with Session(engine) as session:
        (row,) = session.exec(select(CreditReport)).all()
    assert service.parsed(row).to_dict() == import_report(data, "pdf").report.to_dict()
