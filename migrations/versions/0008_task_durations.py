"""Task durations by histogram bucket, for /metrics' paperfeed_task_duration_seconds.

- task_durations: per task and bucket upper bound (`le`, seconds; +inf last), the runs whose
  time fell in that bucket. The worker's signal handlers add to them; /metrics makes them
  cumulative.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "task_durations",
        sa.Column("task", sa.String(length=200), nullable=False),
        sa.Column("le", sa.Float(), nullable=False),
        sa.Column("runs", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("task", "le", name=op.f("pk_task_durations")),
    )


def downgrade() -> None:
    op.drop_table("task_durations")
