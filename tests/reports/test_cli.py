import json

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
