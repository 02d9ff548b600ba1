"""The search routes: /search answers an HTML page of hits with links, snippets, paging and
an autodiscovery link to /search.atom, the Atom feed of the same query; the query is escaped
wherever it shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from urllib.parse import quote

import feedparser
import pytest
from lxml import html

from feeds.pages import render_index
from feeds.search_page import PAGE_SIZE
from feeds.server import Request, Response
from tests.unit.test_search import FIRST, SECOND
from worker.db import session_scope, upgrade
from worker.ingest import ingest_bytes
from worker.settings import Settings
from worker.sources import default_source
from worker.web import make_routes


@pytest.fixture
def answer(make_settings: Callable[..., Settings]) -> Callable[[str], Response]:
    settings = make_settings(PAPERFEED_BASE_URL="https://news.example.org")
    settings.ensure_dirs()
    upgrade(settings.database_url)
    for name, data in (("a01.txt", FIRST), ("b01.txt", SECOND)):
        with session_scope(settings.database_url) as session:
            ingest_bytes(
                session, data, source=default_source(settings), filename=name,
                received_at=dt.datetime(2026, 11, 21, tzinfo=dt.UTC), max_bytes=10**6,
            )  # fmt: skip
    route = make_routes(settings, [default_source(settings)], enqueue=lambda _id: None)

    def get(target: str) -> Response:
        found = route(Request("GET", target, {}))
        assert found is not None, target
        return found

    return get


def test_the_page_lists_hits_newest_first_with_links_and_snippets(
    answer: Callable[[str], Response],
) -> None:
    found = answer("/search?q=" + quote("冬奥"))
    assert found.status == 200
    assert found.content_type.startswith("text/html")
    page = html.fromstring(found.body)
    titles = [a.text for a in page.xpath("//li//div[@class='hit']/a")]
    assert titles == ["山区公路冬季养护启动", "红山冬奥训练基地迎来首批队员"]
    links = [a.get("href") for a in page.xpath("//li//div[@class='hit']/a")]
    assert all(link.startswith("https://news.example.org/articles/2026/11/") for link in links)
    assert [m.text for m in page.xpath("//mark")] == ["冬奥", "冬奥"]
    meta = page.xpath("//li//span[@class='meta']")[0].text_content()
    assert "红山晚报" in meta and "2026-11-21" in meta and "要闻" in meta
    assert "苏明远" in page.xpath("//li//span[@class='byline']")[0].text_content()
    feed = page.xpath("//link[@rel='alternate'][@type='application/atom+xml']")[0]
    assert feed.get("href") == "https://news.example.org/search.atom?q=" + quote("冬奥")


def test_an_empty_query_gives_the_search_box(answer: Callable[[str], Response]) -> None:
    page = html.fromstring(answer("/search").body)
    assert page.xpath("//form[@method='get']//input[@name='q']")
    assert not page.xpath("//li")


def test_the_query_is_escaped_everywhere(answer: Callable[[str], Response]) -> None:
    evil = '"><script>alert(1)</script>冬奥'
    body = answer("/search?q=" + quote(evil)).body.decode()
    assert "<script>" not in body
    assert "&lt;script&gt;" in body
    atom = answer("/search.atom?q=" + quote(evil)).body.decode()
    assert "<script>" not in atom


def test_pages_follow_each_other(answer: Callable[[str], Response]) -> None:
    first = html.fromstring(answer("/search?q=" + quote("苏明远")).body)
    assert len(first.xpath("//li")) == 2 <= PAGE_SIZE
    assert not first.xpath("//nav[@class='pager']/a")
    beyond = html.fromstring(answer("/search?q=" + quote("苏明远") + "&page=2").body)
    assert not beyond.xpath("//li")
    assert [a.text for a in beyond.xpath("//nav[@class='pager']/a")] == ["上一页"]
    assert answer("/search?q=x&page=99999999999999").status == 200


def test_the_atom_feed_holds_the_hits(answer: Callable[[str], Response]) -> None:
    found = answer("/search.atom?q=" + quote("顾小溪"))
    assert found.content_type.startswith("application/atom+xml")
    parsed = feedparser.parse(found.body)
    assert not parsed.bozo
    assert [e.title for e in parsed.entries] == ["红山冬奥训练基地迎来首批队员"]
    assert parsed.feed.title == "搜索：顾小溪"
    self_link = [link.href for link in parsed.feed.links if link.rel == "self"]
    assert self_link == ["https://news.example.org/search.atom?q=" + quote("顾小溪")]
    assert answer("/search.atom?q=" + quote("顾小溪")).body == found.body  # deterministic


def test_the_index_page_carries_the_search_box() -> None:
    page = html.fromstring(render_index([], base_url="https://news.example.org", title="红山"))
    form = page.xpath("//form[@method='get']")[0]
    assert form.get("action") == "https://news.example.org/search"
    assert form.xpath(".//input[@name='q']")
