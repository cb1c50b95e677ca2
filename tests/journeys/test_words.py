"""Legal words explained in plain sentences (issue 13): the glossary reads at about age 12, every
term shows on /words, and the `term` macro renders a no-JS disclosure."""

import re
import statistics

import textstat
from bs4 import BeautifulSoup

from app import glossary
from app.journeys.catalog import JOURNEYS
from app.web import env

# Measured with textstat 0.7.4 (Flesch-Kincaid grade): glossary mean 6.4, max 8.4; journey help mean 3.3,
# max 6.4. Grade 8 is about a reading age of 13; the caps leave a little room, not a lot.
MEAN_CAP = 8.0
SENTENCE_CAP = 10.0


def _journey_texts() -> list[str]:
    texts = []
    for journey in JOURNEYS:
        texts.append(journey.summary)
        for step in journey.steps:
            texts += [step.intro] if step.intro else []
            texts += [q.help for q in step.questions if q.help]
    return texts


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.;?!])\s+", text) if s.strip()]


def test_every_term_has_a_name_and_one_sentence():
    assert glossary.NAMES.keys() == glossary.TERMS.keys()
    for key, text in glossary.TERMS.items():
        assert text.endswith(".") and text.count(". ") == 0, key  # one sentence


def test_reading_level_of_explanations_and_help():
    for texts in (list(glossary.TERMS.values()), _journey_texts()):
        assert texts
        grades = [textstat.flesch_kincaid_grade(t) for t in texts]
        assert statistics.mean(grades) <= MEAN_CAP, grades
        too_hard = [s for t in texts for s in _sentences(t) if textstat.flesch_kincaid_grade(s) > SENTENCE_CAP]
        assert not too_hard, too_hard


def test_term_macro_is_a_disclosure_without_js():
    html = env.from_string('{% import "_glossary.html" as gl with context %}{{ gl.term("furnisher") }}').render(lang="en")
    soup = BeautifulSoup(html, "html.parser")
    details = soup.find("details", class_="term")
    assert details.summary.dfn.get_text() == "Furnisher"
    assert "what is this?" in details.summary.get_text()
    assert details.p.get_text() == glossary.TERMS["furnisher"]
    es = env.from_string('{% import "_glossary.html" as gl with context %}{{ gl.term("frivolous") }}').render(lang="es")
    assert "¿qué es esto?" in es and "Frívola" in es


def test_words_page_lists_every_term(pat):
    page = pat.get("/words")
    assert page.status_code == 200
    soup = BeautifulSoup(page.text, "html.parser")
    assert {dt["id"] for dt in soup.select("dl.glossary dt")} == set(glossary.NAMES)
    assert soup.find(string=glossary.TERMS["dofd"])
    assert pat.get("/start").text.count('href="/words"') == 1



def test_every_place_a_word_applies_names_a_real_term_and_field():
    from app.reports.fields import LABELS

    for mapping in (glossary.REPORT_FIELDS, glossary.LETTER_FIELDS, glossary.PROCEDURES):
        assert all(key in glossary.TERMS for keys in mapping.values() for key in keys), mapping
    assert set(glossary.REPORT_FIELDS) <= set(LABELS)
    assert glossary.for_procedure("us.fcra.dispute-cra") == glossary.PROCEDURES["fcra.dispute-cra"]
    assert glossary.for_procedure("uk.gdpr.access") == ("controller", "access-request")
    assert glossary.for_procedure("nowhere") == ()


def test_help_macro_names_the_word_and_stays_out_of_labels():
    html = env.from_string('{% import "_glossary.html" as gl with context %}{{ gl.help(("hard-inquiry", "soft-inquiry")) }}'
                           ).render(lang="es")
    soup = BeautifulSoup(html, "html.parser")
    boxes = soup.select("details.term-help")
    assert [b["data-term"] for b in boxes] == ["hard-inquiry", "soft-inquiry"]
    assert "Consulta" in boxes[0].summary.get_text() or "consulta" in boxes[0].summary.get_text()
