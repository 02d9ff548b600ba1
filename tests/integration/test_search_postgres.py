"""Every test of tests/unit/test_search.py, again on PostgreSQL: there the index is a
tsvector table with a GIN index, not FTS5."""

from __future__ import annotations

import pytest

from tests.unit import test_search as on_sqlite

pytestmark = pytest.mark.integration

# Collected again in this module, where `db_url` below is a fresh PostgreSQL database.
globals().update({name: f for name, f in vars(on_sqlite).items() if name.startswith("test_")})


@pytest.fixture
def db_url(postgres_url: str) -> str:
    return postgres_url


def test_postgresql_reads_the_document_literal_as_the_term_by_term_one(postgres_url: str) -> None:
    # `tsvector_document` writes a repeated term once per position; PostgreSQL's input
    # joins them into the lexeme `tsvector_literal` writes, 256 positions at most.
    from sqlalchemy import text

    from tests.unit.test_search_terms import SAMPLES
    from worker.db import get_engine
    from worker.search_terms import positioned_terms, tsvector_document, tsvector_literal

    with get_engine(postgres_url).connect() as conn:
        for fields in SAMPLES:
            document = tsvector_document(fields)[0]
            literal = tsvector_literal(positioned_terms(fields))
            same = conn.execute(
                text("SELECT CAST(:a AS tsvector) = CAST(:b AS tsvector)"),
                {"a": document, "b": literal},
            ).scalar_one()
            assert same, fields[:1]
