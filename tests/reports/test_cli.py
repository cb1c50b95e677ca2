import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from app.reports.cli import register

from .conftest import FIXTURES, blank_pdf

runner = CliRunner()


@pytest.fixture(scope="module")
def app():
    app = typer.Typer()
    register(app)
    return app


def run(app, *args):
    return runner.invoke(app, ["report", "analyze", *map(str, args)])


def test_json_output(app):
    result = run(app, FIXTURES / "report.txt", "--today", "2025-03-20", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["report"]["bureau"] == "Experian" and data["report"]["accounts"] == 4
    keys = {"rule", "category", "severity", "item", "what", "why", "legal_basis",
            "suggested_reason", "suggested_action"}  # fmt: skip
    assert all(keys <= set(f) for f in data["findings"])
    assert {"obsolete", "reaged", "duplicate", "medical-debt"} <= {
        f["category"] for f in data["findings"]
    }
    assert data["unread"][0]["line"] == 60


def test_text_output_and_format_option(app, tmp_path):
    copy = tmp_path / "report.data"
    copy.write_bytes((FIXTURES / "report.json").read_bytes())
    result = run(app, copy, "--format", "json", "--today", "2025-03-20")
    assert result.exit_code == 0, result.output
    assert "What we noticed" in result.stdout and "[high] obsolete" in result.stdout


def test_compare_with_another_bureau_and_not_mine(app, tmp_path):
    data = json.loads((FIXTURES / "report.json").read_text())
    data["bureau"] = "TransUnion"
    data["accounts"][0]["balance"] = "2000"
    other = tmp_path / "tu.json"
    other.write_text(json.dumps(data))
    key = data["accounts"][3]["key"]
    result = run(app, FIXTURES / "report.json", "--other", other, "--not-mine", key,
                 "--today", "2025-03-20", "--json")  # fmt: skip
    rules = {(f["rule"], f["item"]) for f in json.loads(result.stdout)["findings"]}
    assert ("mismatch.balance", data["accounts"][0]["key"]) in rules and ("not-mine", key) in rules


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("empty.pdf", b"", "empty"),
        ("fake.pdf", b"not a pdf", "not a PDF"),
        ("locked.pdf", blank_pdf(password="pw"), "password-protected"),
        ("big.pdf", blank_pdf(pages=200), "200 pages"),
        ("bad.csv", (FIXTURES / "wrong-headers.csv").read_bytes(), "Wrong CSV headers"),
        ("bad.json", (FIXTURES / "invalid.json").read_bytes(), "line 4"),
        ("report.docx", b"x", "Cannot tell the format"),
    ],
)
def test_bad_files_exit_2_with_one_line(app, tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    result = run(app, path)
    assert result.exit_code == 2
    assert words in result.stderr and result.stderr.count("\n") == 1 and result.stdout == ""


def test_missing_file_and_bad_today(app, tmp_path):
    assert run(app, tmp_path / "nope.json").exit_code == 2
    result = run(app, FIXTURES / "report.json", "--today", "soon")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr


def test_json_lists_the_items_as_read_in_the_documented_field_names(app):
    result = run(app, FIXTURES / "report.txt", "--today", "2025-03-20", "--json")
    data = json.loads(result.stdout)
    assert data["read"] is True and set(data["items"]) == {"accounts", "inquiries",
                                                             "public_records", "personal"}
    midland = next(a for a in data["items"]["accounts"] if a["furnisher"] == "MIDLAND CREDIT MANAGEMENT")
    assert midland["balance"] == "1234" and midland["first_delinquency"] == "2016-02-01"
    assert midland["opened"] == "2021-06-01" and midland["original_creditor"] == "FIRST EXAMPLE BANK"
    assert {i["kind"] for i in data["items"]["inquiries"]} == {"hard"}


def test_a_file_with_nothing_we_can_read_says_so_and_exits_3(app, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Dear Jordan,\nthank you for your letter.\nPage 1 of 2\n")
    result = run(app, path, "--today", "2025-03-20")
    assert result.exit_code == 3
    words = " ".join(result.stdout.split())
    assert "We could not read this report" in words and "type it in" in words
    assert "anything to dispute" not in words
    result = run(app, path, "--json")
    data = json.loads(result.stdout)
    assert result.exit_code == 3 and data["read"] is False and data["findings"] == []
    assert data["message"].startswith("We could not read this report")


def test_page_fragments_are_not_a_report(app, tmp_path):
    """Names with no detail at all (what headers and footers look like) are not accounts."""
    path = tmp_path / "fragments.txt"
    path.write_text("Accounts\nEXAMPLE BANK\nSAMPLE LENDER\n")
    assert run(app, path).exit_code == 3


def test_a_three_bureau_page_gives_one_object_per_bureau(app):
    page = Path(__file__).parent / "samples" / "identityiq-3bureau-sample.html"
    result = run(app, page, "--today", "2024-12-10", "--json")
    assert result.exit_code == 0, result.output
    reports = json.loads(result.stdout)["reports"]
    assert [r["report"]["bureau"] for r in reports] == ["TransUnion", "Experian", "Equifax"]
    equifax = reports[2]
    # the page's other bureaus are compared: NORTHWIND's balance differs at Equifax
    assert any(f["rule"] == "mismatch.balance" for f in equifax["findings"])


def test_questions_and_the_country_option(app):
    pasted = FIXTURES / "pasted" / "next-line-values.txt"
    data = json.loads(run(app, pasted, "--json", "--today", "2025-01-01").stdout)
    assert [(q["value"], q["choices"]) for q in data["questions"]] == [
        ("12/01/2020", ["2020-12-01", "2020-01-12"])]
    data = json.loads(run(app, pasted, "--json", "--country", "gb", "--today", "2025-01-01").stdout)
    assert data["questions"] == [] and data["items"]["accounts"][0]["last_payment"] == "2020-01-12"
    assert run(app, pasted, "--country", "Narnia").exit_code == 2
