"""Spanish reading copies of the UK and EU letters (issue 13): a faithful Spanish translation of
the English letter, so a Spanish speaker knows exactly what they send. Each reading template is
the English one with every human word in Spanish: same blocks, same facts, same branches.

Every UK kind, and every EU kind without a real Spanish letter, has one; each renders with the
example data, with only the required facts, with every optional fact, and with every choice; the
result carries the person's facts, is Spanish, and has no English sentence left in it."""

import re

import pytest
from bs4 import BeautifulSoup

from app.config import ROOT
from app.letters.catalog import all_kinds, effective_recipient, example_data, validate
from app.letters.context import build_context, fmt_date
from app.letters.render import letter_env

KINDS = [k for k in all_kinds() if k.jurisdiction in ("uk", "eu") and "es" not in k.languages]


def reading_name(kind) -> str:
    return kind.template_name("en").replace(".en.html", ".es.reading.html")


# Names that stay in English in a Spanish text (statutes, bodies, cases).
PROPER_NAMES = ("Data (Use and Access) Act 2025", "Data Protection Act 2018", "Consumer Credit Act 1974",
                "Information Commissioner's Office", "Information Commissioner", "Financial Ombudsman Service",
                "SCHUFA Holding (Scoring)", "Dun & Bradstreet Austria", "UK GDPR")
ENGLISH = re.compile(r"\b(the|you|your|my|and|of|to|with|under|we|our|please|this)\b", re.I)


def _text(html: str, *, enclosures: bool = True) -> str:
    soup = BeautifulSoup(html, "html.parser")
    if not enclosures:
        for section in soup.select("section.enclosures"):
            section.decompose()
    return " ".join(soup.get_text(" ").split())


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def _filled(field, n: int):
    return {"date": "2026-10-01", "bool": True, "money": "12.34", "int": 3}.get(field.type, f"Dato {field.name} {n}")


def _minimal(kind, facts: dict) -> dict:
    out = {}
    for f in kind.fields:
        if not f.required:
            continue
        if f.type == "items":
            out[f.name] = [{s.name: item[s.name] for s in f.item_fields if s.required} for item in facts[f.name]]
        else:
            out[f.name] = facts[f.name]
    return out


def _full(kind, facts: dict) -> dict:
    out = dict(facts)
    for n, f in enumerate(kind.fields):
        if f.type == "items":
            out[f.name] = [{s.name: item.get(s.name) or _filled(s, n) for s in f.item_fields} for item in facts[f.name]]
        elif not f.required and not out.get(f.name):
            out[f.name] = f.choices[0] if f.choices else _filled(f, n)
    return out


def variants(kind) -> list[tuple[str, dict]]:
    """Example data; only the required facts; every optional fact; each of those with every choice."""
    base = example_data(kind, "en")
    out = [("example", base)]
    for name, facts in (("minimal", _minimal(kind, base["facts"])), ("full", _full(kind, base["facts"]))):
        out.append((name, {**base, "facts": facts}))
        for f in kind.fields:
            for choice in f.choices:
                out.append((f"{name}-{f.name}={choice}", {**base, "facts": {**facts, f.name: choice}}))
    return out


CASES = [pytest.param(k, name, data, id=f"{k.id}-{name}") for k in KINDS for name, data in variants(k)]


def test_every_uk_kind_and_every_eu_kind_without_spanish_has_a_reading_copy():
    assert {k.id for k in KINDS} >= {f"uk.{p.name.split('.')[0]}" for p in (ROOT / "templates/letters/uk").glob("*.en.html")}
    missing = [reading_name(k) for k in KINDS if not (ROOT / "templates" / reading_name(k)).is_file()]
    assert missing == []


def _facts_used(source: str) -> set[str]:
    return {a or b or c for a, b, c in re.findall(r'facts(?:\.(?!get\b)(\w+)|\.get\("(\w+)"\)|\["(\w+)"\])', source)}


def _shape(source: str) -> tuple:
    """The blocks, the control tags in order, and the facts and context names a template uses."""
    blocks = re.findall(r"{%-?\s*block (\w+)", source)
    control = re.findall(r"{%-?\s*(if|elif|else|endif|for|endfor|set|extends|include)\b", source)
    code = " ".join(re.findall(r"{[{%](.*?)[}%]}", source, re.S))
    names = set(re.findall(r"\b(deadline\.\w+|enclosed|enclosures|loop\.index|item\.\w+|item\.get\(\"\w+\"\))", code))
    return blocks, control, _facts_used(source), names


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.id)
def test_reading_template_has_the_shape_of_the_english_letter(kind):
    english = (ROOT / "templates" / kind.template_name("en")).read_text("utf-8")
    reading = (ROOT / "templates" / reading_name(kind)).read_text("utf-8")
    assert _shape(reading) == _shape(english)
    # The same partials, in their reading version.
    assert [n.replace(".en.html", ".es.reading.html") for n in re.findall(r'include "([^"]+)"', english)] == \
        re.findall(r'include "([^"]+)"', reading)


def _subject(html: str) -> str:
    return _text(str(BeautifulSoup(html, "html.parser").select_one("h1.subject")))


@pytest.mark.parametrize(("kind", "name", "data"), CASES)
def test_reading_copy_renders_in_spanish_with_the_persons_facts(kind, name, data):
    assert validate(kind, data) == [], name
    env = letter_env()
    html = env.get_template(reading_name(kind)).render(build_context(kind, data, lang="es"))
    english = env.get_template(kind.template_name("en")).render(build_context(kind, data, lang="en"))
    for tag in ("{{", "}}", "{%", "%}", "{#"):
        assert tag not in html
    text, english_text = _text(html), _text(english, enclosures=False)
    assert data["reference"] in text
    assert effective_recipient(kind, data)["name"] in text
    assert data["sender"]["name"] in text
    # Every fact the English letter prints, the reading copy prints too.
    for f in kind.fields:
        value = data["facts"].get(f.name)
        if f.type in ("text", "longtext") and value and " ".join(value.split()) in english_text:
            assert " ".join(value.split()) in text, f.name
        if f.type == "date" and value and fmt_date(value, "en", kind.jurisdiction) in english_text:
            assert fmt_date(value, "es", kind.jurisdiction) in text, f.name
        if f.type == "items":
            for item in value:
                for sub in item.values():
                    assert not sub or " ".join(sub.split()) in text, f.name
    # Spanish, not the English letter.
    assert " de " in text and "Atentamente" in text and "Muy señores míos" in text
    assert _subject(html) != _subject(english)
    assert not _subject(html).startswith(_subject(english).split(" (")[0][:20])
    # No English sentence left: what remains after the person's own words and proper names.
    rest = text
    for s in sorted(_strings(data) + list(build_context(kind, data, lang="es")["enclosures"]), key=len, reverse=True):
        if len(s) > 2:
            rest = rest.replace(" ".join(s.split()), " ")
    for proper in PROPER_NAMES:
        rest = rest.replace(proper, " ")
    assert ENGLISH.findall(rest) == [], rest


def test_uk_if_missed_cites_s164a_only_when_the_answer_is_due_from_19_june_2026():
    """The branch on the due date is kept: before 19 June 2026 no section 164A complaint."""
    kind = next(k for k in KINDS if k.id == "uk.access")
    env = letter_env()
    late = example_data(kind, "en")
    early = {**late, "date": "2026-04-01"}
    text_late = _text(env.get_template(reading_name(kind)).render(build_context(kind, late, lang="es")))
    text_early = _text(env.get_template(reading_name(kind)).render(build_context(kind, early, lang="es")))
    assert "sección 164A" in text_late and "sección 164A" not in text_early


def test_reading_copy_dates_are_spanish():
    kind = next(k for k in KINDS if k.id == "eu.reminder")
    data = {**example_data(kind, "en"), "enclosures": []}  # the person's own lines stay as typed
    text = _text(letter_env().get_template(reading_name(kind)).render(build_context(kind, data, lang="es")))
    assert "14 de septiembre de 2026" in text and "September" not in text

