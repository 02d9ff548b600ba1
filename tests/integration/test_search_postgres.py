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
