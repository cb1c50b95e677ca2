"""Walk a journey as a browser does: every screen posts back the hidden answers it was given."""

from urllib.parse import urlencode

from bs4 import BeautifulSoup

ADDRESS = {"legal_name": "Pat Person", "current_line1": "1 Main St", "current_city": "Springfield",
           "current_region": "IL", "current_postal_code": "62701", "current_country": "US"}


def form_fields(html: str) -> list[tuple[str, str]]:
    """The hidden fields of the journey form (the answers so far, the step, the CSRF token)."""
    form = BeautifulSoup(html, "html.parser").find("form", id="journey-form")
    return [(i["name"], i.get("value", "")) for i in form.find_all("input", type="hidden")]


def step_name(html: str) -> str:
    return BeautifulSoup(html, "html.parser").find("form", id="journey-form")["data-step"]


def submit(client, slug: str, page_html: str, answers: dict | None = None, go: str = "next"):
    data = form_fields(page_html)
    for name, value in (answers or {}).items():
        for v in value if isinstance(value, list) else [value]:
            data.append((name, v))
    data.append(("go", go))
    return client.post(f"/start/{slug}", content=urlencode(data),
                       headers={"content-type": "application/x-www-form-urlencoded"})


def walk(client, slug: str, screens: list[dict], start: str = ""):
    """Answer each screen in turn; return the review page."""
    page = client.get(start or f"/start/{slug}")
    assert page.status_code == 200, page.text[:300]
    for answers in screens:
        page = submit(client, slug, page.text, answers)
        assert page.status_code == 200, page.text[:2000]
    assert step_name(page.text) == "review", step_name(page.text)
    return page


def confirm(client, slug: str, review_html: str):
    return submit(client, slug, review_html, go="confirm")
