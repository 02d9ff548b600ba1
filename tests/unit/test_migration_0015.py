"""Migration 0015: the kept entry renderings go, and come back empty on a downgrade."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, inspect, text

from worker.db import alembic_config, dispose_engines, upgrade


def tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_drops_entry_renders_with_what_it_held(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'paperfeed.db'}"
    upgrade(url, "0014")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO entry_renders (article_id, stamp, atom, rss, json, used_on)"
                " VALUES (1, 's', '<entry/>', '<item/>', '{}', '2026-12-01')"
            )
        )
    engine.dispose()
    upgrade(url)
    assert "entry_renders" not in tables(url)
    assert {"articles", "feed_entries", "feed_archives"} <= tables(url)


def test_downgrade_makes_an_empty_entry_renders(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'paperfeed.db'}"
    upgrade(url)
    dispose_engines()
    command.downgrade(alembic_config(url), "0014")
    assert "entry_renders" in tables(url)
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM entry_renders")).scalar() == 0
        indexes = {i["name"] for i in inspect(conn).get_indexes("entry_renders")}
    engine.dispose()
    assert "ix_entry_renders_used_on" in indexes
