"""The Recourse JSON report format (documented in docs/report-formats/README.md)."""

from __future__ import annotations

import json

from app.messages import M
from app.reports.importers import (
    MAX_ITEMS,
    Entry,
    ImportError_,
    ImportResult,
    Question,
    Understood,
    Unread,
    build,
    decode,
    shown,
    why,
)
from app.reports.model import SECTION_LIST_NAMES, Report
from app.reports.values import Ambiguous, country_code, country_for, read_date

_TOP = {"format", "version", "bureau", "pulled", "obtained", "country",
        *SECTION_LIST_NAMES.values()}  # fmt: skip


def read_json(data: bytes, *, country: str | None = None) -> ImportResult:
    doc = _load(decode(data))
    if not isinstance(doc, dict):
        raise ImportError_(M("The JSON must be one object with the report's fields, not a list"))
    _check_size(doc)
    understood: list[Understood] = []
    questions: list[Question] = []
    unread = [Unread(None, f"{k}: {json.dumps(doc[k])[:120]}", M("not a field we know"))
              for k in doc if k not in _TOP]  # fmt: skip
    stated = country_code(_text(doc.get("country")))
    where = country_for(chosen=country, stated=stated, bureau=_text(doc.get("bureau")))
    pulled = None
    if doc.get("pulled"):
        try:
            pulled = read_date(str(doc["pulled"]), where)
        except ValueError as error:
            unread.append(Unread(None, f"pulled: {doc['pulled']}", why(error)))
        if isinstance(pulled, Ambiguous):
            choices = tuple(shown(c) for c in pulled.choices)
            questions.append(Question(None, f"pulled: {doc['pulled']}", "report.pulled",
                                      pulled.raw, choices))  # fmt: skip
            pulled = None
    groups: dict[str, list] = {}
    for section, name in SECTION_LIST_NAMES.items():
        rows = doc.get(name) or []
        if not isinstance(rows, list):
            raise ImportError_(M('"%(name)s" must be a list of objects', name=name))
        groups[name] = []
        for i, row in enumerate(rows):
            at = f"{name}[{i}]"
            if not isinstance(row, dict):
                unread.append(Unread(None, f"{at}: {json.dumps(row)[:120]}", M("not an object")))
                continue
            entries = [Entry(k, v, None, f"{at}.{k}: {json.dumps(v, default=str)}")
                       for k, v in row.items() if k not in ("key", "section")]  # fmt: skip
            built = build(section, entries, at, country=where)
            understood += built.understood
            unread += built.unread
            questions += built.questions
            if built.item is not None:
                groups[name].append(built.item)
    report = Report(bureau=_text(doc.get("bureau")), pulled=pulled,
                    obtained=_text(doc.get("obtained")), country=country_code(country) or stated,
                    **{k: tuple(v) for k, v in groups.items()})  # fmt: skip
    return ImportResult(report, tuple(understood), tuple(unread), tuple(questions))


def _load(text: str) -> object:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportError_(M("This is not valid JSON: %(error)s at line %(line)s, column %(column)s",
                             error=error.msg, line=error.lineno, column=error.colno)) from None
    except RecursionError:
        raise ImportError_(M("This JSON is nested too deeply to be a credit report")) from None
    except ValueError:  # Python refuses to read an integer of more than 4,300 digits
        raise ImportError_(M("This JSON holds a number too long to be part of a credit report")) from None
    try:
        json.dumps(doc, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # "\ud800": half of a character, which no text can hold
        doc = json.loads(json.dumps(doc, ensure_ascii=False).encode("utf-8", "replace"))
    except (RecursionError, ValueError):
        raise ImportError_(M("This JSON is nested too deeply to be a credit report")) from None
    return doc


def _check_size(doc: dict) -> None:
    rows = sum(len(v) for name in SECTION_LIST_NAMES.values() if isinstance(v := doc.get(name), list))
    if rows > MAX_ITEMS:
        raise ImportError_(M("This file holds %(count)s items; a report can have at most %(most)s. "
                             "Split it into smaller files", count=f"{rows:,}", most=MAX_ITEMS))


def _text(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None


def write_json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
