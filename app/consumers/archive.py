"""The export archive: a zip written while it streams to the browser.

Memory stays bounded whatever the export holds. The request only reads the records (data.json is
small); the archive then writes one file at a time as the browser takes it: each credit report and
letter read in a short session of its own (a draft is rendered then, with app/letters/service.py,
a workspace's wording in a child process as always), each uploaded file decrypted alone and sent
in 1 MB pieces. At most one file (20 MB by default) is in memory at once, and no decrypted file
is ever written to disk. The request's transaction (with the audit entry) is committed before the
first byte leaves, so the database is not held while the browser downloads.

A file that cannot be included (a letter that cannot be rendered, a file missing from the disk)
does not break the archive: data.json and README.txt say which and why. So data.json and the
README are written last.

Layout (docs/export/README.md): a folder per person, each with data.json, reports/, letters/ and
documents/; an account export adds its own data.json at the top and puts each person's folder
under records/.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.clock import utcnow
from app.credit_reports.models import CreditReport
from app.credit_reports.service import parsed
from app.documents import storage
from app.i18n import translate
from app.letters import service as letters
from app.letters.catalog import UnknownKind, get_kind
from app.letters.models import Letter
from app.letters.render import RenderError

log = logging.getLogger("recourse.export")
CHUNK = 1024 * 1024
DOCUMENT_KINDS = {"id": "ID document", "proof-of-address": "Proof of address", "police-report": "Police report",
                  "ftc-report": "FTC identity theft report", "bureau-answer": "Answer from a credit bureau",
                  "mail-receipt": "Mailing receipt", "credit-report": "Credit report",
                  "proof-of-authority": "Proof of authority to act for someone (birth certificate, court order, "
                                        "power of attorney)",
                  "credit-commitment": "Signed credit commitment letter (China, credit repair)",
                  "other": "Other"}  # as templates/documents/_kinds.html


@dataclass
class Folder:
    """One person's records: data.json (`data`, file paths relative to `prefix`) and the files it
    names; `storage_keys` says where each document's file is on the server (not exported)."""

    prefix: str
    data: dict
    storage_keys: dict[int, str] = field(default_factory=dict)
    name: str = ""


@dataclass
class Archive:
    folders: list[Folder]
    engine: Engine
    settings: object
    lang: str
    subject: str
    top: dict | None = None  # an account export's own data.json

    def stream(self) -> Iterator[bytes]:
        sink = _Sink()
        with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as zf:
            for folder in self.folders:
                for step in (self._reports, self._letters, self._documents):
                    for _ in step(zf, folder):
                        yield sink.take()
                _write(zf, folder.prefix + "data.json", _dumps(folder.data))
                yield sink.take()
            if self.top is not None:
                _write(zf, "data.json", _dumps(self.top))
            _write(zf, "README.txt", readme(self).encode())
        yield sink.take()  # the zip's table of contents

    # ---- each kind of file ----------------------------------------------------------------------

    def _reports(self, zf: zipfile.ZipFile, folder: Folder) -> Iterator[None]:
        for row in folder.data["credit_reports"]:
            with Session(self.engine) as session:
                report = session.get(CreditReport, row["id"])
                content = _dumps(_report_json(report)) if report is not None else None
            if content is None:
                _missing(row, "file", "gone")
                continue
            _write(zf, folder.prefix + row["file"], content)
            yield

    def _letters(self, zf: zipfile.ZipFile, folder: Folder) -> Iterator[None]:
        for row in folder.data["letters"]:
            html, pdf = self._letter_copies(row)
            for key, content in (("html_file", html), ("pdf_file", pdf)):
                if content is not None:
                    _write(zf, folder.prefix + row[key], content)
                    yield

    def _letter_copies(self, row: dict) -> tuple[bytes | None, bytes | None]:
        """The letter's HTML and PDF: the finalised snapshot, or a rendering of the draft."""
        with Session(self.engine) as session:
            letter = session.get(Letter, row["id"])
            if letter is None:
                _missing(row, "html_file", "gone")
                _missing(row, "pdf_file", "gone")
                return None, None
            html = _attempt(row, "html_file", lambda: letters.letter_html(session, letter).encode())
            pdf = _attempt(row, "pdf_file", lambda: letters.pdf_bytes(session, letter))
            return html, pdf

    def _documents(self, zf: zipfile.ZipFile, folder: Folder) -> Iterator[None]:
        for row in folder.data["documents"]:
            try:
                content = storage.load(self.settings, folder.storage_keys[row["id"]])
            except FileNotFoundError:
                _missing(row, "file", "missing")
                continue
            except Exception:  # noqa: BLE001 - a damaged file must not cost the person the rest
                log.exception("export: document %s could not be decrypted", row["id"])
                _missing(row, "file", "unreadable")
                continue
            if hashlib.sha256(content).hexdigest() != row["sha256"]:
                _missing(row, "file", "unreadable")
                continue
            info = _info(folder.prefix + row["file"], len(content))
            with zf.open(info, "w") as out:
                view = memoryview(content)
                for start in range(0, len(view), CHUNK):
                    out.write(view[start:start + CHUNK])
                    yield
            del content, view


def _report_json(report: CreditReport) -> dict:
    """The report in the current report format (older rows gain the fields added since)."""
    try:
        return parsed(report).to_dict()
    except ValueError:  # not readable as a report any more: what is stored, as it is
        return json.loads(report.data)


# Why a file is not in the archive (data.json keeps the code, the README says it in words).
PROBLEMS = ("gone", "missing", "unreadable", "render")


def _missing(row: dict, key: str, problem: str) -> None:
    row[key] = None
    row["problem"] = problem


def _attempt(row: dict, key: str, make) -> bytes | None:
    try:
        return make()
    except (RenderError, UnknownKind, OSError) as exc:
        log.warning("export: letter %s: %s not made: %s", row["id"], key, exc)
    except Exception:  # noqa: BLE001 - one letter that cannot be made must not cost the person the rest
        log.exception("export: letter %s: %s not made", row["id"], key)
    _missing(row, key, "render")
    return None


# ---- the zip itself ----------------------------------------------------------------------------

class _Sink(io.RawIOBase):
    """Where the zip writes: bytes kept until the stream takes them. It cannot seek, so the zip
    module writes each file's sizes after its data instead of going back for them."""

    def __init__(self):
        super().__init__()
        self._parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._parts.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        out = b"".join(self._parts)
        self._parts.clear()
        return out


def _info(path: str, size: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(path, date_time=utcnow().timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.file_size = size  # known up front, so a file over 2 GB would get its zip64 fields
    info.external_attr = 0o600 << 16  # unpacked readable by its owner only
    return info


def _write(zf: zipfile.ZipFile, path: str, content: bytes) -> None:
    zf.writestr(_info(path, len(content)), content)


def _dumps(data) -> bytes:
    return json.dumps(data, indent=2, ensure_ascii=False, default=str).encode()


# ---- README.txt --------------------------------------------------------------------------------
# Every sentence is a literal handed to translate(), so app/locale/es.po must have it (tests/test_i18n.py).

def readme(archive: Archive) -> str:
    lang = archive.lang
    lines = [translate(lang, "Recourse: everything it holds about %(name)s", name=archive.subject),
             translate(lang, "Made on %(date)s (UTC).", date=utcnow().strftime("%Y-%m-%d %H:%M")), "",
             translate(lang, "This archive holds personal information in clear text: identity numbers, dates of "
                             "birth, addresses, credit reports, letters and uploaded files. Keep it somewhere safe, "
                             "and delete it when you no longer need it."), ""]
    if any(f.data.get("view") == "client" for f in archive.folders):
        lines += [translate(lang, "This is the client's own copy: notes the team keeps for itself, and the "
                                  "team's user numbers, internet addresses and working details, are left out."), ""]
    lines += [translate(lang, "The .json files open in any text editor. Each says which layout it follows "
                              "(\"schema\" and \"schema_version\"); the folder docs/export in Recourse's source "
                              "code describes every layout."), "",
              translate(lang, "What is inside:"), ""]
    if archive.top is not None:
        lines += _entry("data.json", translate(lang, "Your account, your workspaces and roles, the notes you wrote, "
                                                     "your reminders, and the history of what you did."))
    for folder in archive.folders:
        if folder.prefix:
            lines += ["", translate(lang, "The records of %(name)s, in the folder %(folder)s:", name=folder.name,
                                    folder=folder.prefix), ""]
        lines += _folder_lines(folder, lang)
    return "\n".join(lines) + "\n"


def _entry(path: str, *descriptions: str) -> list[str]:
    return [path, *(f"    {d}" for d in descriptions)]


def _folder_lines(folder: Folder, lang: str) -> list[str]:
    data, at = folder.data, folder.prefix
    lines = _entry(at + "data.json", translate(lang,
        "The records: the person's details and addresses, invitations, cases, notes, credit reports, "
        "marks on report items, letters, requests and disputes (what each is about, its timeline, outcomes "
        "and deadlines), uploaded documents, and the history of what was done (the audit log)."))
    unknown = translate(lang, "(not given)")
    for row in data["credit_reports"]:
        words = translate(lang, "Credit report from %(bureau)s, pulled on %(pulled)s, in Recourse's report format "
                                "(it can be imported again).", bureau=row["bureau"] or unknown,
                          pulled=row["pulled"] or unknown)
        lines += _file(at, row, "file", words, lang)
    for row in data["letters"]:
        lines += _file(at, row, "html_file", _letter_words(row, lang), lang)
        lines += _file(at, row, "pdf_file", translate(lang, "The same letter as a PDF."), lang)
    for row in data["documents"]:
        kind = translate(lang, DOCUMENT_KINDS.get(row["kind"], "Other"))
        words = translate(lang, "Uploaded file \"%(name)s\" (%(kind)s), added on %(date)s.", name=row["filename"],
                          kind=kind, date=row["created_at"][:10])
        lines += _file(at, row, "file", words, lang)
    return lines


def _letter_words(row: dict, lang: str) -> str:
    try:
        title = translate(lang, get_kind(row["kind_id"]).title)
    except UnknownKind:
        title = row["kind_id"]
    params = {"reference": row["reference"], "title": title}
    if row["status"] == "final":
        return translate(lang, "Letter %(reference)s (%(title)s), final: the exact copy kept when it was "
                               "finalised.", **params)
    if row["status"] == "discarded":
        return translate(lang, "Letter %(reference)s (%(title)s), set aside and never sent: how it reads now.",
                         **params)
    return translate(lang, "Letter %(reference)s (%(title)s), draft: how it reads now. A draft is not final and "
                           "may differ from what is sent.", **params)


def _file(at: str, row: dict, key: str, words: str, lang: str) -> list[str]:
    """A file's lines: its path and what it holds, or that it is missing and why."""
    if row[key] is not None:
        return _entry(at + row[key], words)
    why = {"gone": translate(lang, "Not included: it was deleted while the export was being made."),
           "missing": translate(lang, "Not included: the file is no longer on the server."),
           "unreadable": translate(lang, "Not included: the file could not be read, or it no longer matches what "
                                         "was uploaded."),
           "render": translate(lang, "Not included: this letter could not be made in this format.")}
    return _entry(translate(lang, "(not included)"), words, why[row["problem"]])
