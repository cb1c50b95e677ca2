"""Planning from stored deadlines, delivery to a real SMTP server on loopback, retries."""

import logging
from datetime import timedelta

from sqlmodel import Session, col, select

from app.cases.models import Case
from app.messages import day_text
from app.proceedings.models import ProceedingDeadline
from app.reminders import planning, sending
from app.reminders.models import Reminder
from tests.reminders.conftest import ACCOUNT, DOB, NOW, SSN, TODAY, at, days, free_port


def reminders(engine, **where) -> list[Reminder]:
    with Session(engine) as s:
        query = select(Reminder).order_by(Reminder.id)
        for name, value in where.items():
            query = query.where(getattr(Reminder, name) == value)
        return list(s.exec(query).all())


def run_plan(engine, settings, today=TODAY):
    with Session(engine) as s:
        result = planning.plan(s, today=today, settings=settings)
        s.commit()
    return result


def test_plan_tells_assigned_members_else_owners(engine, settings, world, add_proceeding):
    ids = world.ids
    p1 = add_proceeding("case1", [{"due": days(3), "overdue_after": days(4)}])  # carol is assigned
    p2 = add_proceeding("case2", [{"due": days(10)}])  # nobody assigned: the owner, alice
    add_proceeding("case1", [{"due": days(5), "applies": False}])  # not applicable: nothing
    add_proceeding("case1", [{"due": days(5)}], state="closed")  # closed: nothing

    result = run_plan(engine, settings)

    got = {(r.user_id, r.proceeding_id, r.kind, r.send_after.date()) for r in reminders(engine)}
    assert got == {
        (ids["carol"], p1, "before", TODAY), (ids["carol"], p1, "due", days(3)), (ids["carol"], p1, "overdue", days(5)),
        (ids["carol"], None, "digest", TODAY),
        (ids["alice"], p2, "before", days(7)), (ids["alice"], p2, "due", days(10)), (ids["alice"], p2, "overdue", days(11)),
    }
    assert result.created == 7
    assert all(r.send_after.hour == 8 and r.status == "pending" for r in reminders(engine))
    # Idempotent: a second run adds nothing.
    assert run_plan(engine, settings).created == 0
    assert len(reminders(engine)) == 7


def test_plan_skips_history_and_follows_moved_deadlines(engine, settings, world, add_proceeding):
    ids = world.ids
    old = add_proceeding("case1", [{"due": days(-1), "overdue_after": days(-1)}])
    run_plan(engine, settings)
    # "before" (3 days ago) is history; "due" was yesterday (kept: within a day); overdue is today.
    assert {r.kind for r in reminders(engine, proceeding_id=old)} == {"due", "overdue"}

    moved = add_proceeding("case2", [{"due": days(20)}])
    run_plan(engine, settings)
    assert {r.due_date for r in reminders(engine, proceeding_id=moved)} == {days(20)}
    with Session(engine) as s:  # the deadline is recomputed to a later date
        row = s.exec(select(ProceedingDeadline).where(ProceedingDeadline.proceeding_id == moved)).one()
        row.due = days(25)
        s.add(row)
        s.commit()
    result = run_plan(engine, settings)
    assert result.removed == 3
    rows = reminders(engine, proceeding_id=moved)
    assert {r.due_date for r in rows} == {days(25)} and len(rows) == 3
    assert all(r.user_id == ids["alice"] for r in rows)


def test_send_delivers_with_link_and_without_sensitive_data(engine, settings, world, smtp, add_proceeding):
    p1 = add_proceeding("case1", [{"due": days(3), "overdue_after": days(4)}])
    run_plan(engine, settings)

    result = sending.send_due(engine, settings, runner_id="test", clock=at(NOW))

    assert result.sent == 2  # carol's "3 days before" reminder and her digest
    mails = smtp.to("carol@example.org")
    assert len(mails) == 2 and len(smtp.messages) == 2
    for message in mails:
        body = message.get_content()
        assert f"{settings.base_url}/proceedings/{p1}" in body
        for secret in (SSN, "6789", DOB, ACCOUNT, "Dave Client"):
            assert secret not in body and secret not in message["Subject"]
    reminder_mail = next(m for m in mails if "Deadline on" in m["Subject"])
    body = reminder_mail.get_content()
    assert "Dispute an item with a credit bureau" in body and "15 U.S.C. 1681i(a)(1)(A)" in body
    assert day_text(days(3), "en") in body and "Hello Carol" in body and "Equifax" in body
    with Session(engine) as s:
        assert f"Case: {s.get(Case, world.ids['case1']).number}" in body
    sent = [r for r in reminders(engine) if r.status == "sent"]
    assert {r.kind for r in sent} == {"before", "digest"} and all(r.sent_at and r.attempts == 1 for r in sent)
    # Nothing is sent twice.
    assert sending.send_due(engine, settings, runner_id="test", clock=at(NOW)).sent == 0
    assert len(smtp.messages) == 2


def test_failed_send_is_retried_later_and_logged(engine, settings, world, smtp, add_proceeding, caplog):
    add_proceeding("case2", [{"due": days(3)}])
    run_plan(engine, settings)
    smtp.stop()  # nothing listens on the port any more
    settings.smtp_port = free_port()

    with caplog.at_level(logging.WARNING, logger="recourse.reminders"):
        result = sending.send_due(engine, settings, runner_id="test", clock=at(NOW))
    assert (result.sent, result.retrying) == (0, 2)
    assert "not sent (attempt 1)" in caplog.text
    for r in reminders(engine, status="pending"):
        if r.send_after.date() == TODAY:
            assert r.attempts == 1 and r.last_error and r.send_after == NOW + timedelta(minutes=15)
            assert r.claimed_by == ""
    # Not due again before the back-off ends.
    assert sending.send_due(engine, settings, runner_id="test", clock=at(NOW + timedelta(minutes=5))).retrying == 0

    smtp.start(settings)
    result = sending.send_due(engine, settings, runner_id="test", clock=at(NOW + timedelta(minutes=16)))
    assert result.sent == 2 and len(smtp.to("alice@example.org")) == 2
    assert {r.attempts for r in reminders(engine, status="sent")} == {2}


def test_gives_up_after_max_attempts(engine, settings, world, add_proceeding, caplog):
    add_proceeding("case2", [{"due": days(3)}])
    run_plan(engine, settings)
    settings.smtp_host, settings.smtp_port, settings.smtp_starttls = "127.0.0.1", free_port(), False
    now = NOW
    with caplog.at_level(logging.WARNING, logger="recourse.reminders"):
        for _ in range(sending.MAX_ATTEMPTS):
            sending.send_due(engine, settings, runner_id="test", clock=at(now))
            now += timedelta(hours=3)
    failed = reminders(engine, status="failed")
    assert len(failed) == 2 and all(r.attempts == sending.MAX_ATTEMPTS and r.last_error for r in failed)
    assert "failed for good" in caplog.text
    with Session(engine) as s:  # still there, visible to an operator
        assert s.exec(select(Reminder).where(col(Reminder.status) == "failed")).all()
