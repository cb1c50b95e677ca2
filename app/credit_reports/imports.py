"""Bringing a report in through the web: read an upload or pasted text into a preview, then read
the confirmed preview back into reports. Nothing is saved until the person confirms.

The preview holds one part per report in the submission (a 3-bureau page has three). Each part
carries what the readers understood next to the lines it came from, the lines they could not
read, the values that read two ways (questions the person must answer), and warnings (a scan).
The first part's form fields keep their plain names (`bureau`, `items.0.balance`); the others
are prefixed (`part1.bureau`), so one form confirms every report at once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlmodel import Session

from app import i18n, messages
from app.cases.models import Case
from app.credit_reports import disputes, service
from app.credit_reports.models import CreditReport
from app.credit_reports.service import MAX_ITEMS
from app.errors import Invalid
from app.recipients import service as recipients
from app.reports import FORMATS, ImportError_, ImportResult, Report, guess_format, limited
from app.reports.analysis import is_collection
from app.reports.model import Account
from app.reports.values import COUNTRIES, country_code
from app.tenancy import Context

PASTE_LIMIT = 2_000_000  # characters of pasted report text
MAX_PARTS = 5  # a 3-bureau page gives three; pasted text names at most the three bureaus
_TEXT_LIMIT = 300


@dataclass
class Part:
    """One report of the preview, with everything the page shows beside its form fields."""

    report: Report
    sources: dict[int, list[dict]] = field(default_factory=dict)  # item index -> source lines
    report_sources: list[dict] = field(default_factory=list)
    unread: list[dict] = field(default_factory=list)
    questions: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unreadable: str | None = None  # "nothing" or "fragments" (ImportResult.unreadable)


@dataclass
class ImportPreview:
    source: str  # the format that read it: json, csv, text, pdf, html, image
    country: str | None
    parts: list[Part]


def prefix(index: int) -> str:
    return "" if index == 0 else f"part{index}."


def read_submission(*, fmt: str, text: str, filename: str, data: bytes, country: str,
                    limit: int) -> ImportPreview:  # fmt: skip
    """An upload (filename, data) or pasted text -> the preview. Raises Invalid with a message
    for the field at fault (the file, the text, the format or the country)."""
    if fmt not in ("auto", *FORMATS):
        raise Invalid({"format": "Choose a format from the list."})
    chosen = country_code(country) if country else None
    if country and chosen not in COUNTRIES:
        raise Invalid({"import_country": "Choose a country from the list."})
    if data or filename:
        where = "file"
        if len(data) > limit:
            raise Invalid({"file": "This file is too large. Upload a smaller file."})
        if fmt == "auto":
            try:
                fmt = guess_format(filename)
            except ImportError_:
                raise Invalid({"format": "We cannot tell the format from the file's name. Choose it from the list."}) from None
    elif text.strip():
        where = "text"
        if len(text) > PASTE_LIMIT:
            raise Invalid({"text": "This text is too long. Paste one report at a time."})
        data = text.encode("utf-8", "replace")  # a lone surrogate ("\ud800") becomes "?"
        if fmt == "auto":
            fmt = "json" if text.lstrip().startswith("{") else "text"
        if fmt in ("pdf", "image"):
            raise Invalid({"format": "Pasted text cannot be a PDF or a picture. Upload the file instead."})
    else:
        raise Invalid({"file": "Choose a file, or paste the report's text below."})
    try:
        # In a child process with time and memory limits (app/reports/limited.py).
        results = limited.read_reports(data, fmt, country=chosen)
    except ImportError_ as exc:
        # The reader's message names what is wrong with this file (empty, encrypted, no Tesseract...).
        raise Invalid({where: exc.message}) from None
    if not results:  # a 3-bureau page whose columns were all empty
        results = (ImportResult(Report()),)
    return ImportPreview(fmt, chosen, [_part(r) for r in results[:MAX_PARTS]])


def _part(result: ImportResult) -> Part:
    report = result.report
    keys: dict[str, int] = {}
    for n, item in enumerate(report.items()):
        keys.setdefault(item.key, n)  # the first item of a key, as list.index gave
    part = Part(report, warnings=list(result.warnings), unreadable=result.unreadable)
    for u in result.understood:
        entry = {"line": u.line, "page": getattr(u, "page", None), "text": u.text[:_TEXT_LIMIT],
                 "field": u.field, "value": u.value[:_TEXT_LIMIT]}
        if u.item is None:
            part.report_sources.append(entry)
        elif u.item in keys:
            part.sources.setdefault(keys[u.item], []).append(entry)
    part.unread = [{"line": u.line, "page": getattr(u, "page", None), "text": u.text[:_TEXT_LIMIT],
                    "reason": _reason_text(u.reason), "more": u.more} for u in result.unread]  # page: PDF readers give it
    for q in result.questions:
        n = keys.get(q.item) if q.item is not None else None
        if q.item is not None and n is None:
            continue
        part.questions.append({"n": n, "name": q.field.split(".", 1)[1], "raw": q.raw[:_TEXT_LIMIT],
                               "choices": list(q.choices)[:4], "line": q.line, "text": q.text[:_TEXT_LIMIT]})
    return part


def _reason_text(reason: messages.Message | str) -> str:
    """A reason as the preview carries it in its hidden field: the message's parts as JSON text
    (app/messages.py dump), which the page's `|msg` filter shows in the reader's language."""
    return messages.dump(reason if isinstance(reason, messages.Message) else messages.Message(str(reason)))


def _carried_reason(raw: object) -> str:
    """A reason from the hidden field, checked: the field comes back from the browser, so what
    does not load and render in every language is kept as plain text (shown as written)."""
    text = str(raw or "")[:1000]
    if not text.startswith("["):
        return _reason_text(text)
    try:
        loaded = messages.load(text)
        if not isinstance(loaded, messages.Message) or not isinstance(loaded.msgid, str):
            raise ValueError
        for lang in i18n.LANGUAGES:
            loaded.render(lang)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
        return _reason_text(text)
    return messages.dump(loaded)


def _unread(raw: object) -> list[dict]:
    out = []
    for u in raw if isinstance(raw, list) else []:
        if isinstance(u, dict):
            line, page, more = u.get("line"), u.get("page"), u.get("more")
            out.append({"line": line if isinstance(line, int) else None, "page": page if isinstance(page, int) else None,
                        "text": str(u.get("text", ""))[:_TEXT_LIMIT], "reason": _carried_reason(u.get("reason")),
                        "more": more if isinstance(more, int) and more > 0 else 0})
    return out


# ---- the confirmed preview -----------------------------------------------------------------

def _loads(raw: str, default):
    try:
        value = json.loads(raw)
    except ValueError:
        return default
    return value if isinstance(value, type(default)) else default


def part_count(form: dict[str, str]) -> int:
    count = 1
    while count < MAX_PARTS and f"{prefix(count)}bureau" in form:
        count += 1
    return count


def carried(form: dict[str, str], index: int) -> Part:
    """What the preview carried in hidden fields for one part, to show it again after an error."""
    p = prefix(index)
    sources = {int(k): v for k, v in _loads(form.get(p + "sources", ""), {}).items() if str(k).isdigit()}
    return Part(Report(), sources=sources, report_sources=_loads(form.get(p + "report_sources", ""), []),
                unread=_unread(_loads(form.get(p + "unread", ""), [])), questions=_questions(form, p),
                warnings=[w for w in _loads(form.get(p + "warnings", ""), []) if isinstance(w, str)])


def _questions(form: dict[str, str], p: str) -> list[dict]:
    out = []
    for q in _loads(form.get(p + "questions", ""), []):
        if isinstance(q, dict) and isinstance(q.get("choices"), list) and isinstance(q.get("name"), str):
            n = q.get("n")
            out.append({"n": n if isinstance(n, int) else None, "name": q["name"],
                        "choices": [str(c) for c in q["choices"]][:4], "raw": str(q.get("raw", "")),
                        "line": q.get("line"), "text": str(q.get("text", ""))})
    return out


def field_name(p: str, question: dict) -> str:
    """The form field a question's answer fills."""
    if question["n"] is None:
        return p + question["name"]
    return f"{p}items.{question['n']}.{question['name']}"


def answer_questions(form: dict[str, str], index: int) -> tuple[dict[str, str], dict[str, str]]:
    """The form with each chosen reading put into its field. A question left unanswered, for a
    field the person did not fill in by hand, on an entry they keep, is an error."""
    p = prefix(index)
    form = dict(form)
    errors = {}
    for q in _questions(form, p):
        target = field_name(p, q)
        kept = q["n"] is None or form.get(f"{p}items.{q['n']}.keep")
        answer = form.get("answer." + target, "")
        if answer in q["choices"]:
            form[target] = answer
        elif kept and not form.get(target, "").strip():
            errors["answer." + target] = "Choose which one the report means."
    return form, errors


def addresses_to_save(form: dict[str, str], index: int, report: Report) -> list[Account]:
    """The accounts whose printed address the person asked to keep for letters."""
    p = prefix(index)
    chosen = []
    for n in range(MAX_ITEMS):
        if f"{p}items.{n}.section" not in form:
            break
        if form.get(f"{p}items.{n}.keep") and form.get(f"{p}items.{n}.save_address"):
            chosen.append(form.get(f"{p}items.{n}.furnisher", ""))
    return [a for a in report.accounts if a.furnisher in chosen and a.contact_address]


def confirm(session: Session, ctx: Context, case: Case, form: dict[str, str]) -> list[CreditReport]:
    """Save every report of a confirmed preview (one per bureau for a 3-bureau page), and the
    companies' printed addresses the person chose to keep. Raises Invalid with every problem."""
    ctx.require(*service.EDITORS)
    reports: list[tuple[int, Report]] = []
    errors: dict[str, str] = {}
    for index in range(part_count(form)):
        answered, unanswered = answer_questions(form, index)
        report, problems = service.read_preview(answered, prefix(index))
        errors.update(unanswered | problems)
        if report is not None:
            reports.append((index, report))
    if errors:
        raise Invalid(errors)
    source = form.get("source", "text")
    rows = [service.save_report(session, ctx, case, report, source=source) for _, report in reports]
    if ctx.role in service.DISPUTERS:
        for index, report in reports:
            for account in addresses_to_save(form, index, report):
                recipients.add_from_report(
                    session, ctx, name=account.furnisher, address=disputes.company_address(account),
                    kind="collector" if is_collection(account) else "furnisher",
                    phone=account.contact_phone or "",
                    source=f"Printed on the {report.bureau or 'credit'} report of "
                           f"{report.pulled.isoformat() if report.pulled else 'unknown date'}")
    return rows
