"""Every test of tests/unit/test_ingest.py, again on PostgreSQL: the same models and
migrations serve both databases, and their differences (upserts, locking) bite here."""

from __future__ import annotations

import pytest

from tests.unit import test_ingest as on_sqlite

pytestmark = pytest.mark.integration

# Collected again in this module, where `db_url` below is a fresh PostgreSQL database.
globals().update({name: f for name, f in vars(on_sqlite).items() if name.startswith("test_")})


@pytest.fixture
def db_url(postgres_url: str) -> str:
    return postgres_url
