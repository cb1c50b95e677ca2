"""Pages: write a letter from a case (kind, recipient, facts, enclosures), preview, finalise,
download, discard; draft the three freeze letters at once; owners edit their workspace's wording."""

import json
from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.deps import DB, Ctx, audited_read
from app.documents import service as documents
from app.errors import Conflict, Invalid, NotFound
from app.letters import copies, drafts, freeze, prefill, service
from app.letters.catalog import (
    CHOICE_LABELS,
    ID_SHOWN,
    SENDING_METHODS,
    UnknownKind,
    all_kinds,
    get_kind,
)
from app.letters.context import default_id_shown, masked_data
from app.letters.enclosures import option_line
from app.letters.forms import item_rows
from app.letters.render import RenderError, reading_status, render_reading_html, template_source
from app.proceedings import review
from app.proceedings.models import CHANNELS
from app.recipients import service as recipients
from app.tenancy import get_case, get_consumer
from app.web import FormLists, attachment, language, redirect, render, t
from app.workspaces.models import Role

router = APIRouter()
# The letter itself is a standalone document with its own print styles.
LETTER_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"
DOWNLOAD_TYPES = {"pdf": "application/pdf",
                  "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
NOT_READY = "This letter is not ready yet: the letter page says what it still needs."


def _kind_or_404(kind_id: str):
    try:
        return get_kind(kind_id)
    except UnknownKind as exc:
        raise NotFound(kind_id) from exc


def _form_page(request, session, ctx, case, kind, *, values: dict, errors=None, letter=None, status=200):
    facts = values.get("facts", {})
    consumer = get_consumer(session, ctx, case.consumer_id)
    return render(request, "letters/letter_form.html", {
        "case": case, "kind": kind, "letter": letter, "values": values, "facts": facts,
        "rows": item_rows(kind, facts), "errors": errors or {}, "choice_labels": {**CHOICE_LABELS, **kind.choice_labels},
        "recipients": recipients.for_letter(session, ctx, kinds=kind.recipient_kinds, jurisdiction=kind.jurisdiction),
        "methods": SENDING_METHODS, "regions": drafts.regions(kind), "documents": documents.list_for_case(session, case),
        "options": [(tag, option_line(tag, kind.languages[0])) for tag in kind.enclosure_options],
        "has_id_number": bool(consumer.national_id), "id_choices": ID_SHOWN,
    }, status=status)


@router.get("/cases/{case_id}/letters/new")
def letter_new(request: Request, session: DB, ctx: Ctx, case_id: int, kind: str = "", proceeding: int = 0,
               finding: str = ""):
    case = get_case(session, ctx, case_id)
    ctx.require(Role.owner, Role.advocate, Role.volunteer)
    if not kind:
        groups: dict[str, list] = {}
        for k in all_kinds():
            groups.setdefault(k.jurisdiction, []).append(k)
        home, whose = service.home_jurisdictions(session, case)
        show_all = request.query_params.get("all") == "1" or not home & groups.keys()
        shown = groups if show_all else {j: ks for j, ks in groups.items() if j in home}
        return render(request, "letters/letter_choose.html", {"case": case, "groups": shown, "filtered": not show_all,
                                                              "can_filter": bool(home & groups.keys()), "whose": whose})
    letter_kind = _kind_or_404(kind)
    # Nothing is filled in for the person: no example facts, no enclosures they did not choose.
    values = {"lang": letter_kind.languages[0], "sending_method": "certified" if letter_kind.jurisdiction.startswith("us") else "post",
              "letter_date": service.default_letter_date().isoformat(), "region": letter_kind.example_region or "",
              "enclosures": "", "enclose_self": [], "documents": [], "id_shown": default_id_shown(letter_kind),
              "facts": {}, "recipient_id": ""}
    round_ = drafts.round_for(session, ctx, case, proceeding)
    if round_ is not None:
        values.update(recipient_id=str(round_.recipient_id or ""), region=round_.region or values["region"],
                      facts={**prefill.follow_up_facts(session, round_, letter_kind),
                             **review.letter_facts(finding, letter_kind.id)}, proceeding=round_.id)
    return _form_page(request, session, ctx, case, letter_kind, values=values)


@router.post("/cases/{case_id}/letters/new")
def letter_create(request: Request, raw: FormLists, session: DB, ctx: Ctx, case_id: int, kind: str = "", proceeding: int = 0):
    case = get_case(session, ctx, case_id)
    ctx.require(Role.owner, Role.advocate, Role.volunteer)
    letter_kind = _kind_or_404(kind)
    try:
        letter = drafts.create(session, ctx, case, letter_kind, raw, proceeding_id=proceeding)
    except drafts.DraftInvalid as exc:
        values = {**exc.values, "proceeding": proceeding or ""}
        return _form_page(request, session, ctx, case, letter_kind, values=values, errors=exc.errors, status=400)
    return redirect(request, f"/letters/{letter.id}", flash="Draft saved. Check the preview, then finalise it.")


@router.get("/letters/{letter_id}")
def letter_detail(request: Request, session: DB, ctx: Ctx, letter_id: int):
    letter = service.get_letter(session, ctx, letter_id)
    case = get_case(session, ctx, letter.case_id)
    kind = get_kind(letter.kind_id)
    error, hidden = None, False
    try:
        copies.html_for(session, ctx, case, letter)
    except RenderError as exc:
        error = str(exc)
    except copies.IdentifiersHidden:
        hidden = True
    return render(request, "letters/letter_detail.html", {
        "letter": letter, "case": case, "kind": kind, "render_error": error, "channels": CHANNELS,
        "reading": reading_status(language(request), letter.lang, kind),
        "hidden": hidden, "masked": copies.masked_for(ctx, case, letter),
        "problems": service.problems(session, letter), "recipient": service.letter_recipient(session, letter),
        "sent": documents.letter_sent(session, letter), "today_iso": service.default_letter_date().isoformat()})


@router.get("/letters/{letter_id}/view")
@audited_read
def letter_view(request: Request, session: DB, ctx: Ctx, letter_id: int):
    letter = service.get_letter(session, ctx, letter_id)
    case = get_case(session, ctx, letter.case_id)
    try:
        html = copies.html_for(session, ctx, case, letter)
        copies.record(session, ctx, case, letter, how="view")
    except RenderError as exc:
        html = f"<p>{escape(str(exc))}</p>"
    except copies.IdentifiersHidden:
        html = f"<p>{escape(_hidden_message(request))}</p>"
    return HTMLResponse(_screen_page(request, html), headers={"content-security-policy": LETTER_CSP,
                                                              "x-frame-options": "SAMEORIGIN"})


# The paper layout places the sender, recipient and date blocks in millimetres for a window
# envelope (templates/letters/_letter.css); a phone is narrower than the paper, so there the letter
# becomes one column. Only the browser view gets this: the PDF, the DOCX and the kept copies do not.
PHONE_LETTER_CSS = (
    "@media screen and (max-width: 640px) {"
    " body { margin: 0; padding: 4mm; box-shadow: none; }"
    " .letter-head { height: auto; }"
    " .sender-block, .recipient-block, .date { position: static; width: auto; }"
    " .sender-block, .recipient-block, .date { display: block; margin-bottom: 4mm; }"
    " .date { text-align: right; }"
    " .return-line, .fold { display: none; }"
    " .letter { overflow-wrap: anywhere; } }")


def _screen_page(request: Request, html: str) -> str:
    # The browser view gets a main landmark (issue 13); the printed and golden copies stay as they are.
    if "</body>" in html and "<main" not in html:
        head, _sep, rest = html.partition("<body")
        tag, _gt, body = rest.partition(">")
        html = f"{head}<body{tag}><main class=\"letter-screen\">{body.replace('</body>', '</main></body>', 1)}"
        # On a narrow screen the paper-sized letter scrolls inside its own box, not the whole page;
        # on a phone it flows as one column (PHONE_LETTER_CSS), so nothing is cut off at an edge.
        html = html.replace("</head>", "<style>@media screen { main.letter-screen { display: block; max-width: 100vw;"
                            " overflow-x: auto; } }" + PHONE_LETTER_CSS + "</style></head>", 1)
    elif not html.lstrip().lower().startswith("<!doctype"):
        html = f'<!doctype html><html lang="{language(request)}"><meta charset="utf-8"><title>Letter</title><main>{html}</main></html>'
    return html


@router.get("/letters/{letter_id}/reading")
@audited_read
def letter_reading(request: Request, session: DB, ctx: Ctx, letter_id: int):
    """The letter translated for the person, under a banner saying to send the real letter."""
    letter = service.get_letter(session, ctx, letter_id)
    case = get_case(session, ctx, letter.case_id)
    kind = get_kind(letter.kind_id)
    reading = reading_status(language(request), letter.lang, kind)
    if reading["status"] != "ready":
        return render(request, "letters/reading_none.html", {"letter": letter, "kind": kind, "reading": reading})
    data = service.render_data(session, letter)
    if copies.masked_for(ctx, case, letter):
        data = masked_data(data)  # the same identifiers hidden as in this member's copy of the letter
    try:
        own = (letter.template_key.startswith("override:") if letter.status == "final"
               else service.active_override(session, letter.workspace_id, kind.id, letter.lang) is not None)
        html = render_reading_html(kind, data, letter_lang=letter.lang, lang=reading["lang"], own_wording=own)
    except RenderError as exc:
        return render(request, "letters/reading_none.html", {"letter": letter, "kind": kind, "reading": reading,
                                                             "render_error": str(exc)})
    copies.record(session, ctx, case, letter, how="reading")
    return HTMLResponse(_screen_page(request, html), headers={"content-security-policy": LETTER_CSP,
                                                              "x-frame-options": "SAMEORIGIN"})


@router.get("/letters/{letter_id}/edit")
def letter_edit_form(request: Request, session: DB, ctx: Ctx, letter_id: int):
    letter = service.get_letter(session, ctx, letter_id)
    case = get_case(session, ctx, letter.case_id)
    ctx.require(Role.owner, Role.advocate, Role.volunteer)
    if letter.status != "draft":
        return redirect(request, f"/letters/{letter.id}", flash="Only a draft can change.", level="error")
    kind = get_kind(letter.kind_id)
    data = json.loads(letter.data)
    values = {"lang": letter.lang, "sending_method": data["sending_method"], "letter_date": data["date"],
              "region": data.get("region") or "", "enclosures": "\n".join(data.get("enclosures") or []),
              "enclose_self": data.get("enclose_self") or [], "id_shown": data.get("id_shown") or default_id_shown(kind),
              "names_confirmed": bool(data.get("names_confirmed")),
              "documents": [str(d.id) for d in documents.enclosures(session, letter)],
              "facts": data["facts"], "recipient_id": str(letter.recipient_id or "")}
    return _form_page(request, session, ctx, case, kind, values=values, letter=letter)


@router.post("/letters/{letter_id}/edit")
def letter_edit(request: Request, raw: FormLists, session: DB, ctx: Ctx, letter_id: int):
    letter = service.get_letter(session, ctx, letter_id)
    case = get_case(session, ctx, letter.case_id)
    ctx.require(Role.owner, Role.advocate, Role.volunteer)
    kind = get_kind(letter.kind_id)
    values, data, recipient, errors = drafts.read_form(raw, session, ctx, case, kind)
    data["reference"] = letter.reference
    if letter.status != "draft":
        return redirect(request, f"/letters/{letter.id}", flash="Only a draft can change.", level="error")
    if errors:
        return _form_page(request, session, ctx, case, kind, values=values, errors=errors, letter=letter, status=400)
    drafts.save(session, ctx, case, kind, values, data, recipient, letter=letter)
    return redirect(request, f"/letters/{letter.id}", flash="Draft saved.")


@router.post("/letters/{letter_id}/finalise")
def letter_finalise(request: Request, session: DB, ctx: Ctx, letter_id: int):
    letter = service.get_letter(session, ctx, letter_id)
    try:
        service.finalise(session, ctx, letter)
    except service.NotReady:
        return redirect(request, f"/letters/{letter.id}", flash=NOT_READY, level="error")
    except Conflict:
        return redirect(request, f"/letters/{letter.id}", flash="A discarded letter cannot be finalised.",
                        level="error")
    except RenderError as exc:
        return redirect(request, f"/letters/{letter.id}", flash=str(exc), level="error")
    return redirect(request, f"/letters/{letter.id}", flash="Letter finalised. This copy will never change.")


@router.post("/letters/{letter_id}/discard")
def letter_discard(request: Request, session: DB, ctx: Ctx, letter_id: int):
    letter = service.get_letter(session, ctx, letter_id)
    try:
        service.discard(session, ctx, letter)
    except Conflict:
        return redirect(request, f"/letters/{letter.id}", level="error",
                        flash="This letter was recorded as sent, so it cannot be discarded.")
    return redirect(request, f"/cases/{letter.case_id}#letters", flash="Letter discarded. It will not be sent.")


def _hidden_message(request: Request) -> str:
    return t(request, "This letter holds the client's ID number and date of birth, which your role may not see, "
                      "and no copy without them could be made. Ask an owner or advocate for it.")


def _download(request: Request, session, ctx, letter_id: int, how: str):
    letter = service.get_letter(session, ctx, letter_id)
    case = get_case(session, ctx, letter.case_id)
    if letter.status == "discarded":
        return redirect(request, f"/letters/{letter.id}", flash="This letter was discarded.", level="error")
    if service.problems(session, letter):
        return redirect(request, f"/letters/{letter.id}", flash=NOT_READY, level="error")
    try:
        content = (copies.pdf_for if how == "pdf" else copies.docx_for)(session, ctx, case, letter)
    except RenderError as exc:
        return redirect(request, f"/letters/{letter.id}", flash=str(exc), level="error")
    except copies.IdentifiersHidden:
        return redirect(request, f"/letters/{letter.id}", flash=_hidden_message(request), level="error")
    copies.record(session, ctx, case, letter, how=how)
    return attachment(content, DOWNLOAD_TYPES[how], f"{letter.reference}.{how}")


@router.get("/letters/{letter_id}/pdf")
@audited_read
def letter_pdf(request: Request, session: DB, ctx: Ctx, letter_id: int):
    return _download(request, session, ctx, letter_id, "pdf")


@router.get("/letters/{letter_id}/docx")
@audited_read
def letter_docx(request: Request, session: DB, ctx: Ctx, letter_id: int):
    return _download(request, session, ctx, letter_id, "docx")


@router.post("/cases/{case_id}/freeze")
def freeze_all(request: Request, session: DB, ctx: Ctx, case_id: int):
    case = get_case(session, ctx, case_id)
    ctx.require(Role.owner, Role.advocate, Role.volunteer)
    try:
        freeze.draft_freezes(session, ctx, case)
    except Invalid as exc:
        return redirect(request, f"/cases/{case.id}", flash=next(iter(exc.errors.values())), level="error")
    return redirect(request, f"/cases/{case.id}#letters",
                    flash="Three freeze letters drafted, one for each bureau. Check each one, then finalise it.")


# ---- workspace wording --------------------------------------------------------------------------

@router.get("/letter-templates")
def override_list(request: Request, session: DB, ctx: Ctx):
    ctx.require(Role.owner)
    return render(request, "letters/override_list.html", {"kinds": all_kinds()})


@router.get("/letter-templates/{kind_id}/{lang}")
def override_form(request: Request, session: DB, ctx: Ctx, kind_id: str, lang: str):
    ctx.require(Role.owner)
    kind = _kind_or_404(kind_id)
    if lang not in kind.languages:
        raise NotFound(lang)
    row = service.active_override(session, ctx.workspace.id, kind.id, lang)
    return render(request, "letters/override_form.html", {
        "kind": kind, "lang": lang, "source": row.source if row else template_source(kind, lang),
        "original": template_source(kind, lang), "has_override": row is not None})


@router.post("/letter-templates/{kind_id}/{lang}")
def override_save(request: Request, lists: FormLists, session: DB, ctx: Ctx, kind_id: str, lang: str):
    ctx.require(Role.owner)
    kind = _kind_or_404(kind_id)
    source = (lists.get("source") or [""])[0]
    try:
        _row, removed = service.save_override(session, ctx, kind=kind, lang=lang, source=source)
    except Invalid as exc:
        return render(request, "letters/override_form.html", {
            "kind": kind, "lang": lang, "source": source, "original": template_source(kind, lang),
            "has_override": service.active_override(session, ctx.workspace.id, kind.id, lang) is not None,
            "errors": exc.errors}, status=400)
    if removed:
        return redirect(request, f"/letter-templates/{kind.id}/{lang}", level="info", flash=t(
            request, "Saved. New letters use your wording. We removed what letters may not contain: %(removed)s.",
            removed=", ".join(removed[:30]) + (" …" if len(removed) > 30 else "")))
    return redirect(request, f"/letter-templates/{kind.id}/{lang}", flash="Saved. New letters use your wording.")


@router.post("/letter-templates/{kind_id}/{lang}/reset")
def override_reset(request: Request, session: DB, ctx: Ctx, kind_id: str, lang: str):
    ctx.require(Role.owner)
    kind = _kind_or_404(kind_id)
    service.reset_override(session, ctx, kind=kind, lang=lang)
    return redirect(request, f"/letter-templates/{kind.id}/{lang}", flash="Back to the original wording.")
