"""The shared pieces of the bureau PDF readers: words and lines from character boxes, page
furniture, label/value pairs, payment grids and addresses (pdf_layout and pdf_reading)."""

from datetime import date

from app.reports.importers.pdf_layout import TICK, Word, from_words, group_lines, words_from_chars
from app.reports.importers.pdf_reading import (
    Vocabulary,
    address_lines,
    history,
    pairs,
    prose_lines,
    us_dates,
)


def chars(text: str, x: float = 10, top: float = 100, size: float = 10, width: float = 5):
    """Character boxes for a string set in a monospaced font: (text, left, right, top, bottom)."""
    return [(ch, x + i * width, x + (i + 1) * width, top, top + size) for i, ch in enumerate(text)]


def word(text: str, x0: float, top: float = 100, bold: bool = False, size: float = 10) -> Word:
    return Word(text, x0, x0 + 5 * len(text), top, top + size, bold)


def sentence(text: str, x: float, top: float) -> list[Word]:
    out = []
    for w in text.split():
        out.append(word(w, x, top=top))
        x += 5 * len(w) + 4
    return out


def test_words_break_at_spaces_and_gaps_and_clean_their_characters():
    boxes = chars("High Credit") + chars("$1,480", x=200) + chars("ﬁne\ue902", x=300)
    boxes += chars("Account\ufffe", x=400)  # the mark pdfium puts where a word was hyphenated
    words = words_from_chars(boxes, lambda i: i < 11)
    assert [w.text for w in words] == ["High", "Credit", "$1,480", "fine" + TICK, "Account"]
    assert [w.bold for w in words] == [True, True, False, False, False]


def test_overlapping_text_is_two_lines_even_at_the_same_height():
    header = [word("12/9/24,", 28, top=14, size=7), word("10:14", 70, top=14, size=7)]
    body = [word("VS", 50, top=13.5, size=7.5), word("Voluntarily", 120, top=13.5, size=7.5)]
    lines = group_lines(header + body)
    assert sorted(" ".join(w.text for w in line) for line in lines) == ["12/9/24, 10:14",
                                                                        "VS Voluntarily"]


def test_footers_and_browser_lines_are_noise_and_missing_pages_are_reported():
    pages = []
    for n in (1, 2, 4):  # page 3 of 4 is missing from the file
        pages.append((792.0, [
            word("12/9/24, 10:14 AM", 28, top=14, size=7), word("Annual Report", 300, top=14, size=7),
            word(f"Body of page {n}", 40, top=300),
            word("JORDAN SAMPLE | Dec 09, 2024", 240, top=725, size=8),
            word(f"Page {n} of 4", 500, top=725, size=8),
        ]))  # fmt: skip
    doc = from_words(pages)
    assert [line.text for line in doc.body()] == ["Body of page 1", "Body of page 2", "Body of page 4"]
    assert {line.noise for line in doc.lines if line.noise} == {
        "browser header (date and title of the printed page)", "page footer (page number)"}
    (warning,) = doc.warnings
    assert "page(s) 3 seem to be missing" in str(warning[1])


def test_pairs_cut_a_value_from_the_next_label_by_weight_and_keep_unknown_labels():
    vocab = Vocabulary({"high_balance": ("High Credit",), "responsibility": ("Payment Responsibility",),
                        "first_delinquency": ("Date of First Delinquency",)})  # fmt: skip
    doc = from_words([(792.0, [
        word("High", 37, bold=True), word("Credit", 62, bold=True), word("$1,480", 200),
        word("Payment", 236, bold=True), word("Responsibility", 276, bold=True),  # no gap before it
        word("INDIVIDUAL", 500),
        word("Favourite", 37, top=130, bold=True), word("Colour", 90, top=130, bold=True),
        word("BLUE", 250, top=130),
        word("Date", 37, top=160, bold=True), word("of", 62, top=160, bold=True),
        word("Frist", 75, top=160, bold=True), word("Delinquency", 102, top=160, bold=True),
        word("Sep", 300, top=160), word("10,", 320, top=160), word("2023", 340, top=160),
    ])])  # fmt: skip
    rows = [pairs(line, vocab, label_bold=True)[0] for line in doc.lines]
    assert [(p.name, p.text) for p in rows[0]] == [("high_balance", "$1,480"),
                                                   ("responsibility", "INDIVIDUAL")]
    assert [(p.label, p.name, p.text) for p in rows[1]] == [("Favourite Colour", None, "BLUE")]
    assert [(p.name, p.text) for p in rows[2]] == [("first_delinquency", "Sep 10, 2023")]


def test_a_grid_becomes_monthly_codes_most_recent_first_with_the_month_of_the_first():
    codes, as_of = history({(2024, 3): "CO", (2024, 1): "150", (2023, 12): "120"})
    assert codes == ("CO", "-", "150", "120") and as_of == date(2024, 3, 1)
    assert history({}) == ((), None)


def test_addresses_dates_and_explanations():
    assert address_lines("100 GOVERNMENT WAY FICTION FALLS, TX 75000") == (
        "100 GOVERNMENT WAY", "FICTION FALLS, TX 75000")
    assert address_lines("PO BOX 3000 EXAMPLEVILLE, PA 15000") == ("PO BOX 3000", "EXAMPLEVILLE, PA 15000")
    assert address_lines("SOMEWHERE UNCLEAR") == ("SOMEWHERE UNCLEAR",)
    assert us_dates("12/30/2023 an" + "d 12/27/2023, 02/31/2024") == ["2023-12-30", "2023-12-27"]
    doc = from_words([(792.0, [
        *sentence("These come from companies you applied", 35, 100),
        word("to.", 35, top=111),  # the short last line of the paragraph
        word("Balance", 35, top=140, bold=True), word("$1,480", 200, top=140),
    ])])  # fmt: skip
    assert prose_lines(doc.body()) == {1, 2}


def test_a_row_that_starts_many_pages_is_not_taken_for_a_header():
    months = [f"{m} {y}" for y in range(2015, 2020) for m in ("June", "December")]
    pages = [(792.0, [word(month, 40, top=10), word("Balance Balance", 40, top=30),
                      word("Body", 40, top=300)]) for month in months]  # fmt: skip
    doc = from_words(pages)
    assert [line.text for line in doc.body()].count("Balance Balance") == 10
    headed = from_words([(792.0, [word("CONFIDENTIAL", 40, top=10), *ws]) for _, ws in pages])
    assert {line.noise for line in headed.lines if line.text == "CONFIDENTIAL"} == {
        "running header or footer (repeated on every page)"}
