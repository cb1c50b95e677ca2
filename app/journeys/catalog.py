"""The journeys, in the order the start page offers them (issue 13)."""

from app.journeys import fix_error, freeze, get_report, identity_theft, refused, track
from app.journeys.engine import Journey

JOURNEYS: tuple[Journey, ...] = (get_report.JOURNEY, fix_error.JOURNEY, identity_theft.JOURNEY, refused.JOURNEY,
                                 freeze.JOURNEY, track.JOURNEY)
BY_SLUG = {j.slug: j for j in JOURNEYS}
