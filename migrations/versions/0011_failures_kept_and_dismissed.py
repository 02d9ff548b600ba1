"""What `paperfeed failures` needs: where a failed input's file is kept, and dismissals.

- inputs.kept: the failed input's file under failed/ (relative to it), so that
  `paperfeed failures retry` ingests those bytes again after a setting changed;
- inputs.dismissed_at, task_failures.dismissed_at: a failure a person has seen and set
  aside; it stays listed, but no longer makes `paperfeed status` exit 1.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("inputs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kept", sa.String(length=1000), nullable=True))
        batch_op.add_column(sa.Column("dismissed_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("task_failures", schema=None) as batch_op:
        batch_op.add_column(sa.Column("dismissed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("task_failures", schema=None) as batch_op:
        batch_op.drop_column("dismissed_at")
    with op.batch_alter_table("inputs", schema=None) as batch_op:
        batch_op.drop_column("dismissed_at")
        batch_op.drop_column("kept")
