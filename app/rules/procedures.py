"""The registry: every procedure by its stable id. Data only; see model.py for the shapes."""

from __future__ import annotations

from app.rules.calendars import CN_REGIONS, EU_REGIONS, UK_REGIONS, US_REGIONS
from app.rules.model import Procedure
from app.rules.procedures_cn import CN_PROCEDURES
from app.rules.procedures_cn_courts import CN_COURT_PROCEDURES
from app.rules.procedures_eu import EU_PROCEDURES
from app.rules.procedures_uk import UK_PROCEDURES
from app.rules.procedures_us import CCPA_PROCEDURES, US_PROCEDURES
from app.rules.procedures_us_ca import CA_PROCEDURES
from app.rules.procedures_us_debt import DEBT_PROCEDURES

JURISDICTIONS: dict[str, str] = {
    "US": "United States (FCRA, Regulation V)",
    "US-CA": "California (CCPA as amended by the CPRA)",
    "EU": "European Union (GDPR)",
    "UK": "United Kingdom (UK GDPR, DPA 2018, Consumer Credit Act 1974)",
    "CN": "China (Credit Reporting Regulation, PIPL)",
}

REGIONS: dict[str, tuple[str, ...]] = {
    "US": US_REGIONS,
    "US-CA": US_REGIONS,
    "EU": EU_REGIONS,
    "UK": UK_REGIONS,
    "CN": CN_REGIONS,
}


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
