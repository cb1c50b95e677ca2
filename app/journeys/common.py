"""Steps and words several journeys share."""

from app.journeys.engine import Question, Step
from app.journeys.service import address_errors

BUREAUS = (("equifax", "Equifax"), ("experian", "Experian"), ("transunion", "TransUnion"))
BUREAU_NAMES = dict(BUREAUS)
# The nationwide bureaus' own freeze pages: the fastest way (FCRA §605A(i)(2)(A): online or by
# phone within one business day; by mail within three). Plain links, never fetched.
FREEZE_PAGES = {
    "equifax": "https://www.equifax.com/personal/credit-report-services/credit-freeze/",
    "experian": "https://www.experian.com/freeze/center.html",
    "transunion": "https://www.transunion.com/credit-freeze",
}
ANNUAL_CREDIT_REPORT = "https://www.annualcreditreport.com"
IDENTITY_THEFT_GOV = "https://www.identitytheft.gov"

COUNTRY = Question("country", "choice", "Where do you live?", options=(
    ("us", "United States"), ("eu", "A country of the European Union"), ("uk", "United Kingdom"), ("cn", "China")))


def _no_address(answers: dict, facts: dict) -> bool:
    return not facts.get("has_address")


ADDRESS = Step(
    "address", "Where should answers be sent?",
    (
        Question("legal_name", "text", "Your full name, as on your ID"),
        Question("current_line1", "text", "Street and number"),
        Question("current_line2", "text", "Apartment, floor (if any)", required=False),
        Question("current_city", "text", "City or town"),
        Question("current_region", "text", "State or region", required=False),
        Question("current_postal_code", "text", "ZIP or postal code", required=False),
        Question("current_country", "text", "Country code, like US", required=False),
    ),
    intro="Your letters need your name and address, so the answer can reach you. We ask only once.",
    when=_no_address,
    check=lambda answers, facts: address_errors(answers),
)
