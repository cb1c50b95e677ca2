"""Property tests: invariants that must hold for any date, procedure and region."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from app.rules import PROCEDURES, REGIONS, TimelineEvent, calendar_for, compute_deadlines
from app.rules.model import Unit

FAST = settings(max_examples=200, deadline=None)
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
procedures = st.sampled_from(sorted(PROCEDURES))


@st.composite
def cases(draw):
    pid = draw(procedures)
    region = draw(st.sampled_from(REGIONS[PROCEDURES[pid].jurisdiction]))
    return pid, region, draw(days), draw(days)


def run(pid, region, received, today, extra=()):
    events = [TimelineEvent("received", received), *extra]
    return compute_deadlines(pid, events, region=region, today=today)


@FAST
@given(cases())
def test_due_never_precedes_receipt(case):
    pid, region, received, today = case
    for deadline in run(pid, region, received, today):
        if deadline.due is not None:
            assert deadline.due >= received
            assert deadline.overdue_after >= deadline.due


@FAST
@given(cases())
def test_business_day_deadlines_land_on_working_days(case):
    pid, region, received, today = case
    proc = PROCEDURES[pid]
    cal = calendar_for(proc.jurisdiction, region)
    clocks = {c.key: c for c in (proc.response, *proc.duties)}
    for deadline in run(pid, region, received, today):
        clock = clocks.get(deadline.key)
        # A clock before its law came into force has no due date (Procedure.in_force_from).
        if clock and clock.period.unit in (Unit.BUSINESS_DAYS, Unit.WORKING_DAYS) and deadline.due:
            assert cal.is_working_day(deadline.due)
            assert cal.is_working_day(deadline.overdue_after)
        if clock and clock.period.roll.value == "next-working-day" and deadline.due:
            assert cal.is_working_day(deadline.due)


@FAST
@given(cases())
def test_extended_due_never_precedes_normal_due(case):
    pid, region, received, today = case
    extra = [TimelineEvent(k, received) for k in ("info_added", "extension_notified")]
    deadlines = run(pid, region, received, today, extra)
    main = deadlines[0]  # the main clock always comes first
    for extended in (d for d in deadlines if d.key == "extended-response"):
        if main.due is not None:
            assert extended.due >= main.due


@FAST
@given(cases())
def test_output_is_deterministic(case):
    pid, region, received, today = case
    first = [d.to_dict() for d in run(pid, region, received, today)]
    assert first == [d.to_dict() for d in run(pid, region, received, today)]


@FAST
@given(cases())
def test_state_matches_dates(case):
    pid, region, received, today = case
    for d in run(pid, region, received, today):
        if d.state == "upcoming":
            assert today < d.due and d.days_left == (d.due - today).days
        elif d.state == "due-today":
            assert d.due <= today <= d.overdue_after
        elif d.state == "overdue":
            assert today > d.overdue_after and d.days_overdue == (today - d.overdue_after).days
        elif d.state == "no-deadline":
            assert d.due is None
