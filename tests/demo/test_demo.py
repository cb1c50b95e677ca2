"""`recourse demo`: the seeded installation has every state, every persona signs in and sees its
pages, nobody sees another workspace's rows, and the command refuses a data directory in use."""

import base64
from datetime import timedelta

import pytest
from sqlmodel import Session, select
from typer.testing import CliRunner

from app.accounts.models import User
from app.accounts.passwords import verify_password
from app.clock import today
from app.credit_reports import service as reports
from app.credit_reports.models import CreditReport
from app.demo.seed import Demo, seed
from app.letters.models import Letter
from app.proceedings.models import Proceeding, ProceedingEvent
from app.workspaces.models import Member
from tests.conftest import sign_in


@pytest.fixture
def demo(settings, engine) -> Demo:
    return seed(settings, engine=engine, password="demo passphrase for tests")


def test_every_state_is_there_and_real(demo, engine):
    now = today()
    with Session(engine) as s:
        rows = s.exec(select(Proceeding)).all()
        states = {p.state for p in rows}
        assert {"draft", "waiting", "answered", "needs-review"} <= states
        assert s.get(Proceeding, demo.ids["needs_review"]).state == "needs-review"
        assert now <= s.get(Proceeding, demo.ids["due_soon"]).next_due <= now + timedelta(days=7)
        waiting = [p for p in rows if p.state == "waiting"]
        assert any(p.next_overdue and p.next_overdue < now for p in waiting), "an overdue proceeding"
        assert any(p.next_overdue and p.next_overdue >= now for p in waiting), "a proceeding still in time"
        escalated = s.exec(select(ProceedingEvent).where(ProceedingEvent.kind == "escalated")).all()
        assert escalated and any(p.parent_id == escalated[0].proceeding_id for p in rows)
        assert s.get(Proceeding, demo.ids["overdue"]).next_overdue < now
        assert s.get(Proceeding, demo.ids["escalated"]).parent_id == demo.ids["verified"]
        assert {letter.status for letter in s.exec(select(Letter)).all()} == {"draft", "final"}
        final = s.get(Letter, demo.ids["sent_letter"])
        assert final.status == "final" and final.pdf
        # The reports were read from the bureau samples and the analysis finds things in them.
        bureaus = {r.bureau for r in s.exec(select(CreditReport)).all()}
        assert {"Equifax", "Experian", "TransUnion"} <= bureaus
        for report_id in (demo.ids["jordan_report"], demo.ids["dana_report"]):
            _, found, _ = reports.findings_for(s, s.get(CreditReport, report_id))
            assert found
        roles = {m.role for m in s.exec(select(Member).where(Member.workspace_id == demo.ids["clinic"])).all()}
        assert roles == {"owner", "advocate", "volunteer", "client"}
    assert len(demo.personas) == 6 and len({p.email for p in demo.personas}) == 6


def _pages(demo: Demo, *names: str) -> list[str]:
    ids = demo.ids
    paths = {"today": "/today", "jordan_case": f"/cases/{ids['jordan_case']}",
             "jordan_report": f"/reports/{ids['jordan_report']}", "jordan_letter": f"/letters/{ids['jordan_letter']}",
             "jordan_proceeding": f"/proceedings/{ids['jordan_proceeding']}",
             "dana_case": f"/cases/{ids['dana_case']}", "dana_report": f"/reports/{ids['dana_report']}",
             "overdue": f"/proceedings/{ids['overdue']}", "escalated": f"/proceedings/{ids['escalated']}",
             "drafted_letter": f"/letters/{ids['drafted_letter']}", "sam_case": f"/cases/{ids['sam_case']}",
             "sam_report": f"/reports/{ids['sam_report']}", "sent_letter": f"/letters/{ids['sent_letter']}",
             "waiting": f"/proceedings/{ids['waiting']}", "members": "/members", "cases": "/cases"}
    return [paths[n] for n in names]


JORDAN = ("jordan_case", "jordan_report", "jordan_letter", "jordan_proceeding")
CLINIC = ("dana_case", "dana_report", "overdue", "escalated", "drafted_letter", "sam_case", "sent_letter", "waiting")
SEES = {
    "jordan": (("today", "cases", *JORDAN), CLINIC),
    "olivia": (("today", "cases", "members", *CLINIC), JORDAN),
    "ana": (("today", "cases", *CLINIC), JORDAN),
    "ben": (("today", "cases", *CLINIC), JORDAN),
    "vic": (("today", "sam_case", "sam_report", "sent_letter", "waiting"),
            ("dana_case", "dana_report", "overdue", "drafted_letter", *JORDAN)),
    "dana": (("dana_case", "dana_report", "overdue"), ("sam_case", "sam_report", "waiting", *JORDAN)),
}


def test_each_persona_signs_in_and_sees_only_its_own(demo, make_client):
    # One seeded demo for all six (seeding renders the finalised letters' PDFs: seconds, not millis).
    for who, (allowed, hidden) in SEES.items():
        client = make_client()
        sign_in(client, f"{who}@demo.example.org", demo.password)
        for path in _pages(demo, *allowed):
            assert client.get(path).status_code == 200, (who, path)
        for path in _pages(demo, *hidden):
            assert client.get(path).status_code == 404, (who, path)


def test_the_command_refuses_a_data_dir_in_use_then_forces(settings, engine, key, db_url, tmp_path):
    from app.audit import keys as audit_keys
    from app.cli import app as cli
    from app.db import set_engine

    folder = tmp_path / "demo"
    (folder / "documents").mkdir(parents=True)
    (folder / "documents" / "old").write_bytes(b"an earlier installation's file")
    (folder / "audit-head.json").write_text("{}")
    (folder / "session-cache.epoch").write_text("..")  # a server ran on it (app/shared_epoch.py)
    (folder / "page-cache.epoch").write_text(".")
    env = {"RECOURSE_DATABASE_URL": db_url, "RECOURSE_ENCRYPTION_KEY": base64.urlsafe_b64encode(key).decode()}
    try:
        refused = CliRunner().invoke(cli, ["demo", "--data-dir", str(folder)], env=env)
        assert refused.exit_code == 2
        assert "not empty" in refused.output and "--force" in refused.output
        assert (folder / "documents" / "old").exists()

        # --force empties a data directory, never a folder of other files (a mistyped --data-dir).
        (folder / "notes.txt").write_text("mine")
        stray = CliRunner().invoke(cli, ["demo", "--data-dir", str(folder), "--force"], env=env)
        assert stray.exit_code == 2 and "notes.txt" in stray.output
        assert (folder / "documents" / "old").exists()
        (folder / "notes.txt").unlink()

        done = CliRunner().invoke(cli, ["demo", "--data-dir", str(folder), "--force"], env=env)
        assert done.exit_code == 0, done.output
        assert not (folder / "documents" / "old").exists()
        password = done.output.split("Password for every account: ", 1)[1].split()[0]
        for who in SEES:
            assert f"{who}@demo.example.org" in done.output
        with Session(engine) as s:
            users = s.exec(select(User)).all()
            assert len(users) == 6 and all(verify_password(u.password_hash, password) for u in users)
        for path in folder.rglob("*"):  # printed, never stored
            assert not path.is_file() or password.encode() not in path.read_bytes()

        # A database that already has accounts is never seeded over, even with --force.
        again = CliRunner().invoke(cli, ["demo", "--data-dir", str(folder), "--force"], env=env)
        assert again.exit_code == 2 and "already has accounts" in again.output
        assert any(folder.iterdir())  # refused before anything was deleted
    finally:
        set_engine(engine)  # the test's own engine again for the fixtures' teardown
        audit_keys.configure(settings.data_dir)
