"""The one jurisdictions table: what each legal system means for procedures, letters, the
recipients directory, calendars and the dashboard. Every other module asks here instead of
keeping its own map or testing `startswith("uk.")`.

Pure data (app.rules stays free of database and web code).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.rules.calendars import CN_REGIONS, EU_REGIONS, UK_REGIONS, US_REGIONS


@dataclass(frozen=True)
class Jurisdiction:
    code: str  # Procedure.jurisdiction: US, US-CA, EU, UK, CN
    name: str
    letter_folder: str  # templates/letters/<folder>/ and LetterKind.jurisdiction
    procedure_prefix: str  # procedure ids start with it
    recipient_tag: str  # a directory entry applies when its jurisdictions contain this tag
    languages: tuple[str, ...]  # the languages its letters are written in
    regions: tuple[str, ...]  # holiday calendars to choose from
    # Regions the letter form asks for (the holidays change the due date there).
    asks_region: bool = False
    # UK GDPR Art 12A: asking the person to clarify stops the clock (legal-rules.md §3).
    clarification_stops_clock: bool = False
    page_size: str = "A4"


TABLE: tuple[Jurisdiction, ...] = (
    Jurisdiction("US", "United States (FCRA, Regulation V, FDCPA, ECOA)", "us", "us.", "US", ("en",),
                 US_REGIONS, page_size="Letter"),
    Jurisdiction("US-CA", "California (CCPA as amended by the CPRA; the Delete Act)", "us-ca", "us-ca.", "US",
                 ("en",), US_REGIONS, page_size="Letter"),
    Jurisdiction("EU", "European Union (GDPR)", "eu", "eu.", "EU", ("en", "de", "fr", "es", "it"), EU_REGIONS,
                 asks_region=True),
    Jurisdiction("UK", "United Kingdom (UK GDPR, DPA 2018, Consumer Credit Act 1974, FCA DISP)", "uk", "uk.", "UK",
                 ("en",), UK_REGIONS, asks_region=True, clarification_stops_clock=True),
    Jurisdiction("CN", "China (Credit Reporting Regulation, PIPL, SPC Provisions, NDRC credit repair)", "cn", "cn.",
                 "CN", ("zh", "en"), CN_REGIONS),
)
BY_CODE: dict[str, Jurisdiction] = {j.code: j for j in TABLE}
BY_FOLDER: dict[str, Jurisdiction] = {j.letter_folder: j for j in TABLE}


def for_procedure(procedure_id: str) -> Jurisdiction | None:
    """The jurisdiction whose prefix the id starts with (the longest: us-ca. before us.)."""
    found = [j for j in TABLE if procedure_id.startswith(j.procedure_prefix)]
    return max(found, key=lambda j: len(j.procedure_prefix)) if found else None
