"""Two runners (say cron's `recourse remind` and the server loop) on the same due reminders:
each reminder is delivered exactly once. Runs on SQLite, and on PostgreSQL when
RECOURSE_TEST_DATABASE_URL is set."""

import threading
from collections import Counter

from sqlmodel import Session, select

from app.reminders import service
from app.reminders.models import Reminder
from tests.reminders.conftest import NOW, TODAY


def test_two_concurrent_runners_never_send_twice(engine, settings, world, smtp, add_proceeding):
    settings.reminder_days_before = "0"
    for case in ("case1", "case1", "case1", "case2", "case2", "case2"):
        add_proceeding(case, [{"due": TODAY}])
    with Session(engine) as s:
        service.plan(s, today=TODAY, settings=settings)
        s.commit()
        due = [r for r in s.exec(select(Reminder)).all() if r.send_after <= NOW]
    assert len(due) == 8  # six "due today" reminders and two digests (carol, alice)

    barrier = threading.Barrier(2)
    results, errors = {}, []

    def runner(name: str) -> None:
        try:
            barrier.wait(timeout=10)
            results[name] = service.send_due(engine, settings, runner_id=name, now=NOW)
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
        assert {r.claimed_by for r in rows} <= {"runner-a", "runner-b"}


def test_a_claimed_reminder_is_not_claimed_again(engine, settings, world, add_proceeding):
    add_proceeding("case2", [{"due": TODAY}])
    with Session(engine) as s:
        service.plan(s, today=TODAY, settings=settings)
        s.commit()
    with Session(engine, expire_on_commit=False) as a, Session(engine, expire_on_commit=False) as b:
        first = service.claim(a, runner_id="a", now=NOW, limit=10)
        assert first and {r.status for r in first} == {"sending"}
        assert service.claim(b, runner_id="b", now=NOW, limit=10) == []
        # A claim abandoned for longer than STALE_CLAIM (a runner that died) is taken over.
        later = NOW + service.STALE_CLAIM * 2
        assert {r.id for r in service.claim(b, runner_id="b", now=later, limit=10)} == {r.id for r in first}
