"""Plain factory functions that build rows through the real services."""

from sqlmodel import Session, select

from app.accounts.service import create_user
from app.cases import service as cases
from app.consumers import service as consumers
from app.consumers.service import AddressInput, ConsumerInput
from app.tenancy import Context
from app.workspaces.models import Member, Role
from app.workspaces.service import create_workspace
from tests.conftest import PASSWORD, World


def user(session: Session, email: str, name: str | None = None):
    return create_user(session, email=email, name=name or email.split("@")[0].title(), password=PASSWORD)


def ctx_for(user_, workspace, member) -> Context:
    return Context(user=user_, workspace=workspace, member=member)


def consumer_input(name: str = "Maria Lopez", **extra) -> ConsumerInput:
    data = ConsumerInput(legal_name=name, date_of_birth="1980-04-30", national_id="123-45-6789",
                         current=AddressInput(line1="1 Main St", city="Springfield", region="IL",
                                              postal_code="62701", country="US", from_date="2020-01-01"))
    for key, value in extra.items():
        setattr(data, key, value)
    return data


def build_world(engine) -> World:
    with Session(engine, expire_on_commit=False) as s:
        alice, bob, carol, dave, erin = (user(s, f"{n}@example.org") for n in ("alice", "bob", "carol", "dave", "erin"))
        ws_a = create_workspace(s, user=alice, name="Clinic A", kind="clinic")
        ws_b = create_workspace(s, user=erin, name="Clinic B", kind="clinic")
        owner_a = s.exec(select(Member).where(Member.workspace_id == ws_a.id, Member.user_id == alice.id)).one()
        owner_b = s.exec(select(Member).where(Member.workspace_id == ws_b.id, Member.user_id == erin.id)).one()
        ctx_a, ctx_b = ctx_for(alice, ws_a, owner_a), ctx_for(erin, ws_b, owner_b)
        c1 = consumers.create_consumer(s, ctx_a, consumer_input("Dave Client"))
        c2 = consumers.create_consumer(s, ctx_a, consumer_input("Other Person", national_id="987-65-4321"))
        c3 = consumers.create_consumer(s, ctx_b, consumer_input("Erin Client"))
        bob_m = Member(workspace_id=ws_a.id, user_id=bob.id, role=Role.advocate)
        carol_m = Member(workspace_id=ws_a.id, user_id=carol.id, role=Role.volunteer)
        dave_m = Member(workspace_id=ws_a.id, user_id=dave.id, role=Role.client, consumer_id=c1.id)
        s.add_all([bob_m, carol_m, dave_m])
        for u in (bob, carol, dave):
            u.current_workspace_id = ws_a.id
        s.flush()
        case1 = cases.open_case(s, ctx_a, consumer_id=c1.id, title="Dave's case")
        case2 = cases.open_case(s, ctx_a, consumer_id=c2.id, title="Unassigned case")
        case3 = cases.open_case(s, ctx_b, consumer_id=c3.id, title="Clinic B case")
        cases.assign(s, ctx_a, case1, member_id=carol_m.id)
        note = cases.add_note(s, ctx_a, case1, body="First call done.")
        inv = None
        s.commit()
        return World(ids={
            "alice": alice.id, "bob": bob.id, "carol": carol.id, "dave": dave.id, "erin": erin.id,
            "ws_a": ws_a.id, "ws_b": ws_b.id, "consumer1": c1.id, "consumer2": c2.id, "consumer3": c3.id,
            "case1": case1.id, "case2": case2.id, "case3": case3.id, "bob_member": bob_m.id,
            "carol_member": carol_m.id, "dave_member": dave_m.id, "alice_member": owner_a.id,
            "erin_member": owner_b.id, "note": note.id, "invitation": inv,
        })


def bump_in_another_process(data_dir, filename: str) -> None:
    """What a change in another worker does to a shared epoch (app/shared_epoch.py), done by a real
    other process."""
    import subprocess
    import sys

    code = ("import sys; from pathlib import Path; from app.shared_epoch import SharedEpoch; "
            "e = SharedEpoch(sys.argv[2]); assert e.configure(Path(sys.argv[1])); assert e.bump()")
    subprocess.run([sys.executable, "-c", code, str(data_dir), filename], check=True, timeout=60)  # noqa: S603
