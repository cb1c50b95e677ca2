"""A small seeded workspace for the Outcomes figures: every number below is counted by hand."""

from dataclasses import dataclass

import pytest
from sqlmodel import Session, select

from app.accounts.models import User
from app.cases.models import Case
from app.proceedings import service as proceedings
from app.proceedings.models import ProceedingItem
from app.recipients.models import Recipient
from app.workspaces.models import Member, Workspace
from tests.factories import ctx_for

Q1 = {"period": "custom", "start": "2026-01-01", "end": "2026-03-31"}


@dataclass
class Seeded:
    ids: dict


def _ctx(s, world, name, ws="ws_a"):
    user = s.get(User, world.ids[name])
    workspace = s.get(Workspace, world.ids[ws])
    member = s.exec(select(Member).where(Member.user_id == user.id, Member.workspace_id == workspace.id)).one()
    return ctx_for(user, workspace, member)


def _round(s, ctx, case, procedure, recipient, *, sent, answered=None, outcomes=None, closed=None, items=()):
    p = proceedings.open_proceeding(s, ctx, case, procedure_id=procedure, recipient=recipient,
                                    items=[{"furnisher": f, "account": "", "what_is_wrong": "Not mine"} for f in items])
    proceedings.add_event(s, ctx, p, kind="sent", on=sent, channel="post")
    if answered:
        by_name = {i.furnisher: i.id for i in s.exec(select(ProceedingItem).where(ProceedingItem.proceeding_id == p.id))}
        proceedings.add_event(s, ctx, p, kind="answered", on=answered,
                              outcomes={by_name[f]: o for f, o in (outcomes or {}).items()})
    if closed:
        proceedings.add_event(s, ctx, p, kind="closed", on=closed)
    return p


@pytest.fixture
def seeded(world, engine) -> Seeded:
    with Session(engine, expire_on_commit=False) as s:
        alice, bob, erin = _ctx(s, world, "alice"), _ctx(s, world, "bob"), _ctx(s, world, "erin", "ws_b")
        case1, case2, case3 = (s.get(Case, world.ids[k]) for k in ("case1", "case2", "case3"))
        bureau = Recipient(workspace_id=world.ids["ws_a"], name="Bureau One", kind="cra")
        controller = Recipient(workspace_id=world.ids["ws_a"], name="Scoring GmbH", kind="credit-agency")
        regulator = Recipient(workspace_id=world.ids["ws_a"], name="The Regulator", kind="regulator")
        other = Recipient(workspace_id=world.ids["ws_b"], name="Bureau B", kind="cra")
        s.add_all([bureau, controller, regulator, other])
        s.flush()
        # On time (20 days): one item deleted, one verified.
        p1 = _round(s, alice, case1, "us.fcra.dispute-cra", bureau, sent="2026-01-05", answered="2026-01-25",
                    outcomes={"Acme": "deleted", "Beta": "verified"}, items=("Acme", "Beta"))
        # Late (50 days), opened by the advocate: one item corrected.
        p2 = _round(s, bob, case2, "us.fcra.dispute-cra", bureau, sent="2026-01-10", answered="2026-03-01",
                    outcomes={"Gamma": "corrected"}, items=("Gamma",))
        # A request for data answered in 10 days.
        _round(s, alice, case1, "eu.gdpr.access", controller, sent="2026-02-01", answered="2026-02-11")
        # No answer, long past the deadline: its item counts as "no answer".
        _round(s, alice, case2, "us.fcra.dispute-cra", bureau, sent="2026-02-15", items=("Delta",))
        # An escalation, and an identity theft block completed (closed).
        _round(s, alice, case1, "us.cfpb.complaint", regulator, sent="2026-03-01")
        _round(s, bob, case1, "us.fcra.identity-theft-block", bureau, sent="2026-03-02", closed="2026-03-10")
        # Outside the period, and another workspace's: never counted.
        _round(s, alice, case1, "us.fcra.dispute-cra", bureau, sent="2026-05-01", items=("Later",))
        _round(s, erin, case3, "us.fcra.dispute-cra", other, sent="2026-01-20", answered="2026-01-21",
               outcomes={"Erin item": "deleted"}, items=("Erin item",))
        s.commit()
        return Seeded({"p1": p1.id, "p2": p2.id})
