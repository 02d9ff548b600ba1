"""End to end: a file dropped into a running `paperfeed run` becomes stored articles and feeds
served over HTTP, through a real Celery worker — on the embedded defaults (SQLite, filesystem
broker) and on Redis + PostgreSQL."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from sqlalchemy import create_engine, func, select

from feeds.slugs import slugify_name, slugify_section
from tests.conftest import SAMPLE, SHARED
from tests.integration.conftest import (
    Running,
    http_get,
    start_paperfeed,
    stop_paperfeed,
    wait_for,
)
from tests.unit.feeds.jsonfeed11 import check_json_feed
from tests.unit.feeds.rfc4287 import check_atom
from tests.unit.feeds.rss2 import check_rss
from worker.models import Article, Issue

pytestmark = pytest.mark.integration

SECTION = "卫东新闻"
PEOPLE = ("王孟鹤", "赵炎", "古国凡", "魏国伟")


@pytest.fixture(params=["embedded", "redis-postgres"])
def running(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Running, str]]:
    env = {"PAPERFEED_SECTION": SECTION}
    if request.param == "embedded":
        database = f"sqlite:///{tmp_path / 'home' / 'paperfeed.db'}"
    else:
        database = request.getfixturevalue("postgres_url")
        env["DATABASE_URL"] = database
        env["CELERY_BROKER_URL"] = request.getfixturevalue("redis_url")
    instance = start_paperfeed(tmp_path / "home", **env)
    try:
        yield instance, database
    finally:
        stop_paperfeed(instance)


def _golden_headlines() -> list[str]:
    golden = json.loads((SHARED / "samples" / "weidong-page.golden.json").read_text("utf-8"))
    return [article["headline"] for article in golden["articles"]]


def test_dropped_sample_becomes_articles_and_feeds(running: tuple[Running, str]) -> None:
    instance, database = running
    if not SAMPLE.exists():
        pytest.skip(f"shared sample not found at {SAMPLE}")
    drop = instance.home / "drop"
    shutil.copy(SAMPLE, drop / "weidong-page.txt")
    last = f"{instance.base_url}/feeds/people/{slugify_name(PEOPLE[-1])}.atom"
    wait_for(lambda: http_get(last)[0] == 200, 60, instance, "the photographer's feed")

    engine = create_engine(database)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Article)) == 10
        assert conn.scalar(select(Issue.status)) == "ingested"
    engine.dispose()

    everything = _parsed(instance, "feeds/all.atom")
    assert sorted(e.title for e in everything.entries) == sorted(_golden_headlines())
    section = _parsed(instance, f"feeds/sections/{slugify_section(SECTION)}.atom")
    assert len(section.entries) == 10
    assert section.feed.language == "zh-CN"
    for name in PEOPLE:
        feed = _parsed(instance, f"feeds/people/{slugify_name(name)}.atom")
        assert feed.entries, name
        for entry in feed.entries:
            assert any(name in author.get("name", "") for author in entry.authors), entry.title
    photographer = _parsed(instance, f"feeds/people/{slugify_name('魏国伟')}.rss")
    assert [e.title for e in photographer.entries] == ["百余对新人牵手“5·20”"]

    work = instance.home / "work"
    wait_for(lambda: not any(work.rglob("*.txt")), 30, instance, "an empty work/")
    _every_served_feed_is_valid(instance)
    assert list(drop.iterdir()) == []
    archived = list((instance.home / "archive").rglob("weidong-page.txt"))
    assert len(archived) == 1


def test_a_second_copy_changes_nothing(running: tuple[Running, str]) -> None:
    instance, database = running
    demo = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.txt"))[0]
    shutil.copy(demo, instance.home / "drop" / "first.txt")
    all_feed = f"{instance.base_url}/feeds/all.atom"
    wait_for(lambda: len(_entries(all_feed)) > 0, 60, instance, "the first copy's entries")
    before = http_get(all_feed)[1]
    shutil.copy(demo, instance.home / "drop" / "again.txt")
    archive = instance.home / "archive"
    wait_for(lambda: len(list(archive.rglob("*.txt"))) == 2, 60, instance, "the second copy")
    engine = create_engine(database)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Issue)) == 1
    engine.dispose()
    assert http_get(all_feed)[1] == before


def _entries(url: str) -> list[object]:
    status, body = http_get(url)
    return list(feedparser.parse(body).entries) if status == 200 else []


def _parsed(instance: Running, path: str) -> feedparser.FeedParserDict:
    status, body = http_get(f"{instance.base_url}/{path}")
    assert status == 200, path
    parsed = feedparser.parse(body)
    assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
    return parsed


def _every_served_feed_is_valid(instance: Running) -> None:
    """Every feed document published, fetched over HTTP: feedparser reads it cleanly, and it
    keeps the must and must-not rules of RFC 4287, RSS 2.0 or JSON Feed 1.1."""
    checkers = {".atom": check_atom, ".rss": check_rss, ".json": check_json_feed}
    public = instance.home / "public"
    documents = sorted(p for p in (public / "feeds").rglob("*") if p.suffix in checkers)
    assert len(documents) >= 3 * (1 + 1 + len(PEOPLE))
    for path in documents:
        status, body = http_get(f"{instance.base_url}/{path.relative_to(public).as_posix()}")
        assert status == 200, path
        assert checkers[path.suffix](body) == [], path
        if path.suffix != ".json":
            parsed = feedparser.parse(body)
            assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
            assert all(e.get("id") and e.get("title") for e in parsed.entries), path
