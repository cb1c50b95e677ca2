"""Find every English message the UI can show, so app/locale/<lang>.po can be checked for gaps.

English strings are the message ids (see app/i18n.py). They come from two places:

* templates: the literal first argument of `_("...")` calls, read with Jinja's own parser;
* engine messages anywhere under app/, app/rules included: the literal first argument of
  `M("...")` / `Message("...")` (app/messages.py);
* the letter catalog (app/letters/catalog*.py): each kind's title and purpose, its fields' labels,
  help and choice words, and the enclosure options the letter form offers, read from the loaded
  catalog (letter_messages). Only the form and pages around a letter are translated: the letter
  itself is written in its own language by its template;
* the rules registry (app/rules/procedures_*.py): procedure titles and the words of each procedure that a deadline's
  explanation shows (clock labels, what starts a clock, notes, extension conditions...), read from
  the loaded registry because several are joined from shared constants (RULE_TEXTS);
* other Python code under app/ (not app/rules/, whose only UI text is its engine messages):
  literals handed to `t()` / `translate()`, error-page titles and messages, flash messages,
  form-field error messages, sign-in errors, password-policy messages, ID kind labels,
  recipient kinds (app/recipients/directory.py) and proceeding states, event kinds, channels
  and outcomes (app/proceedings/models.py).
  Those literals are translated later, at render time, by `{{ _(message) }}` in a template.

Shared by tests/test_i18n.py and, later, a `recourse` command that updates the catalogs.
"""

import ast
from collections.abc import Iterator
from pathlib import Path

from jinja2 import Environment, nodes

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
APP = ROOT / "app"
SKIP_DIRS = (APP / "rules",)

# Words stored in the database and shown through `_(value)`: roles, workspace kinds, case statuses.
FIXED_WORDS = frozenset({
    "owner", "advocate", "volunteer", "client",  # app.workspaces.models.Role
    "personal", "clinic",  # app.workspaces.models.WorkspaceKind
    "open", "closed",  # app.cases.models.Case.status
    "draft", "final",  # app.letters.models.Letter.status
    "post", "certified", "online", "email", "fax", "counter",  # app.letters.catalog.SENDING_METHODS
    "delete", "correct", "mark-disputed", "add-statement",  # app.letters.catalog.ACTIONS
    "This is required.",  # app.letters.forms.field_errors, app.letters.readiness
    "Say what it should say.",  # app.letters.catalog.validate: a correction with no corrected value
    "new", "deleted", "corrected", "unchanged", "reinserted",  # app.reports.analysis.CHANGE_STATUSES
    "high", "medium", "low",  # app.reports.analysis.SEVERITIES
    "not-mine", "unrecognised",  # app.credit_reports.models.MARKS
    "name", "address", "employer", "ssn", "birth-date", "phone", "other",  # app.reports.model.PERSONAL_KINDS
    "hard", "soft",  # inquiry kinds (app.reports.fields.CHOICES)
    "discarded",  # app.letters.models.Letter.status
})


# Report field labels and help (app/reports/fields.py), shown through `_(labels[key])`.
FIELD_TEXTS = {("reports", "fields.py"): {"LABELS", "HELP", "SECTION_TITLES"},
               ("app", "glossary.py"): {"NAMES", "TERMS"}}  # legal words explained (issue 13)
WORD_LISTS = {("recipients", "directory.py"): {"KINDS", "PURPOSES"},
              ("proceedings", "models.py"): {"STATES", "EVENT_KINDS", "OUTCOMES", "CHANNELS"}}


def _is_word_list(target, value, path: Path) -> bool:
    names = WORD_LISTS.get((path.parent.name, path.name), set())
    return isinstance(target, ast.Name) and target.id in names and isinstance(value, ast.Tuple | ast.List)


def messages() -> set[str]:
    """Every msgid the UI can show. Stored codes become their words (app.i18n.WORDS): that is the
    message translate() looks up."""
    from app.i18n import WORDS

    found = template_messages() | python_messages() | rules_messages() | letter_messages() | set(FIXED_WORDS)
    found |= recipient_messages()
    return {WORDS.get(m, m) for m in found}


# ---- the rules registry ---------------------------------------------------------------------

# The fields of the registry's shapes (app/rules/model.py) that the deadline engine puts into a
# deadline's label or explanation as messages (Message(clock.label), ...).
RULE_TEXTS = {
    "Clock": ("label", "starts", "note"),
    "Extension": ("condition", "notice", "label", "happened", "too_late"),
    "Variant": ("note",),
    "Procedure": ("title", "in_force_note"),  # the title: proceeding pages and calendar feeds
}


def rules_messages() -> set[str]:
    """Procedure words a deadline shows, from the loaded registry (RULE_TEXTS)."""
    from app.rules import PROCEDURES

    found: set[str] = set()
    procedures = PROCEDURES.values() if isinstance(PROCEDURES, dict) else PROCEDURES
    for proc in procedures:
        parts = [proc, proc.response, *proc.duties, *proc.extensions, *proc.variants]
        for part in parts:
            for name in RULE_TEXTS[type(part).__name__]:
                if value := getattr(part, name):
                    found.add(value)
    return found


def recipient_messages() -> set[str]:
    """The notes and identification texts of the built-in recipients directory, from the loaded
    records (app.recipients.directory.load): a directory entry's page shows them through `_()`."""
    from app.recipients import directory

    return {text for record in directory.load() for key in ("notes", "identification")
            if (text := record.get(key))}


# ---- the letter catalog ----------------------------------------------------------------------

def letter_messages() -> set[str]:
    """What the letter pages show of the loaded catalog (app/letters/catalog.py KINDS), through
    `_()`: titles, purposes, field labels and help, each choice's words (its CHOICE_LABELS or the
    kind's own label, else the code, shown as a word), and the enclosure options' lines."""
    from app.letters.catalog import KINDS
    from app.letters.enclosures import option_line
    from app.letters.fields import CHOICE_LABELS

    found: set[str] = {"Letter"}  # the title of a letter whose kind left the catalog
    for kind in KINDS.values():
        found |= {kind.title, kind.purpose}
        fields = list(kind.fields)
        while fields:
            field = fields.pop()
            found.add(field.label)
            if field.help:
                found.add(field.help)
            found |= {kind.choice_labels.get(c) or CHOICE_LABELS.get(c) or c for c in field.choices}
            fields += field.item_fields
        found |= {option_line(tag, kind.languages[0]) for tag in kind.enclosure_options}  # as views.py shows them
    return found


# ---- templates ------------------------------------------------------------------------------

def template_messages(directory: Path = TEMPLATES) -> set[str]:
    """Literal first arguments of `_()` calls in templates/**/*.html (`_(variable)` is skipped)."""
    env = Environment(autoescape=True)  # parsing only: no loader, filters or globals needed
    found: set[str] = set()
    for path in sorted(directory.rglob("*.html")):
        tree = env.parse(path.read_text(encoding="utf-8"), name=path.name, filename=str(path))
        for call in tree.find_all(nodes.Call):
            if isinstance(call.node, nodes.Name) and call.node.name == "_" and call.args:
                first = call.args[0]
                if isinstance(first, nodes.Const) and isinstance(first.value, str):
                    found.add(first.value)
    return found


# ---- Python ---------------------------------------------------------------------------------

def python_messages(directory: Path = APP) -> set[str]:
    """Literal UI messages in app/**/*.py (see the module docstring for which calls count)."""
    found: set[str] = set()
    for path in sorted(directory.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        skipped = any(path.is_relative_to(skip) for skip in SKIP_DIRS)
        for node in ast.walk(tree):
            found.update(_engine_messages(node))
            if not skipped:
                found.update(_messages_in(node, path))
        if path.parent.name == "journeys":
            found.update(_journey_words(tree))
    return found


# Journeys (app/journeys/) declare their words as data: questions, options, step titles and the
# plan's step words, at module level or in these calls (codes, slugs and links are not words).
JOURNEY_CALLS = {"Question", "Step", "StepWords", "Created", "Journey"}


def _is_words(value: str) -> bool:
    return (" " in value or value[:1].isupper()) and "://" not in value and not value.startswith("/")


def _journey_words(tree: ast.Module) -> Iterator[str]:
    roots = [n.value for n in tree.body if isinstance(n, ast.Assign | ast.AnnAssign) and n.value is not None]
    roots += [n for n in ast.walk(tree) if isinstance(n, ast.Call) and _name(n.func) in JOURNEY_CALLS]
    for root in roots:
        for node in ast.walk(root):
            if isinstance(node, ast.JoinedStr):
                continue
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _is_words(node.value):
                yield node.value


def _strings(node: ast.AST | None) -> Iterator[str]:
    """The string literal(s) an expression can evaluate to: "x", or both sides of `"a" if c else "b"`.
    Implicitly joined literals ("a " "b") are already one constant; f-strings are skipped."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value:
        yield node.value
    elif isinstance(node, ast.IfExp):
        yield from _strings(node.body)
        yield from _strings(node.orelse)


def _dict_values(node: ast.AST | None) -> Iterator[str]:
    if isinstance(node, ast.Dict):
        for value in node.values:
            yield from _strings(value)


def _name(func: ast.AST) -> str:
    """`t` for both `t(...)` and `web.t(...)`."""
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _arg(call: ast.Call, index: int) -> ast.AST | None:
    return call.args[index] if len(call.args) > index else None


def _engine_messages(node: ast.AST) -> Iterator[str]:
    """Message ids the engines write (app/messages.py): `M("...", **params)` or `Message("...")`,
    in every package, app/rules included."""
    if isinstance(node, ast.Call) and _name(node.func) in ("M", "Message"):
        yield from _strings(_arg(node, 0))


def _messages_in(node: ast.AST, path: Path) -> Iterator[str]:
    if isinstance(node, ast.Call):
        name = _name(node.func)
        if name in ("t", "translate"):  # t(request, "msg", **params) / translate(lang, "msg", **params)
            yield from _strings(_arg(node, 1))
        elif name == "_error_page":  # _error_page(request, status, "Title", "Message")
            yield from _strings(_arg(node, 2))
            yield from _strings(_arg(node, 3))
        elif name == "Invalid":  # Invalid({"field": "Message"})
            yield from _dict_values(_arg(node, 0))
        elif name == "SignInError":  # SignInError("Message", wait_seconds)
            yield from _strings(_arg(node, 0))
        elif name == "Problem":  # Problem(code, field, "Message") in app/letters/readiness.py
            yield from _strings(_arg(node, 2))
        for keyword in node.keywords:  # redirect(request, url, flash="Message")
            if keyword.arg == "flash":
                yield from _strings(keyword.value)

    # Form errors collected before `raise Invalid(errors)`: errors["field"] = "Message",
    # and ID_KINDS = {"ssn": "US Social Security number", ...}.
    elif isinstance(node, ast.Assign):
        for target in node.targets:
            if isinstance(target, ast.Subscript) and _name(target.value) == "errors":
                yield from _strings(node.value)
            elif isinstance(target, ast.Name) and target.id in ("errors", "ID_KINDS"):
                yield from _dict_values(node.value)
            # Stored words shown through `_(value)`: recipient kinds (KINDS in recipients/directory.py)
            # and proceeding states, timeline event kinds, channels and item outcomes
            # (proceedings/models.py).
            elif _is_word_list(target, node.value, path):
                for item in node.value.elts:
                    yield from _strings(item)

    # Report field labels and help: LABELS: dict[str, str] = {"account.balance": "Balance", ...}.
    elif (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and isinstance(node.value, ast.Dict)
          and node.target.id in FIELD_TEXTS.get((path.parent.name, path.name), set())):
        yield from _dict_values(node.value)

    # Errors handed straight to a template: render(..., {"errors": {"field": "Message"}}).
    elif isinstance(node, ast.Dict):
        for key, value in zip(node.keys, node.values, strict=True):
            if isinstance(key, ast.Constant) and key.value == "errors":
                yield from _dict_values(value)

    # Password-policy messages: the strings returned by app/accounts/passwords.py:problem().
    elif isinstance(node, ast.FunctionDef) and node.name == "problem" and path.name == "passwords.py":
        for inner in ast.walk(node):
            if isinstance(inner, ast.Return):
                yield from _strings(inner.value)


if __name__ == "__main__":
    for message in sorted(messages()):
        print(repr(message))
