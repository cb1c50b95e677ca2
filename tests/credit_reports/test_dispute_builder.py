"""The dispute builder: chosen items -> draft letters and proceedings that remember the items."""

import json

from sqlmodel import Session, select

from app.credit_reports import service
from app.credit_reports.models import CreditReport
from app.letters.models import Letter
from app.proceedings.models import Proceeding, ProceedingItem
from app.recipients.models import Recipient
from tests.conftest import post


def _report(engine, report_id):
    with Session(engine) as s:
        return service.parsed(s.get(CreditReport, report_id))


def _cra(engine, name="Experian") -> int:  # the fixture report is Experian's
    with Session(engine) as s:
        rows = s.exec(select(Recipient).where(Recipient.kind == "cra", Recipient.workspace_id.is_(None))).all()
        return next(r.id for r in rows if name.lower() in r.name.lower() and "US" in (r.jurisdictions or ""))


def _letters(engine):
    with Session(engine) as s:
        return [(letter.kind_id, json.loads(letter.data), letter.recipient_id)
                for letter in s.exec(select(Letter).order_by(Letter.id)).all()]


def test_builder_prefills_the_suggested_reason(make_client, report_id, engine):
    report = _report(engine, report_id)
    midland = next(a for a in report.accounts if a.furnisher == "MIDLAND CREDIT MANAGEMENT")
    r = make_client("alice@example.org").get(f"/reports/{report_id}/dispute?item={midland.key}")
    assert r.status_code == 200
    assert "older than the law allows" in r.text  # the suggested reason of the §605 finding
    assert "Experian" in r.text or "Equifax" in r.text


def test_quick_dispute_to_the_bureau_and_the_companies(make_client, report_id, engine):
    report = _report(engine, report_id)
    midland = next(a for a in report.accounts if a.furnisher == "MIDLAND CREDIT MANAGEMENT")
    bank = next(a for a in report.accounts if a.furnisher == "FIRST EXAMPLE BANK")
    inquiry = report.inquiries[0]
    form = {"item": [midland.key, bank.key, inquiry.key], "send_to": "both", "bureau_id": str(_cra(engine)),
            f"reason.{inquiry.key}": "I never applied for credit with this company.",
            "section_action.inquiry": "delete", f"correct_to.{bank.key}": "Paid as agreed"}
    r = post(make_client("alice@example.org"), f"/reports/{report_id}/dispute", form)
    assert r.status_code == 303, r.text
    letters = _letters(engine)
    kinds = [k for k, _, _ in letters]
    # Midland's account is a collection: the collector gets the collection dispute (issue 14).
    assert kinds.count("us.dispute-cra") == 1 and kinds.count("us.dispute-furnisher") == 1
    assert kinds.count("us.collection-dispute") == 1
    cra = next(d for k, d, _ in letters if k == "us.dispute-cra")
    items = {i["furnisher"]: i for i in cra["facts"]["items"]}
    assert items["MIDLAND CREDIT MANAGEMENT"]["why"].startswith("This item is older than the law allows")
    assert items["MIDLAND CREDIT MANAGEMENT"]["action"] == "delete"
    assert items[inquiry.who]["why"] == "I never applied for credit with this company."
    assert items[inquiry.who]["action"] == "delete"
    assert cra["facts"]["report_date"] == report.pulled.isoformat()
    assert "Experian" in cra["recipient"]["name"]
    furnisher = [d for k, d, _ in letters if k == "us.dispute-furnisher"]
    assert [d["facts"]["items"][0]["furnisher"] for d in furnisher] == ["FIRST EXAMPLE BANK"]
    collection = next(d for k, d, _ in letters if k == "us.collection-dispute")
    assert collection["facts"]["items"][0]["action"] == "delete"
    assert collection["facts"]["items"][0]["why"].startswith("This item is older than the law allows")
    assert all(d["facts"]["report_bureau"] == "Experian" for d in (*furnisher, collection))
    with Session(engine) as s:
        assert len(s.exec(select(Proceeding)).all()) == 3
        keys = {i.report_item_key for i in s.exec(select(ProceedingItem)).all()}
    assert keys == {midland.key, bank.key, inquiry.key}


def test_detailed_answers_name_the_wrong_fields(make_client, report_id, engine):
    report = _report(engine, report_id)
    auto = next(a for a in report.accounts if a.furnisher == "SAMPLE AUTO FINANCE")
    form = {"item": [auto.key], "send_to": "bureau", "bureau_id": str(_cra(engine)),
            f"reason.{auto.key}": "I closed this loan in 2024 and my statement shows it.",
            f"action.{auto.key}": "correct", f"wrong.{auto.key}": ["closed", "balance"],
            f"should.{auto.key}.closed": "2024-02-01", f"should.{auto.key}.balance": "$0"}
    r = post(make_client("alice@example.org"), f"/reports/{report_id}/dispute", form)
    assert r.status_code == 303, r.text
    (kind, data, _), = _letters(engine)
    item = data["facts"]["items"][0]
    assert "Date closed is reported as" in item["what_is_wrong"] and "Balance is reported as" in item["what_is_wrong"]
    assert item["correct_to"] == "Date closed: 2024-02-01; Balance: $0"


def test_not_mine_items_go_to_the_identity_theft_block(make_client, report_id, engine):
    client = make_client("alice@example.org")
    report = _report(engine, report_id)
    auto = next(a for a in report.accounts if a.furnisher == "SAMPLE AUTO FINANCE")
    post(client, f"/reports/{report_id}/marks", {"item": auto.key, "mark": "not-mine"})
    page = client.get(f"/reports/{report_id}/dispute?item={auto.key}")
    assert "identity-theft block" in page.text and 'name="itr_number"' in page.text
    r = post(client, f"/reports/{report_id}/dispute", {"item": [auto.key], "send_to": "bureau",
                                                        "bureau_id": str(_cra(engine)), "itr_number": "123456789"})
    assert r.status_code == 303, r.text
    (kind, data, _), = _letters(engine)
    assert kind == "us.identity-theft-block"
    assert data["facts"]["itr_number"] == "123456789"
    assert data["facts"]["items"][0]["furnisher"] == "SAMPLE AUTO FINANCE"


def test_builder_errors_keep_the_answers(make_client, report_id, engine):
    client = make_client("alice@example.org")
    report = _report(engine, report_id)
    with Session(engine) as s:
        _, found, _ = service.findings_for(s, s.get(CreditReport, report_id))
    plain = next(i for i in report.items() if i.key not in {f.item for f in found})  # no suggestion to fall back on
    form = {"item": [plain.key], "send_to": "bureau", "bureau_id": "", f"correct_to.{plain.key}": "Paid as agreed"}
    r = post(client, f"/reports/{report_id}/dispute", form)
    assert r.status_code == 400
    assert "Say why this item is wrong" in r.text  # no finding, so no suggested reason
    assert "Choose the bureau" in r.text
    assert 'value="Paid as agreed"' in r.text
    r = post(client, f"/reports/{report_id}/dispute", {"item": [report.personal[0].key], "send_to": "furnisher",
                                                        f"reason.{report.personal[0].key}": "Not my name",
                                                        f"action.{report.personal[0].key}": "delete"})
    assert r.status_code == 400 and "only accounts can" in r.text
    r = post(client, f"/reports/{report_id}/dispute", {"send_to": "bureau", "bureau_id": str(_cra(engine))})
    assert r.status_code == 400 and "Choose at least one item" in r.text
    assert _letters(engine) == []


def test_without_ticked_items_the_builder_sends_you_back(make_client, report_id):
    r = make_client("alice@example.org").get(f"/reports/{report_id}/dispute")
    assert r.status_code == 303 and r.headers["location"] == f"/reports/{report_id}"


def test_item_history_links_the_dispute_that_named_the_item(make_client, world, engine):
    from dataclasses import replace
    from datetime import date

    from tests.credit_reports.conftest import fixture_report, save

    base = fixture_report(pulled=date(2025, 3, 15))
    target = next(a for a in base.accounts if a.furnisher == "MIDLAND CREDIT MANAGEMENT")
    first = save(engine, world, base)
    client = make_client("alice@example.org")
    r = post(client, f"/reports/{first}/dispute", {"item": [target.key], "send_to": "bureau",
                                                   "bureau_id": str(_cra(engine, "Experian"))})
    assert r.status_code == 303
    save(engine, world, replace(base, pulled=date(2025, 6, 1),
                                accounts=tuple(a for a in base.accounts if a is not target)))
    with Session(engine) as s:
        proceeding_id = s.exec(select(Proceeding.id)).one()
    html = client.get(f"/cases/{world.ids['case1']}/reports").text
    row = html[html.index(f'data-item-key="{target.key}"'):]
    row = row[: row.index("</tr>")]
    assert f'href="/proceedings/{proceeding_id}"' in row and "change-deleted" in row


def test_a_furnisher_letter_without_an_address_cannot_be_finalised_until_one_is_chosen(make_client, report_id,
                                                                                       engine):
    client = make_client("alice@example.org")
    report = _report(engine, report_id)
    bank = next(a for a in report.accounts if a.furnisher == "FIRST EXAMPLE BANK")
    r = post(client, f"/reports/{report_id}/dispute", {"item": [bank.key], "send_to": "furnisher",
                                                        f"correct_to.{bank.key}": "Paid as agreed"})
    assert r.status_code == 303, r.text
    with Session(engine) as s:
        letter = s.exec(select(Letter)).one()
    assert letter.recipient_id is None
    r = post(client, f"/letters/{letter.id}/finalise")
    assert r.status_code == 303 and "error" in r.headers.get("set-cookie", "")
    with Session(engine) as s:
        assert s.get(Letter, letter.id).status == "draft"


def test_a_letter_for_a_client_without_an_address_cannot_be_finalised(make_client, report_id, engine, world):
    from sqlmodel import delete

    from app.consumers.models import Address

    with Session(engine) as s:
        s.exec(delete(Address).where(Address.consumer_id == world.ids["consumer1"]))
        s.commit()
    client = make_client("alice@example.org")
    report = _report(engine, report_id)
    midland = next(a for a in report.accounts if a.furnisher == "MIDLAND CREDIT MANAGEMENT")
    r = post(client, f"/reports/{report_id}/dispute", {"item": [midland.key], "send_to": "bureau",
                                                        "bureau_id": str(_cra(engine))})
    assert r.status_code == 303, r.text
    with Session(engine) as s:
        letter = s.exec(select(Letter)).one()
        assert json.loads(letter.data)["sender"]["address"] == []  # no address on file
    r = post(client, f"/letters/{letter.id}/finalise")
    assert r.status_code == 303 and "error" in r.headers.get("set-cookie", "")
    assert 'data-problem="sender"' in client.get(f"/letters/{letter.id}").text  # says what to do
    with Session(engine) as s:
        assert s.get(Letter, letter.id).status == "draft"
