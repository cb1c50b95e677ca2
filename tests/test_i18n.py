"""The Spanish catalog (app/locale/es.po) covers every UI message, and the app serves it.

When a check below fails, it prints PO entries ready to paste into app/locale/es.po.
`python -m app.i18n_extract` lists every msgid the UI can show.
"""

import re

import pytest
from babel.messages.pofile import escape, read_po
from markupsafe import escape as html_escape

from app import i18n
from app.i18n_extract import messages, python_messages, template_messages
from app.workspaces.models import Role, WorkspaceKind
from tests.conftest import post

PO_PATH = i18n._LOCALE_DIR / "es.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdifr]")


@pytest.fixture(scope="module")
def po():
    with PO_PATH.open("rb") as fh:
        return read_po(fh, locale="es")


@pytest.fixture(scope="module")
def wanted() -> set[str]:
    return messages()


def _entries(msgids) -> str:
    return "\n\n".join(f"msgid {escape(m)}\nmsgstr \"\"" for m in sorted(msgids))


def es(message: str) -> str:
    """The Spanish text as it appears in HTML."""
    return str(html_escape(i18n.translate("es", message)))


# ---- the catalog ----------------------------------------------------------------------------

def test_every_message_has_a_spanish_translation(po, wanted):
    translated = {m.id for m in po if m.id and m.string and m.string.strip() and not m.fuzzy}
    missing = wanted - translated
    assert not missing, (f"{len(missing)} msgid(s) missing, empty or fuzzy in {PO_PATH.name}; "
                         f"add these and translate them:\n\n{_entries(missing)}\n")


def test_placeholders_match(po):
    wrong = []
    for m in po:
        if not m.id or not m.string:
            continue
        names = set(PLACEHOLDER.findall(m.id))
        if set(PLACEHOLDER.findall(m.string)) != names:
            wrong.append(f"{m.id!r}\n  -> {m.string!r}")
            continue
        if names:  # formats cleanly (no stray "%" in the translation)
            try:
                m.string % dict.fromkeys(names, "x")
            except (ValueError, TypeError, KeyError) as exc:
                wrong.append(f"{m.id!r}\n  -> {m.string!r} ({exc})")
    assert not wrong, "Placeholders differ between msgid and translation:\n" + "\n".join(wrong)


def test_no_obsolete_entries(po, wanted):
    stale = {m.id for m in po if m.id} - wanted
    assert not stale, (f"{len(stale)} entr(y/ies) in {PO_PATH.name} no longer used by the UI; "
                       f"delete them:\n\n{_entries(stale)}\n")
    assert not po.obsolete, f"Delete the #~ obsolete entries: {sorted(po.obsolete)}"


def test_header():
    text = PO_PATH.read_text(encoding="utf-8")
    assert '"Language: es\\n"' in text
    assert "charset=UTF-8" in text
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in text


def test_stored_words_are_extracted(wanted):
    # Roles and workspace kinds are shown through _(value): the fixed list must follow the enums.
    assert {r.value for r in Role} | {k.value for k in WorkspaceKind} | {"open", "closed"} <= wanted


# ---- the extractor --------------------------------------------------------------------------

def test_letter_catalog_words_are_extracted(po, wanted):
    """The letter pages show catalog words through `_(kind.title)` etc., which no literal scan
    finds: letter_messages() reads them from the loaded catalog (and procedure titles from the
    registry), so a catalog word without its translation fails the check above."""
    from app.i18n_extract import letter_messages, rules_messages
    from app.letters.catalog import CHOICE_LABELS, get_kind
    from app.rules import get_procedure

    kind = get_kind("us.dispute-cra")
    items = kind.fields[0]
    words = {kind.title, kind.purpose, items.label, items.help, items.item_fields[0].label,
             CHOICE_LABELS["lift-temporarily"]}  # a choice's words on the form
    assert words <= letter_messages()
    assert {i18n.word(m) for m in letter_messages()} <= wanted  # codes (actions) as their words
    assert not words & (template_messages() | python_messages())  # found only in the catalog
    assert get_procedure("us.fcra.dispute-cra").title in rules_messages()
    # Taking one translation out of the catalog makes it missing.
    translated = {m.id for m in po if m.id and m.string} - {kind.title}
    assert kind.title in wanted - translated


def test_template_extraction(tmp_path):
    (tmp_path / "a.html").write_text(
        """{{ _("Double") }} {{ _('Single') }} {{ _("Say \\"hi\\"") }} {{ _('It\\'s') }}
        {{ f.input("x", _("In a macro call"), hint=_("Hint %(n)s", n=3)) }}
        {{ _(variable) }} {{ _(errors.get(name)) }} {{ other("Not this") }}""", encoding="utf-8")
    assert template_messages(tmp_path) == {"Double", "Single", 'Say "hi"', "It's", "In a macro call",
                                           "Hint %(n)s"}


def test_python_extraction(tmp_path):
    (tmp_path / "views.py").write_text('''
def view(request):
    errors = {}
    errors["a"] = "Assigned error."
    errors["b"] = "One." if request else "Other."
    t(request, "Via t %(x)s", x=1)
    t(request, some_variable)
    redirect(request, "/", flash="Flashed.")
    raise Invalid({"c": "Dict error.", "d": "Joined " "literal."})
    raise SignInError("Sign-in error.", 30)
    _error_page(request, 404, "Title", "Message")
    return render(request, "x.html", {"errors": {"e": "Render error."}, "title": "Not this"})
ID_KINDS = {"ssn": "Kind label"}
''', encoding="utf-8")
    (tmp_path / "passwords.py").write_text('''
def problem(p):
    if p:
        return "Too short."
    return None
''', encoding="utf-8")
    assert python_messages(tmp_path) == {
        "Assigned error.", "One.", "Other.", "Via t %(x)s", "Flashed.", "Dict error.", "Joined literal.",
        "Sign-in error.", "Title", "Message", "Render error.", "Kind label", "Too short."}


# ---- the app in Spanish ---------------------------------------------------------------------

def test_accept_language_gives_spanish_pages(world, client):
    page = client.get("/signin", headers={"accept-language": "es-MX,es;q=0.9,en;q=0.5"})
    assert page.status_code == 200
    assert '<html lang="es">' in page.text
    assert es("Sign in") != "Sign in" and es("Sign in") in page.text
    assert es("Forgot your password?") in page.text
    english = client.get("/signin", headers={"accept-language": "en-US"})
    assert '<html lang="en">' in english.text and "Forgot your password?" in english.text


def test_language_switch_sets_cookie(world, client):
    r = post(client, "/language", {"language": "es", "next": "/signin"})
    assert r.status_code == 303 and r.headers["location"] == "/signin"
    assert client.cookies.get("recourse_lang") == "es"
    page = client.get("/signin", headers={"accept-language": "en"})
    assert '<html lang="es">' in page.text and es("Sign in") in page.text
    # Unknown languages are ignored.
    post(client, "/language", {"language": "xx"})
    assert client.cookies.get("recourse_lang") == "es"


def test_saved_account_language_wins(world, make_client):
    alice = make_client("alice@example.org")
    alice.cookies.set("recourse_lang", "es")
    page = alice.get("/account", headers={"accept-language": "es"})
    assert '<html lang="en">' in page.text  # her saved language is still English
    r = post(alice, "/account/language", {"language": "es"})
    assert r.status_code == 303
    alice.cookies.set("recourse_lang", "en")
    page = alice.get("/account", headers={"accept-language": "en"})
    assert '<html lang="es">' in page.text
    assert es("Your account") in page.text and es("owner") in page.text and es("clinic") in page.text


def test_form_errors_are_shown_in_spanish(world, client):
    client.headers["accept-language"] = "es"
    r = post(client, "/signup", {"name": "Zoe", "email": "zoe@example.org", "password": "short",
                                 "kind": "personal"})
    assert r.status_code == 400
    assert '<html lang="es">' in r.text
    assert es("Use at least 10 characters.") != "Use at least 10 characters."
    assert es("Use at least 10 characters.") in r.text
    assert es("Please fix the following") in r.text
    r = post(client, "/signin", {"email": "alice@example.org", "password": "not her password"})
    assert r.status_code == 400 and es("Wrong email or password.") in r.text


def test_flash_and_error_pages_in_spanish(world, make_client):
    alice = make_client("alice@example.org")
    post(alice, "/account/language", {"language": "es"})
    page = alice.get("/account")
    assert es("Saved.") in page.text
    missing = alice.get("/consumers/999999")
    assert missing.status_code == 404 and es("Page not found") in missing.text
