"""/api/v1 letters: draft one from JSON (turned into the letter form's fields and checked and saved
by app/letters/drafts.py, as the letter page does), read it, and download its PDF."""

from fastapi import APIRouter, Response, status

from app.api.deps import ApiCtx
from app.api.problems import MEDIA_TYPE, Problem
from app.api.schemas import LetterDetail, LetterIn, LetterOut
from app.deps import DB
from app.errors import Conflict, Forbidden, Invalid
from app.letters import copies, drafts, service
from app.letters.catalog import UnknownKind, get_kind
from app.letters.render import RenderError
from app.tenancy import get_case
from app.workspaces.models import Role

router = APIRouter(tags=["letters"])


def _form_fields(body: LetterIn, kind) -> dict[str, list[str]]:
    """The JSON body as the letter form's fields (facts.NAME, facts.NAME.0.SUB for items)."""
    raw: dict[str, list[str]] = {
        "lang": [body.lang or kind.languages[0]],
        "sending_method": [body.sending_method or ("certified" if kind.jurisdiction.startswith("us") else "post")],
        "letter_date": [body.letter_date or service.default_letter_date().isoformat()],
        "region": [body.region], "id_shown": [body.id_shown],
        "enclosures_other": ["\n".join(body.enclosures)], "enclose_self": list(body.enclose_self),
        "document_id": [str(d) for d in body.document_ids],
        "recipient_id": [str(body.recipient_id) if body.recipient_id else ""],
        "names_confirmed": ["1"] if body.names_confirmed else [],
    }
    for name, value in body.facts.items():
        if isinstance(value, list) and any(isinstance(v, dict) for v in value):
            for index, item in enumerate(value):
                for sub, sub_value in (item.items() if isinstance(item, dict) else ()):
                    raw[f"facts.{name}.{index}.{sub}"] = [_text(sub_value)]
        else:
            raw[f"facts.{name}"] = [_text(value)]
    return {k: [v.strip() for v in vs if v.strip()] for k, vs in raw.items()}


def _text(value) -> str:
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return str(value)


@router.get("/cases/{case_id}/letters", response_model=list[LetterOut])
def letters_list(case_id: int, session: DB, ctx: ApiCtx):
    case = get_case(session, ctx, case_id)
    return [LetterOut.of(letter) for letter in service.case_letters(session, case)]


@router.post("/cases/{case_id}/letters", response_model=LetterDetail, status_code=status.HTTP_201_CREATED)
def letters_draft(case_id: int, body: LetterIn, session: DB, ctx: ApiCtx):
    """Save a draft. Its problems (what it still needs before a PDF) come back with it."""
    case = get_case(session, ctx, case_id)
    ctx.require(Role.owner, Role.advocate, Role.volunteer)
    try:
        kind = get_kind(body.kind)
    except UnknownKind:
        raise Invalid({"kind": "Choose a letter kind from the catalog."}) from None
    letter = drafts.create(session, ctx, case, kind, _form_fields(body, kind), proceeding_id=body.proceeding_id or 0)
    return _detail(session, letter)


def _detail(session, letter) -> LetterDetail:
    return LetterDetail(**LetterOut.of(letter).model_dump(),
                        problems=[p.message for p in service.problems(session, letter)])


@router.get("/letters/{letter_id}", response_model=LetterDetail)
def letters_get(letter_id: int, session: DB, ctx: ApiCtx):
    return _detail(session, service.get_letter(session, ctx, letter_id))


@router.get("/letters/{letter_id}/pdf", response_class=Response,
            responses={200: {"content": {"application/pdf": {}}, "description": "The letter as a PDF"},
                       409: {"model": Problem, "content": {MEDIA_TYPE: {}}, "description": "Not ready or discarded"}})
def letters_pdf(letter_id: int, session: DB, ctx: ApiCtx):
    letter = service.get_letter(session, ctx, letter_id)
    case = get_case(session, ctx, letter.case_id)
    if letter.status == "discarded":
        raise Conflict("This letter was discarded.")
    if problems := service.problems(session, letter):
        raise Conflict("This letter is not ready yet: " + "; ".join(p.message for p in problems))
    try:
        content = copies.pdf_for(session, ctx, case, letter)
    except RenderError as exc:
        raise Conflict(str(exc)) from None
    except copies.IdentifiersHidden:
        raise Forbidden("identifiers") from None
    copies.record(session, ctx, case, letter, how="pdf")
    return Response(content, media_type="application/pdf",
                    headers={"content-disposition": f'attachment; filename="{letter.reference}.pdf"'})



