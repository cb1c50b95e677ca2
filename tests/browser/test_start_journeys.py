"""Issue 13's browser proof: the six "/start" journeys end to end in Debian's Chromium, in English and
Spanish, on a desktop and at 360x740. Every screen (each question, the review, the plan) passes axe-core
(WCAG 2.1 AA) with no violation and is never wider than the window, and its screenshot is kept under
artifacts/screenshots/journeys/<lang>-<size>/<journey>-<step>.png for CI to publish.

One browser page does it all, for one person: the first journey asks their address, later ones do not;
the report they import once is the one the "fix an error" journey picks items from.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from app.clock import today
from tests.browser.test_journeys import sign_in, sign_up_personal
from tests.reports.conftest import FIXTURES

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(os.environ.get("RECOURSE_ARTIFACTS", ROOT / "artifacts")) / "screenshots" / "journeys"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 740}}
MAX_SCREENS = 15


# ---- answering a screen: by the fields' names and values, so the same code runs in every language ----

def pick(name: str, *values: str):
    def answer(page: Page) -> None:
        for value in values:
            page.locator(f'#journey-form input[name="{name}"][value="{value}"]').check()
    return answer


def pick_first(name: str, count: int = 1):
    def answer(page: Page) -> None:
        boxes = page.locator(f'#journey-form input[name="{name}"]:not([type=hidden])')
        for i in range(min(count, boxes.count())):
            boxes.nth(i).check()
    return answer


def pick_flagged_and_one_more(page: Page) -> None:
    """Several items at once: every one with a finding, and one we did not flag."""
    boxes = page.locator('#journey-form input[name="items"]')
    flagged = page.locator('#journey-form input[name="items"][aria-describedby]')
    assert flagged.count() >= 2, "the imported report should have several findings"
    for i in range(flagged.count()):
        flagged.nth(i).check()
    boxes.nth(boxes.count() - 1).check()


def fill(**values: str):
    def answer(page: Page) -> None:
        for name, value in values.items():
            page.locator(f'#journey-form [name="{name}"]').fill(value)
    return answer


ADDRESS = fill(legal_name="Pat Person", current_line1="1 Main St", current_city="Springfield",
               current_region="IL", current_postal_code="62701", current_country="US")
DAY = (today() - timedelta(days=12)).isoformat()

JOURNEYS = {
    "report": {"country": pick("country", "eu"), "eu_country": pick("eu_country", "de"),
               "agencies": pick_first("agencies", 2)},
    "fix": {"have": pick("have", "saved"), "report": pick_first("report"), "items": pick_flagged_and_one_more,
            "why": fill(why="I do not know this at all."), "send_to": pick("send_to", "bureau", "company"),
            "evidence": pick("evidence", "id", "statements")},
    "identity-theft": {"what": pick("what", "accounts"), "companies": fill(companies="Acme Bank"),
                       "police": pick("police", "no")},
    "refused": {"country": pick("country", "us"), "lender": fill(lender="Big Bank"),
                "applied": fill(application="a credit card"), "notice": fill(notice_on=DAY),
                "bureau": pick("bureau", "experian")},
    "freeze": {"action": pick("action", "freeze")},
    "track": {"procedure": pick("procedure", "eu.gdpr.access"), "recipient": fill(recipient_name="SCHUFA"),
              "sent_on": fill(sent_on=DAY), "channel": pick("channel", "post")},
}


# ---- what every screen must pass ---------------------------------------------------------------

class Checker:
    def __init__(self, page: Page, axe):
        self.page, self.axe, self.problems, self.shots = page, axe, [], 0
        self.folder, self.viewport = SCREENSHOTS, SIZES["desktop"]

    def use(self, lang: str, size: str) -> None:
        self.folder = SCREENSHOTS / f"{lang}-{size}"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.viewport = SIZES[size]
        self.page.set_viewport_size(self.viewport)

    def __call__(self, name: str) -> None:
        where = f"{self.folder.name} {name}"
        width = self.page.evaluate("document.documentElement.scrollWidth")
        if width > self.viewport["width"]:
            self.problems.append(f"{where}: {width}px wide in a {self.viewport['width']}px window")
        result = self.axe.run(self.page, options={"runOnly": {"type": "tag", "values": TAGS}})
        for v in result.response["violations"]:
            self.problems.append(f"{where}: {v['id']} {[n['target'] for n in v['nodes']][:3]}")
        self.page.screenshot(path=str(self.folder / f"{name}.png"), full_page=True)
        self.shots += 1


def _step(page: Page) -> str:
    return page.locator("#journey-form").get_attribute("data-step") or ""


def _click(page: Page, selector: str) -> None:
    """Press a button that posts the form, and wait for the next page."""
    with page.expect_navigation():
        page.locator(selector).click()


def _continue(page: Page) -> None:
    _click(page, "#journey-next")
    expect(page.locator("#error-summary")).to_have_count(0)


def run_journey(page: Page, check: Checker, slug: str) -> str:
    """From the start page to the plan; returns the plan's path."""
    page.goto("/start")
    page.locator(f'#journeys li[data-journey="{slug}"] a').click()
    answers, seen = JOURNEYS[slug], []
    for n in range(1, MAX_SCREENS):
        step = _step(page)
        check(f"{slug}-{n:02d}-{step}")
        if step == "review":
            expect(page.locator("#journey-created li").first).to_be_visible()
            _click(page, "#journey-confirm")
            break
        answer = ADDRESS if step == "address" else answers.get(step)
        assert answer is not None, f"{slug}: an unexpected screen {step!r} after {seen}"
        answer(page)
        if slug == "fix" and step == "send_to":
            _back_keeps_the_items(page)
        seen.append(step)
        _continue(page)
    else:
        pytest.fail(f"{slug}: no review after {seen}")
    expect(page).to_have_url(re.compile(r"/plans/\d+$"))
    expect(page.locator("#plan-steps > li").first).to_be_visible()
    check(f"{slug}-{n + 1:02d}-plan")
    return re.sub(r"^https?://[^/]+", "", page.url)


def _back_keeps_the_items(page: Page) -> None:
    """Back returns to the items with every tick kept; Continue comes back to this screen."""
    _click(page, "#journey-back")
    while _step(page) != "items":
        _click(page, "#journey-back")
    ticked = page.locator('#journey-form input[name="items"]:checked').count()
    assert ticked >= 3, f"Back lost the ticked items ({ticked} left)"
    while _step(page) != "send_to":
        _continue(page)
    pick("send_to", "bureau", "company")(page)


def import_report(page: Page, plan_path: str) -> None:
    """The person brings in their report once (pasted text), into the case their first plan made."""
    page.goto(plan_path)
    case = page.locator("main a[href^='/cases/']").last.get_attribute("href")
    page.goto(f"{case}/reports")
    page.locator("main textarea").first.fill((FIXTURES / "report.txt").read_text())
    _click(page, "#import-button")
    _click(page, "#confirm-import")
    expect(page).to_have_url(re.compile(r"/reports/\d+$"))


def test_every_journey_in_both_languages_at_both_sizes(world, new_context, caplog):
    from axe_playwright_python.sync_playwright import Axe

    page = new_context(viewport=SIZES["desktop"]).new_page()
    sign_up_personal(page, "Pat Person", "pat@example.org", caplog)
    check = Checker(page, Axe())
    imported = False
    for lang in ("en", "es"):
        page.goto("/start")
        if page.locator("html").get_attribute("lang") != lang:  # the page offers only the other language
            _click(page, f"button[name=language][value={lang}]")
        expect(page.locator("html")).to_have_attribute("lang", lang)
        for size in SIZES:
            check.use(lang, size)
            page.goto("/start")
            check("start")
            for slug in JOURNEYS:
                plan = run_journey(page, check, slug)
                if not imported:
                    import_report(page, plan)
                    imported = True
    assert check.shots > 4 * 30, check.shots
    assert not check.problems, "\n".join(check.problems)

    # Without JavaScript: every screen is a plain form, so picking several items works the same.
    no_js = new_context(java_script_enabled=False, viewport=SIZES["phone"]).new_page()
    sign_in(no_js, "pat@example.org")
    expect(no_js).to_have_url(re.compile(r"/start$"))
    run_journey(no_js, lambda name: None, "fix")
    expect(no_js.locator('#plan-steps > li[data-step-key="dispute_company"]')).to_have_count(4)
