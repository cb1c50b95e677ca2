"""Check the audit log: every entry's link and keyed hash, and the chain's end against the head file.

What it proves: nobody without the audit key (app/audit/keys.py) changed, removed, re-linked or
re-hashed an entry, or cut off the end of the log up to the last entry the head file records. What
it cannot prove: anything against someone who holds the key, or can write to the data directory (an
older head file put back); entries written in the last instant before a check and not yet in the
head; and changes made to legacy entries (hashed before the key existed) before the upgrade
anchored them.
"""

from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from app.audit import chain
from app.audit import head as head_file
from app.audit.chain import GENESIS, Kind
from app.audit.models import AuditEntry


@dataclass(frozen=True)
class Problem:
    # changed | unlinked | recomputed | truncated | emptied | head-mismatch | count | head-missing | head-damaged
    # | wrong-key
    kind: str
    entry_id: int | None
    message: str


@dataclass
class Verification:
    total: int = 0  # entries in the database
    checked: int = 0  # entries whose link and hash verified, in order, up to the first problem
    legacy: int = 0  # of those, entries hashed before the audit key existed
    last_legacy_id: int | None = None
    first_id: int | None = None
    head: head_file.Head | None = None
    newer_than_head: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def broken_at(self) -> int | None:
        return self.problems[0].entry_id if self.problems else None

    @property
    def reason(self) -> str:
        return self.problems[0].message if self.problems else ""

    def summary(self) -> str:
        if not self.ok:
            return f"FAILED: the audit log ({self.total} entries) does not verify: {len(self.problems)} problem(s)."
        if self.total == 0:
            return "OK: the audit log is empty."
        if self.head is None:
            return (f"OK: {self.total} legacy audit entries, plain SHA-256 chain intact; not anchored yet "
                    "(the next recorded action anchors the log with the key).")
        parts = [f"OK: {self.total} audit entries, chain intact, head file matches entry #{self.head.last_id}"]
        if self.newer_than_head:
            parts.append(f"{self.newer_than_head} newer entries checked by their keyed hashes")
        if self.legacy:
            parts.append(f"{self.legacy} legacy entries (#{self.first_id} to #{self.last_legacy_id}) predate the "
                         "audit key: changes made to them before the upgrade cannot be ruled out")
        return "; ".join(parts) + "."


def verify(session: Session, *, batch: int = 1000) -> Verification:
    result = Verification()
    damaged = None
    # The head before the rows: every entry it names was committed before it was written, so a
    # concurrent writer can put the head behind the rows read below, never ahead (no false alarm).
    try:
        result.head = head_file.read()
    except head_file.HeadDamaged as exc:
        damaged = Problem("wrong-key" if exc.wrong_key else "head-damaged", None,
                          f"the head file cannot be trusted: {exc}")
    walk = _Walk(result)
    last_id = 0
    while rows := session.exec(
        select(AuditEntry).where(AuditEntry.id > last_id).order_by(col(AuditEntry.id)).limit(batch)
    ).all():
        for entry in rows:
            walk.step(entry)
        last_id = rows[-1].id
    result.problems += [damaged] if damaged else walk.end_problems()
    return result


class _Walk:
    """One pass over the entries in id order: the first chain problem, and what the head needs."""

    def __init__(self, result: Verification):
        self.result = result
        self.prev_hash, self.prev_id = GENESIS, None
        self.keyed_seen = False
        self.broken = False
        self.at_head: tuple[int, str] | None = None  # (position, hash) of the entry the head names

    def step(self, entry: AuditEntry) -> None:
        r = self.result
        r.total += 1
        r.first_id = r.first_id or entry.id
        if r.head and entry.id == r.head.last_id:
            self.at_head = (r.total, entry.hash)
        if r.head and entry.id > r.head.last_id:
            r.newer_than_head += 1
        if not self.broken:
            problem = self._check(entry)
            if problem:
                r.problems.append(problem)
                self.broken = True  # later entries would only echo this one
            else:
                r.checked += 1
        self.prev_hash, self.prev_id = entry.hash, entry.id

    def _check(self, entry: AuditEntry) -> Problem | None:
        if entry.prev_hash != self.prev_hash:
            if self.prev_id is None:
                return Problem("unlinked", entry.id, f"entry #{entry.id} does not start the chain: the entries "
                               "before it were deleted")
            return Problem("unlinked", entry.id, f"entry #{entry.id} does not link to #{self.prev_id} before it: "
                           f"an entry between them was deleted, or #{self.prev_id} was rewritten")
        kind = chain.kind(entry)
        head = self.result.head
        must_be_keyed = self.keyed_seen or (head is not None and entry.id >= head.anchor_id)
        if kind is Kind.keyed:
            self.keyed_seen = True
            return None
        if kind is Kind.legacy and not must_be_keyed:
            self.result.legacy += 1
            self.result.last_legacy_id = entry.id
            return None
        if kind is Kind.legacy:
            return Problem("recomputed", entry.id, f"entry #{entry.id} was rewritten without the key (its hash is a "
                           "plain SHA-256): the chain was recomputed from here on to hide a change to this or a "
                           "later entry, or a deletion just before it")
        return Problem("changed", entry.id, f"entry #{entry.id} was changed after it was written: its hash does "
                       "not match its contents")

    def end_problems(self) -> list[Problem]:
        r, head = self.result, self.result.head
        if head is None:
            if self.keyed_seen:
                return [Problem("head-missing", None, f"the head file {head_file.path()} is missing, so entries "
                                "deleted from the end of the log cannot be ruled out")]
            return []
        if r.total == 0:
            return [Problem("emptied", head.last_id, f"every entry was deleted: the head file records {head.count} "
                            f"entries ending with #{head.last_id}, the log is empty")]
        if self.prev_id < head.last_id:
            return [Problem("truncated", head.last_id, f"the last entries were deleted: the log ends at "
                            f"#{self.prev_id} after {r.total} entries, the head file records {head.count} entries "
                            f"ending with #{head.last_id}")]
        if self.at_head is None:
            return [Problem("head-mismatch", head.last_id, f"entry #{head.last_id}, the last one the head file "
                            "records, was deleted")]
        position, stored = self.at_head
        problems = []
        if stored != head.last_hash:
            problems.append(Problem("head-mismatch", head.last_id, f"entry #{head.last_id} is not the one the head "
                                    "file records: it was rewritten, or entries before it deleted and the ids reused"))
        if position != head.count:
            diff = head.count - position
            state = f"{diff} missing" if diff > 0 else f"{-diff} inserted"
            problems.append(Problem("count", head.last_id, f"the head file records {head.count} entries up to "
                                    f"#{head.last_id}, the log has {position} ({state})"))
        return problems
