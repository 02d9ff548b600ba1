"""Search over real HTTP: issues dropped into a running `paperfeed run` are found on /search
and in /search.atom (parsed with feedparser), a correction's new text replaces the old and
its dropped article leaves the results — on the embedded defaults and on Redis + PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import feedparser
import pytest
from lxml import html

from tests.integration.conftest import Running, http_get, start_paperfeed, stop_paperfeed, wait_for
from tests.unit.test_search import FIRST, FIRST_CORRECTED, SECOND

pytestmark = pytest.mark.integration


@pytest.fixture(params=["embedded", "redis-postgres"])
def running(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Running]:
    env: dict[str, str] = {}
    if request.param == "redis-postgres":
        env["DATABASE_URL"] = request.getfixturevalue("postgres_url")
        env["CELERY_BROKER_URL"] = request.getfixturevalue("redis_url")
    instance = start_paperfeed(tmp_path / "home", **env)
    try:
        yield instance
    finally:
        stop_paperfeed(instance)


def _titles(instance: Running, query: str) -> list[str]:
    status, body = http_get(f"{instance.base_url}/search?q={quote(query)}")
    assert status == 200
    page = html.fromstring(body)
    return [a.text for a in page.xpath("//li//div[@class='hit']/a")]


def _feed(instance: Running, query: str) -> Any:
    status, body = http_get(f"{instance.base_url}/search.atom?q={quote(query)}")
    assert status == 200
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.bozo_exception
    return parsed


def _drop(instance: Running, name: str, data: bytes, headline: str) -> None:
    """Drop a file and wait until its article with `headline` is found by that headline."""
    (instance.home / "drop" / name).write_bytes(data)
    wait_for(
        lambda: headline in _titles(instance, headline), 60, instance, f"{name} to be searchable"
    )


def test_dropped_issues_are_found_by_word_and_by_name(running: Running) -> None:
    instance = running
    _drop(instance, "a01.txt", FIRST, "红山冬奥训练基地迎来首批队员")
    _drop(instance, "b01.txt", SECOND, "山区公路冬季养护启动")
    assert _titles(instance, "冬奥") == ["山区公路冬季养护启动", "红山冬奥训练基地迎来首批队员"]
    assert _titles(instance, "顾小溪") == ["红山冬奥训练基地迎来首批队员"]
    page = html.fromstring(http_get(f"{instance.base_url}/search?q={quote('冬奥')}")[1])
    (feed_link,) = page.xpath("//link[@rel='alternate'][@type='application/atom+xml']/@href")
    assert feed_link.endswith("/search.atom?q=" + quote("冬奥"))
    article = page.xpath("//li//div[@class='hit']/a/@href")[0]
    # The hit links to the article's page, published a moment after the ingest.
    wait_for(lambda: http_get(article)[0] == 200, 60, instance, "the article page")

    feed = _feed(instance, "苏明远")
    assert [e.title for e in feed.entries] == [
        "山区公路冬季养护启动",
        "红山冬奥训练基地迎来首批队员",
    ]
    assert feed.feed.title == "搜索：苏明远"
    assert any("苏明远" in a.name for a in feed.entries[0].authors)


def test_a_correction_is_searched_by_its_new_text(running: Running) -> None:
    instance = running
    _drop(instance, "a01.txt", FIRST, "红山冬奥训练基地迎来首批队员")
    assert _titles(instance, "早市") == ["城东菜市场改造完工"]
    # The same file name and date: the corrected issue replaces the first.
    (instance.home / "drop" / "a01.txt").write_bytes(FIRST_CORRECTED)
    wait_for(
        lambda: _titles(instance, "夜市") == ["城东菜市场改造完工"],
        60,
        instance,
        "the corrected text to be searchable",
    )
    assert _titles(instance, "早市") == []
    assert _titles(instance, "训练基地") == []  # withdrawn by the correction
    assert [e.title for e in _feed(instance, "菜市场").entries] == ["城东菜市场改造完工"]
