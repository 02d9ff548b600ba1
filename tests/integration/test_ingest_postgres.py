"""The ingest tests of tests/unit/test_ingest.py, on PostgreSQL."""

from __future__ import annotations

import pytest

from tests.unit.test_ingest import (  # noqa: F401 - collected again here, on PostgreSQL
    test_a_corrected_issue_keeps_article_keys,
    test_feeds_touched_name_everything_the_issue_reaches,
    test_issue_is_stored_with_articles_credits_and_raw_bytes,
    test_oversize_input_is_refused_with_the_limit_named,
    test_published_is_the_issue_date_in_the_papers_zone,
    test_the_same_bytes_twice_change_nothing,
    test_unusable_bytes_become_a_failed_issue_with_a_reason,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def db_url(postgres_url: str) -> str:
    return postgres_url
