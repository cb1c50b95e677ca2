"""The registry: every procedure by its stable id. Data only; see model.py for the shapes."""

from __future__ import annotations

from app.rules.jurisdictions import TABLE
from app.rules.model import Procedure
from app.rules.procedures_cn import CN_PROCEDURES
from app.rules.procedures_cn_courts import CN_COURT_PROCEDURES
from app.rules.procedures_eu import EU_PROCEDURES
from app.rules.procedures_uk import UK_PROCEDURES
from app.rules.procedures_us import CCPA_PROCEDURES, US_PROCEDURES
from app.rules.procedures_us_ca import CA_PROCEDURES
from app.rules.procedures_us_debt import DEBT_PROCEDURES

# Names and calendars come from the one jurisdictions table (app/rules/jurisdictions.py).
JURISDICTIONS: dict[str, str] = {j.code: j.name for j in TABLE}
REGIONS: dict[str, tuple[str, ...]] = {j.code: j.regions for j in TABLE}


def _index(*groups: tuple[Procedure, ...]) -> dict[str, Procedure]:
    table: dict[str, Procedure] = {}
    for group in groups:
        for procedure in group:
            if procedure.id in table:
                raise ValueError(f"duplicate procedure id {procedure.id}")
            table[procedure.id] = procedure
    return table


PROCEDURES = _index(
    US_PROCEDURES, DEBT_PROCEDURES, CCPA_PROCEDURES, CA_PROCEDURES, EU_PROCEDURES, UK_PROCEDURES,
    CN_PROCEDURES, CN_COURT_PROCEDURES,
)


class UnknownProcedure(ValueError):
    """An id that is not in the registry. The message names the valid choices."""


def get_procedure(procedure_id: str) -> Procedure:
    try:
        return PROCEDURES[procedure_id]
    except KeyError:
        raise UnknownProcedure(
            f"unknown procedure {procedure_id!r}; valid choices: {', '.join(PROCEDURES)}"
        ) from None
