"""Drafting a letter from the letter form's fields: shared by the letter pages and the JSON API
(which turns its JSON body into the same fields), so both check and save a draft the same way."""

from datetime import date

from app.documents import service as documents
from app.errors import Invalid, NotFound
from app.letters import service
from app.letters.context import default_id_shown
from app.letters.enclosures import OPTIONS
from app.letters.forms import parse_facts
from app.proceedings import service as proceedings
from app.recipients import service as recipients
from app.rules.jurisdictions import BY_FOLDER
from app.tenancy import get_consumer


class DraftInvalid(Invalid):
    """The form's problems, with the values read from it (to show the form again)."""

    def __init__(self, errors: dict[str, str], values: dict):
        super().__init__(errors)
        self.values = values


def regions(kind) -> tuple[str, ...]:
    """Regions that change the holiday calendar: only where there is a choice to make."""
    place = BY_FOLDER.get(kind.jurisdiction)
    return place.regions if place and place.asks_region else ()


def round_for(session, ctx, case, proceeding_id: int):
    """The proceeding (a follow-up round) this letter is for, if any; it must be in this case."""
    if not proceeding_id:
        return None
    row = proceedings.get_proceeding(session, ctx, proceeding_id)
    if row.case_id != case.id:
        raise NotFound("proceeding")
    return row


def read_form(raw: dict[str, list[str]], session, ctx, case, kind):
    def one(name: str) -> str:
        return (raw.get(name) or [""])[0]

    values = {"lang": one("lang"), "sending_method": one("sending_method"), "letter_date": one("letter_date"),
              "region": one("region"), "enclosures": one("enclosures_other"), "recipient_id": one("recipient_id"),
              "enclose_self": [t for t in raw.get("enclose_self", []) if t in OPTIONS],
              "documents": [v for v in raw.get("document_id", []) if v.isdigit()],
              "id_shown": one("id_shown") or default_id_shown(kind), "names_confirmed": bool(one("names_confirmed")),
              "facts": parse_facts(kind, raw)}
    recipient = None
    if values["recipient_id"].isdigit():
        try:
            recipient = recipients.get_visible(session, ctx, int(values["recipient_id"]))
        except NotFound:
            recipient = None
    consumer = get_consumer(session, ctx, case.consumer_id)
    try:
        letter_date = date.fromisoformat(values["letter_date"])
    except ValueError:
        letter_date = service.default_letter_date()
    data = service.build_data(session, consumer=consumer, recipient=recipient, reference="", letter_date=letter_date,
                              sending_method=values["sending_method"], region=values["region"] or None,
                              enclosures=[e.strip() for e in values["enclosures"].splitlines() if e.strip()],
                              enclose_self=values["enclose_self"], id_shown=values["id_shown"],
                              names_confirmed=values["names_confirmed"], facts=values["facts"])
    errors = service.check_form(kind, lang=values["lang"], sending_method=values["sending_method"],
                                letter_date=values["letter_date"], data=data)
    if values["region"] and values["region"] not in regions(kind):
        errors["region"] = "Choose a region from the list."
    in_case = {str(d.id) for d in documents.list_for_case(session, case)}
    if len(values["documents"]) != len(raw.get("document_id", [])) or not set(values["documents"]) <= in_case:
        errors["documents"] = "Choose documents from this letter's case."
    return values, data, recipient, errors


def save(session, ctx, case, kind, values, data, recipient, letter=None):
    letter = service.save_draft(session, ctx, case, kind=kind, lang=values["lang"], recipient=recipient, data=data,
                                letter=letter)
    documents.set_enclosures(session, ctx, letter, [int(v) for v in values["documents"]])
    return letter


def create(session, ctx, case, kind, raw: dict[str, list[str]], *, proceeding_id: int = 0):
    """A new draft from the form's fields, linked to its round if it is a follow-up; DraftInvalid otherwise."""
    round_ = round_for(session, ctx, case, proceeding_id)
    values, data, recipient, errors = read_form(raw, session, ctx, case, kind)
    data["reference"] = service.next_reference(session, case)
    if errors:
        raise DraftInvalid(errors, values)
    letter = save(session, ctx, case, kind, values, data, recipient)
    if round_ is not None:
        proceedings.link_letter(session, ctx, round_, letter)
    return letter
