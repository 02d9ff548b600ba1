"""Engines: one pool per database URL and process, however the engine is asked for, except
SQLite's deferred readers beside its IMMEDIATE writers."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from worker.db import get_engine, session_scope, upgrade


def test_postgresql_readers_and_writers_share_one_engine() -> None:
    # create_engine connects on first use only: no server is needed to compare engines.
    url = "postgresql+psycopg://nobody@127.0.0.1:1/no_such_database"
    engine = get_engine(url)
    assert get_engine(url, write=True) is engine
    assert get_engine(url, write=False) is engine


def test_sqlite_keeps_a_deferred_reader_beside_one_immediate_writer(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'paperfeed.db'}"
    upgrade(url)
    writer = get_engine(url)
    assert get_engine(url, write=True) is writer
    reader = get_engine(url, write=False)
    assert reader is not writer
    with session_scope(url) as writing:
        # The writer holds SQLite's write lock from BEGIN IMMEDIATE on; a deferred reader
        # still reads beside it (WAL) instead of waiting for it.
        writing.execute(text("CREATE TABLE scratch (n INTEGER)"))
        with session_scope(url, write=False) as reading:
            assert reading.execute(text("SELECT count(*) FROM sources")).scalar() == 0
