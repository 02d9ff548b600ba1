"""What the published documents were last rendered with, so that a start need not
republish every feed.

- published_output: one row per publish target (`target`: the public folder's path or the
  bucket URL) with `fingerprint`, a digest of what rendering depends on besides the
  articles (base URL, time zone, titles, feed size, the sources file, the renderer's code),
  written by every full publish. A start whose fingerprint matches publishes only what is
  dirty; a new database has no row, so its first start publishes everything.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "published_output",
        sa.Column("target", sa.String(length=1000), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("target", name=op.f("pk_published_output")),
    )


def downgrade() -> None:
    op.drop_table("published_output")
