"""Counts kept beside the articles: each issue's live articles (editions.live_articles) and
each person's live articles per role (person_roles), so that the papers' issue days and a
person's page cost the same at a million articles as at ten; an index of each paper's
issues by day.

The counts of an existing archive are taken from its articles and credits here.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("editions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("live_articles", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.create_index(
            "ix_editions_publication_day", ["publication_id", "issue_date"], unique=False
        )
    op.create_table(
        "person_roles",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_person_roles_person_id_people")
        ),
        sa.PrimaryKeyConstraint("person_id", "role", name=op.f("pk_person_roles")),
    )
    op.execute(
        "UPDATE editions SET live_articles = (SELECT count(*) FROM articles"
        " WHERE articles.edition_id = editions.id AND articles.withdrawn_at IS NULL)"
    )
    op.execute(
        "INSERT INTO person_roles (person_id, role, articles)"
        " SELECT credits.person_id, credits.role, count(*) FROM credits"
        " JOIN articles ON articles.id = credits.article_id"
        " WHERE articles.withdrawn_at IS NULL GROUP BY credits.person_id, credits.role"
    )


def downgrade() -> None:
    op.drop_table("person_roles")
    with op.batch_alter_table("editions", schema=None) as batch_op:
        batch_op.drop_index("ix_editions_publication_day")
        batch_op.drop_column("live_articles")
