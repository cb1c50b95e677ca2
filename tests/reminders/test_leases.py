"""Reminders are sent exactly once whatever the timing: runs longer than a lease, a runner that
stalls past its lease, a send that outlives its lease, a mail server that hangs. Time is a
FakeClock the tests move (the slow SMTP server moves it as each message arrives), so nothing sleeps
for minutes. Runs on SQLite, and on PostgreSQL when RECOURSE_TEST_DATABASE_URL is set."""

import threading
import time
from collections import Counter
from datetime import timedelta

from sqlalchemy import delete
from sqlmodel import Session, select

from app.reminders import messages, planning, sending
from app.reminders.models import Reminder
from tests.reminders.conftest import NOW, TODAY, FakeClock, at


def plan_due_today(engine, settings, add_proceeding, cases: list[str]) -> list[Reminder]:
    settings.reminder_days_before = "0"
    for case in cases:
        add_proceeding(case, [{"due": TODAY}])
    with Session(engine) as s:
        planning.plan(s, today=TODAY, settings=settings)
        s.commit()
        return [r for r in s.exec(select(Reminder)).all() if r.send_after <= NOW]


def rows(engine) -> list[Reminder]:
    with Session(engine) as s:
        return list(s.exec(select(Reminder).where(Reminder.send_after <= NOW + timedelta(hours=1))).all())


def assert_each_delivered_once(smtp, due: list[Reminder]) -> None:
    counts = Counter(m["Message-ID"] for m in smtp.messages)
    assert len(counts) == len(due) and set(counts.values()) == {1}, counts
    assert {r.id for r in due} == {int(mid.split("-")[1]) for mid in counts}


def test_a_runner_joining_a_run_longer_than_a_lease_sends_nothing_twice(engine, settings, world, smtp,
                                                                         add_proceeding):
    # The issue: a run claimed every due row first; a run started ten minutes later took over the
    # rows still "sending" (19 emails for 11 reminders). Here each message takes the slow server
    # 55 seconds, so the first run lasts ten minutes, twice its lease; a second runner joins after
    # the sixth message, when the first run's first claim is older than a lease.
    due = plan_due_today(engine, settings, add_proceeding, ["case1"] * 5 + ["case2"] * 4)
    assert len(due) == 11  # nine "due today" reminders and two digests (carol, alice)
    clock = FakeClock(NOW)
    results, errors, joined = {}, [], []

    def runner(name: str) -> None:
        try:
            results[name] = sending.send_due(engine, settings, runner_id=name, clock=clock)
        except Exception as exc:  # surfaced below
            errors.append(exc)

    def slow_server(_message) -> None:
        clock.advance(timedelta(seconds=55))
        if len(smtp.messages) == 5 and not joined:  # this is the sixth message
            joined.append(threading.Thread(target=runner, args=("runner-b",)))
            joined[0].start()

    smtp.on_data = slow_server
    runner("runner-a")
    joined[0].join(timeout=60)

    assert not errors
    assert clock() - NOW > timedelta(minutes=10) == 2 * sending.LEASE
    assert results["runner-a"].sent + results["runner-b"].sent == 11
    assert results["runner-a"].lost == results["runner-b"].lost == 0
    assert_each_delivered_once(smtp, due)
    assert {(r.status, r.attempts) for r in rows(engine)} == {("sent", 1)}


def test_a_runner_stalled_past_its_lease_sends_nothing_another_runner_took_over(
        engine, settings, world, smtp, add_proceeding, monkeypatch):
    due = plan_due_today(engine, settings, add_proceeding, ["case2", "case2"])
    assert len(due) == 3
    clock = FakeClock(NOW)
    render, other = messages.render, {}

    def stall_then_render(session, settings, reminder):
        # Runner A has claimed its first reminder and stalls (a long pause, a stuck disk) past its
        # lease; meanwhile runner B starts and works through everything that is due.
        monkeypatch.setattr(messages, "render", render)
        clock.advance(sending.LEASE + timedelta(minutes=1))
        other["b"] = sending.send_due(engine, settings, runner_id="runner-b", clock=clock)
        return render(session, settings, reminder)

    monkeypatch.setattr(messages, "render", stall_then_render)
    a = sending.send_due(engine, settings, runner_id="runner-a", clock=clock)

    assert (a.sent, a.lost) == (0, 1)  # A found its lease taken over and sent nothing
    assert (other["b"].sent, other["b"].lost) == (3, 0)
    assert_each_delivered_once(smtp, due)
    assert {(r.status, r.claimed_by.split("/")[0]) for r in rows(engine)} == {("sent", "runner-b")}


def test_a_send_that_outlives_its_lease_is_recorded_and_the_runner_that_took_over_sends_nothing(
        engine, settings, world, smtp, add_proceeding):
    # Only possible if the process is suspended or the clocks disagree (the send's time limit is
    # well inside the lease), but then the email did go out, and the row must say so.
    due = plan_due_today(engine, settings, add_proceeding, ["case2"])
    with Session(engine) as s:
        s.exec(delete(Reminder).where(Reminder.kind == "digest"))
        s.commit()
    due = [r for r in due if r.kind != "digest"]
    clock, taken = FakeClock(NOW), {}

    def during_send(_message) -> None:  # in the server, while runner A's message is in flight
        clock.advance(sending.LEASE + timedelta(minutes=1))
        with Session(engine, expire_on_commit=False) as s:
            taken["row"] = sending.claim_next(s, claim_id="runner-b/1", now=clock())

    smtp.on_data = during_send
    a = sending.send_due(engine, settings, runner_id="runner-a", clock=clock)
    smtp.on_data = None

    assert a.sent == 1 and taken["row"] is not None and taken["row"].claimed_by == "runner-b/1"
    [row] = rows(engine)
    assert row.status == "sent" and row.claimed_by.startswith("runner-a/") and "lease" in row.last_error
    b = sending.SendResult()
    with Session(engine, expire_on_commit=False) as s:
        sending.deliver(s, settings, taken["row"], claim_id="runner-b/1", clock=clock, result=b)
    assert (b.sent, b.lost) == (0, 1)
    assert_each_delivered_once(smtp, due)


def test_a_hanging_mail_server_is_cut_off_and_the_reminder_sent_once_later(engine, settings, world, smtp,
                                                                            add_proceeding, monkeypatch):
    due = plan_due_today(engine, settings, add_proceeding, ["case2"])
    assert len(due) == 2
    monkeypatch.setattr(sending, "SEND_TIMEOUT", 0.5)
    smtp.rcpt_delay = 5.0  # the server accepts the connection, then hangs

    started = time.monotonic()
    result = sending.send_due(engine, settings, runner_id="runner-a", clock=at(NOW))

    assert time.monotonic() - started < 4  # two sends cut off at half a second each, not 5 s each
    assert (result.sent, result.retrying) == (0, 2) and smtp.messages == []
    assert result.errors == ["the mail server did not finish within 0.5 seconds"] * 2
    for row in rows(engine):
        assert (row.status, row.attempts, row.lease_until) == ("pending", 1, None)
        assert row.send_after == NOW + sending.RETRY_STEP

    smtp.rcpt_delay = 0.0
    later = sending.send_due(engine, settings, runner_id="runner-a", clock=at(NOW + timedelta(minutes=16)))
    assert later.sent == 2
    assert_each_delivered_once(smtp, due)
