"""Issue 13: a scared person on a phone, with a keyboard only, from sign-up to a recovery plan."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_journeys import sign_up_personal

pytestmark = pytest.mark.browser


def _no_sideways_scroll(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def _continue(page: Page) -> None:
    page.get_by_role("button", name="Continue").focus()
    page.keyboard.press("Enter")


def test_identity_theft_journey_on_a_phone_with_the_keyboard(world, new_context, caplog, shots_dir):
    page = new_context(viewport={"width": 360, "height": 740}).new_page()
    sign_up_personal(page, "Pat Person", "pat@example.org", caplog)
    expect(page.get_by_role("heading", level=1)).to_have_text("What do you need?")
    _no_sideways_scroll(page)

    page.get_by_role("link", name="Someone used my identity").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("What happened?")
    _continue(page)  # nothing ticked: the question says so
    expect(page.locator("#what-error")).to_be_visible()
    page.get_by_label("Someone opened accounts or loans in my name").focus()
    page.keyboard.press("Space")
    _continue(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Which companies did the thief use?")
    page.get_by_label("Company names, one per line").focus()
    page.keyboard.type("Acme Bank")
    _continue(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Does someone ask you for a police report?")
    # Back keeps the answer typed before.
    page.get_by_role("button", name="Back").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Company names, one per line")).to_have_value("Acme Bank")
    _continue(page)
    page.get_by_label("No, not now").focus()
    page.keyboard.press("Space")
    _continue(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Where should answers be sent?")
    for label, value in (("Your full name, as on your ID", "Pat Person"), ("Street and number", "1 Main St"),
                         ("City or town", "Springfield"), ("State or region", "IL"),
                         ("ZIP or postal code", "62701")):
        page.get_by_label(label).focus()
        page.keyboard.type(value)
    _continue(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Check before we make your plan")
    expect(page.locator("#journey-created")).to_contain_text("Acme Bank")
    _no_sideways_scroll(page)
    page.get_by_role("button", name="Make my plan").focus()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/plans/\d+$"))
    expect(page.locator("#plan-progress-text")).to_have_text("0 of 9 steps done")
    expect(page.locator("#plan-next")).to_contain_text("Put a fraud alert on your credit file")
    expect(page.get_by_role("link", name="Go to IdentityTheft.gov")).to_have_attribute(
        "href", "https://www.identitytheft.gov")
    _no_sideways_scroll(page)
    page.screenshot(path=str(shots_dir / "identity-theft-plan-360.png"), full_page=True)
    page.get_by_role("button", name="Mark as done").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#plan-progress-text")).to_have_text("1 of 9 steps done")
    expect(page.locator("#plan-next")).to_contain_text("Freeze your credit at Equifax")
