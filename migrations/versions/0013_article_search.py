"""Search across the archive: an index of every article not withdrawn.

- article_search: on SQLite an FTS5 table (rowid = article id, `terms`: the article's
  index terms as space-separated tokens, CJK as overlapping bigrams); on PostgreSQL a table
  (`article_id`, `terms` tsvector with positions, `body` the normalized text of articles
  too long for tsvector positions, else null) with a GIN
  index on `terms`. Filled here for the articles already stored (`worker.search_index.
  index_all`); every ingest keeps it in step after that. Not a model: see migrations/env.py.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

from worker.search_index import index_all

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        # unicode61 splits on the spaces between terms and keeps CJK bigrams whole; the
        # terms are lower-cased already, diacritics are left alone.
        op.execute(
            "CREATE VIRTUAL TABLE article_search USING fts5("
            "terms, tokenize = 'unicode61 remove_diacritics 0')"
        )
    else:
        op.execute(
            "CREATE TABLE article_search ("
            "article_id integer PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE, "
            "terms tsvector NOT NULL, body text)"
        )
        op.execute("CREATE INDEX ix_article_search_terms ON article_search USING gin (terms)")
    index_all(connection)


def downgrade() -> None:
    op.execute("DROP TABLE article_search")
