"""Dirty marks on PostgreSQL, where ingests and a publish run side by side: a mark made
again after a publish took it outlives that publish, whatever time its ingest's clock gave."""

from __future__ import annotations

import pytest

from tests.unit.test_dirty_marks import check_a_late_mark_outlives_the_publish

pytestmark = pytest.mark.integration


def test_a_mark_made_again_after_a_publish_took_it_outlives_that_publish(
    postgres_url: str,
) -> None:
    check_a_late_mark_outlives_the_publish(postgres_url)
