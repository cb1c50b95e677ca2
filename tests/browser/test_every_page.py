"""Phones and accessibility (issue 13): the main pages of the seeded demo, at 360x740 and on a desktop,
in English and Spanish, are never wider than the window and have no axe-core WCAG 2.1 AA violations."""

import re

import pytest
from playwright.sync_api import expect

from app.demo.seed import seed
from tests.reports.conftest import FIXTURES

pytestmark = pytest.mark.browser

PASSWORD = "demo passphrase for every page"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SIZES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}


def _pages(page, ids) -> list[str]:
    page.goto("/consumers")
    consumer = page.locator("main a[href^='/consumers/']").evaluate_all(
        "els => els.map(e => e.getAttribute('href')).filter(h => /^\\/consumers\\/\\d+$/.test(h))")[0]
    return ["/today", "/cases", f"/cases/{ids['dana_case']}", consumer, "/consumers",
            f"/reports/{ids['dana_report']}", f"/cases/{ids['dana_case']}/reports",
            f"/cases/{ids['dana_case']}/letters/new", f"/letters/{ids['drafted_letter']}",
            f"/letters/{ids['drafted_letter']}/view", f"/letters/{ids['drafted_letter']}/reading",
            f"/proceedings/{ids['overdue']}", "/outcomes",
            "/audit", "/members", "/account", "/recipients", "/start", "/start/fix"]


def _check(page, axe, where: str, viewport: dict, run_axe: bool, problems: list[str]) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > viewport["width"]:
        problems.append(f"{where}: {width}px wide")
    # Nothing cut off at the left edge, where no scrolling can reach it (the letter's paper layout
    # placed its sender block there on phones).
    cut = page.evaluate("""() => Array.from(document.querySelectorAll(
        'main p, main h1, main h2, main address, main dd, main dt, main li, main td, main th'))
        .filter(e => !e.closest('thead, .visually-hidden'))  // stacked tables hide their header row on purpose
        // left of the window, or of a box that clips it (a scroll box cannot scroll left of its start)
        .filter(e => { const r = e.getBoundingClientRect(); if (!(r.width > 0 && r.height > 0)) return false;
          let edge = 0;
          for (let a = e.parentElement; a; a = a.parentElement) {
            if (getComputedStyle(a).overflowX !== 'visible') edge = Math.max(edge, a.getBoundingClientRect().left); }
          return r.left < edge - 1; })
        .map(e => e.textContent.trim().slice(0, 40))""")
    if cut:
        problems.append(f"{where}: cut off at the left: {cut[:3]}")
    if run_axe:  # axe once per page and language; its rules do not depend on the width
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
        for v in result.response["violations"]:
            problems.append(f"{where}: {v['id']} {[n['target'] for n in v['nodes']][:3]}")


def test_every_page_fits_a_phone_and_passes_axe(settings, engine, new_context):
    from axe_playwright_python.sync_playwright import Axe

    demo = seed(settings, engine=engine, password=PASSWORD)
    axe = Axe()
    problems: list[str] = []
    for lang in ("en", "es"):
        context = new_context(viewport=SIZES["desktop"])
        page = context.new_page()
        page.goto("/signin")
        page.get_by_label("Email").fill("olivia@demo.example.org")
        page.get_by_label("Password").fill(PASSWORD)
        page.locator("main button[type=submit]").click()
        expect(page).not_to_have_url(re.compile(r"/signin"))
        if lang == "es":
            page.locator("button[name=language][value=es]").click()
            expect(page.locator("html")).to_have_attribute("lang", "es")
        paths = _pages(page, demo.ids)
        for size, viewport in SIZES.items():
            page.set_viewport_size(viewport)
            for path in paths:
                response = page.goto(path)
                assert response is not None and response.status < 400, (lang, path, response and response.status)
                _check(page, axe, f"{lang} {size} {path}", viewport, size == "desktop", problems)
            if size == "phone":  # the navigation stays one compact row; the keyboard starts at the skip link
                page.goto("/today")
                assert page.locator("header nav").bounding_box()["height"] < 80
                page.keyboard.press("Tab")
                expect(page.locator(".skip-link")).to_be_focused()
                page.keyboard.press("Enter")
                expect(page.locator("main#main")).to_be_focused()
            # The import preview (a POST): the pasted report's entries, with each field's help shown once.
            page.goto(f"/cases/{demo.ids['dana_case']}/reports")
            page.locator("main textarea").first.fill((FIXTURES / "report.txt").read_text())
            page.locator("main form:has(textarea) button[type=submit]").first.click()
            expect(page.locator(".preview-source").first).to_be_visible()
            _check(page, axe, f"{lang} {size} import preview", viewport, size == "desktop", problems)
        context.close()
    assert not problems, "\n".join(problems)
