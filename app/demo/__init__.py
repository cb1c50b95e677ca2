"""A demo installation for trying Recourse (`recourse demo`)."""
