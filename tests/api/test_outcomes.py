"""/api/v1/outcomes: the Outcomes page's figures as JSON, with the page's period rules and roles."""


def test_owner_gets_the_workspace_figures_for_a_year(api, filed):
    r = api.get("/api/v1/outcomes", params={"period": "year", "year": "2026"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["start"], body["end"]) == ("2026-01-01", "2026-12-31")
    # Clinic A has two proceedings sent on 2026-09-01 (cases 1 and 2); clinic B's one is not counted.
    assert body["proceedings"] == 2 and body["by_purpose"] == {"dispute": 2}
    assert sum(g["proceedings"] for g in body["by_advocate"]) == 2
    assert set(body["items"]) >= {"deleted", "corrected", "verified", "no-answer", "pending"}
    assert "identity_theft_plans_completed" in body


def test_another_workspace_sees_only_its_own(client, make_token, filed):
    client.headers["authorization"] = f"Bearer {make_token('erin')}"
    body = client.get("/api/v1/outcomes", params={"period": "year", "year": "2026"}).json()
    assert body["proceedings"] == 1


def test_a_quarter_without_proceedings_is_empty(api, filed):
    body = api.get("/api/v1/outcomes", params={"period": "quarter", "year": "2026", "quarter": "1"}).json()
    assert (body["proceedings"], body["median_days"], body["share_late"]) == (0, None, None)


def test_bad_periods_are_problem_details(api, filed):
    for params, field in (({"period": "decade"}, "period"), ({"period": "year", "year": "99999"}, "year"),
                          ({"period": "custom", "start": "2026-02-30", "end": "2026-03-01"}, "start"),
                          ({"period": "custom", "start": "2020-01-01", "end": "2026-03-01"}, "end")):
        r = api.get("/api/v1/outcomes", params=params)
        assert r.status_code == 422, (params, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")
        assert field in r.json()["errors"], (params, r.json())


def test_volunteers_and_clients_may_not_read_the_totals(client, make_token, filed):
    for persona in ("carol", "dave"):
        client.headers["authorization"] = f"Bearer {make_token(persona)}"
        r = client.get("/api/v1/outcomes")
        assert r.status_code == 403 and r.headers["content-type"].startswith("application/problem+json")
