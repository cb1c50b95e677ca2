"""A token never sees another workspace: clinic B's ids are 404 for clinic A's token (and the other
way round), and the token's creator's role rules apply as on the pages."""

import pytest

PROBLEM = "application/problem+json"

READS = ["/api/v1/consumers/{consumer}", "/api/v1/cases/{case}", "/api/v1/cases/{case}/reports",
         "/api/v1/reports/{report}", "/api/v1/cases/{case}/proceedings", "/api/v1/proceedings/{proceeding}",
         "/api/v1/proceedings/{proceeding}/deadlines", "/api/v1/cases/{case}/letters", "/api/v1/letters/{letter}",
         "/api/v1/letters/{letter}/pdf"]
WRITES = [("/api/v1/proceedings/{proceeding}/events", {"kind": "delivered", "on": "2026-09-04"}),
          ("/api/v1/cases/{case}/letters", {"kind": "us.dispute-cra"}),
          ("/api/v1/cases", {"consumer_id": "{consumer}"})]


def _ids(world, filed, n):
    return {"consumer": world.ids[f"consumer{n}"], "case": world.ids[f"case{n}"], "report": filed[f"report{n}"],
            "proceeding": filed[f"proceeding{n}"], "letter": filed[f"letter{n}"]}


@pytest.mark.parametrize("persona,theirs,other", [("alice", 1, 3), ("erin", 3, 1)])
def test_another_workspaces_ids_are_404(client, make_token, world, filed, persona, theirs, other):
    headers = {"authorization": f"Bearer {make_token(persona)}"}
    own, foreign = _ids(world, filed, theirs), _ids(world, filed, other)
    for path in READS:
        assert client.get(path.format(**own), headers=headers).status_code in (200, 409), path
        response = client.get(path.format(**foreign), headers=headers)
        assert response.status_code == 404 and response.headers["content-type"].startswith(PROBLEM), path
    for path, body in WRITES:
        body = {k: (int(v.format(**foreign)) if isinstance(v, str) and v.startswith("{") else v) for k, v in body.items()}
        response = client.post(path.format(**foreign), json=body, headers=headers)
        assert response.status_code in (404, 422), (path, response.text)
        if response.status_code == 422:  # a foreign consumer id in the body: not offered, as on the page
            assert set(response.json()["errors"]) == {"consumer_id"}
    listed = client.get("/api/v1/cases?status=all", headers=headers).json()["items"]
    assert foreign["case"] not in {c["id"] for c in listed}
    assert foreign["consumer"] not in {c["id"] for c in client.get("/api/v1/consumers", headers=headers).json()}


def test_roles_apply_as_on_the_pages(client, make_token, world, filed):
    """A token acts with its creator's current role: a volunteer's sees only assigned cases, a
    client's only their own case, and neither may open a case."""
    carol = {"authorization": f"Bearer {make_token('carol')}"}
    dave = {"authorization": f"Bearer {make_token('dave')}"}
    assert client.get(f"/api/v1/cases/{world.ids['case1']}", headers=carol).status_code == 200
    assert client.get(f"/api/v1/cases/{world.ids['case2']}", headers=carol).status_code == 404
    assert client.get(f"/api/v1/letters/{filed['letter2']}", headers=carol).status_code == 404
    assert client.get(f"/api/v1/cases/{world.ids['case2']}", headers=dave).status_code == 404
    assert {c["id"] for c in client.get("/api/v1/consumers", headers=dave).json()} == {world.ids["consumer1"]}
    for headers in (carol, dave):
        response = client.post("/api/v1/cases", json={"consumer_id": world.ids["consumer1"]}, headers=headers)
        assert response.status_code == 403 and response.headers["content-type"].startswith(PROBLEM)
    response = client.post(f"/api/v1/cases/{world.ids['case1']}/letters", json={"kind": "us.dispute-cra"}, headers=dave)
    assert response.status_code == 403
