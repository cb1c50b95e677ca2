"""Letters for cn (filled in by the catalog)."""
