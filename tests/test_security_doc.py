"""docs/security.md maps the threat model and the OWASP ASVS chapters to tests: every test file
and test name it cites must exist, so the map cannot rot."""

import re

from app.config import ROOT

DOC = (ROOT / "docs" / "security.md").read_text()


def test_every_cited_test_file_exists():
    cited = set(re.findall(r"`(tests/[\w/]+(?:\.py)?)`", DOC))
    assert len(cited) > 20
    missing = sorted(p for p in cited if not (ROOT / p).exists())
    assert missing == []


def test_every_cited_test_name_exists():
    # Names in parentheses after a file: `test_x`, `test_y*` (a prefix).
    sources = {p: (ROOT / p).read_text() for p in set(re.findall(r"`(tests/[\w/]+\.py)`", DOC))}
    for path, names in re.findall(r"`(tests/[\w/]+\.py)`\s*\(([^)]*)\)", DOC):
        for name in re.findall(r"`(test_\w+)\*?`", names):
            assert f"def {name}" in sources[path], (path, name)


def test_the_asvs_chapters_the_issue_names_are_all_there():
    for chapter in ("V2", "V3", "V4", "V5", "V8", "V12", "V14"):
        assert re.search(rf"^### {chapter} ", DOC, re.M), chapter

