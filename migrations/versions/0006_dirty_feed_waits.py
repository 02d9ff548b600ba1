"""When each changed feed began waiting for its publish.

- dirty_feeds.first_marked_at: set when a feed is first marked and kept while later ingests
  mark it again, so that a publish held back for a burst of ingests
  (PAPERFEED_PUBLISH_DELAY) still happens PAPERFEED_PUBLISH_MAX_DELAY after the first.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dirty_feeds", schema=None) as batch_op:
        batch_op.add_column(sa.Column("first_marked_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE dirty_feeds SET first_marked_at = marked_at")
    with op.batch_alter_table("dirty_feeds", schema=None) as batch_op:
        batch_op.alter_column("first_marked_at", nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("dirty_feeds", schema=None) as batch_op:
        batch_op.drop_column("first_marked_at")
