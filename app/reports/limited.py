"""Reading an uploaded report within limits: the web import and `recourse report analyze` use this.

The readers run in a child process (app/limits.py) with a time limit and a memory cap, so a file
built to be slow or huge (a PDF whose page inflates to gigabytes, a page tree that loops, 300,000
CSV rows) stops there and the server keeps answering. Whatever goes wrong becomes ImportError_
with one plain line for the person who sent the file, never a crash or a traceback:

    results = limited.read_reports(data, "pdf", country=None)   # or raises ImportError_

Limits (design choices, not law): a credit report is a few dozen pages and items, so these
leave room for the largest real ones. The page limit is pdf.MAX_PAGES, the item limit MAX_ITEMS
(also the preview form's limit, so a file past it is refused at preview, not at confirm).
"""

from __future__ import annotations

from datetime import date

from app import limits
from app.messages import M
from app.reports import analysis
from app.reports.analysis import Finding
from app.reports.importers import (
    MAX_CHARS,
    MAX_ITEMS,
    ImportError_,
    ImportResult,
    NoTextLayer,
    scan,
)
from app.reports.importers import pdf as pdf_reader
from app.reports.importers.registry import import_reports
from app.reports.model import Report

SECONDS = 20  # a text PDF of 60 pages reads in about 2 seconds
SCAN_SECONDS = 120  # text recognition: up to 12 pages at a few seconds each
MEMORY_MB = 512

_STOPPED = {
    "time": M("Reading this file took too long, so we stopped. It may be damaged or not a credit "
              "report: paste its text or type the report in"),
    "memory": M("Reading this file needed too much memory, so we stopped. It may be damaged or not a "
                "credit report: paste its text or type the report in"),
    "busy": M("The server is reading too many files at once. Try again in a minute"),
    "crash": M("This file could not be read: it is damaged, or too large or complex to be a credit "
               "report. Paste its text or type the report in"),
}
_DAMAGED = M("This file is damaged or is not a report we can read. Check that it is the file the "
             "bureau gave you, or paste its text")


def read_reports(data: bytes, fmt: str, *, country: str | None = None) -> tuple[ImportResult, ...]:
    """Every report in the file, read in a child process within limits. Raises ImportError_."""
    ocr = scan.pytesseract.pytesseract.tesseract_cmd  # as set here (a setting, a test), for the child
    if fmt == "pdf":
        try:
            return _limited(_read_text_pdf, data, country, seconds=SECONDS)
        except NoTextLayer:  # a scan: text recognition takes longer
            return _limited(_read_scan, data, country, ocr, seconds=SCAN_SECONDS)
    seconds = SCAN_SECONDS if fmt == "image" else SECONDS
    return _limited(_read, data, fmt, country, ocr, seconds=seconds)


def _limited(fn, *args, seconds: float) -> tuple[ImportResult, ...]:
    try:
        return limits.run(fn, *args, seconds=seconds, memory_mb=MEMORY_MB)
    except limits.LimitExceeded as exc:
        raise ImportError_(_STOPPED.get(exc.limit, _DAMAGED)) from None
    except ImportError_:
        raise
    except Exception:  # noqa: BLE001 - e.g. a reader's exception that did not survive the pipe
        raise ImportError_(_DAMAGED) from None


# ---- run in the child process ----------------------------------------------------------------

def _read(data: bytes, fmt: str, country: str | None, ocr: str) -> tuple[ImportResult, ...]:
    scan.pytesseract.pytesseract.tesseract_cmd = ocr
    return _checked(lambda: import_reports(data, fmt, country=country))


def _read_text_pdf(data: bytes, country: str | None) -> tuple[ImportResult, ...]:
    return _checked(lambda: (pdf_reader.read_pdf(data, country=country),))


def _read_scan(data: bytes, country: str | None, ocr: str) -> tuple[ImportResult, ...]:
    scan.pytesseract.pytesseract.tesseract_cmd = ocr
    return _checked(lambda: scan.read_scanned_pdf(data, country=country))


def _checked(read) -> tuple[ImportResult, ...]:
    """The reader's results, or ImportError_ for anything that went wrong or is past a limit."""
    try:
        results = read()
    except ImportError_:
        raise
    except RecursionError:
        raise ImportError_(M("This file is nested too deeply to be a credit report")) from None
    except MemoryError:
        raise
    except Exception:  # noqa: BLE001 - a reader that fails on a hostile file refuses it plainly
        raise ImportError_(_DAMAGED) from None
    check_results(results)
    return results


def check_results(results: tuple[ImportResult, ...]) -> None:
    """ImportError_ when what was read is past the item limit."""
    items = max((len(r.report.items()) for r in results), default=0)
    if items > MAX_ITEMS:
        raise ImportError_(M("This file holds %(count)s items; a report can have at most %(most)s. "
                             "Split it into smaller files", count=f"{items:,}", most=MAX_ITEMS))


# ---- analysis ----------------------------------------------------------------------------------

# A report of a few dozen items is analysed in well under a tenth of a second, in the server's own
# process; past this many items (the report and the other bureaus' together) it runs in a child
# with limits, so the server keeps answering (issue 10). A design choice, not law.
IN_PROCESS_ITEMS = 150
ANALYSIS_SECONDS = 20


class AnalysisStopped(Exception):
    """The analysis went past its time or memory limit (or no worker was free)."""


def analyze_report(report: Report, *, today: date, others=(), not_mine=frozenset(),
                   unrecognised=frozenset()) -> list[Finding]:  # fmt: skip
    """analysis.analyze, within limits for a large report. Raises AnalysisStopped."""
    others = list(others)
    size = len(report.items()) + sum(len(o.items()) for o in others)
    if size <= IN_PROCESS_ITEMS:
        return analysis.analyze(report, today=today, others=others, not_mine=not_mine, unrecognised=unrecognised)
    try:
        return limits.run(analysis.analyze, report, today=today, others=others, not_mine=set(not_mine),
                          unrecognised=set(unrecognised), seconds=ANALYSIS_SECONDS, memory_mb=MEMORY_MB)
    except limits.LimitExceeded as exc:
        raise AnalysisStopped(str(exc)) from None


__all__ = ["MAX_CHARS", "MAX_ITEMS", "read_reports", "check_results", "analyze_report", "AnalysisStopped"]
