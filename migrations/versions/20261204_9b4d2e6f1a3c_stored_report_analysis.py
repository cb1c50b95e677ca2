"""Credit reports: the analysis (findings) stored with the key of what it was computed from

Issue 15: the review page reran the analysis (with the other bureaus' reports) on every view.
It is now computed once per change of the report, the other bureaus' newest reports, the case's
marks, the day or the analysis rules, and kept here (encrypted: findings name accounts).

Revision ID: 9b4d2e6f1a3c
Revises: 9a4f2c7e1b3d
Create Date: 2026-12-04 10:15:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '9b4d2e6f1a3c'
down_revision: str | None = '9a4f2c7e1b3d'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('credit_reports') as batch:
        batch.add_column(sa.Column('analysis', sa.Text(), nullable=True))
        batch.add_column(sa.Column('analysis_key', sa.String(length=64), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('credit_reports') as batch:
        batch.drop_column('analysis_key')
        batch.drop_column('analysis')
