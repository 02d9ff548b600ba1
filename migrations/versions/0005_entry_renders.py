"""Publishing that costs what changed: each credit carries its article's publication time,
and rendered feed entries are kept.

- credits.published_at (+ ix_credits_person_published): a person's newest articles are one
  index range, not a sort of everything the person ever wrote;
- entry_renders: each article's Atom, RSS and JSON Feed entry as last rendered, so that a
  publish renders only new and changed entries.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("credits", schema=None) as batch_op:
        batch_op.add_column(sa.Column("published_at", sa.DateTime(timezone=True), nullable=True))
    op.execute(
        "UPDATE credits SET published_at = "
        "(SELECT a.published_at FROM articles a WHERE a.id = credits.article_id)"
    )
    with op.batch_alter_table("credits", schema=None) as batch_op:
        batch_op.create_index("ix_credits_person_published", ["person_id", "published_at"])
    op.create_table(
        "entry_renders",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("stamp", sa.String(length=64), nullable=False),
        sa.Column("atom", sa.Text(), nullable=False),
        sa.Column("rss", sa.Text(), nullable=False),
        sa.Column("json", sa.Text(), nullable=False),
        sa.Column("used_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_entry_renders_article_id_articles")
        ),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_entry_renders")),
    )
    with op.batch_alter_table("entry_renders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entry_renders_used_on"), ["used_on"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("entry_renders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entry_renders_used_on"))
    op.drop_table("entry_renders")
    with op.batch_alter_table("credits", schema=None) as batch_op:
        batch_op.drop_index("ix_credits_person_published")
        batch_op.drop_column("published_at")
