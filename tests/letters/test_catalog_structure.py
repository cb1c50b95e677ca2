"""The catalog is one plain registry built from per-jurisdiction lists (issue 14), each kind fits
the one jurisdictions table, and validation gives structured problems (path and code)."""

import importlib

from app.letters import catalog
from app.letters.catalog import KINDS, Problem, example_data, get_kind, validate
from app.rules import PROCEDURES
from app.rules.jurisdictions import BY_CODE, BY_FOLDER, for_procedure


def test_kinds_are_built_once_from_the_lists_and_nothing_registers_at_import():
    assert not hasattr(catalog, "register") and not hasattr(catalog, "_load")
    before = dict(KINDS)
    importlib.import_module("app.letters.catalog_eu")  # importing a list module changes nothing
    assert before == KINDS and get_kind("eu.access") is KINDS["eu.access"]
    assert set(get_kind("eu.access").example_by_lang) == {"de", "fr", "es", "it"}


def test_every_kind_and_procedure_fits_the_jurisdictions_table():
    for kind in KINDS.values():
        place = BY_FOLDER[kind.jurisdiction]
        assert set(kind.languages) <= set(place.languages), kind.id
        procedure = PROCEDURES[kind.procedure_id]
        assert BY_CODE[procedure.jurisdiction].letter_folder == kind.jurisdiction, kind.id
    for pid, procedure in PROCEDURES.items():
        assert for_procedure(pid) is BY_CODE[procedure.jurisdiction], pid


def test_validation_problems_carry_path_and_code():
    kind = get_kind("us.dispute-cra")
    data = example_data(kind)
    data["facts"]["items"][0]["why"] = ""
    data["date"] = "31/12/2026"
    data["sending_method"] = "pigeon"
    problems = validate(kind, data)
    assert all(isinstance(p, Problem) for p in problems)
    assert {(p.path, p.code) for p in problems} == {("facts.items[0].why", "required"), ("date", "date"),
                                                     ("sending_method", "choice")}
    assert "facts.items[0].why: required" in problems  # still reads as text for forms and the CLI
