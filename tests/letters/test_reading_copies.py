"""Reading copies (issue 13): a letter goes out in the language its recipient needs, and the person
reads a translation in their own language, marked "for your understanding; send the real letter".

Every US, California, UK and EU letter has a Spanish reading copy; every Chinese letter an English
one. Each renders from the catalog's example data, carries the banner, and states the same facts as
the letter: every name, number, reference, typed sentence and date the letter prints is in the copy.

The UK and EU Spanish reading templates are written on another branch: until it is merged, run
`pytest tests/letters/test_reading_copies.py -k "not juris-uk and not juris-eu"`.
"""

import re
from pathlib import Path

import pytest
from markupsafe import escape
from sqlmodel import select

from app.accounts.models import User
from app.letters.catalog import all_kinds, example_data, get_kind
from app.letters.context import fmt_date
from app.letters.models import Letter
from app.letters.render import (
    RenderError,
    reading_status,
    reading_template_name,
    render_html,
    render_reading_html,
)
from tests.conftest import post
from tests.letters.test_letters_web import _form

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "letters"
SPANISH_FOR = ("us", "us-ca", "uk", "eu")
CASES = [pytest.param(k.id, "es", id=f"juris-{k.jurisdiction}-{k.id}") for k in all_kinds()
         if k.jurisdiction in SPANISH_FOR]
CASES += [pytest.param(k.id, "en", id=f"juris-{k.jurisdiction}-{k.id}") for k in all_kinds() if k.jurisdiction == "cn"]
BANNER = {"es": "Copia para leer:", "en": "Reading copy:"}
SEND = {"es": {"en": "Envía la carta en inglés, no esta copia."},
        "en": {"zh": "Send the Chinese letter, not this copy."}}


def _leaves(kind, facts: dict) -> tuple[list[str], list[str]]:
    """The text values (names, numbers, typed sentences) and the dates in a letter's facts.
    Choice codes are left out: a letter prints words for them, not the codes."""
    texts, dates = [], []

    def walk(fields, values):
        for f in fields:
            value = values.get(f.name)
            if value in (None, "", []) or f.type in ("choice", "bool", "int"):
                continue
            if f.type == "date":
                dates.append(value)
            elif f.type == "items":
                for item in value:
                    walk(f.item_fields, item)
            elif f.type == "list":
                texts.extend(value)
            else:
                texts.append(str(value))

    walk(kind.fields, facts)
    return texts, dates


def _render_both(kind_id: str, lang: str) -> tuple[object, dict, str, str, str]:
    kind = get_kind(kind_id)
    letter_lang = kind.languages[0]
    data = example_data(kind, letter_lang)
    letter = render_html(kind, data, lang=letter_lang)
    reading = render_reading_html(kind, data, letter_lang=letter_lang, lang=lang)
    return kind, data, letter_lang, letter, reading


def _assert_same_facts(kind, data: dict, letter_lang: str, lang: str, letter: str, reading: str) -> None:
    kind_id = kind.id
    # The same facts: everything the letter prints from the data, the copy prints too.
    recipient = data["recipient"].get("name") or data["facts"].get(kind.addressee_fact or "", "")
    assert data["reference"] in reading
    for value in [data["sender"]["name"], recipient]:  # a portal text prints no names
        if str(escape(value)) in letter:
            assert str(escape(value)) in reading, f"{kind_id}: {value!r} missing"
    texts, dates = _leaves(kind, data["facts"])
    for value in texts:
        shown = str(escape(value))
        if shown in letter:
            assert shown in reading, f"{kind_id}: the letter says {value!r}, the reading copy does not"
    for value in dates:
        if fmt_date(value, letter_lang, kind.jurisdiction) in letter:
            assert fmt_date(value, lang, kind.jurisdiction) in reading, f"{kind_id}: date {value} missing"
    if fmt_date(data["date"], letter_lang, kind.jurisdiction) in letter:  # a portal text has no date
        assert fmt_date(data["date"], lang, kind.jurisdiction) in reading
    # ...and nothing more: a translation has the same items, list entries, headings and deadline box
    # (a kind's own letter in the reader's language, e.g. a Chinese letter's English one, is its own text).
    if lang in kind.languages:
        return
    for mark in ('class="item"', "<li", "<h2", 'class="deadline"', 'class="missing"'):
        assert letter.count(mark) == reading.split("</head>", 1)[-1].count(mark), f"{kind_id}: {mark} count differs"


@pytest.mark.parametrize(("kind_id", "lang"), CASES)
def test_every_letter_has_a_reading_copy_with_the_same_facts(kind_id, lang):
    kind = get_kind(kind_id)
    assert reading_template_name(kind, lang), f"{kind_id}: no reading copy in {lang}"
    kind, data, letter_lang, letter, reading = _render_both(kind_id, lang)
    assert letter_lang != lang
    # The banner, in the reader's language, naming the letter's real language.
    assert BANNER[lang] in reading and 'id="reading-banner"' in reading
    if letter_lang in SEND[lang]:
        assert SEND[lang][letter_lang] in reading
    assert f'<html lang="{lang}">' in reading
    _assert_same_facts(kind, data, letter_lang, lang, letter, reading)


# Words of the letter's own wording that must not be left in English in a Spanish copy.
# (Case-sensitive: the names of Acts and forms, "Annual Credit Report Request Form", stay in English.)
ENGLISH = re.compile(r"\b(the|The|you|You|your|Your|please|Please|request|under section|enclosed|I am|I ask)\b")


@pytest.mark.parametrize(("kind_id", "lang"), [c for c in CASES if c.values[1] == "es"])
def test_spanish_reading_copy_is_in_spanish(kind_id, lang):
    """Once the person's own data is taken out, no English wording is left (Act names stay)."""
    kind, data, letter_lang, _letter, reading = _render_both(kind_id, lang)
    text = re.sub(r"<[^>]+>", " ", reading.split("<body", 1)[1])
    texts, _dates = _leaves(kind, data["facts"])
    own = texts + data.get("enclosures", []) + data["sender"].get("previous_addresses", []) + [
        data["sender"]["name"], *data["sender"]["address"], *data["recipient"].get("address", [])]
    for value in sorted(own, key=len, reverse=True):
        text = text.replace(str(escape(value)), " ")
    leftover = ENGLISH.findall(text)
    assert not leftover, f"{kind_id}: English words left in the Spanish copy: {sorted(set(leftover))}"


def test_reading_templates_use_only_reading_partials():
    """A reading copy includes the Spanish versions of the shared sentences, never the English ones."""
    for path in TEMPLATES.glob("*/*.reading.html"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r'(import|include|extends) "[^"]*(\.en\.html|/_us\.html)"', source), path.name
    for jurisdiction in ("us", "us-ca"):
        for path in (TEMPLATES / jurisdiction).glob("*.en.html"):
            assert path.with_name(path.name.replace(".en.html", ".es.reading.html")).exists(), path.name
    assert (TEMPLATES / "us" / "_us.es.reading.html").exists()


def test_reading_status_rules():
    eu_access, dispute, cn = get_kind("eu.access"), get_kind("us.dispute-cra"), get_kind("cn.objection")
    assert reading_status("en", "en", dispute)["status"] == "same"
    assert reading_status("es", "en", dispute)["status"] == "ready"
    # A kind that can be sent in Spanish is read in its real Spanish template.
    assert reading_template_name(eu_access, "es") == eu_access.template_name("es")
    assert reading_template_name(cn, "en") == cn.template_name("en")
    assert reading_template_name(dispute, "es").endswith("dispute-cra.es.reading.html")
    # No reading copy in a language nobody wrote one in: "missing", not an error.
    assert reading_template_name(dispute, "it") is None
    assert reading_status("it", "en", dispute)["status"] == "missing"


def test_the_copy_shows_no_identifiers_the_letter_hides():
    kind = get_kind("us.dispute-cra")
    data = example_data(kind)
    reading = render_reading_html(kind, data, letter_lang="en", lang="es")
    assert "XXX-XX-6789" in reading and "123-45-6789" not in reading
    # The identifier's label starts a line in the sender block: capitalised in Spanish too.
    assert re.search(r"<p>Número de [^<]*: XXX-XX-6789</p>", reading), reading[:2000]


# ---- the page --------------------------------------------------------------------------------------

def _letter(make_client, world, session) -> tuple[object, int]:
    alice = make_client("alice@example.org")
    r = post(alice, f"/cases/{world.ids['case1']}/letters/new?kind=us.dispute-cra", _form(session))
    assert r.status_code == 303, r.text[-500:]
    return alice, int(r.headers["location"].rsplit("/", 1)[1])


def _speak(session, email: str, language: str) -> None:
    session.rollback()  # a fresh transaction: the app wrote since this session last read
    user = session.exec(select(User).where(User.email == email)).one()
    user.language = language
    session.add(user)
    session.commit()


def test_spanish_reader_gets_the_spanish_copy_with_banner(make_client, world, session):
    alice, letter_id = _letter(make_client, world, session)
    _speak(session, "alice@example.org", "es")
    detail = alice.get(f"/letters/{letter_id}")
    assert detail.status_code == 200 and f'href="/letters/{letter_id}/reading"' in detail.text
    assert "Léela en español" in detail.text
    case_page = alice.get(f"/cases/{world.ids['case1']}")
    assert f'href="/letters/{letter_id}/reading"' in case_page.text
    page = alice.get(f"/letters/{letter_id}/reading")
    assert page.status_code == 200
    assert "Copia para leer:" in page.text and "Envía la carta en inglés, no esta copia." in page.text
    assert "Disputa de información inexacta" in page.text
    for fact in ("Acme Collections LLC", "XXXX4321", "A collection I do not owe.", "Never had this account."):
        assert fact in page.text
    reference = session.get(Letter, letter_id).reference
    assert reference in page.text
    # Not a letter to send: no download or finalise links, and the letter itself stays English.
    assert "/pdf" not in page.text and "finalise" not in page.text
    assert "'unsafe-inline'" in page.headers["content-security-policy"]
    assert "Dispute of inaccurate information" in alice.get(f"/letters/{letter_id}/view").text


def test_letter_in_the_readers_language_needs_no_copy(make_client, world, session):
    alice, letter_id = _letter(make_client, world, session)
    detail = alice.get(f"/letters/{letter_id}")
    assert 'id="reading-not-needed"' in detail.text and f"/letters/{letter_id}/reading" not in detail.text
    page = alice.get(f"/letters/{letter_id}/reading")
    assert page.status_code == 200 and 'id="reading-not-needed"' in page.text
    assert "Copia para leer" not in page.text and 'id="reading-banner"' not in page.text


def test_reading_copy_follows_the_letter_visibility(make_client, world, session):
    _alice, letter_id = _letter(make_client, world, session)
    _speak(session, "erin@example.org", "es")
    assert make_client("erin@example.org").get(f"/letters/{letter_id}/reading").status_code == 404
    _speak(session, "dave@example.org", "es")
    assert make_client("dave@example.org").get(f"/letters/{letter_id}/reading").status_code == 200  # the client


def test_volunteer_reads_the_copy_with_identifiers_hidden(make_client, world, session):
    alice, letter_id = _letter(make_client, world, session)
    _speak(session, "alice@example.org", "es")
    assert "30 de abril de 1980" in alice.get(f"/letters/{letter_id}/reading").text  # the owner sees the birth date
    _speak(session, "carol@example.org", "es")
    page = make_client("carol@example.org").get(f"/letters/{letter_id}/reading")
    assert page.status_code == 200 and "Copia para leer:" in page.text
    assert "30 de abril de 1980" not in page.text and "123-45-6789" not in page.text


def test_copy_of_a_letter_in_workspace_wording_says_it_follows_the_standard_one(make_client, world, session):
    alice = make_client("alice@example.org")
    source = '{% extends "letters/_letter.html" %}{% block subject %}Our clinic disputes{% endblock %}'
    assert post(alice, "/letter-templates/us.dispute-cra/en", {"source": source}).status_code == 303
    _alice, letter_id = _letter(make_client, world, session)
    _speak(session, "alice@example.org", "es")
    page = alice.get(f"/letters/{letter_id}/reading")
    assert 'id="reading-own-wording"' in page.text and "redacción estándar" in page.text


def test_shared_sentences_name_the_same_identifiers_as_the_letter():
    kind = get_kind("us.security-freeze")
    for label, english, spanish in (
            ("Social Security number", "Social Security number", "número de Seguro Social"),
            ("US Social Security number", "Social Security number", "número de Seguro Social"),
            ("US ITIN", "Individual Taxpayer Identification Number", "número de identificación personal del contribuyente"),
            ("Other ID number", "ID number", "número de identificación")):
        data = example_data(kind)
        data["sender"]["id_label"] = label
        assert f"last four digits of my {english} are given above" in render_html(kind, data, lang="en")
        reading = render_reading_html(kind, data, letter_lang="en", lang="es")
        assert f"los últimos cuatro dígitos de mi {spanish}" in reading, label


def _variants(kind, data: dict):
    """The example data, then: nothing enclosed, every optional fact left out, every yes/no flipped,
    and each value of each choice, so that every branch of the wording is rendered."""
    yield data
    yield {**data, "enclose_self": [], "enclosures": []}
    required = {f.name for f in kind.fields if f.required}
    yield {**data, "facts": {k: v for k, v in data["facts"].items() if k in required}}
    flipped = {f.name: not data["facts"].get(f.name) for f in kind.fields if f.type == "bool"}
    yield {**data, "facts": {**data["facts"], **flipped}}
    for f in kind.fields:
        if f.type == "choice":
            for choice in f.choices:
                yield {**data, "facts": {**data["facts"], f.name: choice}}


@pytest.mark.parametrize(("kind_id", "lang"), [c for c in CASES if c.id.startswith(("juris-us-", "juris-us-ca-"))])
def test_every_branch_of_the_us_reading_copies_renders(kind_id, lang):
    kind = get_kind(kind_id)
    for data in _variants(kind, example_data(kind)):
        try:
            letter = render_html(kind, data, lang="en")
        except RenderError:  # data the letter itself cannot use: nor can its copy
            with pytest.raises(RenderError):
                render_reading_html(kind, data, letter_lang="en", lang=lang)
            continue
        reading = render_reading_html(kind, data, letter_lang="en", lang=lang)
        # A draft without a required document says so in both.
        assert ('class="missing"' in letter) == ('class="missing"' in reading), kind_id
        _assert_same_facts(kind, data, "en", lang, letter, reading)
