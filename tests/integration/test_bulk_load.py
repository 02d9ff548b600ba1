"""The benchmarks' bulk loader on PostgreSQL: it drops foreign keys and secondary indexes
to load faster, so the database it leaves must have the schema a migration gives, and its
archive must publish the same files as the ingest path."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

import benchmarks.common
from benchmarks import bulk, equivalence, synth
from worker.db import upgrade
from worker.settings import load_settings
from worker.sources import default_source

pytestmark = pytest.mark.integration


def _schema(url: str) -> set[tuple[str, ...]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            indexes = conn.execute(
                text(
                    "SELECT tablename, indexname, indexdef FROM pg_indexes "
                    "WHERE schemaname = 'public'"
                )
            ).all()
            constraints = conn.execute(
                text(
                    "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
                    "FROM pg_constraint WHERE connamespace = 'public'::regnamespace"
                )
            ).all()
    finally:
        engine.dispose()
    return {tuple(row) for row in [*indexes, *constraints]}


def test_bulk_load_leaves_the_migrated_schema(postgres_url: str, tmp_path) -> None:
    upgrade(postgres_url)
    migrated = _schema(postgres_url)
    assert any(name.startswith("fk_") for _, name, _ in migrated)  # something to lose
    settings = load_settings({"PAPERFEED_HOME": str(tmp_path), "DATABASE_URL": postgres_url})
    templates = bulk.templates(2, synth.DAILY)
    plan = [(day, templates[n % 2]) for n, day in enumerate(bulk.archive_days(5))]

    report = bulk.load_archive(postgres_url, plan, source=default_source(settings))

    assert report.issues == 5 and report.articles == bulk.count_articles(postgres_url) > 0
    assert _schema(postgres_url) == migrated
    engine = create_engine(postgres_url)
    with engine.connect() as conn:  # every article indexed for search, as an ingest does
        assert conn.scalar(text("SELECT count(*) FROM article_search")) == report.articles
    engine.dispose()


def test_bulk_loaded_archive_publishes_what_the_ingest_path_does(
    postgres_admin: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(benchmarks.common, "POSTGRES", postgres_admin)

    same, account = equivalence.check_equivalence(issues=4, template_count=2)

    assert same, account
