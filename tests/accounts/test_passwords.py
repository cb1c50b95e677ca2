from app.accounts import passwords


def test_policy():
    assert passwords.problem("short") == "Use at least 10 characters."
    assert "too common" in passwords.problem("Password123")
    assert "too common" in passwords.problem("aaaaaaaaaaaa")
    assert passwords.problem("me@example.org", email="me@example.org") is not None
    assert passwords.problem("purple otter umbrella") is None


def test_argon2id_hash_and_verify():
    stored = passwords.hash_password("purple otter umbrella")
    assert stored.startswith("$argon2id$")
    assert passwords.verify_password(stored, "purple otter umbrella")
    assert not passwords.verify_password(stored, "purple otter umbrellA")
    assert not passwords.verify_password(None, "anything at all")
    assert not passwords.verify_password("garbage", "anything at all")


def test_bundled_list_is_loaded():
    assert len(passwords.common_passwords()) > 100
    assert "password123" in passwords.common_passwords()
