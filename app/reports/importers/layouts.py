"""Plain text whose layout may be known: the way into the readers for text that did not come
from a file's own structure (a scan's recognised text, text taken out of a PDF).

A bureau reader that can read lines of text registers here with a test that recognises its
layout from the words (a heading only that bureau prints); text no layout claims goes to the
general text reader (text_format.py), which reads any labelled layout.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.reports.importers import ImportResult
from app.reports.importers.text_format import read_text_reports


@dataclass(frozen=True)
class TextLayout:
    name: str
    recognises: Callable[[str], bool]
    read: Callable[..., ImportResult]  # read(text, *, country) -> ImportResult


# Bureau layouts that accept text lines, most specific first (none yet: the bureau PDF readers
# work from word positions; one that also reads lines of text is added here).
TEXT_LAYOUTS: tuple[TextLayout, ...] = ()


def read_any_text(text: str, *, country: str | None) -> tuple[ImportResult, ...]:
    for layout in TEXT_LAYOUTS:
        if layout.recognises(text):
            return (layout.read(text, country=country),)
    return read_text_reports(text, country=country)
