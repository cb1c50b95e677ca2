"""Workspace overrides of letter text: cleaned and validated before saving, rendered in Jinja's
sandbox in a child process with a budget (app/letters/render.py)."""

from __future__ import annotations

from jinja2 import TemplateSyntaxError, meta, nodes

from app import limits
from app.letters import render, sanitize
from app.letters.catalog import LetterKind, example_data, get_kind

# What a letter template may use at the top level (see app/letters/context.py).
CONTEXT_NAMES = {"kind", "lang", "L", "sender", "recipient", "letter_date", "reference", "sending_method",
                 "enclosures", "enclosed", "id_shown", "facts", "procedure", "deadline", "page_size", "din5008", "fmt_date", "loop",
                 "item", "e", "line", "self", "super", "varargs", "kwargs", "range", "dict", "lipsum", "cycler",
                 "joiner", "namespace"}
MAX_SOURCE = 100_000  # characters; our longest letter template is under 6,000


def prepare(kind: LetterKind, lang: str, source: str) -> tuple[str, list[str], list[str]]:
    """(the source to save, what cleaning removed, problems in plain words). The source is saved
    only when there are no problems. The source is untrusted: cleaning and parsing it run in a
    child process with a budget, and so does filling it in with the example data."""
    if len(source) > MAX_SOURCE:
        return source, [], [_problem("too_long")]
    try:
        cleaned, removed, problems = limits.run(_analyse, kind.id, source, seconds=render.TEMPLATE_SECONDS,
                                                memory_mb=render.TEMPLATE_MEMORY_MB)
    except limits.LimitExceeded as exc:
        return source, [], [render.limit_message(exc.limit)]
    if problems:
        return cleaned, removed, problems
    try:
        render.render_html(kind, example_data(kind, lang), lang=lang, override=cleaned)
    except render.RenderError as exc:
        # A budget message stands alone, so the form shows it translated.
        return cleaned, removed, [str(exc)] if exc.limit else [f"It does not render with the example data: {exc}"]
    return cleaned, removed, []


def _problem(key: str) -> str:
    # Named `errors` so app/i18n_extract.py offers these messages for translation.
    errors = {
        "too_long": "The wording is too long: at most 100,000 characters.",
        "lost_jinja": "A template tag ({{ }} or {% %}) sits inside an HTML tag, or inside something letters "
                      "may not contain. Move it out, or remove that part.",
    }
    return errors[key]


def _analyse(kind_id: str, source: str) -> tuple[str, list[str], list[str]]:
    """Runs in the child process: the cleaned source, what was removed, and its problems."""
    try:
        cleaned = sanitize.clean_source(source)
    except sanitize.TooDeep:
        return source, [], [render.limit_message("depth")]
    if cleaned.lost_jinja:
        return source, cleaned.removed, [_problem("lost_jinja")]
    return cleaned.source, cleaned.removed, _names(get_kind(kind_id), cleaned.source)


def _names(kind: LetterKind, source: str) -> list[str]:
    """Syntax errors, and names or facts the letter does not have."""
    try:
        tree = render.sandbox_env().parse(source)
    except TemplateSyntaxError as exc:
        return [f"Line {exc.lineno}: {exc.message}"]
    except RecursionError:
        return ["The template nests too deeply."]
    assigned = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    unknown = meta.find_undeclared_variables(tree) - CONTEXT_NAMES - assigned
    problems = [f"Unknown name: {name}" for name in sorted(unknown)]
    fact_names = {f.name for f in kind.fields}
    for node in tree.find_all(nodes.Getattr):
        if isinstance(node.node, nodes.Name) and node.node.name == "facts" and node.attr not in fact_names | {"get"}:
            problems.append(f"Unknown fact: facts.{node.attr} (this letter has: {', '.join(sorted(fact_names))})")
    return problems
