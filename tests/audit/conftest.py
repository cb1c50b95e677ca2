"""The backup fixtures, for the test that the head travels in a backup before the database."""

from tests.maintenance.test_backup import installation, target  # noqa: F401
