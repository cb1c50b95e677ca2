"""The seeded demo in a real browser: the main pages render, and (with RECOURSE_SCREENSHOTS=1) their
screenshots are saved to docs/screenshots/ for the README. Otherwise they go to a temporary folder.

    RECOURSE_SCREENSHOTS=1 pytest tests/browser/test_demo_screenshots.py
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from app.demo.seed import seed

pytestmark = pytest.mark.browser

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PASSWORD = "demo passphrase for screenshots"


@pytest.fixture
def out_dir(shots_dir) -> Path:
    if os.environ.get("RECOURSE_SCREENSHOTS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        return DOCS
    return shots_dir


def _shot(page: Page, out: Path, name: str) -> None:
    page.screenshot(path=str(out / f"{name}.png"), full_page=False)


def test_demo_pages_in_the_browser(settings, engine, new_context, out_dir):
    demo = seed(settings, engine=engine, password=PASSWORD)
    ids = demo.ids
    page = new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.goto("/signin")
    page.get_by_label("Email").fill("olivia@demo.example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(re.compile(r"/signin"))

    page.goto("/today")
    expect(page.locator(f"#today-table tr[data-proceeding-id='{ids['overdue']}']")).to_have_attribute(
        "data-bucket", "overdue")
    expect(page.locator("#unsent-table")).to_be_visible()
    _shot(page, out_dir, "today")

    page.goto(f"/cases/{ids['dana_case']}")
    expect(page.locator("#proceedings")).to_contain_text("Equifax")
    expect(page.locator("#letter-list")).to_be_visible()
    _shot(page, out_dir, "case")

    page.goto(f"/reports/{ids['dana_report']}")
    expect(page.locator("[data-rule]").first).to_be_visible()
    page.locator("[data-rule]").first.scroll_into_view_if_needed()
    _shot(page, out_dir, "report-review")

    page.goto(f"/letters/{ids['drafted_letter']}")
    expect(page.locator("#letter-status")).to_be_visible()
    _shot(page, out_dir, "letter")

    page.goto(f"/proceedings/{ids['overdue']}")
    expect(page.locator("#deadline-list")).to_be_visible()
    expect(page.locator("#next-steps")).to_be_visible()
    _shot(page, out_dir, "proceeding")
    for name in ("today", "case", "report-review", "letter", "proceeding"):
        assert (out_dir / f"{name}.png").stat().st_size > 10_000
