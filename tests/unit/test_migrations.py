"""Migrations: they build the schema the models describe, with nothing left over."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from worker.db import get_engine, upgrade
from worker.models import Base
from worker.search_index import include_in_comparison


def test_upgrade_on_sqlite_matches_the_models(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db' / 'paperfeed.db'}"
    upgrade(url)
    engine = get_engine(url)
    with engine.connect() as conn:
        # The same filter as migrations/env.py: the search index is no model.
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": include_in_comparison}
        )
        assert compare_metadata(context, Base.metadata) == []
    assert {"sources", "issues", "articles", "credits", "article_search"} <= set(
        inspect(engine).get_table_names()
    )


def test_upgrade_twice_is_harmless(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'paperfeed.db'}"
    upgrade(url)
    upgrade(url)
