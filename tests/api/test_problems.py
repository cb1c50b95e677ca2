"""Bad input anywhere is a problem document (4xx), never a 500 or an HTML page."""

import pytest

PROBLEM = "application/problem+json"


def _bad(response, *statuses):
    assert response.status_code in statuses, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    assert "<html" not in response.text.lower()
    return response.json()


@pytest.mark.parametrize("body", [
    {"kind": "extension_notified", "on": "2026-09-10", "new_due": "9999-12-31"},
    {"kind": "sent", "on": "0001-01-01", "channel": "post"},
    {"kind": "answered", "on": "2026-09-10", "outcomes": {"99999999999999999999": "deleted"}},
    {"kind": "answered", "on": "2026-09-10", "outcomes": {"1": "nonsense"}},
    {"kind": "sent", "on": "2026-09-10", "channel": "pigeon", "note": "x\x00y"},
    {"kind": "delivered", "on": "not a date"},
])
def test_odd_events(api, filed, body):
    response = api.post(f"/api/v1/proceedings/{filed['proceeding1']}/events", json=body)
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        _bad(response, 400, 422)


@pytest.mark.parametrize("body", [
    {"kind": "us.dispute-cra", "letter_date": "9999-12-31"},
    {"kind": "us.dispute-cra", "letter_date": "0001-01-01", "region": "zz", "lang": "xx"},
    {"kind": "us.dispute-cra", "recipient_id": 9223372036854775807, "document_ids": [9223372036854775807]},
    {"kind": "us.dispute-cra", "facts": {"items": [{"furnisher": "A" * 5000}], "report_date": "31/12/2026"}},
    {"kind": "us.dispute-cra", "facts": {"nonexistent": True, "items": "not a list"}},
    {"kind": "us.dispute-cra", "proceeding_id": 123456},
])
def test_odd_letters(api, world, body):
    response = api.post(f"/api/v1/cases/{world.ids['case1']}/letters", json=body)
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        _bad(response, 400, 404, 422)


def test_odd_consumers_cases_and_deadlines(api, world):
    _bad(api.post("/api/v1/consumers", json={"legal_name": "A", "date_of_birth": "0001-01-01",
                                              "current_address": {"from_date": "9999-99-99"}}), 422)
    response = api.post("/api/v1/consumers", json={"legal_name": "x\x00y"})  # PostgreSQL refuses a NUL
    assert response.status_code in (201, 422), response.text
    _bad(api.post("/api/v1/cases", json={"consumer_id": 2**64}), 422)
    _bad(api.get("/api/v1/cases", params={"page": 10**12}), 422)
    _bad(api.get("/api/v1/cases", params={"status": "sideways"}), 422)
    _bad(api.post("/api/v1/deadlines/compute", json={"procedure_id": "us.fcra.dispute-cra", "region": "ZZ",
                                                      "events": [{"kind": "sent", "on": "2026-01-01"}]}), 422)
    _bad(api.post("/api/v1/deadlines/compute", json=[]), 422)
    response = api.post("/api/v1/deadlines/compute", json={
        "procedure_id": "us.fcra.dispute-cra", "transit_days": 60, "today": "2199-12-31",
        "events": [{"kind": "sent", "on": "2199-12-31", "channel": "post"},
                   {"kind": "extension_notified", "on": "2199-12-31", "new_due": "2199-12-31"}]})
    assert response.status_code in (200, 422), response.text
