"""What intake needs to tell a file's faults from the system's, and to report leftovers.

- inputs.interruptions: attempts that ended for reasons outside the file (a database error,
  the time limit running out while waiting for the database); they are not counted in
  `attempts` and have a budget of their own, retried with backoff;
- sources.leftovers: what the last scan of a drop folder left there (hidden names,
  symlinks, folders, stale partial uploads, files that could not be claimed), for status;
- sources.scan_error: why the last scan of the source failed, if it did.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("inputs", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("interruptions", sa.Integer(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.add_column(sa.Column("leftovers", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("scan_error", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.drop_column("scan_error")
        batch_op.drop_column("leftovers")
    with op.batch_alter_table("inputs", schema=None) as batch_op:
        batch_op.drop_column("interruptions")
