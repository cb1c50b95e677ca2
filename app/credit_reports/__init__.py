"""Saved credit reports in a case: import pages, the review page, marks, the cross-bureau view and
the dispute builder. The reading and the findings themselves live in app/reports (pure, no database)."""
