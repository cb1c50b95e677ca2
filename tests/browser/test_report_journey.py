"""Credit reports in a real browser: paste a report, check the preview, save, review, dispute; type
a report in from the keyboard; the review page on a phone."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_journeys import sign_in
from tests.reports.conftest import FIXTURES

pytestmark = pytest.mark.browser


def test_paste_preview_save_review_and_dispute(page: Page, world, shots_dir):
    sign_in(page, "alice@example.org")
    page.goto(f"/cases/{world.ids['case1']}")
    page.get_by_role("link", name="Credit reports").last.click()
    page.get_by_label("Or paste the report's text").fill((FIXTURES / "report.txt").read_text())
    page.get_by_role("button", name="Read the report").click()
    expect(page.get_by_role("heading", name="Check what we read")).to_be_visible()
    expect(page.locator("#unread-table")).to_contain_text("Some stray text from the page footer")
    expect(page.locator(".preview-source").first).to_be_visible()
    page.screenshot(path=str(shots_dir / "report-preview.png"), full_page=False)
    first = page.locator("fieldset#entry-0")
    expect(first.locator(".preview-source")).to_contain_text("Line")
    page.get_by_role("button", name="Save this report").click()
    expect(page).to_have_url(re.compile(r"/reports/\d+$"))
    expect(page.locator("#group-negative")).to_contain_text("MIDLAND CREDIT MANAGEMENT")
    expect(page.locator("#group-negative [data-rule='obsolete.collection-or-chargeoff']")).to_be_visible()
    page.locator("#group-negative").scroll_into_view_if_needed()
    page.screenshot(path=str(shots_dir / "report-review.png"))
    # Only the collection past its period: untick the rest, then dispute.
    for box in page.locator("input[form='dispute-form']").all():
        box.uncheck()
    page.get_by_label(re.compile("^Dispute this item MIDLAND CREDIT MANAGEMENT")).check()
    page.get_by_role("button", name="Dispute the ticked items").click()
    expect(page.get_by_role("heading", name=re.compile("Dispute items"))).to_be_visible()
    expect(page.locator("#builder-form")).to_contain_text("older than the law allows")
    # Another bureau cannot correct an Experian report: that address is refused.
    page.get_by_label("The bureau's address").select_option(label="Equifax: disputes by mail")
    page.get_by_role("button", name="Write the letters").click()
    expect(page.locator("#bureau_id-error")).to_be_visible()
    page.get_by_label("The bureau's address").select_option(label="Experian: disputes by mail")
    page.get_by_role("button", name="Write the letters").click()
    expect(page).to_have_url(re.compile(rf"/cases/{world.ids['case1']}#letters$"))
    expect(page.locator("#letter-list")).to_contain_text("Dispute with a credit bureau (FCRA §611)")
    expect(page.locator("#letter-list")).not_to_contain_text("us.dispute-cra")


def test_typing_a_report_in_with_the_keyboard(page: Page, world):
    sign_in(page, "alice@example.org")
    page.goto(f"/cases/{world.ids['case1']}/reports")
    page.get_by_label(re.compile("^Credit bureau")).fill("TransUnion")
    page.get_by_label(re.compile("^Date of the report")).fill("2026-10-01")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/items/new\?section=account$"))
    # The first field has the focus: type, press Enter, and the form is ready for the next one.
    page.keyboard.type("Acme Collections")
    page.get_by_label("Balance", exact=True).fill("1,240")
    page.get_by_label("Balance", exact=True).press("Enter")
    expect(page.locator(".flash")).to_contain_text("Add the next one")
    expect(page.locator("#furnisher")).to_be_focused()
    expect(page.locator("#furnisher")).to_have_value("")
    page.get_by_label("Balance", exact=True).fill("lots")
    page.get_by_label("Balance", exact=True).press("Enter")
    expect(page.locator("#balance-error")).to_contain_text("Enter an amount in dollars")


def test_report_page_on_a_phone(new_context, world, shots_dir):
    page = new_context(viewport={"width": 390, "height": 844}).new_page()
    sign_in(page, "alice@example.org")
    page.goto(f"/cases/{world.ids['case1']}/reports")
    page.get_by_label("Or paste the report's text").fill((FIXTURES / "report.txt").read_text())
    page.get_by_role("button", name="Read the report").click()
    page.get_by_role("button", name="Save this report").click()
    expect(page).to_have_url(re.compile(r"/reports/\d+$"))
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > 390:
        print(page.evaluate("""[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 392).slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right) + ' ' + e.textContent.slice(0, 60))"""))
    assert width <= 390, f"the report page scrolls sideways on a phone ({width}px)"
    page.screenshot(path=str(shots_dir / "report-phone.png"), full_page=True)


def test_a_pasted_account_with_a_date_that_reads_two_ways(page: Page, world, shots_dir):
    """No bureau and no country: the preview asks which date is meant (radio buttons, keyboard
    only), and saving waits for the answer."""
    sign_in(page, "alice@example.org")
    page.goto(f"/cases/{world.ids['case1']}/reports")
    page.get_by_label("Or paste the report's text").fill((FIXTURES / "pasted" / "next-line-values.txt").read_text())
    page.get_by_role("button", name="Read the report").click()
    question = page.locator('fieldset[data-question="items.0.last_payment"]')
    expect(question).to_contain_text("12/01/2020")
    question.scroll_into_view_if_needed()
    page.screenshot(path=str(shots_dir / "report-question.png"), full_page=False)
    page.get_by_label(re.compile("^Credit bureau")).fill("Other bureau")
    page.get_by_label(re.compile("^Date of the report")).fill("2025-01-10")
    page.get_by_role("button", name="Save this report").click()
    expect(page.locator("#error-summary")).to_contain_text("Choose which one the report means.")
    question = page.locator('fieldset[data-question="items.0.last_payment"]')
    question.get_by_role("radio").first.focus()
    page.keyboard.press("ArrowDown")  # the second reading: 12 January 2020
    expect(question.get_by_role("radio").nth(1)).to_be_checked()
    page.get_by_role("button", name="Save this report").click()
    expect(page).to_have_url(re.compile(r"/reports/\d+$"))
    expect(page.locator("body")).to_contain_text("ACME FINANCE CO")
