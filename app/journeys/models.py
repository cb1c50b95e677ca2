"""Plans: what a journey ("What do you need?") produced, as a checklist with progress.

A plan belongs to one case. Its steps store only codes (the step key) and facts (the letter
drafted for it, whether it is done, a number the person recorded); the words come from the
journey module in code, so they are translated on each page.
"""

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from app.clock import utcnow


class Plan(SQLModel, table=True):
    __tablename__ = "journey_plans"

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspaces.id", ondelete="CASCADE", index=True)
    case_id: int = Field(foreign_key="cases.id", ondelete="CASCADE", index=True)
    journey: str = Field(max_length=32)
    answers: str = Field(default="{}")  # JSON: the answers given, for the plan page's words
    created_by_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow)


class PlanStep(SQLModel, table=True):
    __tablename__ = "journey_plan_steps"
    __table_args__ = (Index("ix_journey_plan_steps_plan_position", "plan_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspaces.id", ondelete="CASCADE", index=True)
    plan_id: int = Field(foreign_key="journey_plans.id", ondelete="CASCADE")
    position: int = 0
    key: str = Field(max_length=48)
    letter_id: int | None = Field(default=None, foreign_key="letters.id", ondelete="SET NULL")
    # A request sent elsewhere has no letter here, only the proceeding tracking it.
    proceeding_id: int | None = Field(default=None, foreign_key="proceedings.id", ondelete="SET NULL")
    subject: str = Field(default="", max_length=200)  # who the step is about: a bureau, a company
    note: str = Field(default="", max_length=200)  # e.g. the FTC report number the person recorded
    done: bool = False
    done_at: datetime | None = None
