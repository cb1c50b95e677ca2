"""The step engine: one question per screen, answers carried in hidden form fields.

Nothing is stored until the person confirms the review screen, so the journey works without
JavaScript and without a server-side session: every page posts back all answers so far, the
"Back" button is a real submit button that returns to the previous step with them kept, and the
review lists what will be created. A journey module (identity_theft.py, freeze.py, ...) declares
its steps and says what its answers create (`preview`, `build`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from app.clock import today

REVIEW = "review"
# Messages beside a question (translated where they are shown).
ANSWER_IT = "Answer this question to go on."
CHOOSE_ONE = "Choose one of the options."
TOO_LONG = "Use at most 200 characters."
TOO_LONG_LINES = "Use at most 2000 characters."
NOT_A_DATE = "Enter a date like 2026-01-31."
IN_FUTURE = "This date is in the future."
TEXT_MAX = 200
LINES_MAX = 2000


@dataclass(frozen=True)
class Question:
    name: str
    kind: str  # choice | multi | text | lines | date | past-date
    label: str
    help: str = ""
    options: tuple[tuple[str, ...], ...] = ()
    required: bool = True
    # Options that depend on what we know (facts -> options), e.g. the items of a saved report.
    # An option is (value, label) or (value, label, hint).
    choices: Callable[[dict], tuple[tuple[str, ...], ...]] | None = None


@dataclass(frozen=True)
class Step:
    name: str
    title: str
    questions: tuple[Question, ...]
    intro: str = ""
    # (answers, facts) -> whether this step is asked; facts are what we already know (an address).
    when: Callable[[dict, dict], bool] | None = None
    # Checks beyond each question's own ((answers, facts) -> {question name: message}).
    check: Callable[[dict, dict], dict[str, str]] | None = None


@dataclass(frozen=True)
class Created:
    """One line of the review screen: something the plan will create (a letter, a checklist step)."""

    text: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class StepWords:
    """How a plan step reads: its title (may name %(subject)s), why it matters, a plain link
    (never fetched), what to have ready, and whether the person records a number on it."""

    title: str
    why: str
    link: tuple[str, str] | None = None
    link_by_subject: dict[str, tuple[str, str]] = field(default_factory=dict)
    ready: tuple[str, ...] = ()
    records_number: bool = False


@dataclass(frozen=True)
class Journey:
    slug: str
    title: str
    summary: str
    steps: tuple[Step, ...]
    preview: Callable[[dict, dict], list[Created]]  # (answers, facts) -> the review's lines
    build: Callable  # (session, ctx, case, answers) -> list[service.StepSpec]
    words: dict[str, StepWords] = field(default_factory=dict)
    # What this journey must know beyond the address: (session, ctx, case or None, answers) -> facts.
    known: Callable | None = None


def questions(journey: Journey) -> list[Question]:
    return [q for s in journey.steps for q in s.questions]


def options_of(q: Question, facts: dict | None) -> tuple[tuple[str, ...], ...]:
    return q.choices(facts or {}) if q.choices is not None else q.options


def read(journey: Journey, lists: dict[str, list[str]], facts: dict | None = None) -> dict[str, str]:
    """The answers in a posted form. A multiple choice keeps only known options, comma separated
    (options that depend on facts are kept as given until the facts are known)."""
    answers: dict[str, str] = {}
    for q in questions(journey):
        values = [v.strip() for v in lists.get(q.name, []) if v.strip()]
        if q.kind == "multi":
            known = None if q.choices is not None and facts is None else {o[0] for o in options_of(q, facts)}
            answers[q.name] = ",".join(dict.fromkeys(v[:60] for v in values if known is None or v in known))
        else:
            answers[q.name] = values[-1] if values else ""
    return answers


def applicable(journey: Journey, answers: dict, facts: dict) -> list[Step]:
    return [s for s in journey.steps if s.when is None or s.when(answers, facts)]


def kept(journey: Journey, answers: dict, facts: dict) -> dict[str, str]:
    """Only the answers of steps that are still asked (a changed first answer drops the others')."""
    names = {q.name for s in applicable(journey, answers, facts) for q in s.questions}
    return {k: v for k, v in answers.items() if k in names}


def _check(q: Question, value: str, facts: dict) -> str | None:
    if not value:
        return ANSWER_IT if q.required else None
    if q.kind == "choice" and value not in {o[0] for o in options_of(q, facts)}:
        return CHOOSE_ONE
    if q.kind == "text" and len(value) > TEXT_MAX:
        return TOO_LONG
    if q.kind == "lines" and len(value) > LINES_MAX:
        return TOO_LONG_LINES
    if q.kind in ("date", "past-date"):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return NOT_A_DATE
        if q.kind == "past-date" and day > today():
            return IN_FUTURE
    return None


def errors_for(step: Step, answers: dict, facts: dict | None = None) -> dict[str, str]:
    found = {q.name: _check(q, answers.get(q.name, ""), facts or {}) for q in step.questions}
    errors = {k: v for k, v in found.items() if v}
    if not errors and step.check is not None:
        errors = step.check(answers, facts or {})
    return errors


@dataclass
class Move:
    step: Step | None  # None: the review screen
    errors: dict[str, str]


def move(journey: Journey, answers: dict, facts: dict, *, current: str, go: str) -> Move:
    """Where a posted step leads: back (no checks), on (the current step checked first) or,
    from the review, every asked step checked again (a hand-edited form cannot skip one)."""
    steps = applicable(journey, answers, facts)
    names = [s.name for s in steps]
    at = names.index(current) if current in names else (len(steps) if current == REVIEW else 0)
    if go == "back":
        return Move(steps[max(at - 1, 0)], {})
    if go == "confirm" or current == REVIEW:
        for step in steps:
            if errors := errors_for(step, answers, facts):
                return Move(step, errors)
        return Move(None, {})
    step = steps[at]
    if errors := errors_for(step, answers, facts):
        return Move(step, errors)
    return Move(steps[at + 1] if at + 1 < len(steps) else None, {})


def position(journey: Journey, answers: dict, facts: dict, step: Step | None) -> tuple[int, int]:
    """(this screen's number, how many screens including the review)."""
    steps = applicable(journey, answers, facts)
    total = len(steps) + 1
    return (total if step is None else [s.name for s in steps].index(step.name) + 1), total


def choice_label(q: Question, value: str, facts: dict | None = None) -> str:
    return {o[0]: o[1] for o in options_of(q, facts)}.get(value, value)
