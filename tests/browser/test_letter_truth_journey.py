"""An identity theft block request in a real browser, as a person does it (issue 17): the builder
drafts it without any enclosure; the letter page says it needs an identity theft report and ID,
with the IdentityTheft.gov link; the person uploads the report, attaches it, ticks that they will
enclose a copy of their ID, and only then can finalise. Keyboard and phone width included."""

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session

from app.cases.models import Case
from app.credit_reports import service as reports
from tests.browser.test_journeys import sign_in
from tests.credit_reports.conftest import fixture_report, save
from tests.documents.conftest import context, pdf_bytes

pytestmark = pytest.mark.browser


def test_block_request_needs_its_report_before_it_can_be_finalised(page: Page, world, engine, settings, tmp_path,
                                                                   shots_dir):
    report = fixture_report(pulled=date(2025, 3, 15))
    report_id = save(engine, world, report)
    auto = next(a for a in report.accounts if a.furnisher == "SAMPLE AUTO FINANCE")
    with Session(engine) as s:
        ctx = context(engine, world.ids["alice"], world.ids["ws_a"])
        reports.set_mark(s, ctx, s.get(Case, world.ids["case1"]), item_key=auto.key, mark="not-mine")
        s.commit()
    sign_in(page, "alice@example.org")
    page.goto(f"/reports/{report_id}/dispute?item={auto.key}")
    expect(page.locator("#itr-needed")).to_contain_text("IdentityTheft.gov")
    page.get_by_label("The bureau's address").select_option(label="Experian: disputes by mail")
    page.get_by_role("button", name="Write the letters").click()
    expect(page.locator(".flash")).to_contain_text("needs documents")
    page.locator("#letter-list a").first.click()

    # The letter page says what is missing and how to get it; nothing can be finalised or downloaded.
    expect(page.locator('#letter-problems [data-requirement="itr"] a[href="https://www.identitytheft.gov"]')).to_be_visible()
    expect(page.locator('#letter-problems [data-requirement="id"]')).to_be_visible()
    expect(page.locator("#finalise-letter")).to_have_count(0)
    expect(page.locator("#download-pdf")).to_have_count(0)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(shots_dir / "letter-needs-report-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    letter_url = page.url

    # Upload the FTC report to the case...
    ftc = tmp_path / "ftc-report.pdf"
    ftc.write_bytes(pdf_bytes())
    page.locator('[data-requirement="itr"]').get_by_role("link", name="Upload a document").click()
    page.locator("#file").set_input_files(str(ftc))
    page.get_by_label("What is it?").select_option(label="FTC identity theft report")
    page.get_by_role("button", name="Upload").click()
    expect(page.locator(".flash")).to_contain_text("Document uploaded")

    # ...then, on the letter form, attach it and tick the ID copy, with the keyboard.
    page.goto(letter_url + "/edit")
    page.get_by_label(re.compile(r"ftc-report\.pdf")).focus()
    page.keyboard.press("Space")
    page.get_by_label(re.compile(r"^Copy of my government-issued photo ID")).check()
    page.get_by_role("button", name="Save draft and preview").click()
    expect(page.locator("#letter-problems")).to_have_count(0)
    preview = page.frame_locator("iframe.letter-preview")
    expect(preview.locator(".enclosures li")).to_have_text([
        "Copy of my FTC Identity Theft Report",
        "Copy of my government-issued photo ID (driver's license, state ID or passport)"])
    expect(preview.locator("body")).not_to_contain_text("not attached yet")
    page.get_by_role("button", name="Finalise").click()
    expect(page.locator("#letter-status")).to_have_text("final")
