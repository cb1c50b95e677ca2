"""The engine builds Deadlines without the dataclass __init__ (issue 15: it cost a tenth of a
computation). They must stay what the constructor would make: every field set, in field order."""

from dataclasses import fields, replace
from datetime import date

import pytest

from app.rules import PROCEDURES, Deadline, TimelineEvent, compute_deadlines

EVENTS = [TimelineEvent("received", date(2026, 3, 2)), TimelineEvent("info_added", date(2026, 3, 9)),
          TimelineEvent("extension_notified", date(2026, 3, 10))]  # fmt: skip


@pytest.mark.parametrize("procedure", sorted(PROCEDURES))
def test_engine_deadlines_equal_constructed_ones(procedure):
    names = [f.name for f in fields(Deadline)]
    for d in compute_deadlines(procedure, EVENTS, today=date(2026, 4, 1)):
        assert list(vars(d))[: len(names)] == names
        assert Deadline(**{n: getattr(d, n) for n in names}) == d


def test_a_replaced_deadline_keeps_its_explanation():
    """The main period of an extended response no longer applies; its text stays the same."""
    main, extended = compute_deadlines("us.fcra.dispute-cra", EVENTS, today=date(2026, 4, 1))[:2]
    assert extended.applies and not main.applies
    again = replace(main, applies=True)
    assert main.explanation_parts == again.explanation_parts
    assert main.explanation == again.explanation
