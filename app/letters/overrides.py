"""Workspace overrides of letter text: cleaned and validated before saving, rendered in Jinja's
sandbox in a child process with a budget (app/letters/render.py)."""

from __future__ import annotations

from jinja2 import TemplateSyntaxError, meta, nodes

from app.letters import sanitize
from app.letters.catalog import LetterKind, example_data
from app.letters.render import RenderError, render_html, sandbox_env

# What a letter template may use at the top level (see app/letters/context.py).
CONTEXT_NAMES = {"kind", "lang", "L", "sender", "recipient", "letter_date", "reference", "sending_method",
                 "enclosures", "facts", "procedure", "deadline", "page_size", "din5008", "fmt_date", "loop",
                 "item", "e", "line", "self", "super", "varargs", "kwargs", "range", "dict", "lipsum", "cycler",
                 "joiner", "namespace"}
MAX_SOURCE = 100_000  # characters; our longest letter template is under 6,000


def prepare(kind: LetterKind, lang: str, source: str) -> tuple[str, list[str], list[str]]:
    """(the source to save, what cleaning removed, problems in plain words). The source is saved
    only when there are no problems."""
    if len(source) > MAX_SOURCE:
        return source, [], [_problem("too_long")]
    cleaned = sanitize.clean_source(source)
    if cleaned.lost_jinja:
        return source, cleaned.removed, [_problem("lost_jinja")]
    return cleaned.source, cleaned.removed, check(kind, lang, cleaned.source)


def _problem(key: str) -> str:
    # Named `errors` so app/i18n_extract.py offers these messages for translation.
    errors = {
        "too_long": "The wording is too long: at most 100,000 characters.",
        "lost_jinja": "A template tag ({{ }} or {% %}) sits inside an HTML tag, or inside something letters "
                      "may not contain. Move it out, or remove that part.",
    }
    return errors[key]


def check(kind: LetterKind, lang: str, source: str) -> list[str]:
    """Problems with an override, in plain words; an empty list means it can be saved."""
    env = sandbox_env()
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as exc:
        return [f"Line {exc.lineno}: {exc.message}"]
    except RecursionError:
        return ["The template nests too deeply."]
    problems = []
    assigned = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    unknown = meta.find_undeclared_variables(tree) - CONTEXT_NAMES - assigned
    problems += [f"Unknown name: {name}" for name in sorted(unknown)]
    fact_names = {f.name for f in kind.fields}
    for node in tree.find_all(nodes.Getattr):
        if isinstance(node.node, nodes.Name) and node.node.name == "facts" and node.attr not in fact_names | {"get"}:
            problems.append(f"Unknown fact: facts.{node.attr} (this letter has: {', '.join(sorted(fact_names))})")
    if problems:
        return problems
    try:
        render_html(kind, example_data(kind, lang), lang=lang, override=source)
    except RenderError as exc:
        # A budget message stands alone, so the form shows it translated.
        return [str(exc)] if exc.limit else [f"It does not render with the example data: {exc}"]
    return []
