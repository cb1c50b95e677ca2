"""The letter chooser shows the letters for where the person lives first; the full catalog is one
click away (issue 13)."""

import re

from sqlmodel import select

from app.cases.models import Case
from app.consumers.models import Address


def _kinds(html: str) -> set[str]:
    return {k.split(".")[0] for k in re.findall(r'data-kind="([^"]+)"', html)}


def test_chooser_filters_by_the_consumers_country(make_client, world, session):
    alice = make_client("alice@example.org")
    case_id = world.ids["case1"]
    page = alice.get(f"/cases/{case_id}/letters/new")
    assert page.status_code == 200
    assert _kinds(page.text) == {"us"} and 'id="show-all-letters"' in page.text
    everything = alice.get(f"/cases/{case_id}/letters/new?all=1")
    assert {"us", "eu"} <= _kinds(everything.text) and 'id="show-home-letters"' in everything.text

    case = session.get(Case, case_id)
    address = session.exec(select(Address).where(Address.consumer_id == case.consumer_id,
                                                 Address.is_current == True)).first()  # noqa: E712
    address.country = "DE"
    session.add(address)
    session.commit()
    assert _kinds(alice.get(f"/cases/{case_id}/letters/new").text) == {"eu"}
    address.country = "ZZ"  # no letters for this country: the whole catalog, no filter link
    session.add(address)
    session.commit()
    unknown = alice.get(f"/cases/{case_id}/letters/new")
    assert {"us", "eu"} <= _kinds(unknown.text) and "show-all-letters" not in unknown.text


def test_case_page_names_letters_in_a_sentence(make_client, world, session):
    from app.recipients.models import Recipient
    from tests.conftest import post
    from tests.letters.test_letters_web import _form

    alice = make_client("alice@example.org")
    case_id = world.ids["case1"]
    form = _form(session)
    r = post(alice, f"/cases/{case_id}/letters/new?kind=us.dispute-cra", form)
    assert r.status_code in (200, 303), r.text[:500]
    recipient = session.get(Recipient, form["recipient_id"])
    page = alice.get(f"/cases/{case_id}")
    sentence = re.search(r'class="letter-sentence">([^<]+)</a>', page.text).group(1)
    assert f"to {recipient.name}" in sentence and "about Acme Collections LLC" in sentence
    assert not sentence.startswith("RC-")


def test_unknown_country_falls_back_to_where_the_workspace_clients_live(make_client, world, session):
    alice = make_client("alice@example.org")
    case = session.get(Case, world.ids["case1"])
    for address in session.exec(select(Address).where(Address.consumer_id == case.consumer_id)).all():
        address.is_current = False  # where this person lives is now unknown
        session.add(address)
    others = session.exec(select(Address).where(Address.workspace_id == case.workspace_id,
                                                Address.consumer_id != case.consumer_id,
                                                Address.is_current == True)).all()  # noqa: E712
    assert others, "the personas' workspace has other clients with an address"
    for address in others:
        address.country = "GB"
        session.add(address)
    session.commit()
    page = alice.get(f"/cases/{case.id}/letters/new")
    assert _kinds(page.text) == {"uk"} and 'data-home="workspace"' in page.text
    assert 'id="show-all-letters"' in page.text
    # No client in the workspace has a known address either: the whole catalog.
    for address in others:
        address.is_current = False
        session.add(address)
    session.commit()
    page = alice.get(f"/cases/{case.id}/letters/new")
    assert {"us", "eu", "uk"} <= _kinds(page.text) and "show-all-letters" not in page.text
