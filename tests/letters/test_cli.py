"""`recourse letters` and `recourse letter`."""

import json

from typer.testing import CliRunner

from app.cli import app

runner = CliRunner()


def test_letters_lists_kinds_as_json():
    result = runner.invoke(app, ["letters", "--json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    dispute = next(r for r in rows if r["id"] == "us.dispute-cra")
    assert dispute["procedure"] == "us.fcra.dispute-cra" and "items" in dispute["required_fields"]
    assert next(r for r in rows if r["id"] == "eu.access")["languages"] == ["en", "de", "fr", "es", "it"]


def test_letter_example_to_each_format(tmp_path):
    for fmt, magic in (("html", b"<!doctype html>"), ("pdf", b"%PDF"), ("docx", b"PK")):
        out = tmp_path / f"letter.{fmt}"
        result = runner.invoke(app, ["letter", "eu.access", "--example", "--format", fmt, "--out", str(out),
                                     "--lang", "de"])
        assert result.exit_code == 0, result.output
        assert out.read_bytes().startswith(magic)


def test_bad_data_gives_one_line_error_and_status_2(tmp_path):
    data = tmp_path / "d.json"
    data.write_text(json.dumps({"sender": {"name": "A"}, "recipient": {"name": "B", "address": ["x"]},
                                "facts": {"items": [{"furnisher": "X"}]}}))
    result = runner.invoke(app, ["letter", "us.dispute-cra", "--data", str(data), "--format", "pdf",
                                 "--out", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2
    assert "sender.address: required" in result.stderr and "facts.items[0].why: required" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.pdf").exists()


def test_unknown_kind_and_bad_json(tmp_path):
    result = runner.invoke(app, ["letter", "nope", "--example", "--out", str(tmp_path / "x")])
    assert result.exit_code == 2 and "us.dispute-cra" in result.stderr
    broken = tmp_path / "b.json"
    broken.write_text("{not json")
    result = runner.invoke(app, ["letter", "us.dispute-cra", "--data", str(broken), "--out", str(tmp_path / "x")])
    assert result.exit_code == 2 and "not valid JSON" in result.stderr
    result = runner.invoke(app, ["letter", "eu.access", "--example", "--lang", "pt", "--out", str(tmp_path / "x")])
    assert result.exit_code == 2 and "languages: en, de, fr, es, it" in result.stderr
