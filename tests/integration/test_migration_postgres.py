"""The upgrade to issues of pages on PostgreSQL: the same database of revision 0007 as the
unit test's, carried over the same way."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.unit.test_migration_0009 import check_upgraded, fill_0007
from worker.settings import Settings

pytestmark = pytest.mark.integration


def test_a_database_of_revision_0007_is_carried_over_on_postgresql(
    postgres_url: str, make_settings: Callable[..., Settings]
) -> None:
    keys = fill_0007(postgres_url)
    settings = make_settings(DATABASE_URL=postgres_url)
    settings.ensure_dirs()
    check_upgraded(postgres_url, keys, settings)
