""""Freeze my credit": one security freeze letter per nationwide bureau, drafted at once.

A freeze at one bureau does not reach the others (FCRA §605A(i); legal-rules.md §1.3: not
referred), so each bureau gets its own letter at its freeze address (legal-rules-addresses.md
§1(a): TransUnion's is UNVERIFIED, and its directory entry says so). Each draft opens its
proceeding, like the dispute builder's, and waits on Today until it is sent or discarded.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from app.cases.models import Case
from app.errors import Invalid
from app.letters import service as letters
from app.letters.catalog import get_kind
from app.letters.models import Letter
from app.proceedings import service as proceedings
from app.recipients.models import Recipient
from app.tenancy import Context, get_consumer

# The seeded freeze addresses (app/recipients/data/us.json), one per bureau.
FREEZE_ADDRESSES = {"equifax": "us-equifax-freeze", "experian": "us-experian-freeze",
                    "transunion": "us-transunion-freeze"}


def draft_freezes(session: Session, ctx: Context, case: Case) -> list[Letter]:
    kind = get_kind("us.security-freeze")
    consumer = get_consumer(session, ctx, case.consumer_id)
    by_slug = {r.slug: r for r in session.exec(select(Recipient).where(
        col(Recipient.slug).in_(FREEZE_ADDRESSES.values()))).all()}
    if len(by_slug) != len(FREEZE_ADDRESSES):
        raise Invalid({"freeze": "The bureaus' freeze addresses are missing from the directory."})
    drafted = []
    for bureau, slug in FREEZE_ADDRESSES.items():
        recipient = by_slug[slug]
        data = letters.build_data(session, consumer=consumer, recipient=recipient,
                                  reference=letters.next_reference(session, case),
                                  letter_date=letters.default_letter_date(), sending_method="certified", region=None,
                                  facts={"bureau": bureau, "other_bureaus": True})
        letter = letters.save_draft(session, ctx, case, kind=kind, lang="en", recipient=recipient, data=data)
        proceedings.open_proceeding(session, ctx, case, procedure_id=kind.procedure_id, recipient=recipient,
                                    title=kind.title, letter=letter)
        drafted.append(letter)
    return drafted
