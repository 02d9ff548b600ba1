"""`paperfeed failures retry` on PostgreSQL: a file refused as too large is ingested from
failed/ once PAPERFEED_MAX_BYTES is raised, and its articles reach the feed."""

from __future__ import annotations

from pathlib import Path

from tests.unit.test_failures import too_large_then_retried


def test_a_too_large_file_is_retried_on_postgresql(tmp_path: Path, postgres_url: str) -> None:
    too_large_then_retried(tmp_path, DATABASE_URL=postgres_url)
