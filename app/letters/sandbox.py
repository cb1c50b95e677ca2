"""The Jinja sandbox that runs a workspace's own wording of a letter.

Jinja's SandboxedEnvironment already blocks Python internals (`__class__`, `__globals__`...).
This adds bounds on what builds big values fast: `range()` over 10,000 items, `*` that repeats a
string or list past 100,000 items, huge powers, string `%` with a huge width, and more than
MAX_OUTPUT characters of HTML. Anything else slow or large is stopped by the process budget the
caller runs it in (app/limits.py, see app/letters/render.py).
"""

from __future__ import annotations

import re

from jinja2 import FileSystemLoader, Template, TemplateNotFound
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum

MAX_RANGE = 10_000
MAX_ITEMS = 100_000  # characters or items a single `*` may build
MAX_POWER_BITS = 4_096
MAX_OUTPUT = 512 * 1024  # characters of HTML; our longest letter is about 10,000
_FORMAT_WIDTH = re.compile(r"%[-#0 +]*(\*|\d{4,})|\.(\*|\d{4,})")


class OutputTooLarge(Exception):
    """The wording produced more than MAX_OUTPUT characters."""


def bounded_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise SecurityError(f"range() is limited to {MAX_RANGE:,} numbers in a letter")
    return numbers


def bounded_lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:  # noqa: A002
    if n > 20 or max > 200:
        raise SecurityError("lipsum() is limited to 20 paragraphs of 200 words")
    return generate_lorem_ipsum(n=n, html=html, min=min, max=max)


def _size(value) -> int | None:
    return len(value) if isinstance(value, str | bytes | list | tuple) else None


class LetterLoader(FileSystemLoader):
    """Only the letter templates (a wording extends `letters/_letter.html`), nothing else."""

    def get_source(self, environment, template):
        if not template.startswith("letters/"):
            raise TemplateNotFound(template)
        return super().get_source(environment, template)


class LetterSandbox(SandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.globals["range"] = bounded_range
        self.globals["lipsum"] = bounded_lipsum

    def call_binop(self, context, operator_name: str, left, right):
        if operator_name == "*":
            self._check_repeat(left, right)
        elif operator_name == "**":
            self._check_power(left, right)
        elif operator_name == "%" and isinstance(left, str) and _FORMAT_WIDTH.search(left):
            raise SecurityError("a % format with a width over 999 is not allowed in a letter")
        return super().call_binop(context, operator_name, left, right)

    @staticmethod
    def _check_repeat(left, right) -> None:
        for seq, times in ((left, right), (right, left)):
            if _size(seq) is not None and isinstance(times, int) and _size(seq) * times > MAX_ITEMS:
                raise SecurityError(f"repeating text or a list past {MAX_ITEMS:,} items is not allowed")
        if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > MAX_POWER_BITS:
            raise SecurityError("that number is too large for a letter")

    @staticmethod
    def _check_power(left, right) -> None:
        if isinstance(right, int) and isinstance(left, int | float) and abs(left) > 1:
            bits = abs(right) * max(int(abs(left)).bit_length(), 1)
            if bits > MAX_POWER_BITS:
                raise SecurityError("that number is too large for a letter")


def render_bounded(template: Template, context: dict, *, max_chars: int = MAX_OUTPUT) -> str:
    """The template's output, stopped as soon as it passes `max_chars`."""
    parts, size = [], 0
    for chunk in template.generate(context):
        size += len(chunk)
        if size > max_chars:
            raise OutputTooLarge(f"over {max_chars:,} characters")
        parts.append(chunk)
    return "".join(parts)
