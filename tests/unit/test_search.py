"""Search over stored articles: a two-character word, a person's name, a corrected article
found by its new text only, a withdrawn one not at all. Runs on SQLite here and on
PostgreSQL in tests/integration/test_search_postgres.py (same tests, other database)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from alembic import command
from sqlalchemy import text

from worker.db import alembic_config, dispose_engines, get_engine, session_scope, upgrade
from worker.ingest import ingest_bytes
from worker.search import find_ids, load_entries
from worker.search_index import index_all
from worker.search_terms import parse_query
from worker.sources import SourceConfig

SOURCE = SourceConfig(name="hongshan", kind="drop", publication="红山晚报", section="要闻")
TZ = ZoneInfo("Asia/Shanghai")


def issue(day: str, body: str) -> bytes:
    return f"---\npublication: 红山晚报\ndate: {day}\n---\n\n{body}".encode()


FIRST = issue(
    "2026-11-20",
    """红山冬奥训练基地迎来首批队员

本报讯（记者苏明远 通讯员顾小溪）11月19日，红山冬奥训练基地迎来首批滑雪队员，基地设有雪道六条。

城东菜市场改造完工

本报讯（记者韩青禾）城东菜市场改造完工，摊位由八十个增至一百二十个，疫情期间暂停的早市恢复。
""",
)
SECOND = issue(
    "2026-11-21",
    """山区公路冬季养护启动

本报讯（记者苏明远）入冬以来，山区公路养护队对沿线桥梁逐一检查，冬奥场馆连接线优先除雪。
""",
)
# The same issue as FIRST, corrected: the market article now speaks of a night market, and
# the training base article is gone.
FIRST_CORRECTED = issue(
    "2026-11-20",
    """城东菜市场改造完工

本报讯（记者韩青禾）城东菜市场改造完工，摊位增至一百二十个，周末夜市同时开放。
""",
)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'paperfeed.db'}"


def _ingest(url: str, data: bytes, filename: str = "a01.txt") -> None:
    upgrade(url)
    with session_scope(url) as session:
        result = ingest_bytes(
            session,
            data,
            source=SOURCE,
            filename=filename,
            received_at=dt.datetime(2026, 11, 21, 2, tzinfo=dt.UTC),
            max_bytes=1_000_000,
        )
    assert result.status == "ingested", result.error


def _titles(url: str, query: str) -> list[str]:
    with get_engine(url).connect() as connection:
        ids = find_ids(connection, parse_query(query), limit=20)
        return [entry.title for entry in load_entries(connection, ids, TZ)]


def test_a_two_character_word_is_found_newest_first(db_url: str) -> None:
    _ingest(db_url, FIRST)
    _ingest(db_url, SECOND, "b01.txt")
    assert _titles(db_url, "冬奥") == ["山区公路冬季养护启动", "红山冬奥训练基地迎来首批队员"]
    assert _titles(db_url, "疫情") == ["城东菜市场改造完工"]
    assert _titles(db_url, "冬奥 疫情") == []


def test_a_longer_word_must_be_contiguous(db_url: str) -> None:
    _ingest(db_url, FIRST)
    assert _titles(db_url, "训练基地") == ["红山冬奥训练基地迎来首批队员"]
    # 基地 and 地迎 both occur, but 基地迎 only in the headline; 训练地 nowhere.
    assert _titles(db_url, "训练地") == []


def test_a_person_credited_is_found_by_name(db_url: str) -> None:
    _ingest(db_url, FIRST)
    _ingest(db_url, SECOND, "b01.txt")
    assert _titles(db_url, "苏明远") == ["山区公路冬季养护启动", "红山冬奥训练基地迎来首批队员"]
    assert _titles(db_url, "顾小溪") == ["红山冬奥训练基地迎来首批队员"]


def test_a_single_character_is_looked_for_in_headlines(db_url: str) -> None:
    _ingest(db_url, FIRST)
    _ingest(db_url, SECOND, "b01.txt")
    assert _titles(db_url, "菜") == ["城东菜市场改造完工"]
    assert _titles(db_url, "雪") == []  # only in bodies


def test_a_correction_replaces_the_text_and_withdraws_what_it_dropped(db_url: str) -> None:
    _ingest(db_url, FIRST)
    assert _titles(db_url, "早市") == ["城东菜市场改造完工"]
    _ingest(db_url, FIRST_CORRECTED)
    assert _titles(db_url, "夜市") == ["城东菜市场改造完工"]
    assert _titles(db_url, "早市") == []
    assert _titles(db_url, "训练基地") == []  # withdrawn
    assert _titles(db_url, "顾小溪") == []


def test_paging_takes_the_next_hits(db_url: str) -> None:
    _ingest(db_url, FIRST)
    _ingest(db_url, SECOND, "b01.txt")
    with get_engine(db_url).connect() as connection:
        first = find_ids(connection, parse_query("冬奥"), limit=1)
        second = find_ids(connection, parse_query("冬奥"), limit=1, offset=1)
        assert len(first) == len(second) == 1
        assert first != second


def test_index_all_rebuilds_an_emptied_index(db_url: str) -> None:
    _ingest(db_url, FIRST)
    _ingest(db_url, FIRST_CORRECTED)
    with get_engine(db_url).begin() as connection:
        connection.execute(text("DELETE FROM article_search"))
    assert _titles(db_url, "夜市") == []
    with get_engine(db_url).begin() as connection:
        assert index_all(connection) == 1  # the withdrawn article stays out
    assert _titles(db_url, "夜市") == ["城东菜市场改造完工"]
    assert _titles(db_url, "训练基地") == []


def test_a_phrase_at_the_end_of_a_very_long_article_is_found(db_url: str) -> None:
    # Past PostgreSQL's last tsvector position (16383): there the text itself is checked.
    long_body = "城乡道路养护工作有序推进。" * 1500 + "最后一段提到周末夜市。"
    _ingest(db_url, issue("2026-11-22", f"长篇调查报告\n\n本报讯（记者韩青禾）{long_body}\n"))
    assert _titles(db_url, "提到周末夜市") == ["长篇调查报告"]
    assert _titles(db_url, "夜市提到") == []


def test_the_migration_indexes_the_articles_already_stored(db_url: str) -> None:
    _ingest(db_url, FIRST)
    command.downgrade(alembic_config(db_url), "0011")
    dispose_engines()
    upgrade(db_url)
    assert _titles(db_url, "顾小溪") == ["红山冬奥训练基地迎来首批队员"]
    assert _titles(db_url, "早市") == ["城东菜市场改造完工"]


def test_a_phrase_never_matches_across_punctuation(db_url: str) -> None:
    # 雨雪 and 雪后 both occur, on either side of a comma: 雨雪后 is not in the text.
    _ingest(
        db_url, issue("2026-11-23", "气象提示\n\n本报讯（记者韩青禾）今晨有雨雪，雪后道路湿滑。\n")
    )
    assert _titles(db_url, "雪后道路") == ["气象提示"]
    assert _titles(db_url, "雨雪后") == []
