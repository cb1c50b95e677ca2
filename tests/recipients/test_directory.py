"""The seeded recipients directory: data files (us/uk/cn JSON plus the converted EU records) and `sync`."""

import json
from datetime import date

import pytest
from sqlmodel import Session, col, func, select

from app.recipients import directory
from app.recipients.models import Recipient

# Each file of our own schema and the jurisdiction of its records.
FILES = {"us.json": "US", "us-furnishers.json": "US", "us-ca.json": "US-CA", "uk.json": "UK",
         "uk-more.json": "UK", "cn.json": "CN", "cn-more.json": "CN"}
PURPOSES = {"file-request", "dispute", "freeze", "fraud-alert", "identity-theft", "access", "rectification",
            "erasure", "objection", "complaint", "validation", "cease", "credit-repair", "deletion",
            "correction", "automated-decision"}


def test_every_data_file_is_checked():
    assert {p.name for p in directory.DATA.glob("*.json")} == set(FILES)


def _file(name: str) -> list[dict]:
    return json.loads((directory.DATA / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return directory.load()


@pytest.fixture(scope="module")
def by_slug(records) -> dict[str, dict]:
    return {r["slug"]: r for r in records}


@pytest.mark.parametrize("name", FILES)
def test_file_is_a_list_of_records_in_our_schema(name):
    data = _file(name)
    assert isinstance(data, list) and data, name
    for record in data:
        keys = tuple(record)
        assert keys[:len(directory.RECORD_KEYS)] == directory.RECORD_KEYS, record.get("slug")
        assert set(keys[len(directory.RECORD_KEYS):]) <= set(directory.OPTIONAL_KEYS), record.get("slug")
        assert set(record.get("channels", [])) <= set(directory.CHANNELS), record.get("slug")
        slug = record["slug"]
        assert isinstance(slug, str) and 0 < len(slug) <= 80 and slug == slug.lower() and " " not in slug
        assert slug.startswith(name[:2] + "-"), slug
        assert 0 < len(record["name"]) <= 200, slug
        assert record["purposes"] and set(record["purposes"]) <= PURPOSES, slug
        for key in ("jurisdictions", "purposes", "postal_address", "source"):
            assert isinstance(record[key], list) and all(isinstance(v, str) and v for v in record[key]), (slug, key)
        assert record["jurisdictions"] == [FILES[name]], slug
        assert record["source"], slug
        for key in ("email", "web_form", "phone", "fax", "identification", "notes"):
            assert isinstance(record[key], str), (slug, key)
        assert len(record["phone"]) <= 60 and len(record["fax"]) <= 60, slug
        assert not record["web_form"] or record["web_form"].startswith("https://"), slug
        assert not record["email"] or "@" in record["email"], slug
        assert isinstance(record["verified"], bool), slug


def test_every_record_has_the_schema_keys_and_a_known_kind(records):
    for record in records:
        assert tuple(record)[:len(directory.RECORD_KEYS)] == directory.RECORD_KEYS, record["slug"]
        assert record["kind"] in directory.KINDS, record["slug"]


def test_slugs_are_unique_across_all_files(records):
    slugs = [r["slug"] for r in records]
    duplicates = sorted({s for s in slugs if slugs.count(s) > 1})
    assert not duplicates


def test_checked_on_is_iso_or_null(records):
    for record in records:
        value = record["checked_on"]
        assert value is None or date.fromisoformat(value).isoformat() == value, record["slug"]


@pytest.mark.parametrize("name", FILES)
def test_unverified_records_explain_why(name):
    for record in _file(name):
        if not record["verified"]:
            assert record["notes"].strip(), record["slug"]


def test_unverified_eu_records_explain_why(records):
    for record in records:
        if record["slug"].startswith("eu-") and not record["verified"]:
            assert record["notes"].strip(), record["slug"]


def test_records_without_an_address_are_not_marked_verified():
    for name in FILES:
        for record in _file(name):
            if not record["postal_address"]:
                assert record["verified"] is False and record["notes"], record["slug"]


@pytest.mark.parametrize("slug,kind", [
    ("us-central-source", "central-source"),
    ("us-equifax-dispute", "cra"), ("us-experian-dispute", "cra"), ("us-transunion-dispute", "cra"),
    ("us-equifax-freeze", "cra"), ("us-experian-freeze", "cra"), ("us-transunion-freeze", "cra"),
    ("us-equifax-fraud-alert", "cra"), ("us-experian-fraud-alert", "cra"), ("us-transunion-fraud-alert", "cra"),
    ("us-chexsystems", "specialty-cra"), ("us-lexisnexis-risk", "specialty-cra"), ("us-innovis", "specialty-cra"),
    ("us-clarity", "specialty-cra"), ("us-the-work-number", "specialty-cra"),
    ("us-cfpb", "regulator"), ("us-ftc-identitytheft", "regulator"),
    ("uk-experian", "cra"), ("uk-equifax", "cra"), ("uk-transunion", "cra"), ("uk-ico", "regulator"),
    ("cn-pbccrc", "cra"), ("cn-baihang", "cra"), ("cn-pudao", "cra"), ("cn-pboc", "regulator"),
])
def test_required_entries_exist(by_slug, slug, kind):
    assert slug in by_slug
    assert by_slug[slug]["kind"] == kind


def test_required_purposes(by_slug):
    assert by_slug["us-central-source"]["purposes"] == ["file-request"]
    for bureau in ("equifax", "experian", "transunion"):
        for purpose in ("dispute", "freeze", "fraud-alert"):
            assert purpose in by_slug[f"us-{bureau}-{purpose}"]["purposes"]
    assert by_slug["us-cfpb"]["purposes"] == ["complaint"]
    assert by_slug["us-ftc-identitytheft"]["purposes"] == ["identity-theft"]
    assert by_slug["uk-ico"]["purposes"] == ["complaint"]
    assert by_slug["cn-pboc"]["purposes"] == ["complaint"]


def test_eu_records_include_a_credit_agency_and_a_data_protection_authority(records):
    eu = [r for r in records if r["slug"].startswith("eu-")]
    assert any(r["kind"] == "credit-agency" for r in eu)
    assert any(r["kind"] == "regulator" and "complaint" in r["purposes"] for r in eu)


def test_known_conflicts_are_flagged(by_slug):
    central = by_slug["us-central-source"]
    assert "P.O. Box 105281" in central["postal_address"] and not central["verified"]
    assert "105283" in central["notes"]
    cfpb = by_slug["us-cfpb"]
    assert cfpb["web_form"] == "https://www.consumerfinance.gov/complaint" and cfpb["phone"]
    assert not cfpb["verified"] and "27170" in cfpb["notes"]
    tu_freeze = by_slug["us-transunion-freeze"]
    assert not tu_freeze["verified"] and "confirm" in tu_freeze["notes"].lower()
    experian_uk = by_slug["uk-experian"]
    assert not experian_uk["verified"] and "PO Box 9000" in experian_uk["notes"]
    assert by_slug["uk-transunion"]["verified"]
    crc = by_slug["cn-pbccrc"]
    assert crc["phone"] == "400-810-8866" and crc["web_form"] == "https://ipcrs.pbccrc.org.cn"
    assert not crc["verified"]
    assert "branch" in by_slug["cn-pboc"]["notes"]
    for slug in ("cn-baihang", "cn-pudao"):
        assert not by_slug[slug]["verified"] and by_slug[slug]["notes"]


def _seeded_rows(engine) -> dict[str, tuple]:
    with Session(engine) as session:
        rows = session.exec(select(Recipient).where(col(Recipient.slug).is_not(None))).all()
        return {r.slug: (r.id, r.updated_at, r.verified, r.postal_address) for r in rows}


def test_sync_seeds_every_record_and_is_idempotent(engine):
    # The migrated test database has already run directory.sync once.
    expected = len(directory.load())
    before = _seeded_rows(engine)
    assert len(before) == expected
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Recipient)
                            .where(col(Recipient.workspace_id).is_(None))).one() == expected
        assert directory.sync(session) == expected
        assert not session.new and not session.dirty
        session.commit()
    assert _seeded_rows(engine) == before


# Issue 14 ------------------------------------------------------------------------------------
EU_MEMBER_STATES = ("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
                    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE")


def test_every_eu_member_state_has_its_data_protection_authority(records):
    # So every EU resident can complain to their own authority (GDPR Art 77).
    authorities = [r for r in records if r["kind"] == "regulator" and "complaint" in r["purposes"]]
    covered = {j.removeprefix("EU-") for r in authorities for j in r["jurisdictions"] if j.startswith("EU-")}
    assert set(EU_MEMBER_STATES) <= covered
    for r in authorities:
        if any(j.startswith("EU-") for j in r["jurisdictions"]):
            assert r["postal_address"] and any("datenanfragen" in s for s in r["source"]), r["slug"]


def test_a_stale_authority_record_is_not_shown_as_verified(by_slug):
    poland = by_slug["eu-plgiodo"]
    assert not poland["verified"] and "UODO" in poland["notes"]


def test_china_recipients_say_how_to_reach_them(by_slug):
    for slug in ("cn-pbccrc", "cn-pboc", "cn-credit-china", "cn-zhima-credit"):
        record = by_slug[slug]
        assert record["channels"] and record["hand_in"] and not record["postal_address"], slug
        assert not record["verified"], slug  # nothing about these channels was confirmed officially
    assert set(by_slug["cn-zhima-credit"]["purposes"]) >= {"access", "correction", "automated-decision"}


def test_debt_buyers_have_business_addresses_marked_as_not_dispute_addresses(by_slug):
    for slug in ("us-midland-credit", "us-portfolio-recovery", "us-lvnv-funding", "us-jefferson-capital",
                 "us-cavalry", "us-resurgent"):
        record = by_slug[slug]
        assert record["kind"] == "collector" and record["postal_address"] and not record["verified"], slug
        assert "not a published dispute address" in record["notes"] and "NMLS" in record["source"][0], slug
    issuer = by_slug["us-capital-one"]
    assert not issuer["postal_address"] and "No dispute address was confirmed" in issuer["notes"]


def test_sync_stores_channels_and_hand_in(session):
    directory.sync(session)
    row = session.exec(select(Recipient).where(Recipient.slug == "cn-pbccrc")).one()
    assert row.channel_list == ["online", "counter"] and "ipcrs.pbccrc.org.cn" in row.hand_in
    us = session.exec(select(Recipient).where(Recipient.slug == "us-midland-credit")).one()
    assert us.channel_list == ["post"]
