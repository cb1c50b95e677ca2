"""Workspace overrides of letter text: validated before saving, rendered in Jinja's sandbox."""

from __future__ import annotations

from jinja2 import TemplateSyntaxError, meta, nodes
from jinja2.exceptions import SecurityError, UndefinedError

from app.letters.catalog import LetterKind, example_data
from app.letters.render import RenderError, render_html, sandbox_env

# What a letter template may use at the top level (see app/letters/context.py).
CONTEXT_NAMES = {"kind", "lang", "L", "sender", "recipient", "letter_date", "reference", "sending_method",
                 "enclosures", "enclosed", "id_shown", "facts", "procedure", "deadline", "page_size", "din5008", "fmt_date", "loop",
                 "item", "e", "line", "self", "super", "varargs", "kwargs", "range", "dict", "lipsum", "cycler",
                 "joiner", "namespace"}


def check(kind: LetterKind, lang: str, source: str) -> list[str]:
    """Problems with an override, in plain words; an empty list means it can be saved."""
    env = sandbox_env()
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as exc:
        return [f"Line {exc.lineno}: {exc.message}"]
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
    except SecurityError as exc:
        return [f"Not allowed: {exc}"]
    except (RenderError, UndefinedError, TypeError, ValueError) as exc:
        return [f"It does not render with the example data: {exc}"]
    return []
