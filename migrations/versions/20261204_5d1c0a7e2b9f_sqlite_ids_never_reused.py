"""SQLite: ids are never reused (AUTOINCREMENT)

Without AUTOINCREMENT, SQLite gives a new row the highest id + 1, so deleting the newest client and
adding another handed the new client the deleted one's id, and with it the deleted person's audit
entries. PostgreSQL sequences never go back, so this changes SQLite only. app/migrate.py runs it
with foreign keys off, as SQLite's table rebuild requires (a DROP TABLE with foreign keys on
would cascade into the children).

Revision ID: 5d1c0a7e2b9f
Revises: c531737fd9b7
Create Date: 2026-12-04 00:30:00
"""
from collections.abc import Sequence

from alembic import op

revision: str = '5d1c0a7e2b9f'
down_revision: str | None = 'c531737fd9b7'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every table with an integer id, parents before children. audit_entries is left alone: it is
# append-only (rows are never deleted, so ids cannot come back) and a rebuild would drop its triggers.
TABLES = ('login_attempts', 'workspaces', 'recipients', 'users', 'calendar_tokens', 'consumers',
          'letter_overrides', 'password_resets', 'addresses', 'cases', 'invitations', 'members',
          'case_assignments', 'case_notes', 'credit_reports', 'letters', 'proceedings', 'report_marks',
          'proceeding_deadlines', 'proceeding_events', 'proceeding_items', 'reminders', 'documents',
          'item_outcomes', 'letter_enclosures')


def _rebuild(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != 'sqlite':
        return
    for table in TABLES:
        with op.batch_alter_table(table, recreate='always', table_kwargs={'sqlite_autoincrement': autoincrement}):
            pass


def upgrade() -> None:
    _rebuild(True)


def downgrade() -> None:
    _rebuild(False)
