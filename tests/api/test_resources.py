"""Each resource through the API, answering what the pages' services answer."""

import json
from datetime import date

from sqlmodel import Session, select

from app.letters.models import Letter
from app.recipients.models import Recipient
from tests.reports.conftest import FIXTURES

PROBLEM = "application/problem+json"


def test_consumers_list_create_get_masks_identifiers(api, world):
    names = [c["legal_name"] for c in api.get("/api/v1/consumers").json()]
    assert names == ["Dave Client", "Other Person"]
    response = api.post("/api/v1/consumers", json={
        "legal_name": "Rosa Diaz", "national_id": "123-45-6789", "date_of_birth": "1980-01-02",
        "current_address": {"line1": "2 Oak St", "city": "Springfield", "region": "IL", "postal_code": "62701",
                            "from_date": "2021-01-01"}})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["national_id_masked"].endswith("6789") and "123-45" not in response.text
    assert "1980" not in response.text
    assert api.get(f"/api/v1/consumers/{body['id']}").json()["legal_name"] == "Rosa Diaz"


def test_consumer_bad_input_is_a_problem_with_fields(api):
    response = api.post("/api/v1/consumers", json={"legal_name": "", "date_of_birth": "31/12/1980"})
    assert response.status_code == 422 and response.headers["content-type"].startswith(PROBLEM)
    assert "legal_name" in response.json()["errors"]
    response = api.post("/api/v1/consumers", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422 and response.headers["content-type"].startswith(PROBLEM)


def test_cases_list_create_get(api, world):
    listed = api.get("/api/v1/cases").json()
    assert {c["id"] for c in listed["items"]} == {world.ids["case1"], world.ids["case2"]}
    response = api.post("/api/v1/cases", json={"consumer_id": world.ids["consumer1"], "title": "Second round"})
    assert response.status_code == 201, response.text
    assert api.get(f"/api/v1/cases/{response.json()['id']}").json()["title"] == "Second round"
    # Another workspace's consumer is not offered: a field error, as on the page.
    response = api.post("/api/v1/cases", json={"consumer_id": world.ids["consumer3"]})
    assert response.status_code == 422 and "consumer_id" in response.json()["errors"]


def test_report_import_then_items_and_findings(api, world):
    data = (FIXTURES / "report.csv").read_bytes()
    response = api.post(f"/api/v1/cases/{world.ids['case1']}/reports", files={"file": ("report.csv", data)})
    assert response.status_code == 201, response.text
    (report,) = response.json()["reports"]
    assert report["bureau"] == "Experian" and report["source"] == "csv"
    detail = api.get(f"/api/v1/reports/{report['id']}").json()
    assert detail["report"]["accounts"] and isinstance(detail["findings"], list)
    assert any(f["rule"] for f in detail["findings"])
    assert all(isinstance(f[k], str) and f[k] for f in detail["findings"] for k in ("what", "why", "legal_basis"))
    listed = api.get(f"/api/v1/cases/{world.ids['case1']}/reports").json()
    assert [r["id"] for r in listed] == [report["id"]]


def test_report_import_bad_file_is_a_problem(api, world):
    response = api.post(f"/api/v1/cases/{world.ids['case1']}/reports", files={"file": ("x.unknown", b"hello")})
    assert response.status_code == 422 and "format" in response.json()["errors"]
    response = api.post(f"/api/v1/cases/{world.ids['case1']}/reports", files={"file": ("r.json", b"{oops")})
    assert response.status_code == 422 and response.headers["content-type"].startswith(PROBLEM)
    # The reader's message (app/messages.py) comes back as English text, as everything in the API.
    assert response.json()["errors"]["file"].startswith("This is not valid JSON: ")
    response = api.post(f"/api/v1/cases/{world.ids['case1']}/reports")
    assert response.status_code == 422


def test_proceedings_list_get_and_add_event(api, world, filed):
    listed = api.get(f"/api/v1/cases/{world.ids['case1']}/proceedings").json()
    assert [p["id"] for p in listed] == [filed["proceeding1"]]
    detail = api.get(f"/api/v1/proceedings/{filed['proceeding1']}").json()
    assert sorted(e["kind"] for e in detail["events"]) == ["drafted", "sent"]
    assert any(d["due"] for d in detail["deadlines"])
    response = api.post(f"/api/v1/proceedings/{filed['proceeding1']}/events",
                        json={"kind": "delivered", "on": "2026-09-04"})
    assert response.status_code == 201, response.text
    assert sorted(e["kind"] for e in response.json()["events"]) == ["delivered", "drafted", "sent"]
    assert api.get(f"/api/v1/proceedings/{filed['proceeding1']}/deadlines").json()
    response = api.post(f"/api/v1/proceedings/{filed['proceeding1']}/events", json={"kind": "nonsense", "on": "2999-01-01"})
    assert response.status_code == 422 and {"kind", "on"} <= set(response.json()["errors"])


def test_letter_draft_read_and_pdf(api, world, filed, engine):
    with Session(engine) as s:
        experian = s.exec(select(Recipient.id).where(Recipient.slug == "us-experian-dispute")).one()
    item = {"furnisher": "Acme Bank", "account": "1234", "what_is_wrong": "A collection I never had.",
            "why": "This account is not mine.", "action": "delete"}
    response = api.post(f"/api/v1/cases/{world.ids['case1']}/letters",
                        json={"kind": "us.dispute-cra", "recipient_id": experian, "facts": {"items": [item]}})
    assert response.status_code == 201, response.text
    letter = response.json()
    assert letter["status"] == "draft" and letter["problems"] == []
    pdf = api.get(f"/api/v1/letters/{letter['id']}/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    with Session(engine) as s:
        row = s.get(Letter, letter["id"])
        assert json.loads(row.data)["facts"]["items"][0]["furnisher"] == "Acme Bank"
    # What the letter form would say beside its fields comes back as the problem's errors.
    response = api.post(f"/api/v1/cases/{world.ids['case1']}/letters",
                        json={"kind": "us.dispute-cra", "facts": {"items": [{"furnisher": "Acme"}]}})
    assert response.status_code == 422
    assert {"recipient_id", "facts.items.0.what_is_wrong"} <= set(response.json()["errors"])
    response = api.post(f"/api/v1/cases/{world.ids['case1']}/letters", json={"kind": "no.such-kind"})
    assert response.status_code == 422 and "kind" in response.json()["errors"]
    listed = [x["id"] for x in api.get(f"/api/v1/cases/{world.ids['case1']}/letters").json()]
    assert {filed["letter1"], letter["id"]} <= set(listed)


def test_deadlines_compute(api):
    response = api.post("/api/v1/deadlines/compute", json={
        "procedure_id": "us.fcra.dispute-cra", "events": [{"kind": "sent", "on": "2026-03-02", "channel": "post"}],
        "today": "2026-03-10"})
    assert response.status_code == 200, response.text
    (first, *_rest) = response.json()
    assert date.fromisoformat(first["due"]) > date(2026, 3, 2) and "1681i" in first["citation"]
    for bad in ({"procedure_id": "nope", "events": []},
                {"procedure_id": "us.fcra.dispute-cra", "events": [{"kind": "teleported", "on": "2026-01-01"}]},
                {"procedure_id": "us.fcra.dispute-cra", "events": [{"kind": "sent", "on": "9999-12-31"}]}):
        response = api.post("/api/v1/deadlines/compute", json=bad)
        assert response.status_code == 422 and response.headers["content-type"].startswith(PROBLEM), response.text
