"""Drop entry_renders: feed documents are written whole by feedgen (Atom, RSS) and json
(JSON Feed) from the entries loaded at each publish, so no rendered entry is kept.

Downgrade makes the table again, empty: the code before this revision renders any entry it
finds no kept rendering for.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("entry_renders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entry_renders_used_on"))
    op.drop_table("entry_renders")


def downgrade() -> None:
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
