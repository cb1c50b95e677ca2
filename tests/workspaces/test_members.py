"""Members: invite by email link, accept, roles, removal, several workspaces and switching."""

import logging
import re

from sqlmodel import select

from app.workspaces.models import Invitation, Member
from tests.conftest import PASSWORD, post


def _invite(alice, caplog, email, role, consumer_id=""):
    caplog.set_level(logging.WARNING, logger="recourse.mail")
    r = post(alice, "/members/invite", {"email": email, "role": role, "consumer_id": consumer_id})
    assert r.status_code == 200, r.text  # no SMTP: the page shows the link to pass on
    link = re.search(r'id="invite-link">([^<]+)<', r.text).group(1)
    assert link in caplog.text
    return link.replace("http://127.0.0.1:8000", "")


def test_invite_new_person_who_signs_up(make_client, world, caplog, session):
    alice = make_client("alice@example.org")
    path = _invite(alice, caplog, "newbie@example.org", "volunteer")
    newcomer = make_client()
    page = newcomer.get(path)
    assert page.status_code == 200 and "Clinic A" in page.text
    token = path.rsplit("/", 1)[1]
    r = post(newcomer, "/signup", {"name": "New Bie", "email": "newbie@example.org", "password": PASSWORD,
                                   "invite_token": token})
    assert r.status_code == 303
    member = session.exec(select(Member).where(Member.workspace_id == world.ids["ws_a"],
                                               Member.role == "volunteer")).all()
    assert len(member) == 2
    # A volunteer sees only assigned cases: none yet.
    assert 'id="no-cases"' in newcomer.get("/cases").text
    # The link works once.
    assert newcomer.get(path).status_code == 404


def test_invite_existing_user_to_a_second_workspace_and_switch(make_client, world, caplog):
    alice = make_client("alice@example.org")
    path = _invite(alice, caplog, "erin@example.org", "advocate")
    erin = make_client("erin@example.org")
    r = post(erin, path)
    assert r.status_code == 303
    listing = erin.get("/workspaces").text
    assert "Clinic A" in listing and "Clinic B" in listing
    assert f"/cases/{world.ids['case1']}" in erin.get("/cases").text  # now in clinic A
    post(erin, "/workspaces/switch", {"workspace_id": world.ids["ws_b"]})
    assert f"/cases/{world.ids['case3']}" in erin.get("/cases").text
    assert erin.get(f"/cases/{world.ids['case1']}").status_code == 404
    # Cannot switch into a workspace one does not belong to.
    bob = make_client("bob@example.org")
    assert post(bob, "/workspaces/switch", {"workspace_id": world.ids["ws_b"]}).status_code == 404


def test_client_invitation_needs_a_record_and_sees_only_it(make_client, world, caplog):
    alice = make_client("alice@example.org")
    r = post(alice, "/members/invite", {"email": "cli@example.org", "role": "client", "consumer_id": ""})
    assert r.status_code == 400 and 'id="consumer_id-error"' in r.text
    path = _invite(alice, caplog, "cli@example.org", "client", str(world.ids["consumer2"]))
    token = path.rsplit("/", 1)[1]
    cli = make_client()
    post(cli, "/signup", {"name": "Cli", "email": "cli@example.org", "password": PASSWORD, "invite_token": token})
    assert cli.get(f"/cases/{world.ids['case2']}").status_code == 200
    assert cli.get(f"/cases/{world.ids['case1']}").status_code == 404


def test_invite_validation(make_client, world):
    alice = make_client("alice@example.org")
    r = post(alice, "/members/invite", {"email": "bob@example.org", "role": "advocate"})
    assert r.status_code == 400 and "already a member" in r.text
    r = post(alice, "/members/invite", {"email": "nope", "role": "boss"})
    assert r.status_code == 400 and 'id="email-error"' in r.text and 'id="role-error"' in r.text


def test_owner_changes_roles_and_removes_members(make_client, world, session):
    alice = make_client("alice@example.org")
    bob_m = world.ids["bob_member"]
    assert post(alice, f"/members/{bob_m}/role", {"role": "volunteer"}).status_code == 303
    session.rollback()
    assert session.get(Member, bob_m).role == "volunteer"
    bob = make_client("bob@example.org")
    assert 'id="no-cases"' in bob.get("/cases").text  # a volunteer with no assignments
    assert post(alice, f"/members/{bob_m}/remove").status_code == 303
    assert bob.get("/cases").status_code == 303  # no workspace left: sent to create one
    assert bob.get("/cases").headers["location"] == "/workspaces/new"


def test_last_owner_cannot_step_down_or_leave(make_client, world):
    alice = make_client("alice@example.org")
    me = world.ids["alice_member"]
    r = post(alice, f"/members/{me}/role", {"role": "advocate"})
    assert r.status_code == 400 and f'id="member-{me}-error"' in r.text
    assert post(alice, f"/members/{me}/remove").status_code == 400


def test_only_owners_manage_members(make_client, world):
    bob = make_client("bob@example.org")
    assert post(bob, "/members/invite", {"email": "x@example.org", "role": "owner"}).status_code == 403
    assert post(bob, f"/members/{world.ids['carol_member']}/role", {"role": "owner"}).status_code == 403
    erin = make_client("erin@example.org")
    assert post(erin, f"/members/{world.ids['carol_member']}/remove").status_code == 404


def test_revoked_invitation_cannot_be_used(make_client, world, caplog, session):
    alice = make_client("alice@example.org")
    path = _invite(alice, caplog, "late@example.org", "advocate")
    inv = session.exec(select(Invitation)).one()
    assert post(alice, f"/invitations/{inv.id}/revoke").status_code == 303
    assert make_client().get(path).status_code == 404


def test_invitation_link_only_works_for_the_invited_address(make_client, world, caplog, session):
    alice = make_client("alice@example.org")
    path = _invite(alice, caplog, "friend@example.org", "advocate")
    erin = make_client("erin@example.org")  # somebody who got hold of the link
    r = post(erin, path)
    assert r.status_code == 403 and 'id="wrong-account"' in r.text
    assert erin.get(f"/cases/{world.ids['case1']}").status_code == 404
    token = path.rsplit("/", 1)[1]
    stranger = make_client()
    r = post(stranger, "/signup", {"name": "Mallory", "email": "mallory@example.org", "password": PASSWORD,
                                   "invite_token": token})
    assert r.status_code == 400 and 'id="email-error"' in r.text
    assert session.exec(select(Invitation).where(Invitation.email == "friend@example.org")).one().accepted_at is None


def test_removing_a_member_asks_first(make_client, world):
    alice = make_client("alice@example.org")
    bob_m = world.ids["bob_member"]
    listing = alice.get("/members")
    assert f'href="/members/{bob_m}/remove"' in listing.text
    confirm = alice.get(f"/members/{bob_m}/remove")
    assert confirm.status_code == 200 and 'id="confirm-question"' in confirm.text and "Remove Bob" in confirm.text
    assert f'action="/members/{bob_m}/remove"' in confirm.text
    assert bob_m and alice.get("/members").text.count(f'href="/members/{bob_m}/remove"') == 1  # nothing removed yet
