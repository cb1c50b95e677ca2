"""Tokens: missing, malformed, unknown and revoked ones are 401; a read token cannot write; every
use is in the audit log; errors are problem details."""

from sqlmodel import Session, select

from app.api import tokens
from app.api.models import ApiToken
from app.audit.models import AuditEntry
from tests.documents.conftest import context

PROBLEM = "application/problem+json"


def _problem(response, status):
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status and body["title"]
    return body


def test_missing_and_bad_tokens_are_401(client, make_token):
    for headers in ({}, {"authorization": "Basic abc"}, {"authorization": "Bearer "},
                    {"authorization": "Bearer rcs_not-a-token"}, {"authorization": "Bearer other"}):
        response = client.get("/api/v1/cases", headers=headers)
        _problem(response, 401)
        assert response.headers["www-authenticate"].startswith("Bearer")
        assert "set-cookie" not in response.headers


def test_revoked_token_is_401(client, engine, world, make_token):
    secret = make_token("alice")
    assert client.get("/api/v1/cases", headers={"authorization": f"Bearer {secret}"}).status_code == 200
    ctx = context(engine, world.ids["alice"], world.ids["ws_a"])
    with Session(engine) as s:
        token_id = s.exec(select(ApiToken.id)).first()
        tokens.revoke_token(s, ctx, token_id)
        s.commit()
    _problem(client.get("/api/v1/cases", headers={"authorization": f"Bearer {secret}"}), 401)


def test_token_of_a_removed_member_is_401(client, engine, world, make_token):
    from app.workspaces.models import Member

    secret = make_token("bob", ["read"])
    assert client.get("/api/v1/cases", headers={"authorization": f"Bearer {secret}"}).status_code == 200
    with Session(engine) as s:
        s.delete(s.get(Member, world.ids["bob_member"]))
        s.commit()
    _problem(client.get("/api/v1/cases", headers={"authorization": f"Bearer {secret}"}), 401)


def test_read_scope_cannot_write(client, world, make_token):
    headers = {"authorization": f"Bearer {make_token('alice', ['read'])}"}
    assert client.get("/api/v1/consumers", headers=headers).status_code == 200
    body = _problem(client.post("/api/v1/cases", json={"consumer_id": world.ids["consumer1"]}, headers=headers), 403)
    assert "write" in body["detail"]


def test_every_use_is_audited(api, engine, world):
    with Session(engine) as s:
        before = len(s.exec(select(AuditEntry).where(AuditEntry.action == "api.used")).all())
    assert api.get("/api/v1/cases").status_code == 200
    assert api.get("/api/v1/cases/999999").status_code == 404  # a refusal is recorded too
    assert api.post("/api/v1/cases", json={"consumer_id": "x"}).status_code == 422
    with Session(engine) as s:
        rows = s.exec(select(AuditEntry).where(AuditEntry.action == "api.used").order_by(AuditEntry.id)).all()
    assert len(rows) == before + 3
    assert all(r.workspace_id == world.ids["ws_a"] and r.actor_user_id == world.ids["alice"] for r in rows[-3:])
    assert '"status":404' in rows[-2].detail and '"status":422' in rows[-1].detail


def test_token_created_and_revoked_are_audited_and_only_the_hash_is_stored(engine, world):
    ctx = context(engine, world.ids["alice"], world.ids["ws_a"])
    with Session(engine) as s:
        token, secret = tokens.create_token(s, ctx, name="nightly export", scopes=["read"])
        tokens.revoke_token(s, ctx, token.id)
        s.commit()
        assert secret.startswith("rcs_") and secret not in (token.token_hash, token.hint)
        assert token.token_hash == tokens.token_hash(secret)
        actions = [a for a in s.exec(select(AuditEntry.action)).all() if a.startswith("api_token.")]
    assert actions == ["api_token.created", "api_token.revoked"]


def test_only_owners_manage_tokens(engine, world):
    import pytest

    from app.errors import Forbidden

    ctx = context(engine, world.ids["bob"], world.ids["ws_a"])
    with Session(engine) as s, pytest.raises(Forbidden):
        tokens.create_token(s, ctx, name="x", scopes=["read"])


def test_rate_limit_is_a_429_problem(api, app):
    from app.api.deps import RateLimiter

    sub = next(r.app for r in app.routes if getattr(r, "path", "") == "/api/v1")
    sub.state.rate_limiter = RateLimiter(limit=2, window=60)
    assert api.get("/api/v1/consumers").status_code == 200
    assert api.get("/api/v1/consumers").status_code == 200
    response = api.get("/api/v1/consumers")
    _problem(response, 429)
    assert int(response.headers["retry-after"]) >= 1


def test_openapi_is_published(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    assert "/cases/{case_id}/reports" in spec["paths"] and "/deadlines/compute" in spec["paths"]
    assert client.get("/openapi.json").status_code == 404  # the pages have none


def test_unknown_address_and_method_are_problems(api):
    _problem(api.get("/api/v1/nothing-here"), 404)
    _problem(api.delete("/api/v1/cases"), 405)
    _problem(api.get("/api/v1/cases/not-a-number"), 404)
    _problem(api.get("/api/v1/cases/99999999999999999999999"), 404)
