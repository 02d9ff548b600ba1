"""Every test of tests/unit/test_ingest_store.py, again on PostgreSQL: a new issue's rows go
in by upserts and RETURNING, whose behaviour differs between the two databases."""

from __future__ import annotations

import pytest

from tests.unit import test_ingest_store as on_sqlite
from worker.db import get_engine, upgrade

pytestmark = pytest.mark.integration

# Collected again in this module, where `db_url` below is a fresh PostgreSQL database; the
# paragraphs' stored text is SQLite's (PostgreSQL's driver reads JSON back as values).
SQLITE_ONLY = {"test_paragraphs_are_stored_as_utf8_text_not_escapes"}
globals().update({
    name: f for name, f in vars(on_sqlite).items()
    if name.startswith("test_") and name not in SQLITE_ONLY
})  # fmt: skip


@pytest.fixture
def db_url(postgres_url: str) -> str:
    upgrade(postgres_url)
    return postgres_url


def test_paragraphs_are_stored_as_utf8_json_text(db_url: str) -> None:
    on_sqlite._ingest(db_url, on_sqlite._issue([("秋粮入库过半", "林晓")]))
    with get_engine(db_url).connect() as conn:
        stored = conn.exec_driver_sql("SELECT paragraphs::text FROM articles").scalar_one()
    assert stored.startswith('["秋粮入库过半的消息') and "\\u" not in stored
