"""Reminders, by concern (this module keeps older imports working):

- planning.py: which reminder rows should exist, from the stored deadlines, and who is told;
- messages.py: the email for one reminder (templates/emails/reminder_*.txt);
- sending.py: claiming with a lease, sending, recording; `run_once` plans then sends;
- feeds.py: the personal calendar feed and a proceeding's .ics.
"""

from app.reminders.feeds import (  # noqa: F401
    calendar_ics,
    calendar_token,
    feed_url,
    proceeding_calendar_rows,
    regenerate_calendar_token,
    user_calendar_rows,
    user_for_calendar_token,
)
from app.reminders.messages import proceeding_url, render  # noqa: F401
from app.reminders.planning import (  # noqa: F401
    DigestLine,
    PlanResult,
    days_before,
    digest_lines,
    plan,
    recipients_for,
)
from app.reminders.sending import (  # noqa: F401
    LEASE,
    MAX_ATTEMPTS,
    RETRY_STEP,
    SendResult,
    claim_next,
    run_once,
    send_due,
)
