"""The review page (groups, findings beside items, marks), typed entry, the cross-bureau view and
the item history across reports."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from sqlmodel import Session, select

from app.credit_reports import service
from app.credit_reports.models import CreditReport, ReportMark
from app.reports.model import Account
from tests.conftest import post
from tests.credit_reports.conftest import fixture_report, save


def _section(html: str, group: str) -> str:
    start = html.index(f'id="group-{group}"')
    end = html.find("<section", start + 10)
    return html[start:end if end > 0 else None]


def test_report_page_groups_items_and_shows_findings_beside_them(make_client, report_id):
    r = make_client("alice@example.org").get(f"/reports/{report_id}")
    assert r.status_code == 200
    html = r.text
    order = [html.index(f'id="group-{g}"') for g in ("personal", "public-record", "negative", "inquiry", "positive")]
    assert order == sorted(order)
    negative, positive = _section(html, "negative"), _section(html, "positive")
    assert "MIDLAND CREDIT MANAGEMENT" in negative and "SAMPLE AUTO FINANCE" in positive
    assert "SAMPLE AUTO FINANCE" not in negative
    # The collection past its FCRA §605 period carries its finding, reason and law, next to it.
    assert 'data-rule="obsolete.collection-or-chargeoff"' in negative
    assert "FCRA §605(a)(4)" in negative
    # Bureau policy is labelled as an estimate.
    assert "Estimate: check with an advocate." in html


def test_marking_an_item_not_mine_adds_the_identity_theft_finding(make_client, report_id, engine):
    client = make_client("alice@example.org")
    with Session(engine) as s:
        report = service.parsed(s.get(CreditReport, report_id))
    key = next(a.key for a in report.accounts if a.furnisher == "SAMPLE AUTO FINANCE")
    r = post(client, f"/reports/{report_id}/marks", {"item": key, "mark": "not-mine"})
    assert r.status_code == 303
    html = client.get(f"/reports/{report_id}").text
    assert 'data-rule="not-mine"' in html and "§605B" in html
    r = post(client, f"/reports/{report_id}/marks", {"item": key, "mark": ""})
    assert 'data-rule="not-mine"' not in client.get(f"/reports/{report_id}").text
    r = post(client, f"/reports/{report_id}/marks", {"item": key, "mark": "maybe"})
    assert r.status_code == 303 and "error" in r.headers.get("set-cookie", "")
    r = post(client, f"/reports/{report_id}/marks", {"item": "no-such-item", "mark": "not-mine"})
    assert r.status_code == 404
    with Session(engine) as s:
        assert s.exec(select(ReportMark)).all() == []


def test_a_client_can_mark_but_not_dispute_or_delete(make_client, report_id, world, engine):
    dave = make_client("dave@example.org")
    with Session(engine) as s:
        key = service.parsed(s.get(CreditReport, report_id)).personal[0].key
    assert post(dave, f"/reports/{report_id}/marks", {"item": key, "mark": "unrecognised"}).status_code == 303
    html = dave.get(f"/reports/{report_id}").text
    assert "personal-info.unrecognised" in html
    assert 'id="dispute-form"' not in html and 'id="delete-report"' not in html
    assert dave.get(f"/reports/{report_id}/dispute?item={key}").status_code == 403
    assert post(dave, f"/reports/{report_id}/delete").status_code == 403


def test_typing_a_report_in_one_item_at_a_time(make_client, world, engine):
    client = make_client("carol@example.org")  # a volunteer assigned to case1
    case_id = world.ids["case1"]
    r = post(client, f"/cases/{case_id}/reports/new", {"bureau": "", "pulled": "someday"})
    assert r.status_code == 400 and "Say which bureau" in r.text and 'value="someday"' in r.text
    r = post(client, f"/cases/{case_id}/reports/new", {"bureau": "TransUnion", "pulled": "2026-10-01"})
    assert r.status_code == 303 and r.headers["location"].endswith("/items/new?section=account")
    form_page = client.get(r.headers["location"])
    assert form_page.status_code == 200
    assert "Date of first delinquency" in form_page.text and "§623(a)(5)" in form_page.text  # help per field
    assert "autofocus" in form_page.text
    url = r.headers["location"]
    bad = {"furnisher": "Acme Collections", "balance": "lots", "opened": "2020-13-45", "then": "another"}
    r = post(client, url, bad)
    assert r.status_code == 400
    assert "Enter an amount in dollars" in r.text and "Enter a date like" in r.text
    assert 'value="Acme Collections"' in r.text and 'value="lots"' in r.text
    good = {"furnisher": "Acme Collections", "account_type": "collection", "balance": "$1,240",
            "opened": "06/2024", "first_delinquency": "02/2016", "status": "collection", "then": "another"}
    r = post(client, url, good)
    assert r.status_code == 303 and r.headers["location"].endswith("/items/new?section=account")
    r = post(client, url.replace("section=account", "section=inquiry"),
             {"who": "New Phone Co", "on": "2026-01-05", "kind": "hard", "then": "done"})
    assert r.status_code == 303
    with Session(engine) as s:
        row = s.exec(select(CreditReport)).one()
        report = service.parsed(row)
    assert row.source == "typed"
    assert report.accounts[0].balance == Decimal("1240") and report.accounts[0].first_delinquency == date(2016, 2, 1)
    assert report.inquiries[0].who == "New Phone Co"
    page = client.get(f"/reports/{row.id}").text
    assert 'data-rule="obsolete.collection-or-chargeoff"' in page


def test_editing_and_removing_an_item(make_client, report_id, engine):
    client = make_client("alice@example.org")
    with Session(engine) as s:
        account = next(a for a in service.parsed(s.get(CreditReport, report_id)).accounts
                       if a.furnisher == "SAMPLE AUTO FINANCE")
    r = client.get(f"/reports/{report_id}/items/{account.key}/edit")
    assert r.status_code == 200 and 'value="SAMPLE AUTO FINANCE"' in r.text
    values = {"furnisher": "SAMPLE AUTO FINANCE", "account_number": account.account_number or "",
              "opened": account.opened.isoformat(), "balance": "8000", "status": "Current"}
    assert post(client, f"/reports/{report_id}/items/{account.key}/edit", values).status_code == 303
    with Session(engine) as s:
        changed = next(a for a in service.parsed(s.get(CreditReport, report_id)).accounts
                       if a.furnisher == "SAMPLE AUTO FINANCE")
    assert changed.balance == Decimal("8000") and changed.closed is None
    confirm = client.get(f"/reports/{report_id}/items/{changed.key}/delete")  # asks first (issue 13)
    assert confirm.status_code == 200 and 'id="confirm-question"' in confirm.text
    assert post(client, f"/reports/{report_id}/items/{changed.key}/delete").status_code == 303
    with Session(engine) as s:
        assert all(a.furnisher != "SAMPLE AUTO FINANCE"
                   for a in service.parsed(s.get(CreditReport, report_id)).accounts)
    assert client.get(f"/reports/{report_id}/items/nope/edit").status_code == 404
    assert client.get(f"/reports/{report_id}/items/new?section=nonsense").status_code == 404


def test_cross_bureau_view_highlights_differences(make_client, world, engine):
    base = fixture_report()
    save(engine, world, base)
    other_accounts = tuple(replace(a, balance=Decimal("999")) if a.furnisher == "SAMPLE AUTO FINANCE" else a
                           for a in base.accounts if a.furnisher != "CITY HOSPITAL BILLING")
    save(engine, world, replace(base, bureau="Equifax", accounts=other_accounts))
    client = make_client("alice@example.org")
    listing = client.get(f"/cases/{world.ids['case1']}/reports").text
    assert 'id="compare-link"' in listing
    html = client.get(f"/cases/{world.ids['case1']}/reports/compare").text
    assert "Equifax" in html and "Experian" in html
    auto = html[html.index("SAMPLE AUTO FINANCE"):]
    auto = auto[: auto.index("</table>")]
    assert 'class="differs"' in auto and "$999.00" in auto and "$8,400.00" in auto
    hospital = html[html.index("CITY HOSPITAL BILLING"):]
    assert "Not on this report" in hospital[: hospital.index("</table>")]


def test_item_history_flags_a_reinserted_item(make_client, world, engine):
    base = fixture_report()
    target = next(a for a in base.accounts if a.furnisher == "MIDLAND CREDIT MANAGEMENT")
    without = tuple(a for a in base.accounts if a is not target)
    save(engine, world, replace(base, pulled=date(2025, 3, 15)))
    save(engine, world, replace(base, pulled=date(2025, 6, 1), accounts=without))
    save(engine, world, replace(base, pulled=date(2025, 9, 1)))
    html = make_client("alice@example.org").get(f"/cases/{world.ids['case1']}/reports").text
    assert "An item you had removed is back." in html and "§611(a)(5)(B)" in html
    row = html[html.index(f'data-item-key="{target.key}"'):]
    row = row[: row.index("</tr>")]
    assert [s for s in ("change-first", "change-deleted", "change-reinserted") if s in row] == [
        "change-first", "change-deleted", "change-reinserted"]
    assert row.index("change-deleted") < row.index("change-reinserted")


def test_other_workspaces_reports_are_404(make_client, world, engine):
    erin_report = save(engine, world, fixture_report(), case="case3", workspace="ws_b", user="erin")
    client = make_client("alice@example.org")
    for url in (f"/reports/{erin_report}", f"/reports/{erin_report}/report.json",
                f"/reports/{erin_report}/items/new", f"/reports/{erin_report}/dispute?item=x"):
        assert client.get(url).status_code == 404, url
    assert post(client, f"/reports/{erin_report}/delete").status_code == 404


def test_account_group_helpers():
    from app.reports.review import is_negative

    assert is_negative(Account("X", payment_history=("OK", "30")))
    assert is_negative(Account("X", past_due=Decimal("10")))
    assert is_negative(Account("X", status="Charged off"))
    assert not is_negative(Account("X", status="Paid, never late", payment_history=("OK", "OK")))
    assert not is_negative(Account("X", status="Open"))


def test_consumer_export_holds_the_reports_and_delete_removes_them(make_client, report_id, world, engine):
    import io
    import json
    import zipfile

    client = make_client("alice@example.org")
    with Session(engine) as s:
        key = service.parsed(s.get(CreditReport, report_id)).accounts[0].key
    post(client, f"/reports/{report_id}/marks", {"item": key, "mark": "not-mine"})
    r = client.get(f"/consumers/{world.ids['consumer1']}/export")
    archive = zipfile.ZipFile(io.BytesIO(r.content))
    data = json.loads(archive.read("data.json"))
    assert json.loads(archive.read(data["credit_reports"][0]["file"]))["bureau"] == "Experian"
    assert data["report_marks"][0]["item_key"] == key
    r = post(client, f"/consumers/{world.ids['consumer1']}/delete", {"confirm": "Dave Client"})
    assert r.status_code == 303
    with Session(engine) as s:
        assert s.exec(select(CreditReport)).all() == [] and s.exec(select(ReportMark)).all() == []


def test_report_data_is_encrypted_at_rest(report_id, engine):
    from sqlalchemy import text

    with engine.connect() as conn:
        raw = conn.execute(text("SELECT data FROM credit_reports WHERE id = :id"), {"id": report_id}).scalar_one()
    assert "MIDLAND" not in str(raw) and "Experian" not in str(raw)


def test_a_mark_follows_an_item_whose_key_changes_when_edited(make_client, report_id, engine):
    client = make_client("alice@example.org")
    with Session(engine) as s:
        account = next(a for a in service.parsed(s.get(CreditReport, report_id)).accounts
                       if a.furnisher == "SAMPLE AUTO FINANCE")
    post(client, f"/reports/{report_id}/marks", {"item": account.key, "mark": "not-mine"})
    r = post(client, f"/reports/{report_id}/items/{account.key}/edit",
             {"furnisher": "SAMPLE AUTO FINANCE LLC", "opened": "2020-01-10"})
    assert r.status_code == 303
    with Session(engine) as s:
        new = next(a for a in service.parsed(s.get(CreditReport, report_id)).accounts
                   if a.furnisher == "SAMPLE AUTO FINANCE LLC")
        assert [m.item_key for m in s.exec(select(ReportMark)).all()] == [new.key]
    assert client.get(f"/reports/{report_id}/dispute?item=unknown").status_code == 303


def test_item_history_names_changed_fields_in_the_readers_language(make_client, world, engine):
    base = fixture_report()
    target = next(a for a in base.accounts if a.furnisher == "SAMPLE AUTO FINANCE")
    changed = tuple(replace(a, balance=Decimal("999")) if a is target else a for a in base.accounts)
    save(engine, world, replace(base, pulled=date(2025, 3, 15)))
    save(engine, world, replace(base, pulled=date(2025, 6, 1), accounts=changed))
    client = make_client("alice@example.org")

    def changed_line() -> str:
        html = client.get(f"/cases/{world.ids['case1']}/reports").text
        row = html[html.index(f'data-item-key="{target.key}"'):]
        return row[: row.index("</th>")]

    assert "Balance" in changed_line()  # the field's label, not its code
    assert post(client, "/account/language", {"language": "es"}).status_code == 303
    row = changed_line()
    assert "Saldo" in row and "Balance" not in row
