"""Importing a report through the web: upload or paste, preview with the source lines, fix, confirm."""

import json
import re
from html import unescape

from sqlmodel import select

from app.credit_reports import service
from app.credit_reports.models import CreditReport
from app.reports import import_report
from tests.conftest import post
from tests.reports.conftest import FIXTURES, blank_pdf, text_pdf


def _inputs(html: str) -> dict[str, str]:
    """name -> value of the preview form's text inputs, hidden inputs, ticked boxes and chosen radios."""
    out = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or 'type="file"' in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        if ('type="checkbox"' in tag or 'type="radio"' in tag) and "checked" not in tag:
            continue
        out[unescape(name[1])] = unescape(value[1]) if value else ""
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', body)
        out[unescape(name)] = unescape(chosen[1]) if chosen else ""
    return out


def _upload(client, case_id, name, data, fmt="auto"):
    return post(client, f"/cases/{case_id}/reports/import", {"format": fmt}, files={"file": (name, data)})


def _saved(engine):
    from sqlmodel import Session

    with Session(engine) as s:
        return s.exec(select(CreditReport)).all()


def test_text_upload_shows_preview_with_source_lines_and_saves_nothing(make_client, world, engine):
    client = make_client("alice@example.org")
    r = _upload(client, world.ids["case1"], "report.txt", (FIXTURES / "report.txt").read_bytes())
    assert r.status_code == 200, r.text
    assert "Check what we read" in r.text
    assert "MIDLAND CREDIT MANAGEMENT" in r.text
    assert "Date of first delinquency: 02/2016" in r.text  # the source line, next to what we read
    assert "Some stray text from the page footer" in r.text  # listed as unread, not dropped
    assert _saved(engine) == []


def test_preview_round_trips_to_the_same_report(make_client, world, engine):
    client = make_client("alice@example.org")
    raw = (FIXTURES / "report.json").read_bytes()
    r = _upload(client, world.ids["case1"], "report.json", raw)
    assert r.status_code == 200, r.text
    form = _inputs(r.text)
    r = post(client, f"/cases/{world.ids['case1']}/reports/confirm", form)
    assert r.status_code == 303, r.text
    rows = _saved(engine)
    assert len(rows) == 1
    expected = import_report(raw, "json").report
    assert service.parsed(rows[0]).to_dict() == expected.to_dict()
    assert rows[0].source == "json"


def test_corrections_in_the_preview_are_saved_and_unticked_items_left_out(make_client, world, engine):
    client = make_client("alice@example.org")
    r = _upload(client, world.ids["case1"], "report.txt", (FIXTURES / "report.txt").read_bytes())
    form = _inputs(r.text)
    midland = next(k[: -len("furnisher")] for k, v in form.items()
                   if k.endswith(".furnisher") and v == "MIDLAND CREDIT MANAGEMENT")
    form[midland + "balance"] = "$99.50"
    inquiry = next(k[: -len("who")] for k, v in form.items() if k.endswith(".who"))
    del form[inquiry + "keep"]
    r = post(client, f"/cases/{world.ids['case1']}/reports/confirm", form)
    assert r.status_code == 303, r.text
    report = service.parsed(_saved(engine)[0])
    account = next(a for a in report.accounts if a.furnisher == "MIDLAND CREDIT MANAGEMENT")
    assert str(account.balance) == "99.50"
    assert len(report.inquiries) == 1  # the fixture has two; one was unticked


def test_a_bad_value_in_the_preview_comes_back_with_a_message_and_nothing_lost(make_client, world, engine):
    client = make_client("alice@example.org")
    r = _upload(client, world.ids["case1"], "report.txt", (FIXTURES / "report.txt").read_bytes())
    form = _inputs(r.text)
    key = next(k for k, v in form.items() if k.endswith(".first_delinquency") and v)
    form[key] = "the thirtieth of Febtober"
    form["bureau"] = "Experian (edited)"
    r = post(client, f"/cases/{world.ids['case1']}/reports/confirm", form)
    assert r.status_code == 400
    assert "Enter a date like 2021-03-15" in r.text
    assert 'value="the thirtieth of Febtober"' in r.text and "Experian (edited)" in r.text
    assert "Some stray text from the page footer" in r.text  # the unread list survives the round trip
    assert "Date of first delinquency: 02/2016" in r.text  # and so do the source lines
    assert _saved(engine) == []


def test_pasted_text_and_pdf_are_read(make_client, world):
    client = make_client("alice@example.org")
    text = (FIXTURES / "report.txt").read_text()
    r = post(client, f"/cases/{world.ids['case1']}/reports/import", {"format": "auto", "text": text})
    assert r.status_code == 200 and "MIDLAND CREDIT MANAGEMENT" in r.text
    r = _upload(client, world.ids["case1"], "report.pdf", text_pdf(text))
    assert r.status_code == 200 and "MIDLAND CREDIT MANAGEMENT" in r.text
    r = _upload(client, world.ids["case1"], "report.csv", (FIXTURES / "report.csv").read_bytes())
    assert r.status_code == 200 and "Check what we read" in r.text


def test_broken_files_get_a_clear_message_on_the_form(make_client, world, engine):
    client = make_client("alice@example.org")
    case_id = world.ids["case1"]
    cases = [
        ("empty.txt", b"", "The file is empty"),
        ("empty.txt", b"   \n", "The file is empty"),
        ("fake.pdf", b"hello, not a pdf", "PDF"),
        ("locked.pdf", blank_pdf(password="secret"), "password"),
        ("long.pdf", blank_pdf(pages=200), "pages"),
        ("bad.csv", (FIXTURES / "wrong-headers.csv").read_bytes(), "column"),
        ("bad.json", (FIXTURES / "invalid.json").read_bytes(), "JSON"),
        ("report.docx", b"PK\x03\x04", "format"),
    ]
    for name, data, words in cases:
        r = _upload(client, case_id, name, data)
        assert r.status_code == 400, (name, r.status_code)
        assert "error-summary" in r.text and words.lower() in r.text.lower(), (name, r.text[:3000])
    r = post(client, f"/cases/{case_id}/reports/import", {"format": "auto", "text": ""})
    assert r.status_code == 400 and "paste the report" in r.text
    assert _saved(engine) == []


def test_report_json_download_reads_back(make_client, world, engine):
    client = make_client("alice@example.org")
    raw = (FIXTURES / "report.json").read_bytes()
    form = _inputs(_upload(client, world.ids["case1"], "report.json", raw).text)
    post(client, f"/cases/{world.ids['case1']}/reports/confirm", form)
    row = _saved(engine)[0]
    r = client.get(f"/reports/{row.id}/report.json")
    assert r.status_code == 200 and r.headers["content-disposition"].startswith("attachment")
    assert import_report(r.content, "json").report.to_dict() == json.loads(r.content) | {
        "format": "recourse-report", "version": 1}


def test_a_thick_report_survives_the_preview(make_client, world, engine):
    """80 accounts are about 1,800 form fields: more than the web framework's default limit."""
    accounts = [{"furnisher": f"Lender {n}", "account_number": f"XXXX{n:04d}", "opened": "2019-01-01",
                 "balance": str(n * 10), "status": "open"} for n in range(80)]
    raw = json.dumps({"format": "recourse-report", "version": 1, "bureau": "Equifax", "pulled": "2026-10-01",
                      "accounts": accounts}).encode()
    client = make_client("alice@example.org")
    r = _upload(client, world.ids["case1"], "thick.json", raw)
    assert r.status_code == 200
    r = post(client, f"/cases/{world.ids['case1']}/reports/confirm", _inputs(r.text))
    assert r.status_code == 303, r.text[:2000]
    assert len(service.parsed(_saved(engine)[0]).accounts) == 80
