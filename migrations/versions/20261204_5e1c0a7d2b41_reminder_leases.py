"""reminder leases: a reminder being sent is held until lease_until

Revision ID: 5e1c0a7d2b41
Revises: 00563c92704e
Create Date: 2026-12-04 09:00:00
"""
from collections.abc import Sequence
from datetime import timedelta

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = '5e1c0a7d2b41'
down_revision: str | None = '00563c92704e'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The old runners took over a "sending" row ten minutes after its claim: rows claimed before the
# upgrade keep exactly that.
OLD_STALE_CLAIM = timedelta(minutes=10)


def upgrade() -> None:
    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lease_until', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    reminders = sa.table('reminders', sa.column('id', sa.Integer()), sa.column('status', sa.String()),
                         sa.column('claimed_by', sa.String()),
                         sa.column('claimed_at', sqlmodel.sql.sqltypes.UTCDateTime()),
                         sa.column('lease_until', sqlmodel.sql.sqltypes.UTCDateTime()))
    conn = op.get_bind()
    sending = conn.execute(sa.select(reminders.c.id, reminders.c.claimed_at)
                           .where(reminders.c.status == 'sending')).all()
    for reminder_id, claimed_at in sending:
        if claimed_at is None:  # never written by the old code; claimable again rather than stuck
            conn.execute(reminders.update().where(reminders.c.id == reminder_id)
                         .values(status='pending', claimed_by=''))
            continue
        conn.execute(reminders.update().where(reminders.c.id == reminder_id)
                     .values(lease_until=claimed_at + OLD_STALE_CLAIM))


def downgrade() -> None:
    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.drop_column('lease_until')
