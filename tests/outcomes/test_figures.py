"""Each Outcomes figure on a small seeded workspace, on SQLite and PostgreSQL alike."""

from datetime import UTC, date

from sqlmodel import Session

from app.outcomes import queries
from app.outcomes.queries import Period
from app.proceedings.models import Proceeding
from tests.outcomes.conftest import _ctx

Q1 = Period(date(2026, 1, 1), date(2026, 3, 31))
TODAY = date(2026, 12, 4)


def test_the_denormalised_dates_follow_the_timeline(seeded, engine):
    with Session(engine) as s:
        p1, p2 = s.get(Proceeding, seeded.ids["p1"]), s.get(Proceeding, seeded.ids["p2"])
        assert (p1.sent_on, p1.answered_on) == (date(2026, 1, 5), date(2026, 1, 25))
        assert p1.answer_due and p1.answered_on <= p1.answer_due < p2.answered_on


def test_totals(seeded, engine, world):
    with Session(engine) as s:
        found = queries.summary(s, _ctx(s, world, "alice"), Q1, today=TODAY)
    assert found.proceedings == 6
    assert found.by_purpose == {"dispute": 3, "request": 1, "escalation": 1, "identity-theft": 1}
    assert found.answered == 3
    assert (found.late, found.answered_with_due) == (1, 3)
    assert round(found.share_late, 4) == round(1 / 3, 4)
    assert found.requests_answered == 1
    assert found.identity_theft_completed == 1
    assert found.median_days == 20  # 10, 20, 50
    assert found.unanswered_overdue >= 1  # the unanswered dispute (and the complaint if its clock ran out)
    assert found.items == {"deleted": 1, "corrected": 1, "verified": 1, "other": 0, "no-answer": 1, "pending": 0}


def test_breakdowns(seeded, engine, world):
    with Session(engine) as s:
        ctx = _ctx(s, world, "alice")
        by_recipient = {r.key: r for r in queries.breakdown(s, ctx, Q1, "recipient", today=TODAY)}
        by_advocate = {r.key: r for r in queries.breakdown(s, ctx, Q1, "advocate", today=TODAY)}
        by_law = {r.key: r for r in queries.breakdown(s, ctx, Q1, "jurisdiction", today=TODAY)}
    bureau = by_recipient["Bureau One"]
    assert (bureau.kind, bureau.proceedings, bureau.answered, bureau.late) == ("bureau", 4, 2, 1)
    assert bureau.median_days == 35  # 20 and 50
    assert (bureau.deleted, bureau.corrected, bureau.verified) == (1, 1, 1)
    assert by_recipient["Scoring GmbH"].median_days == 10
    assert by_recipient["The Regulator"].kind == "authority"
    assert "Bureau B" not in by_recipient
    assert (by_advocate["Bob"].proceedings, by_advocate["Bob"].corrected) == (2, 1)
    assert by_advocate["Alice"].proceedings == 4
    assert (by_law["US"].proceedings, by_law["EU"].proceedings) == (5, 1)


def test_an_empty_period(seeded, engine, world):
    with Session(engine) as s:
        found = queries.summary(s, _ctx(s, world, "alice"), Period(date(2025, 1, 1), date(2025, 3, 31)), today=TODAY)
    assert (found.proceedings, found.median_days, found.share_late) == (0, None, None)


def _plan(s, world, ws: str, case: str, journey: str, done_at: list):
    from app.journeys.models import Plan, PlanStep

    plan = Plan(workspace_id=world.ids[ws], case_id=world.ids[case], journey=journey)
    s.add(plan)
    s.flush()
    for i, when in enumerate(done_at):
        s.add(PlanStep(workspace_id=world.ids[ws], plan_id=plan.id, position=i, key=f"step-{i}",
                       done=when is not None, done_at=when))
    s.flush()


def test_identity_theft_plans_completed_count_plans_with_every_step_ticked_in_the_period(engine, world):
    from datetime import datetime

    jan, feb, may = (datetime(2026, 1, 10, 9, tzinfo=UTC), datetime(2026, 2, 2, 17, tzinfo=UTC),
                     datetime(2026, 5, 1, 8, tzinfo=UTC))
    with Session(engine) as s:
        _plan(s, world, "ws_a", "case1", "identity-theft", [jan, feb])  # finished in Q1: counted
        _plan(s, world, "ws_a", "case1", "identity-theft", [jan, None])  # one step left: not counted
        _plan(s, world, "ws_a", "case2", "identity-theft", [jan, may])  # finished after Q1: not counted
        _plan(s, world, "ws_a", "case2", "freeze", [jan])  # another journey: not counted
        _plan(s, world, "ws_b", "case3", "identity-theft", [feb])  # another workspace: not counted
        s.commit()
        ctx = _ctx(s, world, "alice")
        assert queries.summary(s, ctx, Q1, today=TODAY).identity_theft_plans_completed == 1
        assert queries.figures(s, ctx, Q1, today=TODAY).summary.identity_theft_plans_completed == 1
        q2 = Period(date(2026, 4, 1), date(2026, 6, 30))
        assert queries.summary(s, ctx, q2, today=TODAY).identity_theft_plans_completed == 1
