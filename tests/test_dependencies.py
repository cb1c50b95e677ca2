"""Everything app/ imports at run time comes with `pip install -e .` (the README's run command),
not only with the test extras: a module missing there is a 500 for a user, never seen by the tests."""

import ast
import re
import sys
import tomllib
from importlib.metadata import PackageNotFoundError, packages_distributions, requires
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _runtime_distributions() -> set[str]:
    """The main dependencies and everything they require (extras and markers left out)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    todo = [_name(r) for r in project["dependencies"]]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            needs = requires(name) or []
        except PackageNotFoundError:
            continue
        todo += [_name(r) for r in needs if "extra ==" not in r]
    return seen


def _imported_top_level_modules() -> set[str]:
    found = set()
    for path in (ROOT / "app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    return found - {"app"} - set(sys.stdlib_module_names)


def test_every_third_party_import_is_a_runtime_dependency():
    runtime = _runtime_distributions()
    owners = packages_distributions()
    missing = sorted(
        module for module in _imported_top_level_modules()
        if not any(d.lower().replace("_", "-") in runtime for d in owners.get(module, [module]))
    )
    assert not missing, f"app/ imports {missing}, which `pip install -e .` does not install: add to dependencies"
