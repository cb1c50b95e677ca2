"""Letter wording that carries a legal rule (issue 17): each test names its source. The golden
snapshots cover the example data; these cover the branches the examples do not take."""

from datetime import date

from bs4 import BeautifulSoup

from app.letters.catalog import example_data, get_kind
from app.letters.context import build_context
from app.letters.render import render_html


def _letter(kind_id: str, lang: str = "en", **facts) -> tuple[dict, str]:
    kind = get_kind(kind_id)
    data = example_data(kind, lang)
    data["facts"].update(facts)
    return build_context(kind, data, lang=lang), render_html(kind, data, lang=lang)


def _text(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


# FCRA §612(a)(3) ------------------------------------------------------------------------------
def test_dispute_after_the_annual_report_prints_the_45_day_date_and_section():
    # §612(a)(3): "not later than 45 days after the date on which the request is received".
    normal, _ = _letter("us.dispute-cra", after_annual_report=False)
    annual, html = _letter("us.dispute-cra", after_annual_report=True)
    assert "612(a)(3)" in annual["deadline"]["citation"]
    received_normal = date.fromisoformat(normal["deadline"]["due_iso"]).toordinal() - 29
    received_annual = date.fromisoformat(annual["deadline"]["due_iso"]).toordinal() - 45
    assert received_normal == received_annual  # same estimated arrival, 45 days after it
    text = _text(html)
    assert annual["deadline"]["due"] in text and "45 days after" in text and "section 612(a)" in text


def test_follow_up_after_the_annual_report_does_not_claim_30_days():
    _, html = _letter("us.dispute-follow-up", after_annual_report=True)
    text = _text(html)
    assert "612(a)(3)" in text and "30 days" not in text and "30-day" not in text


def test_annual_report_help_says_weekly_reports_do_not_count():
    field = next(f for f in get_kind("us.dispute-cra").fields if f.name == "after_annual_report")
    assert "weekly" in field.help and "612(a)(3)" in field.help


# GDPR Art 15 ---------------------------------------------------------------------------------
ART_15 = {
    "en": ["15(1)(a)", "15(1)(b)", "15(1)(c)", "15(1)(d)", "15(1)(e)", "15(1)(f)", "15(1)(g)", "15(1)(h)",
           "Article 15(2)", "Article 15(3)"],
    "de": [f"Art. 15 Abs. 1 lit. {x}" for x in "abcdefgh"] + ["Art. 15 Abs. 2", "Art. 15 Abs. 3"],
}


def test_access_letters_ask_for_every_article_15_item():
    # GDPR / UK GDPR Art 15(1)(a)-(h), 15(2) (transfer safeguards), 15(3) (copy). The legal basis
    # is Art 13(1)(c)/14(1)(c) information, not Art 15(1)(a) (legal-rules.md §2).
    for kind_id, lang in (("eu.access", "en"), ("eu.access", "de"), ("uk.access", "en")):
        _, html = _letter(kind_id, lang)
        items = [" ".join(li.get_text(" ").split()) for li in BeautifulSoup(html, "html.parser").select("ol li")]
        joined = " ".join(items)
        for article in ART_15[lang]:
            assert article in joined, f"{kind_id}/{lang}: {article} missing"
        basis = next(i for i in items if "basis" in i or "Rechtsgrundlage" in i)
        assert "13(1)(c)" in basis or "13 Abs. 1 lit. c" in basis
        assert "rectify" in joined or "Berichtigung" in joined


# CCPA §1798.105(c)(1) --------------------------------------------------------------------------
def test_ccpa_deletion_asks_third_parties_to_be_told_to_delete():
    # §1798.105(c)(1): notify "all third parties to whom the business has sold or shared the
    # personal information to delete" it.
    text = _text(_letter("us-ca.ccpa-delete")[1])
    assert "1798.105(c)(1)" in text and "third party to whom you sold or shared it to delete it" in text


# China: PBOC complaint, registered mail, Chinese ID label ----------------------------------------
def test_pboc_complaint_goes_to_the_respondents_branch_with_form_id_and_evidence():
    # 《征信业管理条例》 Art 26 and the 2024 《征信投诉办理规程》: the branch where the respondent is
    # located; complaint form, proof of identity, facts and evidence (legal-rules.md §5).
    text = _text(_letter("cn.pboc-complaint", "zh")[1])
    assert "被投诉人所在地的中国人民银行分支机构" in text
    assert "《征信投诉申请单》" in text and "身份证明" in text and "证据" in text
    assert "《征信投诉申请单》" in get_kind("cn.pboc-complaint").suggested_enclosures[0]
    assert "where the respondent is located" in _text(_letter("cn.pboc-complaint", "en")[1])


def test_china_letters_recommend_registered_mail():
    # Art 25: the 20 days run "自收到异议之日起", so proof of receipt matters.
    for kind_id in ("cn.objection", "cn.pboc-complaint"):
        assert "挂号信" in get_kind(kind_id).purpose
        data = example_data(get_kind(kind_id), "zh")
        assert data["sending_method"] == "certified"
        soup = BeautifulSoup(render_html(get_kind(kind_id), data, lang="zh"), "html.parser")
        assert soup.select_one(".sent-by").get_text().endswith("挂号信")


def test_chinese_letter_prints_the_id_label_in_chinese():
    kind = get_kind("cn.objection")
    data = example_data(kind, "zh")
    data["sender"]["id_label"] = "National ID number"  # as a consumer record gives it
    soup = BeautifulSoup(render_html(kind, data, lang="zh"), "html.parser")
    block = soup.select_one(".sender-block").get_text(" ")
    assert "身份证件号码" in block and "National ID number" not in block


# UK DPA 2018 s.164A ------------------------------------------------------------------------------
def test_ico_complaint_cites_s164a_only_for_a_complaint_from_19_june_2026():
    # legal-rules.md §3: s.164A (complaints to the controller) applies from 19 June 2026.
    before = _text(_letter("uk.ico-complaint", controller_complaint_date="2026-05-01",
                           controller_response="none")[1])  # fmt: skip
    after = _text(_letter("uk.ico-complaint", controller_complaint_date="2026-09-01",
                          controller_response="none")[1])  # fmt: skip
    assert "164A" not in before and "within 30 days" not in before
    assert "164A" in after and "within 30 days" in after
