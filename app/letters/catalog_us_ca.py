"""Letters for us_ca (filled in by the catalog)."""
