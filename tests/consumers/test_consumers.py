"""Consumers: create with validation, encryption at rest, masking, audited reveal, edit."""

import os
import stat

from sqlalchemy import text
from sqlmodel import select

from app import crypto
from app.audit.models import AuditEntry
from app.consumers.models import Address, Consumer
from tests.conftest import post

VALID = {
    "legal_name": "Rosa Parks Example", "other_names": "Rosa P.", "date_of_birth": "1975-02-04",
    "national_id_kind": "ssn", "national_id": "123 45 6789", "email": "rosa@example.org", "phone": "+1 555 0100",
    "preferred_language": "es", "current_line1": "12 Elm St", "current_city": "Dayton", "current_region": "OH",
    "current_postal_code": "45402", "current_country": "US", "current_from_date": "2024-01-01",
    "prior_0_line1": "9 Oak Ave", "prior_0_city": "Akron", "prior_0_country": "US",
    "prior_0_from_date": "2021-03-01", "prior_0_to_date": "2023-12-31",
}


def test_create_consumer_with_addresses(make_client, world, session):
    alice = make_client("alice@example.org")
    r = post(alice, "/consumers/new", VALID)
    assert r.status_code == 303
    consumer = session.exec(select(Consumer).where(Consumer.legal_name == "Rosa Parks Example")).one()
    assert consumer.national_id == "123-45-6789" and consumer.date_of_birth == "1975-02-04"
    addresses = session.exec(select(Address).where(Address.consumer_id == consumer.id)).all()
    assert sorted(a.city for a in addresses) == ["Akron", "Dayton"]
    assert [a.is_current for a in addresses if a.city == "Dayton"] == [True]


def test_sensitive_fields_are_encrypted_at_rest(make_client, world, engine):
    alice = make_client("alice@example.org")
    post(alice, "/consumers/new", VALID)
    with engine.connect() as conn:
        raw_id, raw_dob = conn.execute(
            text("SELECT national_id, date_of_birth FROM consumers WHERE legal_name = 'Rosa Parks Example'")).one()
    assert raw_id.startswith("v1:") and "6789" not in raw_id
    assert raw_dob.startswith("v1:") and "1975" not in raw_dob
    assert crypto.decrypt(raw_id) == "123-45-6789"
    # A fresh nonce each time: the same value never encrypts to the same text.
    assert crypto.encrypt("123-45-6789") != crypto.encrypt("123-45-6789")


def test_key_file_is_created_with_0600(tmp_path):
    key = crypto.load_or_create_key(tmp_path / "d")
    path = tmp_path / "d" / "encryption.key"
    assert len(key) == 32
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert crypto.load_or_create_key(tmp_path / "d") == key


def test_page_shows_masked_values_and_reveal_is_audited(make_client, world, session):
    alice = make_client("alice@example.org")
    url = f"/consumers/{world.ids['consumer1']}"
    page = alice.get(url)
    assert "123-45-6789" not in page.text and "6789" in page.text
    assert "1980-04-30" not in page.text
    r = post(alice, f"{url}/reveal", {"field": "national_id"})
    assert r.status_code == 200 and "123-45-6789" in r.text
    entry = session.exec(select(AuditEntry).where(AuditEntry.action == "consumer.revealed")).one()
    assert entry.object_id == world.ids["consumer1"] and "national_id" in entry.detail
    assert "123-45-6789" not in entry.detail
    # htmx asks for just the fragment.
    frag = post(alice, f"{url}/reveal", {"field": "date_of_birth"}, headers={"HX-Request": "true"})
    assert frag.text.strip().startswith("<span") and "1980-04-30" in frag.text


def test_volunteer_may_not_reveal_but_client_may_see_own(make_client, world):
    url = f"/consumers/{world.ids['consumer1']}"
    carol = make_client("carol@example.org")
    assert 'id="reveal-national_id"' not in carol.get(url).text
    assert post(carol, f"{url}/reveal", {"field": "national_id"}).status_code == 403
    dave = make_client("dave@example.org")
    assert post(dave, f"{url}/reveal", {"field": "national_id"}).status_code == 200


def test_invalid_consumer_form_rerenders_with_messages(make_client, world, session):
    alice = make_client("alice@example.org")
    bad = dict(VALID, national_id="12345", date_of_birth="2999-01-01", prior_0_to_date="2020-01-01",
               current_country="USA")
    r = post(alice, "/consumers/new", bad)
    assert r.status_code == 400
    for field in ("national_id", "date_of_birth", "prior_0_to_date", "current_country"):
        assert f'id="{field}-error"' in r.text, field
    assert 'value="Rosa Parks Example"' in r.text and 'value="9 Oak Ave"' in r.text
    assert session.exec(select(Consumer).where(Consumer.legal_name == "Rosa Parks Example")).first() is None


def test_edit_keeps_secret_fields_when_left_blank(make_client, world, session):
    alice = make_client("alice@example.org")
    cid = world.ids["consumer1"]
    form = alice.get(f"/consumers/{cid}/edit").text
    assert "123-45-6789" not in form and "1980-04-30" not in form
    r = post(alice, f"/consumers/{cid}/edit", dict(VALID, legal_name="Dave Renamed", national_id="",
                                                   date_of_birth=""))
    assert r.status_code == 303
    consumer = session.get(Consumer, cid)
    assert consumer.legal_name == "Dave Renamed" and consumer.national_id == "123-45-6789"
    entry = session.exec(select(AuditEntry).where(AuditEntry.action == "consumer.updated")).one()
    assert "legal_name" in entry.detail and "Dave" not in entry.detail


def test_mask():
    assert crypto.mask("123-45-6789") == "•••••••6789"
    assert crypto.mask("") == ""
    assert crypto.mask("12") == "•••"
