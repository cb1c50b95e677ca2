"""Proceeding deadlines: the explanation as engine messages (message ids and parameters)

Issue 13, Spanish all the way through: the deadline engine writes its explanation as messages
(app/messages.py), and each page renders them in the reader's language. The English text stays in
`explanation` (the API, the calendar feed); `explanation_parts` holds the parts as JSON. Rows stored
before this revision have '[]': app/migrate.py recomputes their proceedings after the upgrade.

Revision ID: d3a7e5b1c9f4
Revises: 8a4d2c6e1f03
Create Date: 2026-12-04 14:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = 'd3a7e5b1c9f4'
down_revision: str | None = '8a4d2c6e1f03'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('proceeding_deadlines') as batch:
        batch.add_column(sa.Column('explanation_parts', sa.Text(), nullable=False, server_default='[]'))


def downgrade() -> None:
    with op.batch_alter_table('proceeding_deadlines') as batch:
        batch.drop_column('explanation_parts')
