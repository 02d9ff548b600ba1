"""What a publish under way took over from each changed feed's mark.

- dirty_feeds.publishing_since: the oldest change a publish is rebuilding from, moved out of
  oldest_change when the publish starts, so that ingests during the publish record only
  their own changes; cleared when that publish finishes, kept when it dies.
- dirty_feeds.taken_by: which publish took the mark over.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dirty_feeds", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("publishing_since", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("taken_by", sa.String(length=200), nullable=True))


def downgrade() -> None:
    # A mark taken over by a publish that never finished gets its range back first.
    op.execute(
        "UPDATE dirty_feeds SET oldest_change = publishing_since"
        " WHERE publishing_since IS NOT NULL"
        " AND (oldest_change IS NULL OR publishing_since < oldest_change)"
    )
    with op.batch_alter_table("dirty_feeds", schema=None) as batch_op:
        batch_op.drop_column("taken_by")
        batch_op.drop_column("publishing_since")
