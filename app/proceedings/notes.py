"""The notes Recourse itself writes on a timeline event, and how a page shows them.

A note is free text stored in English: most are typed by people and shown exactly as typed. A few
are written by Recourse (the next step chosen after an answer, the answer review's summary); those
are recognised here, by the same wording that writes them, and shown in the reader's language.
"""

from app.messages import M, Message

_NEXT_STEP = "Next step: "
_REVIEWED = "Answer reviewed."
_BREAKS = "Answer reviewed. The answer breaks: "
_REVIEW_KINDS = ("answered", "extension_notified", "info_requested")


def next_step(title: str) -> str:
    return _NEXT_STEP + title


def answer_reviewed(citations: list[str]) -> str:
    return f"{_BREAKS}{'; '.join(citations)}." if citations else _REVIEWED


def message(kind: str, note: str) -> Message | None:
    """The note as a message when Recourse wrote it; None for a note a person typed."""
    if kind == "escalated" and note.startswith(_NEXT_STEP):
        return M("Next step: %(title)s", title=Message(note[len(_NEXT_STEP):]))
    if kind in _REVIEW_KINDS and note == _REVIEWED:
        return M("Answer reviewed.")
    if kind in _REVIEW_KINDS and note.startswith(_BREAKS) and note.endswith("."):
        return M("Answer reviewed. The answer breaks: %(rules)s.", rules=note[len(_BREAKS):-1])
    return None
