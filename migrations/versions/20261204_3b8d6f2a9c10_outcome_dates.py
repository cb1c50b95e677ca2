"""Outcomes (issue 16): proceedings carry their sent, answered, due and closed days and their items'
counts by latest outcome, so the Outcomes page counts with SQL aggregates

Revision ID: 3b8d6f2a9c10
Revises: 9b4d2e6f1a3c
Create Date: 2026-12-04 10:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '3b8d6f2a9c10'
down_revision: str | None = '9b4d2e6f1a3c'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COUNTS = ('items_total', 'items_deleted', 'items_corrected', 'items_verified', 'items_other')
proceedings = sa.table('proceedings', sa.column('id', sa.Integer()), sa.column('state', sa.String()),
                       sa.column('sent_on', sa.Date()), sa.column('answered_on', sa.Date()),
                       sa.column('answer_due', sa.Date()), sa.column('closed_on', sa.Date()),
                       *[sa.column(name, sa.Integer()) for name in COUNTS])
events = sa.table('proceeding_events', sa.column('id', sa.Integer()), sa.column('proceeding_id', sa.Integer()),
                  sa.column('kind', sa.String()), sa.column('on', sa.Date()), sa.column('voids_id', sa.Integer()))
deadlines = sa.table('proceeding_deadlines', sa.column('proceeding_id', sa.Integer()), sa.column('key', sa.String()),
                     sa.column('due', sa.Date()), sa.column('overdue_after', sa.Date()),
                     sa.column('applies', sa.Boolean()))
items = sa.table('proceeding_items', sa.column('id', sa.Integer()), sa.column('proceeding_id', sa.Integer()))
outcomes = sa.table('item_outcomes', sa.column('item_id', sa.Integer()), sa.column('event_id', sa.Integer()),
                    sa.column('outcome', sa.String()))


def _live(e):
    voider = events.alias('voider')
    return ~sa.exists().where(voider.c.voids_id == e.c.id, voider.c.kind == 'voided')


def _day(fn, *kinds):
    e = events.alias('e')
    return (sa.select(fn(e.c.on)).where(e.c.proceeding_id == proceedings.c.id, e.c.kind.in_(kinds), _live(e))
            .scalar_subquery())


def _due(key):
    d = deadlines.alias('d')
    return (sa.select(sa.func.max(sa.func.coalesce(d.c.overdue_after, d.c.due)))
            .where(d.c.proceeding_id == proceedings.c.id, d.c.key == key, d.c.applies.is_(True))
            .scalar_subquery())


def upgrade() -> None:
    with op.batch_alter_table('proceedings') as batch:
        batch.add_column(sa.Column('sent_on', sa.Date(), nullable=True))
        batch.add_column(sa.Column('answered_on', sa.Date(), nullable=True))
        batch.add_column(sa.Column('answer_due', sa.Date(), nullable=True))
        batch.add_column(sa.Column('closed_on', sa.Date(), nullable=True))
        for name in COUNTS:
            batch.add_column(sa.Column(name, sa.Integer(), nullable=False, server_default='0'))
        batch.create_index('ix_proceedings_workspace_sent_on', ['workspace_id', 'sent_on'], unique=False)
    # Backfill from the live timeline. The due day takes the extended date, else the main response
    # clock (a few procedures' main clock has another key: they get it at their next change).
    op.execute(proceedings.update().values(
        sent_on=_day(sa.func.min, 'sent', 'delivered'), answered_on=_day(sa.func.min, 'answered'),
        answer_due=sa.func.coalesce(_due('extended-response'), _due('response')),
        closed_on=sa.case((proceedings.c.state == 'closed', _day(sa.func.max, 'closed')), else_=None)))
    e = events.alias('e')
    o = outcomes.alias('o')
    latest = (sa.select(o.c.outcome).join(e, e.c.id == o.c.event_id).where(o.c.item_id == items.c.id, _live(e))
              .order_by(e.c.on.desc(), e.c.id.desc()).limit(1).scalar_subquery())

    def count(*wanted):
        condition = latest.in_(wanted) if wanted else sa.true()
        if wanted == ('other',):
            condition = sa.and_(latest.is_not(None), latest.not_in(('deleted', 'corrected', 'verified')))
        return (sa.select(sa.func.count()).select_from(items)
                .where(items.c.proceeding_id == proceedings.c.id, condition).scalar_subquery())
    op.execute(proceedings.update().values(
        items_total=count(), items_deleted=count('deleted'), items_corrected=count('corrected'),
        items_verified=count('verified'), items_other=count('other')))


def downgrade() -> None:
    with op.batch_alter_table('proceedings') as batch:
        batch.drop_index('ix_proceedings_workspace_sent_on')
        for name in reversed(COUNTS):
            batch.drop_column(name)
        batch.drop_column('closed_on')
        batch.drop_column('answer_due')
        batch.drop_column('answered_on')
        batch.drop_column('sent_on')
