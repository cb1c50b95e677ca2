"""Letters of issue 14: the wording that carries each rule, the branches the example letters do
not take, letters handed in at a counter or online, and addressees named in the facts."""

import pytest
from bs4 import BeautifulSoup

from app.letters.catalog import all_kinds, example_data, get_kind, validate
from app.letters.render import render_html
from app.recipients import directory


def _text(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def _letter(kind_id: str, lang: str = "en", **facts) -> str:
    kind = get_kind(kind_id)
    data = example_data(kind, lang)
    data["facts"].update(facts)
    assert validate(kind, data) == []
    return _text(render_html(kind, data, lang=lang))


def test_validation_letter_disputes_within_the_printed_period_and_asks_for_the_original_creditor():
    text = _letter("us.debt-validation")
    assert "1692g(b)" in text and "original creditor" in text and "November 23, 2026" in text
    assert "1692e(8)" in text  # reported to the bureaus: must be reported as disputed
    assert "1692e(8)" not in _letter("us.debt-validation", reported_to_bureaus=False)


def test_cease_letter_names_the_exceptions_and_refusal_only_when_chosen():
    text = _letter("us.debt-cease")
    assert "1692c(c)" in text and "specific remedy" in text and "refuse to pay" not in text
    assert "I also refuse to pay it" in _letter("us.debt-cease", refuse_to_pay=True)


def test_collection_dispute_adds_the_validation_demand_only_within_the_period():
    assert "1692g(b)" not in _letter("us.collection-dispute")
    text = _letter("us.collection-dispute", within_validation_period=True)
    assert "1692g(b)" in text and "623(a)(8)" in text and "30 days" in text


def test_ecoa_letter_cites_regulation_b_and_asks_for_the_score_when_relevant():
    text = _letter("us.ecoa-reasons")
    assert "1002.9(a)(2)(ii)" in text and "1002.9(b)(2)" in text and "615(a)" in text
    assert "615(a)" not in _letter("us.ecoa-reasons", score_given=False)


ART_15 = {
    "fr": [f"article 15, paragraphe 1, point {x})" for x in "abcdefgh"] + ["article 15, paragraphe 2",
                                                                           "article 15, paragraphe 3"],
    "es": [f"artículo 15, apartado 1, letra {x})" for x in "abcdefgh"] + ["artículo 15, apartado 2",
                                                                         "artículo 15, apartado 3"],
    "it": [f"articolo 15, paragrafo 1, lettera {x})" for x in "abcdefgh"] + ["articolo 15, paragrafo 2",
                                                                            "articolo 15, paragrafo 3"],
}


@pytest.mark.parametrize("lang", sorted(ART_15))
def test_access_letters_in_french_spanish_italian_ask_for_every_article_15_item(lang):
    # GDPR Art 15(1)(a)-(h), 15(2), 15(3); complaint route Art 77; timing Art 12(3) (legal-rules.md §2).
    html = render_html(get_kind("eu.access"), example_data(get_kind("eu.access"), lang), lang=lang)
    text = _text(html)
    for ref in ART_15[lang]:
        assert ref in text, (lang, ref)
    assert "77" in text and "12, " in text and 'lang="' + lang + '"' in html
    assert "Copy of my identity card" not in text  # the example enclosure is in the letter's language


def test_uk_automated_decision_letter_names_the_dua_act_and_the_safeguards():
    text = _letter("uk.automated-decision")
    assert "Articles 22A to 22D" in text and "Data (Use and Access) Act 2025" in text
    assert "human intervention" in text and "representations" in text


def test_fos_referral_without_a_final_response_relies_on_eight_weeks():
    assert "six months" in _letter("uk.fos-referral")
    text = _letter("uk.fos-referral", final_response_date="")
    assert "eight weeks" in text and "six months" not in text


COUNTER_KINDS = [k.id for k in all_kinds() if k.jurisdiction == "cn" and not k.addressee_fact]


@pytest.mark.parametrize("kind_id", COUNTER_KINDS)
def test_china_letters_work_with_the_built_in_recipients_by_counter_or_online(kind_id):
    """Issue 14: the Chinese directory entries have no postal address. A letter handed in at a
    counter or online is addressed by name only and says where to hand it in."""
    kind = get_kind(kind_id)
    seeded = [r for r in directory.load() if "CN" in r["jurisdictions"] and r.get("channels")]
    assert seeded
    for record in seeded:
        method = "counter" if "counter" in record["channels"] else "online"
        data = example_data(kind, "zh")
        data["recipient"] = {"name": record["name"], "address": record["postal_address"],
                             "hand_in": record["hand_in"], "channels": record["channels"]}
        data["sending_method"] = method
        assert validate(kind, data) == [], (kind_id, record["slug"])
        soup = BeautifulSoup(render_html(kind, data, lang="zh"), "html.parser")
        block = soup.select_one(".recipient-block")
        assert record["name"] in block.get_text() and record["hand_in"] in block.get_text()
        data["sending_method"] = "post"
        assert "recipient.address: required" in validate(kind, data)  # post still needs an address


@pytest.mark.parametrize("kind_id", [k.id for k in all_kinds() if k.addressee_fact])
def test_a_court_or_department_is_addressed_from_the_facts(kind_id):
    kind = get_kind(kind_id)
    for lang in kind.languages:
        data = example_data(kind, lang)
        data["recipient"] = {"name": "", "address": []}
        data["sending_method"] = "counter"
        assert validate(kind, data) == []
        block = BeautifulSoup(render_html(kind, data, lang=lang), "html.parser").select_one(".recipient-block")
        assert data["facts"][kind.addressee_fact] in block.get_text()
        data["facts"][kind.addressee_fact] = ""
        assert "recipient.name: required" in validate(kind, data)


def test_court_deletion_for_a_fixed_term_listing_asks_for_early_deletion_not_a_mandatory_one():
    # china-credit-repair.md Note 1: paying does not make deletion of a fixed-term listing mandatory.
    text = _letter("cn.court-deletion", "zh", deletion_ground="early-deletion")
    assert "第二条第二款" in text and "提前删除" in text and "三个工作日内删除" not in text.split("事实与理由")[0]
    assert "第十条" in _letter("cn.court-deletion", "zh")


def test_court_correction_counts_calendar_days():
    text = _letter("cn.court-correction", "zh")
    assert "十五日内审查" in text and "三个工作日内纠正" in text and "十五个工作日" not in text
