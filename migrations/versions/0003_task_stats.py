"""Task counters and recent task failures, written by the worker's Celery signal handlers.

- task_stats: runs, failures and seconds per task name (monotonic counters for /metrics);
- task_failures: one row per task that raised, for `paperfeed status` (pruned after 30 days).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "task_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task", sa.String(length=200), nullable=False),
        sa.Column("task_id", sa.String(length=200), nullable=True),
        sa.Column("args", sa.Text(), nullable=True),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("failed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_failures")),
    )
    with op.batch_alter_table("task_failures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_task_failures_failed_at"), ["failed_at"], unique=False)
    op.create_table(
        "task_stats",
        sa.Column("task", sa.String(length=200), nullable=False),
        sa.Column("runs", sa.Integer(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.Column("last_run_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("task", name=op.f("pk_task_stats")),
    )


def downgrade() -> None:
    op.drop_table("task_stats")
    with op.batch_alter_table("task_failures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_task_failures_failed_at"))
    op.drop_table("task_failures")
