"""Issue 13: the preview's "lines we could not read" give their reasons in the reader's language,
also after the preview comes back from the browser with an error; the reasons stay English for
the command line and for str()."""

import json

from bs4 import BeautifulSoup

from app.reports import import_report
from tests.conftest import post
from tests.credit_reports.test_import_flow import _inputs, _upload
from tests.reports.conftest import FIXTURES


def _reasons(html: str) -> list[str]:
    table = BeautifulSoup(html, "html.parser").select_one("#unread-table")
    assert table is not None
    return [row.select("td")[2].get_text() for row in table.select("tbody tr")]


def test_the_unread_reasons_read_in_spanish_and_survive_the_round_trip(make_client, world, engine):
    data = (FIXTURES / "report.txt").read_bytes()
    reasons = [u.reason for u in import_report(data, "text").unread]
    english = {str(m) for m in reasons}
    spanish = {m.render("es") for m in reasons}
    assert english == {"not a kind of public record we know"} and not (english & spanish)
    client = make_client("alice@example.org")
    assert post(client, "/account/language", {"language": "es"}).status_code == 303
    r = _upload(client, world.ids["case1"], "report.txt", data)
    assert r.status_code == 200
    shown = _reasons(r.text)
    assert shown and spanish <= set(shown) and not (english & set(shown))
    # The preview comes back with a mistake in it: the reasons are still Spanish.
    form = _inputs(r.text)
    key = next(k for k, v in form.items() if k.endswith(".first_delinquency") and v)
    form[key] = "el treinta de febrero"
    r = post(client, f"/cases/{world.ids['case1']}/reports/confirm", form)
    assert r.status_code == 400
    assert sorted(_reasons(r.text)) == sorted(shown)


def test_a_value_reason_keeps_its_value_in_spanish():
    from app.reports.values import read_date

    try:
        read_date("Febtober 31", "US")
    except ValueError as error:
        from app.reports.importers import why

        message = why(error)
    assert str(message) == "'Febtober 31' is not a date we know how to read"
    assert message.render("es") == "'Febtober 31' no es una fecha que sepamos leer"


def test_a_tampered_reason_in_the_hidden_field_is_shown_as_text_never_a_500(make_client, world, engine):
    client = make_client("alice@example.org")
    r = _upload(client, world.ids["case1"], "report.txt", (FIXTURES / "report.txt").read_bytes())
    form = _inputs(r.text)
    form["bureau"] = ""  # an error, so the preview is shown again from its hidden fields
    form["unread"] = json.dumps([
        {"line": 1, "text": "a", "reason": '["%(x)s is odd", {"y": 1}]'},  # a parameter missing
        {"line": 2, "text": "b", "reason": '["not json'},
        {"line": "3", "text": "c", "reason": '[[1], [2]]'},
        {"line": 4, "text": "d", "reason": "a plain old reason"},
        {"line": 5, "text": "e", "reason": {"not": "text"}},
    ])
    r = post(client, f"/cases/{world.ids['case1']}/reports/confirm", form)
    assert r.status_code == 400
    reasons = _reasons(r.text)
    assert '["%(x)s is odd", {"y": 1}]' in reasons and '["not json' in reasons
    assert "a plain old reason" in reasons and len(reasons) == 5


def test_a_pdf_reason_with_a_nested_message_reads_in_spanish():
    from app.messages import M, dump, load
    from app.reports.importers.pdf_reading import FURNITURE

    reason = M("%(what)s, on %(pages)s page(s): not report data",
               what=FURNITURE["page footer (page number)"], pages=3)
    assert str(reason) == "page footer (page number), on 3 page(s): not report data"
    assert load(dump(reason)).render("es") == "pie de página (número de página), en 3 página(s): no son datos del informe"


def test_a_bureau_pdf_preview_in_spanish_gives_every_reason_in_spanish(make_client, world, engine):
    from tests.reports.test_bureau_pdfs import SAMPLES

    data = (SAMPLES / "equifax-2024-annual-sample.pdf").read_bytes()
    unread = import_report(data, "pdf").unread
    runs = [u for u in unread if u.more]
    assert runs  # the bureau's explanations, skipped as runs of lines
    client = make_client("alice@example.org")
    assert post(client, "/account/language", {"language": "es"}).status_code == 303
    r = _upload(client, world.ids["case1"], "report.pdf", data)
    assert r.status_code == 200
    shown = _reasons(r.text)
    assert sorted(shown) == sorted(u.reason.render("es") for u in unread)
    assert not {str(u.reason) for u in unread} & set(shown)
    html = BeautifulSoup(r.text, "html.parser").select_one("#unread-table").get_text()
    assert f"… y {runs[0].more} líneas más, hasta la línea {runs[0].to_line}" in html
    assert "more lines" not in html
