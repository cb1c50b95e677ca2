"""Next steps when a duty of the FCRA dispute passes (§611(a)(5)(B), (a)(6)(A)) and for the new
procedures (issue 14)."""

from datetime import timedelta

from bs4 import BeautifulSoup

from app.clock import today
from tests.conftest import post
from tests.proceedings.test_journeys import _sent_dispute


def _next_kinds(client, pid) -> list[str]:
    soup = BeautifulSoup(client.get(f"/proceedings/{pid}").text, "html.parser")
    return [li["data-letter-kind"] for li in soup.select("#next-steps li")]


def test_a_reinserted_item_without_notice_offers_a_new_dispute(make_client, world, session):
    alice = make_client("alice@example.org")
    pid = _sent_dispute(alice, session, world.ids["case1"], days_ago=20)
    r = post(alice, f"/proceedings/{pid}/events", {"kind": "reinserted", "on": (today() - timedelta(days=12)).isoformat()})
    assert r.status_code == 303
    page = alice.get(f"/proceedings/{pid}").text
    assert 'data-key="reinsertion-notice"' in page
    assert "us.dispute-cra" in _next_kinds(alice, pid)  # 5 business days have passed without a notice
    r = post(alice, f"/proceedings/{pid}/events", {"kind": "reinsertion_notified",
                                                   "on": (today() - timedelta(days=10)).isoformat()})
    assert r.status_code == 303
    assert "us.dispute-cra" not in _next_kinds(alice, pid)


def test_results_notice_passing_offers_the_follow_up(make_client, world, session):
    alice = make_client("alice@example.org")
    pid = _sent_dispute(alice, session, world.ids["case1"], days_ago=60)
    page = alice.get(f"/proceedings/{pid}").text
    assert 'data-key="results-notice"' in page
    assert "us.dispute-follow-up" in _next_kinds(alice, pid)


def test_ico_complaint_after_the_s164a_complaint_takes_its_date(make_client, world, session):
    # DPA 2018 s.164A: complain to the organisation first; 30 days to acknowledge, then the ICO.
    from app.recipients.models import Recipient

    alice = make_client("alice@example.org")
    row = Recipient(name="Example Credit Data Ltd", kind="controller", jurisdictions="UK",
                    postal_address="PO Box 1\nNottingham NG1 1AA", verified=True)
    session.add(row)
    session.commit()
    sent_on = (today() - timedelta(days=45)).isoformat()
    r = post(alice, f"/cases/{world.ids['case1']}/letters/new?kind=uk.dpa-complaint", {
        "recipient_id": row.id, "lang": "en", "sending_method": "post", "letter_date": sent_on, "region": "ENG",
        "facts.request_kind": "access", "facts.request_date": "2026-07-01",
        "facts.what_went_wrong": "No answer.", "facts.remedy": "Answer my request."})
    assert r.status_code == 303, r.text
    letter_id = int(r.headers["location"].rsplit("/", 1)[1])
    assert post(alice, f"/letters/{letter_id}/finalise").status_code == 303
    r = post(alice, f"/letters/{letter_id}/sent", {"on": sent_on, "channel": "post"})
    pid = int(r.headers["location"].rsplit("/", 1)[1])
    assert "uk.ico-complaint" in _next_kinds(alice, pid)
    r = post(alice, f"/proceedings/{pid}/follow-up", {"letter_kind": "uk.ico-complaint"})
    assert r.status_code == 303
    form = alice.get(r.headers["location"]).text
    assert f'value="{sent_on}"' in form and 'id="facts.controller_complaint_date"' in form
