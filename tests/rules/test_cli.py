import json

import pytest
import typer
from typer.testing import CliRunner

from app.rules.cli import register

runner = CliRunner()


@pytest.fixture(scope="module")
def app():
    app = typer.Typer()
    register(app)
    return app


def run(app, *args):
    return runner.invoke(app, list(args))


def test_procedures_json_lists_everything(app):
    result = run(app, "procedures", "--json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    ids = {r["id"] for r in rows}
    assert "us.fcra.dispute-cra" in ids and "cn.credit.objection" in ids
    assert {"id", "title", "jurisdiction", "period", "citation", "verified"} <= set(rows[0])


def test_procedures_text(app):
    result = run(app, "procedures")
    assert result.exit_code == 0 and "uk.cca.correction" in result.stdout


def test_deadline_json(app):
    result = run(app, "deadline", "eu.gdpr.access", "--received", "2024-01-31", "--region", "DE",
                 "--today", "2024-02-01", "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["procedure"] == "eu.gdpr.access" and data["received"] == "2024-01-31"
    assert data["due"] == "2024-02-29" and data["extended_due"] == "2024-04-30"
    assert data["citation"] and data["explanation"] and data["state"] == "upcoming"


def test_deadline_extended_and_annual_report(app):
    result = run(app, "deadline", "us.fcra.dispute-cra", "--received", "2025-01-31", "--extended",
                 "--today", "2025-02-01", "--json")  # fmt: skip
    data = json.loads(result.stdout)
    assert data["due"] == "2025-03-01" and data["extended_due"] == "2025-03-16"
    assert data["in_force"] == "extended_due"
    result = run(app, "deadline", "us.fcra.dispute-cra", "--received", "2024-11-01",
                 "--after-annual-report", "--today", "2024-11-02", "--json")  # fmt: skip
    assert json.loads(result.stdout)["due"] == "2024-12-16"


def test_deadline_no_period_gives_null(app):
    result = run(app, "deadline", "cn.pipl.access", "--received", "2025-01-01", "--today",
                 "2025-01-02", "--json")  # fmt: skip
    data = json.loads(result.stdout)
    assert data["due"] is None and data["extended_due"] is None


def test_deadline_text(app):
    result = run(app, "deadline", "uk.gdpr.access", "--received", "2024-11-25", "--today",
                 "2024-11-26")  # fmt: skip
    assert result.exit_code == 0 and "2024-12-27" in result.stdout


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("deadline", "nope", "--received", "2025-01-01"), "us.fcra.dispute-cra"),
        (("deadline", "eu.gdpr.access", "--received", "2025-02-30"), "YYYY-MM-DD"),
        (("deadline", "eu.gdpr.access", "--received", "2025-01-01", "--region", "XX"), "DE"),
        (("deadline", "uk.gdpr.access", "--received", "2025-01-01", "--region", "DE"), "SCT"),
        (
            ("deadline", "cn.credit.objection", "--received", "2025-01-01", "--extended"),
            "extension",
        ),
        (
            ("deadline", "eu.gdpr.access", "--received", "2025-01-01", "--after-annual-report"),
            "us.fcra.dispute-cra",
        ),
        (("deadline", "eu.gdpr.access"), "--received"),
        (("procedures", "--jurisdiction", "XX"), "US-CA"),
    ],
)
def test_bad_input_is_one_line_exit_2(app, args, needle):
    result = run(app, *args)
    assert result.exit_code == 2
    assert needle in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
