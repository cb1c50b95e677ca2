"""User journeys in a real browser: first run, sign up, clients and cases, errors, access, keyboard, no JS."""

import logging
import re
import time

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

OWNER = {"name": "Olivia Owner", "email": "olivia@clinic.example", "clinic": "Eastside Legal Aid"}
SSN = "219-09-8765"
DOB = "1980-04-30"


# ---- helpers ------------------------------------------------------------------------------------

def path_of(page: Page) -> str:
    return re.sub(r"^https?://[^/]+", "", page.url)


def set_up_owner(page: Page, name=OWNER["name"], email=OWNER["email"], clinic=OWNER["clinic"]) -> None:
    """The first-run form, filled in like a person would."""
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/setup$"))
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("I run a clinic").check()
    page.get_by_label("Clinic name").fill(clinic)
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile(r"/members$"))


def emailed_link(caplog, path: str) -> str:
    """The last link to `path` in the emails so far (no SMTP in tests: they go to the server log, and
    they leave just after the response)."""
    for _ in range(200):
        links = re.findall(re.escape(path) + r"[\w-]+", caplog.text)
        if links:
            return links[-1]
        time.sleep(0.05)
    raise AssertionError(f"no email with a {path} link")


def confirm_sign_up(page: Page, caplog) -> None:
    """After the sign-up form: the "check your email" page, then the emailed link and the password again."""
    expect(page).to_have_url(re.compile(r"/signup/sent$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    page.goto(emailed_link(caplog, "/signup/confirm/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Finish creating your account")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()


def sign_up_personal(page: Page, name: str, email: str, caplog) -> None:
    caplog.set_level(logging.WARNING, logger="recourse.mail")
    page.goto("/signup")
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("I'm handling my own credit").check()
    page.get_by_role("button", name="Create account").click()
    confirm_sign_up(page, caplog)
    expect(page).to_have_url(re.compile(r"/start$"))


def sign_in(page: Page, email: str, *, next_path: str | None = None) -> None:
    if not path_of(page).startswith("/signin"):
        page.goto("/signin" + (f"?next={next_path}" if next_path else ""))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/signin$"))
    expect(page.get_by_role("status")).to_have_text("You are signed out.")


def fill_consumer(page: Page, *, name: str, ssn: str = SSN, dob: str = DOB) -> None:
    page.get_by_label("Full legal name").fill(name)
    page.get_by_label("Date of birth").fill(dob)
    page.get_by_label("Kind of ID number").select_option("ssn")
    page.get_by_label("ID number", exact=True).fill(ssn)
    current = page.locator("fieldset", has=page.get_by_text("Current address", exact=True)).first
    current.get_by_label("Street address").fill("12 Elm Street")
    current.get_by_label("City or town").fill("Springfield")
    current.get_by_label("State or region").fill("IL")
    current.get_by_label("ZIP or postal code").fill("62701")
    current.get_by_label("Country (2 letters)").fill("US")


def create_consumer(page: Page, name: str = "Jane Q. Doe") -> str:
    """Adds a client through the form; returns the client page's path."""
    page.goto("/consumers/new")
    fill_consumer(page, name=name)
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/consumers/\d+$"))
    expect(page.get_by_role("status")).to_have_text("Client saved.")
    return path_of(page)


def open_case(page: Page, consumer_path: str, title: str = "Wrong address on Equifax report") -> tuple[str, str]:
    """Opens a case from the client page; returns (case path, case number)."""
    page.goto(consumer_path)
    page.get_by_role("link", name="Open a case").click()
    expect(page).to_have_url(re.compile(r"/cases/new\?consumer_id=\d+$"))
    page.get_by_label("Short title (optional)").fill(title)
    page.get_by_role("button", name="Open case").click()
    expect(page).to_have_url(re.compile(r"/cases/\d+$"))
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(re.compile(r"Case \d{4}-\d{4}"))
    number = re.search(r"\d{4}-\d{4}", heading.inner_text()).group(0)
    return path_of(page), number


def assert_ssn_never_in_full(page: Page) -> None:
    html = page.content()
    for form in (SSN, SSN.replace("-", ""), DOB):
        assert form not in html, f"{form!r} appears in the page before it was revealed"


# ---- 1. first run ------------------------------------------------------------------------------

def test_first_run_setup_creates_the_owner_and_signs_in(page: Page):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/setup$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome to Recourse")

    page.get_by_label("Your name").fill(OWNER["name"])
    page.get_by_label("Email").fill(OWNER["email"])
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("I run a clinic").check()
    page.get_by_label("Clinic name").fill(OWNER["clinic"])
    page.get_by_role("button", name="Create account").click()

    expect(page).to_have_url(re.compile(r"/members$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Members")
    expect(page.locator(".workspace-line")).to_contain_text(OWNER["clinic"])
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.get_by_role("link", name="Audit log")).to_be_visible()
    # Setup is one-time: the form is gone now.
    page.goto("/setup")
    expect(page).to_have_url(re.compile(r"/(signin|today)$"))


# ---- 2. sign up ---------------------------------------------------------------------------------

def test_sign_up_for_own_credit_lands_on_what_do_you_need(page: Page, new_context, caplog):
    caplog.set_level(logging.WARNING, logger="recourse.mail")
    set_up_owner(page)

    visitor = new_context().new_page()
    visitor.goto("/signup")
    expect(visitor.get_by_label("I'm handling my own credit")).to_be_checked()
    visitor.get_by_label("Your name").fill("Sam Self")
    visitor.get_by_label("Email").fill("sam@example.org")
    visitor.get_by_label("Password").fill(PASSWORD)
    visitor.get_by_label("I'm handling my own credit").check()
    visitor.get_by_role("button", name="Create account").click()
    confirm_sign_up(visitor, caplog)

    expect(visitor).to_have_url(re.compile(r"/start$"))
    expect(visitor.get_by_role("heading", level=1)).to_have_text("What do you need?")
    visitor.goto("/consumers/new?self=1")
    expect(visitor.get_by_label("Full legal name")).to_have_value("Sam Self")
    expect(visitor.get_by_label("Email", exact=True)).to_have_value("sam@example.org")
    expect(visitor.get_by_role("link", name="My details")).to_be_visible()
    # The owner's browser is untouched by the second visitor.
    page.reload()
    expect(page.locator(".workspace-line")).to_contain_text(OWNER["clinic"])


# ---- 3. client, case, masked SSN, reveal --------------------------------------------------------

def test_client_and_case_with_masked_ssn_and_audited_reveal(page: Page, shots_dir):
    set_up_owner(page)

    page.goto("/consumers/new")
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a client")
    fill_consumer(page, name="Jane Q. Doe")
    page.screenshot(path=str(shots_dir / "consumer-form.png"), full_page=True)
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/consumers/\d+$"))
    consumer_path = path_of(page)

    case_path, number = open_case(page, consumer_path)
    expect(page.get_by_role("status")).to_have_text("Case opened.")
    expect(page.get_by_role("link", name="Jane Q. Doe")).to_be_visible()
    expect(page.locator("#case-status")).to_have_text("open")
    page.screenshot(path=str(shots_dir / "case-page.png"), full_page=True)

    page.goto(consumer_path)
    expect(page.locator("#consumer-cases")).to_contain_text(number)
    ssn = page.locator("#national_id-value")
    expect(ssn.locator(".masked")).to_have_text("•••••••8765")
    assert_ssn_never_in_full(page)
    page.screenshot(path=str(shots_dir / "consumer-page.png"), full_page=True)

    # With JavaScript the Reveal button is an htmx request that swaps only the value in place.
    with page.expect_response(re.compile(r"/reveal$")) as info:
        page.locator("#reveal-national_id").click()
    response = info.value
    assert response.request.headers.get("hx-request") == "true"
    assert response.status == 200
    expect(ssn.locator(".revealed")).to_have_text(SSN)
    expect(page).to_have_url(re.compile(re.escape(consumer_path) + "$"))
    # The date of birth stays hidden.
    assert DOB not in page.content()

    page.get_by_role("link", name="Audit log").click()
    expect(page).to_have_url(re.compile(r"/audit$"))
    row = page.locator('#audit-table tr[data-action="consumer.revealed"]')
    expect(row).to_have_count(1)
    expect(row).to_contain_text(OWNER["name"])
    expect(row).to_contain_text("national_id")


# ---- 4. an invalid form -------------------------------------------------------------------------

def test_invalid_ssn_keeps_the_input_and_points_to_the_error(page: Page, shots_dir):
    set_up_owner(page)
    page.goto("/consumers/new")
    fill_consumer(page, name="Jane Q. Doe", ssn="123")
    with page.expect_response(re.compile(r"/consumers/new$")) as info:
        page.get_by_role("button", name="Save").click()
    assert info.value.status == 400
    expect(page).to_have_url(re.compile(r"/consumers/new$"))

    expect(page.get_by_label("Full legal name")).to_have_value("Jane Q. Doe")
    expect(page.get_by_label("Street address").first).to_have_value("12 Elm Street")
    field = page.get_by_label("ID number", exact=True)
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_attribute("aria-describedby", re.compile(r"\bnational_id-error\b"))
    error = page.locator("#national_id-error")
    expect(error).to_have_text("A Social Security number has 9 digits, like 123-45-6789.")
    # The message sits next to its field (inside the same .field block, just above the input).
    expect(page.locator(".field.has-error", has=field)).to_contain_text("9 digits")
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    page.screenshot(path=str(shots_dir / "consumer-form-error.png"), full_page=True)

    # Keyboard only: Tab from the top of the page reaches the summary's link to the field.
    link = summary.get_by_role("link", name=re.compile("9 digits"))
    expect(link).to_have_attribute("href", "#national_id")
    page.locator("body").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if link.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the error summary link")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#national_id$"))
    expect(field).to_be_focused()  # following the link puts the caret in the field to fix
    # Correcting the field and saving works.
    field.fill(SSN)
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/consumers/\d+$"))


# ---- 5. sign out, denied access -----------------------------------------------------------------

def test_signed_out_and_other_workspace_cannot_see_a_case(page: Page, new_context, caplog):
    set_up_owner(page)
    consumer_path = create_consumer(page)
    case_path, _number = open_case(page, consumer_path)

    other = new_context().new_page()
    sign_up_personal(other, "Eve Elsewhere", "eve@example.org", caplog)

    sign_out(page)
    page.goto(case_path)
    expect(page).to_have_url(re.compile(r"/signin\?next=" + re.escape(case_path) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert "Jane Q. Doe" not in page.content()

    # Eve signs in from the same sign-in page; the `next` link leads to the case of another workspace.
    with page.expect_response(re.compile(re.escape(case_path) + "$")) as info:
        sign_in(page, "eve@example.org")
    assert info.value.status == 404
    expect(page).to_have_url(re.compile(re.escape(case_path) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert "Jane Q. Doe" not in page.content()
    # The consumer page is just as hidden.
    response = page.goto(consumer_path)
    assert response is not None and response.status == 404
    # Eve is signed in (her own personal workspace, which shows no workspace line) despite the 404.
    expect(page.get_by_role("link", name="What do you need?")).to_be_visible()


# ---- 6. keyboard and no JavaScript --------------------------------------------------------------

@pytest.mark.parametrize("path", ["/setup", "/consumers/new"])
def test_skip_link_is_the_first_focusable_element(page: Page, path: str):
    if path != "/setup":
        set_up_owner(page)
    page.goto(path)
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.className, document.activeElement.getAttribute('href')]")
    assert focused == ["skip-link", "#main"]
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0, "skip link is off screen when focused"
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    # The next Tab goes into the page content, not back to the header.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")


def test_sign_in_create_client_and_reveal_work_without_javascript(new_context):
    context = new_context(java_script_enabled=False)
    page = context.new_page()
    set_up_owner(page)
    sign_out(page)
    sign_in(page, OWNER["email"])
    expect(page).to_have_url(re.compile(r"/today$"))

    consumer_path = create_consumer(page, name="Nora No-Script")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nora No-Script")
    assert_ssn_never_in_full(page)

    # Without htmx the Reveal button posts the form and the server renders the whole page.
    with page.expect_response(re.compile(r"/reveal$")) as info:
        page.locator("#reveal-national_id").click()
    assert "hx-request" not in info.value.request.headers
    expect(page.locator("#national_id-value .revealed")).to_have_text(SSN)
    expect(page.get_by_role("heading", level=1)).to_have_text("Nora No-Script")

    case_path, number = open_case(page, consumer_path)
    expect(page.get_by_role("heading", level=1)).to_contain_text(number)
