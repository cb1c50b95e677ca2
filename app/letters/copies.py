"""What a member gets when they open or download a letter, and the audit entry for it.

A letter prints the person's ID number and date of birth, so letters follow the rule for revealing
them (app.tenancy.sees_identifiers): owners, advocates and the client get the letter as written; a
volunteer gets a masked copy (the number cut to its last four characters, no date of birth), in the
preview, the PDF, the DOCX and the mailing packet.

A finalised letter is an exact snapshot that never changes, and its snapshot holds the full values.
So finalising also keeps a masked snapshot, rendered from the same template and the same data with
the values hidden at the source (Letter.html_masked); a volunteer's PDF and DOCX are made from it.
A letter finalised before masked snapshots existed is re-rendered masked only when its template and
data are provably the ones it was finalised with (same template key, version and data hash);
otherwise a volunteer is told plainly to ask an owner or advocate, never handed the full snapshot.

Every view and download writes an audit entry saying which copy was seen.
"""

from __future__ import annotations

import json

from sqlmodel import Session

from app.audit import service as audit
from app.cases.models import Case
from app.letters import render
from app.letters.catalog import get_kind
from app.letters.context import holds_identifiers, masked_data
from app.letters.models import Letter
from app.letters.service import active_override, letter_html, pdf_bytes, render_data
from app.tenancy import Context, sees_identifiers


class IdentifiersHidden(Exception):
    """Only a copy with the full identifiers exists, and this member may not see them."""


def masked_for(ctx: Context, case: Case, letter: Letter) -> bool:
    return not sees_identifiers(ctx, case.consumer_id) and holds_identifiers(json.loads(letter.data))


def masked_html(session: Session, letter: Letter) -> str:
    """The letter with its identifiers hidden (raises RenderError, or IdentifiersHidden for an old
    snapshot that cannot be reproduced exactly)."""
    kind = get_kind(letter.kind_id)
    data = render_data(session, letter)  # a draft with the documents attached to it now
    if letter.status == "final" and letter.html_masked is not None:
        if letter.template_key.startswith("override:"):  # a workspace's wording: cleaned on the way out
            return render.untrusted_page(kind, masked_data(data), lang=letter.lang, html=letter.html_masked)
        return letter.html_masked
    override = active_override(session, letter.workspace_id, kind.id, letter.lang)
    source = override.source if override else None
    if letter.status == "final":
        key = f"override:{override.id}" if override else kind.template_name(letter.lang)
        same = (key == letter.template_key and render.template_version(kind, letter.lang, source) == letter.template_version
                and render.data_hash(data) == letter.data_hash)
        if not same:
            raise IdentifiersHidden()
    try:
        return render.render_html(kind, masked_data(data), lang=letter.lang, override=source)
    except render.RenderError:
        raise
    except (ValueError, TypeError) as exc:  # a wording that insists on a real date, say
        raise IdentifiersHidden() from exc


def html_for(session: Session, ctx: Context, case: Case, letter: Letter) -> str:
    return masked_html(session, letter) if masked_for(ctx, case, letter) else letter_html(session, letter)


def pdf_for(session: Session, ctx: Context, case: Case, letter: Letter) -> bytes:
    if masked_for(ctx, case, letter):
        untrusted = (letter.template_key.startswith("override:") if letter.status == "final"
                     else active_override(session, letter.workspace_id, letter.kind_id, letter.lang) is not None)
        return render.render_pdf(masked_html(session, letter), lang=letter.lang, untrusted=untrusted)
    return pdf_bytes(session, letter)


def docx_for(session: Session, ctx: Context, case: Case, letter: Letter) -> bytes:
    return render.render_docx(html_for(session, ctx, case, letter), reference=letter.reference, lang=letter.lang)


def record(session: Session, ctx: Context, case: Case, letter: Letter, *, how: str) -> None:
    """Audit one view ("view", or "reading": the reading copy) or download ("pdf", "docx", "packet") of a letter, with which copy."""
    if not holds_identifiers(json.loads(letter.data)):
        copy = "none"
    else:
        copy = "masked" if masked_for(ctx, case, letter) else "full"
    audit.record(session, action="letter.viewed" if how in ("view", "reading") else "letter.downloaded", actor_id=ctx.user.id,
                 workspace_id=ctx.workspace.id, object_type="letter", object_id=letter.id, ip=ctx.ip,
                 detail={"format": how, "identifiers": copy, "case": case.id})
