"""Letters for uk (filled in by the catalog)."""
