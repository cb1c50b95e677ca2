"""Two runners (say cron's `recourse remind` and the server loop) on the same due reminders:
each reminder is delivered exactly once. Runs on SQLite, and on PostgreSQL when
RECOURSE_TEST_DATABASE_URL is set."""

import threading
from collections import Counter

from sqlmodel import Session, select

from app.reminders import planning, sending
from app.reminders.models import Reminder
from tests.reminders.conftest import NOW, TODAY, at


def test_two_concurrent_runners_never_send_twice(engine, settings, world, smtp, add_proceeding):
    settings.reminder_days_before = "0"
    for case in ("case1", "case1", "case1", "case2", "case2", "case2"):
        add_proceeding(case, [{"due": TODAY}])
    with Session(engine) as s:
        planning.plan(s, today=TODAY, settings=settings)
        s.commit()
        due = [r for r in s.exec(select(Reminder)).all() if r.send_after <= NOW]
    assert len(due) == 8  # six "due today" reminders and two digests (carol, alice)

    barrier = threading.Barrier(2)
    results, errors = {}, []

    def runner(name: str) -> None:
        try:
            barrier.wait(timeout=10)
            results[name] = sending.send_due(engine, settings, runner_id=name, clock=at(NOW))
        except Exception as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=runner, args=(name,)) for name in ("runner-a", "runner-b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    assert not errors
    assert results["runner-a"].sent + results["runner-b"].sent == 8
    delivered = Counter((m["To"], m.get_content()) for m in smtp.messages)
    assert len(smtp.messages) == 8 and set(delivered.values()) == {1}
    with Session(engine) as s:
        rows = s.exec(select(Reminder).where(Reminder.send_after <= NOW)).all()
        assert {r.status for r in rows} == {"sent"} and {r.attempts for r in rows} == {1}
        assert {r.claimed_by.split("/")[0] for r in rows} <= {"runner-a", "runner-b"}
        assert all(r.lease_until is None for r in rows)


def test_a_claim_is_a_lease_taken_over_only_when_it_runs_out(engine, settings, world, add_proceeding):
    add_proceeding("case2", [{"due": TODAY}])
    with Session(engine) as s:
        planning.plan(s, today=TODAY, settings=settings)
        s.commit()
    with Session(engine, expire_on_commit=False) as a, Session(engine, expire_on_commit=False) as b:
        first = sending.claim_next(a, claim_id="a/1", now=NOW)
        assert first.status == "sending" and first.claimed_by == "a/1"
        assert first.lease_until == NOW + sending.LEASE
        second = sending.claim_next(b, claim_id="b/1", now=NOW)  # one at a time: the next row, not all
        assert second is not None and second.id != first.id
        assert sending.claim_next(b, claim_id="b/1", now=NOW) is None  # nothing else is due
        # Still held a second before its lease runs out, taken over once it has.
        assert sending.claim_next(b, claim_id="b/1", now=first.lease_until) is None
        later = first.lease_until + sending.LEASE / 10
        taken = sending.claim_next(b, claim_id="b/1", now=later)
        assert taken.id in {first.id, second.id} and taken.claimed_by == "b/1"
        assert taken.lease_until == later + sending.LEASE


def test_the_lease_outlasts_the_longest_send():
    # Step 4 of app/reminders/sending.py: a send that may still be running keeps its row.
    assert (sending.LEASE - sending.LEASE_MARGIN).total_seconds() > sending.SEND_TIMEOUT
