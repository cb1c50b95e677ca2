"""The report pages and the letter form explain the legal words where they apply, without JS
(templates/_glossary.html, app/glossary.py; issue 13)."""

from bs4 import BeautifulSoup

from app import glossary


def _terms(soup) -> list[str]:
    return [d["data-term"] for d in soup.select("details.term")]


def test_report_page_explains_each_word_once_beside_its_label(make_client, report_id):
    soup = BeautifulSoup(make_client("alice@example.org").get(f"/reports/{report_id}").text, "html.parser")
    terms = _terms(soup)
    assert "furnisher" in terms and "dofd" in terms and "hard-inquiry" in terms
    assert terms.count("furnisher") == 1  # once on the page, beside the first label that uses it
    box = soup.select_one('details[data-term="dofd"]')
    assert box.find_parent("dt") is not None and box.p.get_text() == glossary.TERMS["dofd"]
    assert not soup.select("label details")  # never inside a label
    # Dates in the items are written out, with the ISO form kept for machines.
    assert soup.select("article.report-item dd time[datetime]")


def test_typed_entry_form_explains_the_words(make_client, report_id):
    client = make_client("alice@example.org")
    account = BeautifulSoup(client.get(f"/reports/{report_id}/items/new?section=account").text, "html.parser")
    assert {"furnisher", "dofd", "charge-off", "original-creditor"} <= set(_terms(account))
    assert not account.select("label details")
    inquiry = BeautifulSoup(client.get(f"/reports/{report_id}/items/new?section=inquiry").text, "html.parser")
    assert {"hard-inquiry", "soft-inquiry"} <= set(_terms(inquiry))


def test_letter_form_explains_the_words_the_letter_uses(make_client, world):
    client = make_client("alice@example.org")
    page = client.get(f"/cases/{world.ids['case1']}/letters/new?kind=us.dispute-cra")
    soup = BeautifulSoup(page.text, "html.parser")
    words = soup.select_one("#letter-words")
    assert [d["data-term"] for d in words.select("details.term")] == list(glossary.PROCEDURES["fcra.dispute-cra"])
    assert soup.select_one('#letter-form details.term-help[data-term="furnisher"]')  # beside the item's field
    assert not soup.select("label details")
