"""Six ways someone with write access to the database alone could tamper with the audit log.

Each test plays the attacker (tests/audit/attacker.py). `verify` must catch every one and name the
entry and the kind of tampering.
"""

from tests.audit.attacker import ids, recompute_chain, tamper, verify


def _kinds(result) -> set[str]:
    return {p.kind for p in result.problems}


def test_intact_log_verifies(world, engine):
    result = verify(engine)
    assert result.ok and result.checked == len(ids(engine)) and not result.problems


def test_1_changed_row_is_detected(world, engine):
    tamper(engine, "UPDATE audit_entries SET action = 'note.created' WHERE id = 3")
    result = verify(engine)
    assert not result.ok and result.broken_at == 3
    assert result.problems[0].kind == "changed"


def test_2_deleted_middle_row_is_detected(world, engine):
    tamper(engine, "DELETE FROM audit_entries WHERE id = 4")
    result = verify(engine)
    assert not result.ok and result.broken_at == 5
    assert result.problems[0].kind == "unlinked"
    # The head still counts the removed entry.
    assert "count" in _kinds(result)


def test_3_deleted_last_rows_are_detected(world, engine):
    all_ids = ids(engine)
    tamper(engine, "DELETE FROM audit_entries WHERE id > :keep", keep=all_ids[-4])
    result = verify(engine)
    assert not result.ok
    problem = next(p for p in result.problems if p.kind == "truncated")
    assert problem.entry_id == all_ids[-1] and f"#{all_ids[-4]}" in problem.message


def test_4_deleting_every_row_is_detected(world, engine):
    count = len(ids(engine))
    tamper(engine, "DELETE FROM audit_entries")
    result = verify(engine)
    assert not result.ok and result.total == 0
    problem = next(p for p in result.problems if p.kind == "emptied")
    assert str(count) in problem.message


def test_5_changed_row_with_recomputed_chain_is_detected(world, engine):
    tamper(engine, "UPDATE audit_entries SET action = 'note.created' WHERE id = 3")
    recompute_chain(engine, from_id=3)
    result = verify(engine)
    assert not result.ok and result.broken_at == 3
    assert result.problems[0].kind == "recomputed"


def test_5b_whole_chain_rewritten_from_the_first_entry_is_detected(world, engine):
    # Rewritten from the start, every entry looks like one from before the key: the head file says
    # where the keyed chain starts, so this cannot pass for a legacy log.
    tamper(engine, "UPDATE audit_entries SET action = 'note.created' WHERE id = 3")
    recompute_chain(engine)
    result = verify(engine)
    assert not result.ok and result.broken_at == ids(engine)[0]
    assert result.problems[0].kind == "recomputed" and "head-mismatch" in _kinds(result)


def test_6_deleted_row_with_relinked_chain_is_detected(world, engine):
    tamper(engine, "DELETE FROM audit_entries WHERE id = 4")
    recompute_chain(engine, from_id=5)
    result = verify(engine)
    assert not result.ok and result.broken_at == 5
    assert result.problems[0].kind == "recomputed"
    count = next(p for p in result.problems if p.kind == "count")
    assert "1 missing" in count.message
