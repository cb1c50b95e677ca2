"""Journey plans: the checklist a "What do you need?" journey leaves (issue 13)

Revision ID: 8a4d2c6e1f03
Revises: 3b8d6f2a9c10
Create Date: 2026-12-04 10:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = '8a4d2c6e1f03'
down_revision: str | None = '3b8d6f2a9c10'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'journey_plans',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workspace_id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('journey', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column('answers', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_journey_plans_case_id_cases'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_journey_plans_created_by_id_users'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'],
                                name=op.f('fk_journey_plans_workspace_id_workspaces'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_journey_plans')),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table('journey_plans') as batch:
        batch.create_index(batch.f('ix_journey_plans_case_id'), ['case_id'], unique=False)
        batch.create_index(batch.f('ix_journey_plans_workspace_id'), ['workspace_id'], unique=False)
    op.create_table(
        'journey_plan_steps',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workspace_id', sa.Integer(), nullable=False),
        sa.Column('plan_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=48), nullable=False),
        sa.Column('letter_id', sa.Integer(), nullable=True),
        sa.Column('proceeding_id', sa.Integer(), nullable=True),
        sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('done', sa.Boolean(), nullable=False),
        sa.Column('done_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['letter_id'], ['letters.id'], name=op.f('fk_journey_plan_steps_letter_id_letters'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['proceeding_id'], ['proceedings.id'],
                                name=op.f('fk_journey_plan_steps_proceeding_id_proceedings'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['plan_id'], ['journey_plans.id'],
                                name=op.f('fk_journey_plan_steps_plan_id_journey_plans'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'],
                                name=op.f('fk_journey_plan_steps_workspace_id_workspaces'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_journey_plan_steps')),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table('journey_plan_steps') as batch:
        batch.create_index('ix_journey_plan_steps_plan_position', ['plan_id', 'position'], unique=False)
        batch.create_index(batch.f('ix_journey_plan_steps_workspace_id'), ['workspace_id'], unique=False)


def downgrade() -> None:
    op.drop_table('journey_plan_steps')
    op.drop_table('journey_plans')
