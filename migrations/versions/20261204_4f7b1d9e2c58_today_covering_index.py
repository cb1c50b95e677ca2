"""The Today index covers what Today counts and sorts by (issue 15)

Revision ID: 4f7b1d9e2c58
Revises: d3a7e5b1c9f4
Create Date: 2026-12-04 14:20:00

(workspace_id, state, next_due) becomes (workspace_id, state, next_due, next_overdue, case_id):
the counts and the page's order read the index alone, not one table row per open proceeding.
"""
from collections.abc import Sequence

from alembic import op

revision: str = '4f7b1d9e2c58'
down_revision: str | None = 'd3a7e5b1c9f4'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index('ix_proceedings_workspace_state_due', table_name='proceedings')
    op.create_index('ix_proceedings_workspace_state_due', 'proceedings',
                    ['workspace_id', 'state', 'next_due', 'next_overdue', 'case_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_proceedings_workspace_state_due', table_name='proceedings')
    op.create_index('ix_proceedings_workspace_state_due', 'proceedings', ['workspace_id', 'state', 'next_due'],
                    unique=False)
