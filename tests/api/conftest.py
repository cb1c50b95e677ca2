"""API fixtures: tokens for the personas and a world with a report, a letter and a proceeding per case."""

import pytest
from sqlmodel import Session

from app.accounts.service import token_hash
from app.api import tokens
from app.api.models import ApiToken
from app.cases.models import Case
from app.credit_reports import service as credit_reports
from app.letters import service as letters
from app.letters.catalog import example_data, get_kind
from app.proceedings import service as proceedings
from tests.credit_reports.conftest import fixture_report
from tests.documents.conftest import context


@pytest.fixture
def make_token(engine, world):
    """make_token("alice", ["read"]) -> the secret. Owners go through the service; for another role
    the row is written directly (only owners may create tokens, but a token acts with its creator's
    current role, so a demoted owner's token is one way to get there)."""

    def factory(persona: str = "alice", scopes=("read", "write"), workspace: str | None = None) -> str:
        workspace = workspace or ("ws_b" if persona == "erin" else "ws_a")
        ctx = context(engine, world.ids[persona], world.ids[workspace])
        with Session(engine, expire_on_commit=False) as s:
            if ctx.role == "owner":
                _token, secret = tokens.create_token(s, ctx, name=f"{persona} script", scopes=list(scopes))
            else:
                secret = tokens.PREFIX + f"test-{persona}-{'-'.join(scopes)}"
                s.add(ApiToken(workspace_id=ctx.workspace.id, name=persona, token_hash=token_hash(secret),
                               scopes=" ".join(scopes), created_by_id=ctx.user.id))
            s.commit()
        return secret

    return factory


@pytest.fixture
def api(client, make_token):
    """A client with alice's read-write token in its headers."""
    client.headers["authorization"] = f"Bearer {make_token('alice')}"
    return client


@pytest.fixture
def filed(engine, world) -> dict:
    """Per case (1 and 2 in clinic A, 3 in clinic B): a report, a draft letter, a proceeding with a sent event."""
    out = {}
    for n, owner, ws in ((1, "alice", "ws_a"), (2, "alice", "ws_a"), (3, "erin", "ws_b")):
        ctx = context(engine, world.ids[owner], world.ids[ws])
        with Session(engine, expire_on_commit=False) as s:
            case = s.get(Case, world.ids[f"case{n}"])
            kind = get_kind("us.dispute-cra")
            letter = letters.save_draft(s, ctx, case, kind=kind, lang="en", recipient=None,
                                        data=example_data(kind, "en"))
            proceeding = proceedings.open_proceeding(s, ctx, case, procedure_id="us.fcra.dispute-cra",
                                                     items=[{"furnisher": "Acme", "what_is_wrong": "Not mine"}])
            proceedings.add_event(s, ctx, proceeding, kind="sent", on="2026-09-01", channel="post")
            report = credit_reports.save_report(s, ctx, case, fixture_report(), source="json")
            s.commit()
            out.update({f"letter{n}": letter.id, f"proceeding{n}": proceeding.id, f"report{n}": report.id})
    return out
