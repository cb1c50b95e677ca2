"""Issue 13: findings and the readers' errors are messages, shown in the reader's language; letters
to US bureaus, the JSON export and the API keep the English text."""

import json
from html import unescape

from sqlmodel import Session, select

from app import i18n
from app.credit_reports import service, stored
from app.credit_reports.models import CreditReport
from app.letters.models import Letter
from app.messages import M
from app.reports import RULES, Finding, analysis
from app.reports.importers import ImportError_
from tests.conftest import post
from tests.credit_reports.test_dispute_builder import _cra, _report
from tests.credit_reports.test_import_flow import _upload
from tests.reports.conftest import blank_pdf


def _es(message) -> str:
    return message.render("es")


def _spanish(client):
    """The signed-in person chooses Spanish (saved on the account, as the language menu does)."""
    assert post(client, "/account/language", {"language": "es"}).status_code == 303
    return client


def _text(html: str) -> str:
    return unescape(html)


def test_the_review_page_shows_findings_in_spanish(make_client, report_id, engine):
    client = make_client("alice@example.org")
    english = _text(client.get(f"/reports/{report_id}").text)
    html = _text(_spanish(client).get(f"/reports/{report_id}").text)
    assert '<html lang="es">' in html
    with Session(engine) as s:
        row = s.get(CreditReport, report_id)
        _report_, found, _marks = service.findings_for(s, row)
    obsolete = next(f for f in found if f.rule == "obsolete.collection-or-chargeoff")
    # What, why and the law, each in Spanish; the English sentences are not on the page.
    for text in (obsolete.what, obsolete.why, obsolete.legal_basis):
        assert _es(text) != str(text) and _es(text) in html
        assert str(text) not in html
    assert "tenía que salir a más tardar el" in _es(obsolete.what)  # the dates are filled in
    # An estimate says so in Spanish, in the finding's own text and in its badge.
    assert any(f.estimate for f in found)
    assert _es(analysis.CHECK) in html and str(analysis.CHECK) not in html
    assert i18n.translate("es", "Estimate: check with an advocate.") in html
    # Items are named in Spanish too (the account's words, not the furnisher's name).
    assert "(cuenta que termina en " in html and "(account ending " not in html
    assert "(account ending " in english
    # The same page in English reads in English.
    assert str(obsolete.what) in english and str(obsolete.legal_basis) in english


def test_an_estimate_finding_reads_in_spanish():
    f = analysis._finding("old-inquiry", _inquiry(), M("%(who)s checked your credit on %(day)s, more than "
                                                        "%(years)s years ago.", who="ACME", day="2020-01-02",
                                                        years=2))
    assert f.estimate
    assert "Es una estimación" in _es(f.why) and "NO VERIFICADO" in _es(f.legal_basis)
    assert _es(f.what) == "ACME consultó tu crédito el 2020-01-02, hace más de 2 años."
    # Citations stay as they are.
    assert "§605" in _es(RULES["obsolete.collection-or-chargeoff"].legal_basis)


def _inquiry():
    from app.reports.model import Inquiry

    return Inquiry(who="ACME")


def test_stored_findings_keep_the_parts_and_old_rows_are_recomputed(make_client, report_id, engine):
    client = make_client("alice@example.org")
    client.get(f"/reports/{report_id}")
    with Session(engine) as s:
        row = s.get(CreditReport, report_id)
        parts = json.loads(row.analysis)
        assert all(isinstance(p["what"], list) for p in parts)  # [msgid, {params}], not English text
        first = Finding.from_parts(parts[0])
        assert first.to_parts() == parts[0]
        # A row stored by version 1 (English strings) is not read back as findings.
        english = json.dumps([{**p, **{k: str(getattr(first, k)) for k in analysis.TEXTS}} for p in parts[:1]])
        row.analysis = english
        assert stored.stored_findings(row, row.analysis_key) is None
    assert stored.ANALYSIS_VERSION != "1"


def test_the_api_and_the_json_export_keep_english(report_id, engine):
    with Session(engine) as s:
        _report_, found, _marks = service.findings_for(s, s.get(CreditReport, report_id))
    data = found[0].to_dict()
    assert all(isinstance(data[k], str) for k in analysis.TEXTS)
    assert data["what"] == str(found[0].what) and data["why"] == found[0].why.render("en")


def test_an_import_error_is_shown_in_spanish(make_client, world, engine):
    client = _spanish(make_client("alice@example.org"))
    r = _upload(client, world.ids["case1"], "locked.pdf", blank_pdf(password="secret"))
    assert r.status_code == 400
    html = _text(r.text)
    spanish = _es(M("This PDF is password-protected: remove the password or paste the text"))
    assert spanish.startswith("Este PDF está protegido") and spanish in html
    assert "password-protected" not in html
    # A message with values: the page count is filled into the Spanish sentence.
    r = _upload(client, world.ids["case1"], "long.pdf", blank_pdf(pages=200))
    assert r.status_code == 400 and "Este PDF tiene 200 páginas" in _text(r.text)
    # The exception keeps its parts (it crosses a process boundary) and reads in English as text.
    exc = ImportError_(M("Page %(page)s of this PDF is damaged and cannot be opened", page=3))
    assert str(exc) == "Page 3 of this PDF is damaged and cannot be opened"
    import pickle

    assert pickle.loads(pickle.dumps(exc)).message.render("es").startswith("La página 3")  # noqa: S301


def test_the_dispute_builder_writes_english_reasons_for_a_spanish_reader(make_client, report_id, engine):
    client = _spanish(make_client("alice@example.org"))
    report = _report(engine, report_id)
    midland = next(a for a in report.accounts if a.furnisher == "MIDLAND CREDIT MANAGEMENT")
    page = _text(client.get(f"/reports/{report_id}/dispute?item={midland.key}").text)
    reason = RULES["obsolete.collection-or-chargeoff"].suggested_reason
    assert _es(reason) in page  # the suggestion, in Spanish
    assert str(reason) in page  # and the English words the letter will carry
    form = {"item": [midland.key], "send_to": "bureau", "bureau_id": str(_cra(engine))}
    r = post(client, f"/reports/{report_id}/dispute", form)
    assert r.status_code == 303, r.text
    with Session(engine) as s:
        letters = [json.loads(letter.data) for letter in s.exec(select(Letter)).all()]
    whys = [i["why"] for d in letters for i in d["facts"]["items"]]
    assert whys and all(w == str(reason) for w in whys)
    assert not any(_es(reason) in json.dumps(d, ensure_ascii=False) for d in letters)
