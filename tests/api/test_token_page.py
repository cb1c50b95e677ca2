"""The owners' API token page: create (the secret shown once), use, revoke; CSRF on every form."""

import re

from tests.conftest import post


def test_owner_creates_uses_and_revokes_a_token(make_client, world):
    alice = make_client("alice@example.org")
    page = alice.get("/settings/api-tokens")
    assert page.status_code == 200 and 'id="token-form"' in page.text
    response = post(alice, "/settings/api-tokens", {"name": "nightly sync", "scope": "read"})
    assert response.status_code == 200
    secret = re.search(r'<code id="new-token">(rcs_[\w-]+)</code>', response.text).group(1)
    assert secret not in alice.get("/settings/api-tokens").text  # shown once
    api = make_client()
    headers = {"authorization": f"Bearer {secret}"}
    assert api.get("/api/v1/cases", headers=headers).status_code == 200
    assert "nightly sync" in alice.get("/settings/api-tokens").text
    token_id = re.search(r'data-token-id="(\d+)"', alice.get("/settings/api-tokens").text).group(1)
    assert post(alice, f"/settings/api-tokens/{token_id}/revoke").status_code == 303
    assert api.get("/api/v1/cases", headers=headers).status_code == 401


def test_bad_form_is_shown_again_with_messages(make_client, world):
    alice = make_client("alice@example.org")
    response = post(alice, "/settings/api-tokens", {"name": "", "scope": "admin"})
    assert response.status_code == 400
    assert 'id="name-error"' in response.text and 'id="scope-error"' in response.text


def test_only_owners_and_only_with_csrf(make_client, world):
    bob = make_client("bob@example.org")
    assert bob.get("/settings/api-tokens").status_code == 403
    assert post(bob, "/settings/api-tokens", {"name": "x", "scope": "read"}).status_code == 403
    alice = make_client("alice@example.org")
    assert alice.post("/settings/api-tokens", data={"name": "x", "scope": "read"}).status_code == 403


def test_spanish_page(make_client, world, engine):
    from sqlmodel import Session

    from app.accounts.models import User

    with Session(engine) as s:
        s.get(User, world.ids["alice"]).language = "es"
        s.commit()
    alice = make_client("alice@example.org")
    text = alice.get("/settings/api-tokens").text
    assert "Crear un token" in text
