"""The analysis of a saved report, computed once and kept (issue 15).

A report's findings depend on the report, the other bureaus' newest reports (mismatches), the
case's marks, the day (what is obsolete today) and the analysis rules. `analysis_key` hashes all of
them; while it matches, the review page reads the stored findings instead of analysing again.
Analysing three bureaus' reports of 150 accounts costs tens of milliseconds; reading them back,
about a millisecond.

The review page is a GET, whose transaction only reads (app/deps.py marks its session
`reads_only`). On SQLite a read transaction cannot safely become a write, so there the findings
are stored in a short transaction of their own, allowed to fail (the next view computes them
again), like the session's last-seen time (app/accounts/service.py). A request that writes, a
script or a test stores them in its own transaction.
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import date

from sqlalchemy import update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session

from app.credit_reports.models import CreditReport
from app.reports import Finding, Report, limited
from app.reports.analysis import RULES

log = logging.getLogger(__name__)

# Bump when the analysis changes what it finds without a change to RULES (which is hashed in).
# 2: findings are stored as message parts (Finding.to_parts, app/messages.py), not English text,
# so each page renders them in its reader's language; version 1 rows are computed again.
ANALYSIS_VERSION = "2"
_RULES_HASH = hashlib.sha256(repr(sorted(RULES.items())).encode()).hexdigest()


def analysis_key(row: CreditReport, others: list[CreditReport], marks: dict[str, str], day: date) -> str:
    h = hashlib.sha256()
    for part in (ANALYSIS_VERSION, _RULES_HASH, day.isoformat(), row.data,
                 *(f"{r.id}:{r.data}" for r in others), json.dumps(sorted(marks.items()))):
        h.update(part.encode())
        h.update(b"\0")
    return h.hexdigest()


def stored_findings(row: CreditReport, key: str) -> list[Finding] | None:
    if not row.analysis or row.analysis_key != key:
        return None
    try:
        return [Finding.from_parts(f) for f in json.loads(row.analysis)]
    except (ValueError, TypeError, KeyError, IndexError):  # written by another version: compute again
        return None


def findings(session: Session, row: CreditReport, report: Report, others: list[CreditReport],
             marks: dict[str, str], day: date, *, parse) -> list[Finding]:
    """The findings of `report` (the parsed `row`): the stored ones when still current, else
    computed and stored. `parse` turns a row into a Report (only called when computing)."""
    key = analysis_key(row, others, marks, day)
    found = stored_findings(row, key)
    if found is not None:
        return found
    found = limited.analyze_report(report, today=day, others=[parse(r) for r in others],
                    not_mine={k for k, m in marks.items() if m == "not-mine"},
                    unrecognised={k for k, m in marks.items() if m == "unrecognised"})
    keep(session, row, key, found)
    return found


def keep(session: Session, row: CreditReport, key: str, found: list[Finding]) -> None:
    text = json.dumps([f.to_parts() for f in found], ensure_ascii=False)
    if not session.info.get("reads_only"):
        # A request that writes (or a script, a test): store with its own changes.
        row.analysis, row.analysis_key = text, key
        return
    if _store_apart(session, row.id, key, text):
        set_committed_value(row, "analysis", text)
        set_committed_value(row, "analysis_key", key)


def _store_apart(session: Session, report_id: int | None, key: str, text: str) -> bool:
    engine = session.get_bind()
    try:
        with engine.connect() as conn:
            sqlite = conn.dialect.name == "sqlite"
            raw = conn.connection.dbapi_connection if sqlite else None
            if raw is not None:
                raw.execute("PRAGMA busy_timeout=200")
            try:
                with conn.execution_options(sqlite_begin="IMMEDIATE").begin():
                    if not sqlite:  # never wait long on a row the request itself holds
                        conn.exec_driver_sql("SET LOCAL lock_timeout = '200ms'")
                    conn.execute(update(CreditReport).where(CreditReport.id == report_id)
                                 .values(analysis=text, analysis_key=key))
            finally:
                if raw is not None:
                    raw.execute("PRAGMA busy_timeout=30000")
        return True
    except SQLAlchemyError:
        log.info("could not store a report's analysis; the next view computes it again", exc_info=True)
        return False
