"""Recipients: how each can be reached (post, counter, online, email) and where to hand a letter in

Many Chinese channels are a counter or a website, not a letter box (issue 14): a letter for a
counter or online channel is addressed by name only and says where to hand it in.

Revision ID: 7c3e9a1f4b2d
Revises: 5e1c0a7d2b41
Create Date: 2026-12-04 01:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '7c3e9a1f4b2d'
down_revision: str | None = '5e1c0a7d2b41'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('recipients') as batch:
        batch.add_column(sa.Column('channels', sa.String(length=100), nullable=False, server_default=''))
        batch.add_column(sa.Column('hand_in', sa.Text(), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('recipients') as batch:
        batch.drop_column('hand_in')
        batch.drop_column('channels')
