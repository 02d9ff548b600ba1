"""Feed sizes kept as rows, and indexes for the feed queries, so that publishing after a new
issue costs the same at a million articles as at ten thousand.

- feed_counts: live articles per feed key, filled here from the articles already stored and
  kept up to date by every ingest, in its own transaction;
- ix_articles_section_published: a section's newest articles without sorting its history;
- ix_credits_person_article: a person's article ids from the index alone.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

LIVE = "a.withdrawn_at IS NULL"


def upgrade() -> None:
    op.create_table(
        "feed_counts",
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_feed_counts")),
    )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index(
            "ix_articles_section_published", ["section_id", "published_at", "issue_id"]
        )
    with op.batch_alter_table("credits", schema=None) as batch_op:
        batch_op.create_index("ix_credits_person_article", ["person_id", "article_id"])
    # The counts of what is already stored; from now on every ingest keeps them.
    op.execute(
        f"INSERT INTO feed_counts (key, total) SELECT 'all', COUNT(*) FROM articles a WHERE {LIVE}"
    )
    op.execute(
        "INSERT INTO feed_counts (key, total) SELECT 'section:' || s.slug, COUNT(a.id) "
        f"FROM sections s JOIN articles a ON a.section_id = s.id WHERE {LIVE} GROUP BY s.slug"
    )
    op.execute(
        "INSERT INTO feed_counts (key, total) SELECT 'person:' || p.slug, "
        "COUNT(DISTINCT c.article_id) FROM people p JOIN credits c ON c.person_id = p.id "
        f"JOIN articles a ON a.id = c.article_id WHERE {LIVE} GROUP BY p.slug"
    )


def downgrade() -> None:
    with op.batch_alter_table("credits", schema=None) as batch_op:
        batch_op.drop_index("ix_credits_person_article")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index("ix_articles_section_published")
    op.drop_table("feed_counts")
