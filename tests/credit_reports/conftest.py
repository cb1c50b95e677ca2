from datetime import date

import pytest
from sqlmodel import Session

from app.cases.models import Case
from app.credit_reports import service
from app.reports import import_report
from tests.documents.conftest import context
from tests.reports.conftest import FIXTURES


def save(engine, world, report, *, case="case1", workspace="ws_a", user="alice"):
    with Session(engine, expire_on_commit=False) as s:
        ctx = context(engine, world.ids[user], world.ids[workspace])
        row = service.save_report(s, ctx, s.get(Case, world.ids[case]), report, source="json")
        s.commit()
        return row.id


def fixture_report(**changes):
    from dataclasses import replace

    report = import_report((FIXTURES / "report.json").read_bytes(), "json").report
    return replace(report, **changes) if changes else report


@pytest.fixture
def report_id(engine, world):
    return save(engine, world, fixture_report(pulled=date(2025, 3, 15)))
