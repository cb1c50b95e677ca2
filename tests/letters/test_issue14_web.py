"""A China letter with a recipient reached at a counter (issue 14): drafted by name only when it
is handed in, and a clear message when the person chose the post."""

from sqlmodel import select

from app.letters.models import Letter
from app.recipients.models import Recipient
from tests.conftest import post

FACTS = {"facts.account": "13800000000", "facts.scope": "我的还款记录", "facts.ask_rules": "on"}


def _counter_recipient(session) -> int:
    row = Recipient(name="示例征信中心", kind="credit-agency", jurisdictions="CN", channels="counter,online",
                    hand_in="示例查询网点柜台", verified=False)
    session.add(row)
    session.commit()
    return row.id


def test_counter_letter_is_drafted_by_name_and_post_gets_a_clear_message(make_client, world, session):
    alice = make_client("alice@example.org")
    rid = _counter_recipient(session)
    url = f"/cases/{world.ids['case1']}/letters/new?kind=cn.pipl-access"
    base = {"recipient_id": rid, "lang": "zh", "letter_date": "2026-11-02", **FACTS}
    r = post(alice, url, {**base, "sending_method": "post"})
    assert r.status_code == 400 and 'id="recipient_id-error"' in r.text and "counter" in r.text
    assert session.exec(select(Letter)).first() is None
    r = post(alice, url, {**base, "sending_method": "counter"})
    assert r.status_code == 303, r.text
    letter_id = int(r.headers["location"].rsplit("/", 1)[1])
    view = alice.get(f"/letters/{letter_id}/view").text
    assert "示例征信中心" in view and "示例查询网点柜台" in view and "现场递交" in view
