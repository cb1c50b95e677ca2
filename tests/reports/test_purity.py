"""app.reports must stay pure: no database, no web layer, no clock reads outside the CLI."""

import ast
import json
import subprocess
import sys
from pathlib import Path

REPORTS = Path(__file__).resolve().parents[2] / "app" / "reports"
FORBIDDEN = ("sqlalchemy", "sqlmodel", "fastapi", "starlette", "jinja2", "app.db", "app.web",
             "app.models", "app.main", "app.deps")  # fmt: skip


def test_import_pulls_in_no_db_or_web_module():
    code = ("import json, sys; import app.reports, app.reports.cli, app.reports.importers.pdf; "
            "print(json.dumps(sorted(sys.modules)))")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=REPORTS.parents[1])  # fmt: skip
    loaded = json.loads(out.stdout)
    assert [m for m in loaded if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)] == []


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_source_imports_only_pure_modules():
    for path in REPORTS.rglob("*.py"):
        for name in _imports(path):
            assert not any(name == f or name.startswith(f + ".") for f in FORBIDDEN), (path, name)
            if name.startswith("app."):  # app.messages: findings are messages, rendered per language
                assert name.startswith("app.reports") or name == "app.messages", (path, name)


def test_analysis_never_reads_the_clock():
    for path in REPORTS.rglob("*.py"):
        if path.name == "cli.py":  # the command line is the edge; it passes today in
            continue
        for call in ("date.today(", "datetime.now(", "datetime.utcnow(", "time.time("):
            assert call not in path.read_text(), (path, call)
