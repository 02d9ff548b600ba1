"""The names an ingest finds or makes are remembered by the process only once committed:
a rolled-back ingest leaves nothing to trust, names made by another process are found, and
a database replaced at the same address is read afresh."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import event, select

from worker.db import dispose_engines, get_engine, session_scope, upgrade
from worker.ingest import IngestResult, ingest_bytes
from worker.models import Article, Credit, Person, Publication
from worker.sources import SourceConfig

SOURCE = SourceConfig(name="qinghe", kind="drop", publication="青河日报", section="要闻")
RECEIVED = dt.datetime(2026, 11, 20, 1, 30, tzinfo=dt.UTC)


def _issue(day: str, *articles: tuple[str, str]) -> bytes:
    body = "".join(f"{h}\n\n本报讯（记者{who}）{h}的消息。\n\n" for h, who in articles)
    return f"---\npublication: 青河日报\ndate: {day}\n---\n\n{body}".encode()


def _ingest(url: str, data: bytes, name: str) -> IngestResult:
    with session_scope(url) as session:
        return ingest_bytes(
            session, data, source=SOURCE, filename=name, received_at=RECEIVED,
            max_bytes=1_000_000,
        )  # fmt: skip


def _credited(url: str) -> set[tuple[str, str]]:
    with session_scope(url, write=False) as session:
        rows = session.execute(
            select(Article.headline, Person.name)
            .join(Credit, Credit.article_id == Article.id)
            .join(Person, Person.id == Credit.person_id)
        )
        return {(headline, name) for headline, name in rows}


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'paperfeed.db'}"
    upgrade(url)
    return url


def test_names_of_a_rolled_back_ingest_are_not_remembered(db_url: str) -> None:
    class Stop(Exception):
        pass

    with pytest.raises(Stop), session_scope(db_url) as session:
        ingest_bytes(
            session, _issue("2026-11-19", ("青河新桥今日通车", "林晓")), source=SOURCE,
            filename="a.txt", received_at=RECEIVED, max_bytes=1_000_000,
        )  # fmt: skip
        raise Stop
    # The ids 林晓 and the paper had are given to other rows now (SQLite reuses them).
    _ingest(db_url, _issue("2026-11-20", ("秋粮入库过半", "王芳")), "b.txt")
    _ingest(db_url, _issue("2026-11-19", ("青河新桥今日通车", "林晓")), "a.txt")
    assert _credited(db_url) == {("秋粮入库过半", "王芳"), ("青河新桥今日通车", "林晓")}


def test_a_name_another_process_stored_is_found_not_made_again(db_url: str) -> None:
    _ingest(db_url, _issue("2026-11-19", ("青河新桥今日通车", "林晓")), "a.txt")
    with session_scope(db_url) as session:  # as another worker would: not through the cache
        paper = session.scalars(select(Publication)).one()
        session.add(Person(publication_id=paper.id, name="王芳", slug="wang-fang"))
    _ingest(db_url, _issue("2026-11-20", ("秋粮入库过半", "王芳")), "b.txt")
    with session_scope(db_url, write=False) as session:
        assert session.scalars(select(Person.slug).where(Person.name == "王芳")).all() == [
            "wang-fang"
        ]
    assert ("秋粮入库过半", "王芳") in _credited(db_url)


def test_known_names_cost_no_statement(db_url: str) -> None:
    _ingest(db_url, _issue("2026-11-19", ("青河新桥今日通车", "林晓")), "a.txt")
    seen: list[str] = []
    engine = get_engine(db_url)

    def note(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        _ingest(db_url, _issue("2026-11-20", ("秋粮入库过半", "林晓")), "b.txt")
    finally:
        event.remove(engine, "before_cursor_execute", note)
    asked = " ".join(seen)
    for table in ("FROM sources", "FROM publications", "FROM sections", "FROM people"):
        assert table not in asked


def test_a_database_made_again_at_the_same_address_is_read_afresh(
    db_url: str, tmp_path: Path
) -> None:
    _ingest(db_url, _issue("2026-11-19", ("青河新桥今日通车", "林晓")), "a.txt")
    dispose_engines()
    (tmp_path / "paperfeed.db").unlink()
    upgrade(db_url)
    with session_scope(db_url) as session:  # other rows take the ids the old names had
        session.add(Publication(name="红山晚报", slug="hong-shan-wan-bao"))
    _ingest(db_url, _issue("2026-11-20", ("秋粮入库过半", "王芳")), "b.txt")
    assert _credited(db_url) == {("秋粮入库过半", "王芳")}
