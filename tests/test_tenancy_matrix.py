"""Every route x every persona: who may do what, and what a denied request looks like.

TABLE below lists every route of the app (test_every_route_is_in_the_matrix fails when a route
is added without a row here). Each route has one or more variants: which objects fill the path
(and form) parameters, and the expected outcome per persona:

- "own": an object of clinic A (case1/consumer1: the one carol is assigned to and dave is linked to);
- "unassigned": a clinic A object carol and dave may not see (case2/consumer2): 404 for them;
- "other_ws": an object of clinic B (erin's): 404 for everyone in clinic A.

Objects are looked up before roles are checked, so another workspace's object is a 404 for
everyone in clinic A, whatever their role.

Each (route, variant, persona) runs against a fresh world, because many of these requests change
it (delete a consumer, remove a member, use a one-time token...).
"""

from dataclasses import dataclass, field, replace
from datetime import timedelta

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from app.accounts.models import SignupRequest, User
from app.accounts.passwords import hash_password
from app.accounts.service import new_reset_link, token_hash
from app.api.models import ApiToken
from app.audit.models import AuditEntry
from app.cases.models import Case
from app.clock import utcnow
from app.credit_reports import service as credit_reports
from app.documents import service as documents
from app.journeys import service as journeys
from app.letters import service as letters
from app.letters.catalog import example_data, get_kind
from app.main import create_app
from app.proceedings import service as proceedings
from app.recipients.models import Recipient
from app.reminders import feeds as reminders
from app.tenancy import Context
from app.workspaces.models import Member, Workspace
from app.workspaces.service import invite
from tests.conftest import PASSWORD, post
from tests.credit_reports.conftest import fixture_report
from tests.reports.conftest import FIXTURES

PERSONAS = ("alice", "bob", "carol", "dave", "erin", "anonymous")
SIGNIN = "signin"  # expected: a 303 redirect to the sign-in page


@dataclass
class Variant:
    """Path parameters and form fields are format strings filled from the world's ids."""

    expect: dict[str, object]
    params: dict[str, str] = field(default_factory=dict)
    data: dict[str, str] = field(default_factory=dict)
    query: str = ""
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # API uploads


def who(alice, bob, carol, dave, erin, anonymous=SIGNIN) -> dict[str, object]:
    return {"alice": alice, "bob": bob, "carol": carol, "dave": dave, "erin": erin, "anonymous": anonymous}


def everyone(outcome) -> dict[str, object]:
    return who(outcome, outcome, outcome, outcome, outcome, outcome)


NEW_PASSWORD = "a brand new passphrase"
CASE_ROUTE_DENIED_TO_LOWER_ROLES = {  # staff-only case actions (assign, close, reopen...)
    "own": who(303, 303, 403, 403, 404),
    "unassigned": who(303, 303, 404, 404, 404),
    "other_ws": who(404, 404, 404, 404, 303),
}


# Reading a case's things: everyone who sees the case. Writing: staff and volunteers (not clients).
CASE_READERS = {"own": who(200, 200, 200, 200, 404), "unassigned": who(200, 200, 404, 404, 404),
                "other_ws": who(404, 404, 404, 404, 200)}
CASE_WRITERS = {"own": who(200, 200, 200, 403, 404), "unassigned": who(200, 200, 404, 404, 404),
                "other_ws": who(404, 404, 404, 404, 200)}
CASE_WRITERS_POST = {"own": who(303, 303, 303, 403, 404), "unassigned": who(303, 303, 404, 404, 404),
                     "other_ws": who(404, 404, 404, 404, 303)}
LETTER_FORM = {
    # A dispute goes to a credit bureau.
    "recipient_id": "{cra_seed}", "lang": "en", "sending_method": "post", "letter_date": "2026-11-02",
    "facts.items.0.furnisher": "Acme", "facts.items.0.what_is_wrong": "Not mine", "facts.items.0.why": "Never had it",
    "facts.items.0.action": "delete",
}
# Saving reports, typing items in and marking items: everyone who sees the case, clients included.
REPORT_EDITORS = {"own": who(200, 200, 200, 200, 404), "unassigned": who(200, 200, 404, 404, 404),
                  "other_ws": who(404, 404, 404, 404, 200)}
REPORT_EDITORS_POST = {"own": who(303, 303, 303, 303, 404), "unassigned": who(303, 303, 404, 404, 404),
                       "other_ws": who(404, 404, 404, 404, 303)}
REPORT_FORM_REJECTED = {"own": who(400, 400, 400, 400, 404), "unassigned": who(400, 400, 404, 404, 404),
                        "other_ws": who(404, 404, 404, 404, 400)}
REPORT_ITEM = fixture_report().accounts[0].key  # the same report is saved in every case
RECIPIENT_FORM = {"name": "Acme Collections", "kind": "collector", "postal_address": "PO Box 1\nDallas, TX"}


def _object_variants(key: str, objects: dict[str, str], outcomes: dict[str, dict], data: dict | None = None):
    return {name: Variant(outcomes[name], {key: f"{{{objects[name]}}}"}, dict(data or {})) for name in outcomes}


def letter_variants(outcomes, data=None):
    return _object_variants("letter_id", {"own": "letter1", "unassigned": "letter2", "other_ws": "letter3"},
                            outcomes, data)


def proceeding_variants(outcomes, data=None):
    return _object_variants("proceeding_id", {"own": "proceeding1", "unassigned": "proceeding2",
                                              "other_ws": "proceeding3"}, outcomes, data)


def document_variants(outcomes, data=None):
    return _object_variants("document_id", {"own": "document1", "unassigned": "document2",
                                            "other_ws": "document3"}, outcomes, data)


def plan_variants(outcomes, data=None):
    plans = {"own": "plan1", "unassigned": "plan2", "other_ws": "plan3"}
    return {name: Variant(outcomes[name], {"plan_id": f"{{{plans[name]}}}", "step_id": f"{{{plans[name]}_step}}"},
                          dict(data or {})) for name in outcomes}


def report_variants(outcomes, data=None):
    return _object_variants("report_id", {"own": "report1", "unassigned": "report2", "other_ws": "report3"},
                            outcomes, data)


def report_item_variants(outcomes, data=None):
    out = report_variants(outcomes, data)
    for variant in out.values():
        variant.params["item_key"] = REPORT_ITEM
    return out


def recipient_variants(own, seeded, other_ws, data=None):
    return _object_variants("recipient_id", {"own": "recipient_a", "seeded": "recipient_seed",
                                             "other_ws": "recipient_b"},
                            {"own": own, "seeded": seeded, "other_ws": other_ws}, data)


def case_variants(outcomes: dict[str, dict], data: dict | None = None, **params_by_variant) -> dict[str, Variant]:
    cases = {"own": "{case1}", "unassigned": "{case2}", "other_ws": "{case3}"}
    out = {}
    for name, expect in outcomes.items():
        params = {"case_id": cases[name], **params_by_variant.get(name, {})}
        out[name] = Variant(expect, params, dict(data or {}))
    return out


def consumer_variants(own, unassigned, other_ws, data: dict | None = None,
                      names: bool = False) -> dict[str, Variant]:
    ids = {"own": ("{consumer1}", "Dave Client"), "unassigned": ("{consumer2}", "Other Person"),
           "other_ws": ("{consumer3}", "Erin Client")}
    out = {}
    for name, expect in (("own", own), ("unassigned", unassigned), ("other_ws", other_ws)):
        consumer_id, legal_name = ids[name]
        form = dict(data or {})
        if names:
            form["confirm"] = legal_name
        out[name] = Variant(expect, {"consumer_id": consumer_id}, form)
    return out


def one(expect, data: dict | None = None, **params) -> dict[str, Variant]:
    return {"only": Variant(expect, params, dict(data or {}))}


TABLE: dict[tuple[str, str], dict[str, Variant]] = {
    # ---- public pages --------------------------------------------------------------------
    ("GET", "/healthz"): one(everyone(200)),
    ("GET", "/"): one(who(303, 303, 303, 303, 303, anonymous=(303, "/signin"))),  # signed in: the start page
    # Users exist, so first-run setup is closed to everyone.
    ("GET", "/setup"): one(everyone((303, "/signin"))),
    ("POST", "/setup"): one(everyone((303, "/signin")), {
        "email": "admin2@example.org", "name": "Admin", "password": NEW_PASSWORD, "kind": "clinic",
        "workspace_name": "Takeover"}),
    ("GET", "/signup"): one(everyone(200)),
    # The same answer for a new address and a taken one: "check your email".
    ("POST", "/signup"): {
        "new": Variant(everyone((303, "/signup/sent")), {}, {
            "email": "newbie@example.org", "name": "Newbie", "password": NEW_PASSWORD, "kind": "personal"}),
        "taken": Variant(everyone((303, "/signup/sent")), {}, {
            "email": "erin@example.org", "name": "Newbie", "password": NEW_PASSWORD, "kind": "personal"}),
    },
    ("GET", "/signup/sent"): one(everyone(200)),
    ("GET", "/signup/confirm/{token}"): {
        "valid": Variant(everyone(200), {"token": "{signup_token}"}),
        "invalid": Variant(everyone(400), {"token": "not-a-real-token"}),
    },
    ("POST", "/signup/confirm/{token}"): {
        "valid": Variant(everyone((303, "/start")), {"token": "{signup_token}"},
                         {"password": NEW_PASSWORD}),
        "wrong_password": Variant(everyone(400), {"token": "{signup_token}"}, {"password": PASSWORD + "x"}),
        "invalid": Variant(everyone(400), {"token": "not-a-real-token"}, {"password": NEW_PASSWORD}),
    },
    ("GET", "/signin"): one(who(*[(303, "/")] * 5, anonymous=200)),
    ("POST", "/signin"): one(everyone((303, "/")), {"email": "alice@example.org", "password": PASSWORD}),
    ("POST", "/signout"): one(everyone((303, "/signin"))),
    ("GET", "/password/forgot"): one(everyone(200)),
    ("POST", "/password/forgot"): one(everyone(200), {"email": "alice@example.org"}),
    ("GET", "/password/reset/{token}"): {
        "valid": Variant(everyone(200), {"token": "{reset_token}"}),
        "invalid": Variant(everyone(400), {"token": "not-a-real-token"}),
    },
    ("POST", "/password/reset/{token}"): {
        "valid": Variant(everyone((303, "/signin")), {"token": "{reset_token}"}, {"password": NEW_PASSWORD}),
        "invalid": Variant(everyone(400), {"token": "not-a-real-token"}, {"password": NEW_PASSWORD}),
    },
    ("POST", "/language"): one(everyone((303, "/cases")), {"language": "es", "next": "/cases"}),
    ("GET", "/invite/{token}"): {
        "own": Variant(everyone(200), {"token": "{invite_a_token}"}),
        "invalid": Variant(everyone(404), {"token": "not-a-real-token"}),
    },
    # Accepting needs an account; alice, bob, carol and dave are already members (303 with a note).
    ("POST", "/invite/{token}"): {
        # The invitation is for newcomer-a@example.org: nobody else may use the link.
        "own": Variant(who(403, 403, 403, 403, 403), {"token": "{invite_a_token}"}),
        "invalid": Variant(who(404, 404, 404, 404, 404), {"token": "not-a-real-token"}),
    },
    # ---- the account -------------------------------------------------------------------------
    ("GET", "/account"): one(who(200, 200, 200, 200, 200)),
    ("POST", "/account/language"): one(who(*[(303, "/account")] * 5), {"language": "es"}),
    ("GET", "/account/export"): one(who(200, 200, 200, 200, 200)),
    # alice is the only owner of a workspace with other members: refused until she hands over.
    ("POST", "/account/delete"): one(who(400, *[(303, "/signin")] * 4), {"password": PASSWORD, "confirm": "DELETE"}),
    # ---- workspaces and members --------------------------------------------------------------
    ("GET", "/workspaces"): one(who(200, 200, 200, 200, 200)),
    ("GET", "/workspaces/new"): one(who(200, 200, 200, 200, 200)),
    ("POST", "/workspaces/new"): one(who(*[(303, "/cases")] * 5), {"kind": "personal", "workspace_name": "Mine"}),
    ("POST", "/workspaces/switch"): {
        "own": Variant(who(303, 303, 303, 303, 404), data={"workspace_id": "{ws_a}"}),
        "other_ws": Variant(who(404, 404, 404, 404, 303), data={"workspace_id": "{ws_b}"}),
        "junk": Variant(who(404, 404, 404, 404, 404), data={"workspace_id": "abc"}),
    },
    ("GET", "/members"): one(who(200, 200, 403, 403, 200)),
    # No SMTP server in tests: the page shows the invitation link (200) instead of redirecting.
    ("POST", "/members/invite"): one(who(200, 403, 403, 403, 200), {"email": "new@example.org", "role": "advocate"}),
    ("POST", "/members/{member_id}/role"): {
        "own": Variant(who(303, 403, 403, 403, 404), {"member_id": "{bob_member}"}, {"role": "volunteer"}),
        "other_ws": Variant(who(404, 404, 404, 404, 303), {"member_id": "{erin_member}"}, {"role": "owner"}),
    },
    ("GET", "/members/{member_id}/remove"): {
        "own": Variant(who(200, 403, 403, 403, 404), {"member_id": "{bob_member}"}),
        "other_ws": Variant(who(404, 404, 404, 404, 200), {"member_id": "{erin_member}"}),
    },
    ("POST", "/members/{member_id}/remove"): {
        "own": Variant(who(303, 403, 403, 403, 404), {"member_id": "{bob_member}"}),
        # erin is clinic B's only owner: she may not leave it (400).
        "other_ws": Variant(who(404, 404, 404, 404, 400), {"member_id": "{erin_member}"}),
    },
    ("POST", "/invitations/{invitation_id}/revoke"): {
        "own": Variant(who(303, 403, 403, 403, 404), {"invitation_id": "{invite_a}"}),
        "other_ws": Variant(who(404, 404, 404, 404, 303), {"invitation_id": "{invite_b}"}),
    },
    # ---- consumers ----------------------------------------------------------------------------
    ("GET", "/consumers"): one(who(200, 200, 200, 200, 200)),
    ("GET", "/consumers/new"): one(who(200, 200, 403, 403, 200)),
    ("POST", "/consumers/new"): one(who(303, 303, 403, 403, 303), {"legal_name": "New Person"}),
    ("GET", "/consumers/{consumer_id}"): consumer_variants(
        who(200, 200, 200, 200, 404), who(200, 200, 404, 404, 404), who(404, 404, 404, 404, 200)),
    ("GET", "/consumers/{consumer_id}/edit"): consumer_variants(
        who(200, 200, 403, 403, 404), who(200, 200, 404, 404, 404), who(404, 404, 404, 404, 200)),
    ("POST", "/consumers/{consumer_id}/edit"): consumer_variants(
        who(303, 303, 403, 403, 404), who(303, 303, 404, 404, 404), who(404, 404, 404, 404, 303),
        data={"legal_name": "Renamed Person"}),
    # carol sees consumer1 (her assigned case) but may not reveal sensitive numbers; dave may see his own.
    ("POST", "/consumers/{consumer_id}/reveal"): consumer_variants(
        who(200, 200, 403, 200, 404), who(200, 200, 404, 404, 404), who(404, 404, 404, 404, 200),
        data={"field": "national_id"}),
    ("GET", "/consumers/{consumer_id}/export"): consumer_variants(
        who(200, 403, 403, 403, 404), who(200, 403, 404, 404, 404), who(404, 404, 404, 404, 200)),
    ("GET", "/consumers/{consumer_id}/delete"): consumer_variants(
        who(200, 403, 403, 403, 404), who(200, 403, 404, 404, 404), who(404, 404, 404, 404, 200)),
    ("POST", "/consumers/{consumer_id}/delete"): consumer_variants(
        who(303, 403, 403, 403, 404), who(303, 403, 404, 404, 404), who(404, 404, 404, 404, 303), names=True),
    # ---- cases --------------------------------------------------------------------------------
    ("GET", "/cases"): one(who(200, 200, 200, 200, 200)),
    ("GET", "/cases/new"): one(who(200, 200, 403, 403, 200)),
    ("POST", "/cases/new"): {
        # A consumer of another workspace is not in the list: a form error, not a new case.
        "own": Variant(who(303, 303, 403, 403, 400), data={"consumer_id": "{consumer1}", "title": "T"}),
        "other_ws": Variant(who(400, 400, 403, 403, 303), data={"consumer_id": "{consumer3}", "title": "T"}),
    },
    ("GET", "/cases/{case_id}"): case_variants({
        "own": who(200, 200, 200, 200, 404),
        "unassigned": who(200, 200, 404, 404, 404),
        "other_ws": who(404, 404, 404, 404, 200)}),
    # Everyone who can see a case may add a note to it (clients too).
    ("POST", "/cases/{case_id}/notes"): case_variants({
        "own": who(303, 303, 303, 303, 404),
        "unassigned": who(303, 303, 404, 404, 404),
        "other_ws": who(404, 404, 404, 404, 303)}, {"body": "Called the bureau."}),
    ("POST", "/cases/{case_id}/assign"): {
        **case_variants(CASE_ROUTE_DENIED_TO_LOWER_ROLES, {"member_id": "{bob_member}"}),
        "other_ws": Variant(who(404, 404, 404, 404, 303), {"case_id": "{case3}"}, {"member_id": "{erin_member}"}),
        # A member of another workspace cannot be put on a case: a form error.
        "foreign_member": Variant(who(400, 400, 403, 403, 404), {"case_id": "{case1}"}, {"member_id": "{erin_member}"}),
    },
    ("POST", "/cases/{case_id}/unassign/{member_id}"): case_variants(
        CASE_ROUTE_DENIED_TO_LOWER_ROLES, own={"member_id": "{carol_member}"},
        unassigned={"member_id": "{carol_member}"}, other_ws={"member_id": "{erin_member}"}),
    ("POST", "/cases/{case_id}/close"): case_variants(CASE_ROUTE_DENIED_TO_LOWER_ROLES, {"reason": "Resolved"}),
    ("POST", "/cases/{case_id}/reopen"): case_variants(CASE_ROUTE_DENIED_TO_LOWER_ROLES),
    # ---- letters -------------------------------------------------------------------------------
    # Staff and volunteers write letters on the cases they see; a client reads their case's letters.
    ("GET", "/cases/{case_id}/letters/new"): case_variants(CASE_WRITERS),
    ("POST", "/cases/{case_id}/letters/new"): {
        name: Variant(expect, {"case_id": case}, LETTER_FORM, query="?kind=us.dispute-cra")
        for name, expect, case in (("own", CASE_WRITERS_POST["own"], "{case1}"),
                                   ("unassigned", CASE_WRITERS_POST["unassigned"], "{case2}"),
                                   ("other_ws", CASE_WRITERS_POST["other_ws"], "{case3}"))},
    ("GET", "/letters/{letter_id}"): letter_variants(CASE_READERS),
    ("GET", "/letters/{letter_id}/view"): letter_variants(CASE_READERS),
    # The reading copy (a translation for the person) goes to whoever may read the letter.
    ("GET", "/letters/{letter_id}/reading"): letter_variants(CASE_READERS),
    ("GET", "/letters/{letter_id}/pdf"): letter_variants(CASE_READERS),
    ("GET", "/letters/{letter_id}/docx"): letter_variants(CASE_READERS),
    ("GET", "/letters/{letter_id}/edit"): letter_variants(CASE_WRITERS),
    ("POST", "/letters/{letter_id}/edit"): letter_variants(CASE_WRITERS_POST, LETTER_FORM),
    ("POST", "/letters/{letter_id}/finalise"): letter_variants(CASE_WRITERS_POST),
    ("POST", "/letters/{letter_id}/discard"): letter_variants(CASE_WRITERS_POST),
    # "Freeze my credit": three freeze letters at once, written like any other letter.
    ("POST", "/cases/{case_id}/freeze"): case_variants(CASE_WRITERS_POST),
    # A draft cannot be recorded as sent: the writer is sent back to the letter (303), nothing saved.
    ("POST", "/letters/{letter_id}/sent"): letter_variants(CASE_WRITERS_POST, {"on": "2026-11-02", "channel": "post"}),
    ("GET", "/letter-templates"): one(who(200, 403, 403, 403, 200)),
    ("GET", "/letter-templates/{kind_id}/{lang}"): {
        "own": Variant(who(200, 403, 403, 403, 200), {"kind_id": "us.dispute-cra", "lang": "en"}),
        "unknown": Variant(who(404, 403, 403, 403, 404), {"kind_id": "no.such-kind", "lang": "en"}),
    },
    ("POST", "/letter-templates/{kind_id}/{lang}"): one(
        who(303, 403, 403, 403, 303),
        # Form values are format strings: the braces of the template are doubled.
        {"source": '{{% extends "letters/_letter.html" %}}{{% block subject %}}Ours{{% endblock %}}'},
        kind_id="eu.access", lang="en"),
    ("POST", "/letter-templates/{kind_id}/{lang}/reset"): one(who(303, 403, 403, 403, 303), kind_id="eu.access",
                                                              lang="en"),
    # ---- recipients ---------------------------------------------------------------------------
    ("GET", "/recipients"): one(who(200, 200, 200, 200, 200)),
    ("GET", "/recipients/new"): one(who(200, 200, 403, 403, 200)),
    ("POST", "/recipients/new"): one(who(303, 303, 403, 403, 303), RECIPIENT_FORM),
    ("GET", "/recipients/{recipient_id}"): recipient_variants(
        who(200, 200, 200, 200, 404), everyone(200) | {"anonymous": SIGNIN}, who(404, 404, 404, 404, 200)),
    # Seeded directory entries are read-only for everyone (403); a workspace edits its own.
    ("GET", "/recipients/{recipient_id}/edit"): recipient_variants(
        who(200, 200, 403, 403, 404), who(403, 403, 403, 403, 403), who(404, 404, 404, 404, 200)),
    ("POST", "/recipients/{recipient_id}/edit"): recipient_variants(
        who(303, 303, 403, 403, 404), who(403, 403, 403, 403, 403), who(404, 404, 404, 404, 303), RECIPIENT_FORM),
    ("POST", "/recipients/{recipient_id}/copy"): recipient_variants(
        who(303, 303, 403, 403, 404), who(303, 303, 403, 403, 303), who(404, 404, 404, 404, 303)),
    ("POST", "/recipients/{recipient_id}/delete"): recipient_variants(
        who(303, 303, 403, 403, 404), who(403, 403, 403, 403, 403), who(404, 404, 404, 404, 303)),
    # ---- proceedings --------------------------------------------------------------------------
    ("GET", "/today"): one(who(200, 200, 200, 200, 200)),
    ("GET", "/proceedings/{proceeding_id}"): proceeding_variants(CASE_READERS),
    ("POST", "/proceedings/{proceeding_id}/events"): proceeding_variants(
        CASE_WRITERS_POST, {"kind": "delivered", "on": "2026-11-03"}),
    ("POST", "/proceedings/{proceeding_id}/events/{event_id}/void"): {
        name: Variant(CASE_WRITERS_POST[name], {"proceeding_id": f"{{{p}}}", "event_id": f"{{{p}_sent}}"},
                      {"reason": "Wrong date"})
        for name, p in (("own", "proceeding1"), ("unassigned", "proceeding2"), ("other_ws", "proceeding3"))},
    ("POST", "/proceedings/{proceeding_id}/reviewed"): proceeding_variants(CASE_ROUTE_DENIED_TO_LOWER_ROLES),
    ("GET", "/proceedings/{proceeding_id}/review"): proceeding_variants(CASE_WRITERS),
    ("POST", "/proceedings/{proceeding_id}/review"): {
        name: Variant(CASE_WRITERS_POST[name], {"proceeding_id": f"{{{p}}}"},
                      {"on": "2026-10-01", f"class_{{{p}_item}}": "verified"})
        for name, p in (("own", "proceeding1"), ("unassigned", "proceeding2"), ("other_ws", "proceeding3"))},
    ("POST", "/proceedings/{proceeding_id}/follow-up"): proceeding_variants(
        CASE_WRITERS_POST, {"letter_kind": "us.cfpb-complaint"}),
    # ---- documents -----------------------------------------------------------------------------
    # Uploading needs a file: without one the permitted get the form back with a message (400).
    ("GET", "/cases/{case_id}/documents"): case_variants(CASE_READERS),
    ("POST", "/cases/{case_id}/documents"): case_variants({
        "own": who(400, 400, 400, 400, 404), "unassigned": who(400, 400, 404, 404, 404),
        "other_ws": who(404, 404, 404, 404, 400)}, {"kind": "id"}),
    ("GET", "/documents/{document_id}"): document_variants(CASE_READERS),
    ("POST", "/documents/{document_id}/delete"): document_variants(CASE_ROUTE_DENIED_TO_LOWER_ROLES),
    ("GET", "/letters/{letter_id}/enclosures"): letter_variants(CASE_READERS),
    ("POST", "/letters/{letter_id}/enclosures"): letter_variants(CASE_WRITERS_POST),
    ("GET", "/letters/{letter_id}/packet"): letter_variants(CASE_READERS),
    # ---- credit reports ------------------------------------------------------------------------
    ("GET", "/cases/{case_id}/reports"): case_variants(CASE_READERS),
    # Without a file or text (import) or a bureau and date (confirm) the form comes back with a message.
    ("POST", "/cases/{case_id}/reports/import"): case_variants(REPORT_FORM_REJECTED, {"format": "auto"}),
    ("POST", "/cases/{case_id}/reports/confirm"): case_variants(REPORT_FORM_REJECTED),
    ("POST", "/cases/{case_id}/reports/new"): case_variants(REPORT_EDITORS_POST,
                                                            {"bureau": "Equifax", "pulled": "2026-10-01"}),
    ("GET", "/cases/{case_id}/reports/compare"): case_variants(CASE_READERS),
    ("GET", "/reports/{report_id}"): report_variants(CASE_READERS),
    ("GET", "/reports/{report_id}/report.json"): report_variants(CASE_READERS),
    ("POST", "/reports/{report_id}/edit"): report_variants(REPORT_EDITORS_POST,
                                                           {"bureau": "Equifax", "pulled": "2026-10-01"}),
    ("POST", "/reports/{report_id}/delete"): report_variants(CASE_ROUTE_DENIED_TO_LOWER_ROLES),
    ("POST", "/reports/{report_id}/marks"): report_variants(REPORT_EDITORS_POST,
                                                            {"item": REPORT_ITEM, "mark": "not-mine"}),
    ("GET", "/reports/{report_id}/items/new"): report_variants(REPORT_EDITORS),
    ("POST", "/reports/{report_id}/items/new"): report_variants(REPORT_EDITORS_POST, {"furnisher": "Acme"}),
    ("GET", "/reports/{report_id}/items/{item_key}/edit"): report_item_variants(REPORT_EDITORS),
    ("POST", "/reports/{report_id}/items/{item_key}/edit"): report_item_variants(REPORT_EDITORS_POST,
                                                                                 {"furnisher": "Acme"}),
    ("GET", "/reports/{report_id}/items/{item_key}/delete"): report_item_variants(REPORT_EDITORS),
    ("POST", "/reports/{report_id}/items/{item_key}/delete"): report_item_variants(REPORT_EDITORS_POST),
    # Undo a removal: editors only; an item that was not removed comes back as a message (303).
    ("POST", "/reports/{report_id}/items/{item_key}/restore"): report_item_variants(REPORT_EDITORS_POST),
    # The dispute builder writes letters: staff and volunteers, like letters themselves.
    ("GET", "/reports/{report_id}/dispute"): {
        name: replace(v, query=f"?item={REPORT_ITEM}") for name, v in report_variants(CASE_WRITERS).items()},
    ("POST", "/reports/{report_id}/dispute"): report_variants(
        # The fixture report is Experian's: only Experian's address may take its dispute.
        CASE_WRITERS_POST, {"item": REPORT_ITEM, "send_to": "bureau", "bureau_id": "{experian_seed}"}),
    # ---- calendar -----------------------------------------------------------------------------
    ("GET", "/calendar"): one(who(200, 200, 200, 200, 200)),
    ("POST", "/calendar/regenerate"): one(who(200, 200, 200, 200, 200)),
    # The feed URL's secret is the only key: no sign-in, and a wrong token is a 404.
    ("GET", "/calendar/{token}.ics"): {
        "valid": Variant(everyone(200), {"token": "{calendar_token}"}),
        "invalid": Variant(everyone(404), {"token": "not-a-real-token"}),
    },
    ("GET", "/proceedings/{proceeding_id}/deadlines.ics"): proceeding_variants(CASE_READERS),
    # ---- outcomes (issue 16): a workspace's totals, for owners and advocates ----------------------
    ("GET", "/outcomes"): one(who(200, 200, 403, 403, 200)),
    ("GET", "/outcomes/figures.csv"): one(who(200, 200, 403, 403, 200)),
    ("GET", "/outcomes/rows.csv"): one(who(200, 200, 403, 403, 200)),
    # ---- audit log ----------------------------------------------------------------------------
    ("GET", "/audit"): one(who(200, 403, 403, 403, 200)),
    # ---- journeys ("What do you need?") and their plans ----------------------------------------
    ("GET", "/start"): one(who(200, 200, 200, 200, 200)),
    ("GET", "/words"): one(who(200, 200, 200, 200, 200)),
    ("GET", "/start/{slug}"): {"known": Variant(who(200, 200, 200, 200, 200), {"slug": "freeze"}),
                               "unknown": Variant(who(404, 404, 404, 404, 404), {"slug": "nothing"})},
    # A step answered in a case's journey (clinic intake): the case must be one this member sees.
    ("POST", "/start/{slug}"): {
        name: Variant(expect, {"slug": "freeze"}, {"case": case, "step": "action", "action": "freeze", "go": "next"})
        for name, case, expect in (("own", "{case1}", who(200, 200, 200, 200, 404)),
                                   ("unassigned", "{case2}", who(200, 200, 404, 404, 404)),
                                   ("other_ws", "{case3}", who(404, 404, 404, 404, 200)))},
    ("GET", "/plans/{plan_id}"): plan_variants(CASE_READERS),
    ("POST", "/plans/{plan_id}/steps/{step_id}"): plan_variants(CASE_ROUTE_DENIED_TO_LOWER_ROLES, {"done": "1"}),
    ("POST", "/plans/{plan_id}/steps/{step_id}/number"): plan_variants(CASE_ROUTE_DENIED_TO_LOWER_ROLES,
                                                                       {"number": "12345"}),
}


# ---- the JSON API (/api/v1): each persona holds a read-write token acting as them; no token is a 401 --
def _api(outcomes: dict[str, dict], ok: int = 200) -> dict[str, dict]:
    """A page's expectations for the API: `ok` for success, 401 (not a sign-in redirect) without a token."""
    return {name: {p: (401 if p == "anonymous" else ok if e in (200, 303) else e) for p, e in expect.items()}
            for name, expect in outcomes.items()}


def _api_one(a, b, c, d, e) -> dict[str, Variant]:
    return one(who(a, b, c, d, e, anonymous=401))


API_LETTER = {"kind": "us.dispute-cra", "recipient_id": "{cra_seed}", "facts": {"items": [
    {"furnisher": "Acme", "what_is_wrong": "Not mine", "why": "Never had it", "action": "delete"}]}}
API_TABLE: dict[tuple[str, str], dict[str, Variant]] = {
    ("GET", "/api/v1/openapi.json"): one(everyone(200)),
    ("GET", "/api/v1/consumers"): _api_one(200, 200, 200, 200, 200),
    ("POST", "/api/v1/consumers"): one(who(201, 201, 403, 403, 201, anonymous=401), {"legal_name": "New Person"}),
    ("GET", "/api/v1/consumers/{consumer_id}"): consumer_variants(
        *(who(*row, anonymous=401) for row in ((200, 200, 200, 200, 404), (200, 200, 404, 404, 404),
                                               (404, 404, 404, 404, 200)))),
    ("GET", "/api/v1/cases"): _api_one(200, 200, 200, 200, 200),
    # Another workspace's consumer is not offered (a field error, as on the page).
    ("POST", "/api/v1/cases"): one(who(201, 201, 403, 403, 422, anonymous=401), {"consumer_id": "{consumer1}"}),
    ("GET", "/api/v1/cases/{case_id}"): case_variants(_api(CASE_READERS)),
    ("GET", "/api/v1/cases/{case_id}/reports"): case_variants(_api(CASE_READERS)),
    ("POST", "/api/v1/cases/{case_id}/reports"): {
        name: replace(v, files={"file": ("report.csv", (FIXTURES / "report.csv").read_bytes())})
        for name, v in case_variants(_api(REPORT_EDITORS, 201)).items()},
    ("GET", "/api/v1/reports/{report_id}"): report_variants(_api(CASE_READERS)),
    ("GET", "/api/v1/cases/{case_id}/proceedings"): case_variants(_api(CASE_READERS)),
    ("GET", "/api/v1/proceedings/{proceeding_id}"): proceeding_variants(_api(CASE_READERS)),
    ("GET", "/api/v1/proceedings/{proceeding_id}/deadlines"): proceeding_variants(_api(CASE_READERS)),
    ("POST", "/api/v1/proceedings/{proceeding_id}/events"): proceeding_variants(
        _api(CASE_WRITERS, 201), {"kind": "delivered", "on": "2026-09-04"}),
    ("GET", "/api/v1/cases/{case_id}/letters"): case_variants(_api(CASE_READERS)),
    ("POST", "/api/v1/cases/{case_id}/letters"): case_variants(_api(CASE_WRITERS, 201), API_LETTER),
    ("GET", "/api/v1/letters/{letter_id}"): letter_variants(_api(CASE_READERS)),
    ("GET", "/api/v1/letters/{letter_id}/pdf"): letter_variants(_api(CASE_READERS)),
    ("GET", "/api/v1/outcomes"): _api_one(200, 200, 403, 403, 200),
    ("POST", "/api/v1/deadlines/compute"): one(who(200, 200, 200, 200, 200, anonymous=401), {
        "procedure_id": "us.fcra.dispute-cra", "events": [{"kind": "sent", "on": "2026-09-01"}]}),
    # The owners' token page (a page, with cookies and CSRF).
    ("GET", "/settings/api-tokens"): one(who(200, 403, 403, 403, 200)),
    ("POST", "/settings/api-tokens"): one(who(200, 403, 403, 403, 200), {"name": "script", "scope": "read"}),
    ("POST", "/settings/api-tokens/{token_id}/revoke"): {
        "own": Variant(who(303, 403, 403, 403, 404), {"token_id": "{api_token_a}"}),
        "other_ws": Variant(who(404, 403, 403, 403, 303), {"token_id": "{api_token_b}"}),
    },
}
TABLE.update(API_TABLE)


def app_routes(application) -> set[tuple[str, str]]:
    """(method, path template) of every route, without the /static mount."""
    try:  # FastAPI >= 0.16x keeps included routers lazily; this flattens them.
        from fastapi.routing import iter_route_contexts

        routes = list(iter_route_contexts(application.routes))
    except ImportError:  # pragma: no cover - older FastAPI lists the routes flat
        routes = list(application.routes)
    found = set()
    for route in routes:
        path = route.path
        if path == "/static" or path.startswith("/static/"):
            continue
        if path == "/api/v1":  # the JSON API, a mounted app of its own
            found |= {(method, path + sub) for method, sub in app_routes(route.app)}
            continue
        methods = getattr(route, "methods", None)
        assert methods, f"route {path} has no methods: a mount or websocket the matrix cannot test"
        for method in methods - {"HEAD", "OPTIONS"}:
            found.add((method, path))
    return found


def test_every_route_is_in_the_matrix(settings):
    routes = app_routes(create_app(settings, configure_db=False))
    assert len(routes) >= 40
    missing = sorted(routes - TABLE.keys())
    assert not missing, f"routes missing from TABLE in tests/test_tenancy_matrix.py: {missing}"
    stale = sorted(TABLE.keys() - routes)
    assert not stale, f"TABLE lists routes the app no longer has: {stale}"


def test_every_variant_covers_every_persona():
    for key, variants in TABLE.items():
        for name, variant in variants.items():
            assert set(variant.expect) == set(PERSONAS), (key, name)


def test_static_files_are_public(client):
    r = client.get("/static/does-not-exist.css")
    assert r.status_code == 404
    css = client.get("/static/css/recourse.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert client.get("/static/js/htmx-2.0.11.min.js").status_code == 200


def _cases():
    """GET requests change nothing another persona could notice, so one world serves all six;
    every POST gets a fresh world per persona."""
    for route, variants in TABLE.items():
        for name in variants:
            label = f"{route[0]} {route[1]} [{name}]"
            if route[0] == "GET":
                yield pytest.param(route, name, PERSONAS, id=f"{label} all")
            else:
                for persona in PERSONAS:
                    yield pytest.param(route, name, (persona,), id=f"{label} {persona}")


CASES = list(_cases())


@pytest.fixture
def ids(world, engine, settings) -> dict:
    """world.ids plus the one-time tokens: a password reset for alice, an invitation in each clinic."""
    with Session(engine, expire_on_commit=False) as s:
        link = new_reset_link(s, user=s.get(User, world.ids["alice"]), settings=settings)
        out = dict(world.ids, reset_token=link.rsplit("/", 1)[1], signup_token=_signup_token(s))
        for clinic, owner, member in (("a", "alice", "alice_member"), ("b", "erin", "erin_member")):
            m = s.get(Member, world.ids[member])
            ctx = Context(user=s.get(User, world.ids[owner]), workspace=s.get(Workspace, m.workspace_id), member=m)
            inv, link = invite(s, ctx, email=f"newcomer-{clinic}@example.org", role="advocate",
                               consumer_id=None, settings=settings)
            out[f"invite_{clinic}"], out[f"invite_{clinic}_token"] = inv.id, link.rsplit("/", 1)[1]
            out[f"recipient_{clinic}"] = _recipient(s, m.workspace_id)
        out["recipient_seed"] = s.exec(select(Recipient.id).where(Recipient.workspace_id.is_(None))).first()
        out["cra_seed"] = s.exec(select(Recipient.id).where(Recipient.workspace_id.is_(None),
                                                            Recipient.kind == "cra")).first()
        out["experian_seed"] = s.exec(select(Recipient.id).where(Recipient.slug == "us-experian-dispute")).one()
        for n, owner, member in ((1, "alice", "alice_member"), (2, "alice", "alice_member"),
                                 (3, "erin", "erin_member")):
            m = s.get(Member, world.ids[member])
            ctx = Context(user=s.get(User, world.ids[owner]), workspace=s.get(Workspace, m.workspace_id), member=m)
            case = s.get(Case, world.ids[f"case{n}"])
            kind = get_kind("us.dispute-cra")
            letter = letters.save_draft(s, ctx, case, kind=kind, lang="en", recipient=None,
                                        data=example_data(kind, "en"))
            proceeding = proceedings.open_proceeding(s, ctx, case, procedure_id="us.fcra.dispute-cra",
                                                     items=[{"furnisher": "Acme", "what_is_wrong": "Not mine"}])
            sent = proceedings.add_event(s, ctx, proceeding, kind="sent", on="2026-09-01", channel="post")
            out[f"letter{n}"], out[f"proceeding{n}"], out[f"proceeding{n}_sent"] = letter.id, proceeding.id, sent.id
            out[f"proceeding{n}_item"] = proceedings.items(s, proceeding)[0].id
            doc = documents.upload(s, ctx, case, filename="id.pdf", data=_pdf(), kind="id", settings=settings)
            out[f"document{n}"] = doc.id
            out[f"report{n}"] = credit_reports.save_report(s, ctx, case, fixture_report(), source="json").id
            plan = journeys.create_plan(s, ctx, case, journey="identity-theft", answers={},
                                        steps=[journeys.StepSpec("ftc_report")])
            out[f"plan{n}"], out[f"plan{n}_step"] = plan.id, journeys.plan_steps(s, plan)[0].id
            if n == 1:
                out["calendar_token"] = reminders.regenerate_calendar_token(s, ctx)
        for persona in ("alice", "bob", "carol", "dave", "erin"):  # a token acting as each persona
            token = ApiToken(workspace_id=world.ids["ws_b" if persona == "erin" else "ws_a"], name=persona,
                             token_hash=token_hash(f"rcs_matrix-{persona}"), scopes="read write",
                             created_by_id=world.ids[persona])
            s.add(token)
            s.flush()
            out[{"alice": "api_token_a", "erin": "api_token_b"}.get(persona, f"api_token_{persona}")] = token.id
        s.commit()
    return out


def _signup_token(s) -> str:
    token = "pending-signup-token"
    s.add(SignupRequest(email="pending@example.org", name="Pending", password_hash=hash_password(NEW_PASSWORD),
                        kind="personal", token_hash=token_hash(token), expires_at=utcnow() + timedelta(hours=1)))
    return token


def _pdf() -> bytes:
    from io import BytesIO

    from pypdf import PdfWriter

    writer, out = PdfWriter(), BytesIO()
    writer.add_blank_page(width=612, height=792)
    writer.write(out)
    return out.getvalue()


def _recipient(s, workspace_id: int) -> int:
    row = Recipient(workspace_id=workspace_id, name="Own Collector", kind="collector", postal_address="PO Box 2")
    s.add(row)
    s.flush()
    return row.id


def _audit_count(engine) -> int:
    with Session(engine) as s:
        # An API token's refused use is itself recorded ("api.used"): that changes nothing else.
        return s.exec(select(func.count()).select_from(AuditEntry).where(AuditEntry.action != "api.used")).one()


@pytest.mark.parametrize(("route", "variant_name", "personas"), CASES)
def test_route_access(route, variant_name, personas, ids, make_client, engine):
    for persona in personas:
        _check(route, variant_name, persona, ids, make_client, engine)


def _fill(value, ids):
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, list):
        return [_fill(v, ids) for v in value]
    return {k: _fill(v, ids) for k, v in value.items()} if isinstance(value, dict) else value


def _api_request(client, method, path, variant, persona, ids):
    """A program's request: the persona's bearer token, a JSON body (or a file), no cookies."""
    client.cookies.clear()
    headers = {} if persona == "anonymous" else {"authorization": f"Bearer rcs_matrix-{persona}"}
    if method == "GET":
        return client.get(path, headers=headers)
    if variant.files:
        return client.request(method, path, files=variant.files, headers=headers)
    return client.request(method, path, json=_fill(variant.data, ids), headers=headers)


def _check(route, variant_name, persona, ids, make_client, engine):
    method, template = route
    variant = TABLE[route][variant_name]
    expected = variant.expect[persona]
    client = make_client(None if persona == "anonymous" else f"{persona}@example.org")
    path = template.format(**{name: value.format(**ids) for name, value in variant.params.items()}) + variant.query
    before = _audit_count(engine)
    if template.startswith("/api/"):
        response = _api_request(client, method, path, variant, persona, ids)
    elif method == "GET":
        response = client.get(path)
    else:
        response = post(client, path, {k.format(**ids): v.format(**ids) for k, v in variant.data.items()})

    where = f"{persona}: {method} {path} -> {response.status_code} {response.headers.get('location', '')}"
    if expected == SIGNIN:
        assert response.status_code == 303, where
        assert response.headers["location"].startswith("/signin"), where
    else:
        status, prefix = expected if isinstance(expected, tuple) else (expected, None)
        assert response.status_code == status, where
        if status == 303:
            location = response.headers["location"]
            if prefix:
                assert location.startswith(prefix), where
            else:  # a signed-in person must not be bounced to the sign-in page
                assert not location.startswith("/signin"), where
    if response.status_code in (403, 404) or expected == SIGNIN:
        # A refused request changes nothing (every change writes an audit entry).
        assert _audit_count(engine) == before, where
        if response.headers.get("content-type", "").startswith("text/html"):
            assert '<main id="main"' in response.text, where
        # ...and shows nothing of the object it was refused.
        for secret in ("Erin Client", "Clinic B case", "Other Person", "Unassigned case", "123-45-6789"):
            assert secret not in response.text, (where, secret)
