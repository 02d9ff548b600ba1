"""A section's or a person's page: its articles, its feeds and autodiscovery."""

from __future__ import annotations

from typing import Any

from lxml import html

from feeds.feed_page import render_feed_page
from tests.unit.feeds.feedsamples import BASE_URL, at, entry, spec

FEED = spec(
    entry(id="b", title="新闻二", page_path="articles/b.html", kicker=None, published=at(2)),
    entry(page_path="articles/a.html"),
    entry(id="c", title="无页面", link="https://paper.example/c.html", kicker=None),
    path="sections/wei-dong-xin-wen",
    kind="section",
    title="卫东新闻",
    description="卫东新闻版面文章",
    page_path="sections/wei-dong-xin-wen.html",
    count=57,
)


def page(feed: Any = FEED) -> Any:
    return html.document_fromstring(
        render_feed_page(feed, base_url=BASE_URL, site_title="卫东日报")
    )


def test_title_description_and_count() -> None:
    root = page()
    assert root.findtext(".//title") == "卫东新闻 - 卫东日报"
    assert root.findtext(".//h1") == "卫东新闻"
    assert "卫东新闻版面文章（共 57 篇）" in root.text_content()
    assert root.find(".//header/a").get("href") == f"{BASE_URL}/"
    assert root.findall(".//script") == []


def test_autodiscovery_and_visible_feed_links() -> None:
    root = page()
    discovered = [
        (link.get("type"), link.get("href"))
        for link in root.findall(".//head/link[@rel='alternate']")
    ]
    feeds = f"{BASE_URL}/feeds/sections/wei-dong-xin-wen"
    assert discovered == [
        ("application/atom+xml", f"{feeds}.atom"),
        ("application/rss+xml", f"{feeds}.rss"),
        ("application/feed+json", f"{feeds}.json"),
    ]
    buttons = [a.get("href") for a in root.findall(".//body//a[@class='fmt']")]
    assert buttons == [f"{feeds}.atom", f"{feeds}.rss", f"{feeds}.json"]


def test_entries_newest_first_linking_to_article_pages() -> None:
    items = page().findall(".//li")
    assert [(i.find(".//a").text, i.find(".//a").get("href")) for i in items] == [
        ("新闻二", f"{BASE_URL}/articles/b.html"),
        ("卫东区新建三所学校", f"{BASE_URL}/articles/a.html"),
        ("无页面", "https://paper.example/c.html"),
    ]
    assert [i.findtext("time") for i in items] == ["2024-05-02", "2024-05-01", "2024-05-01"]
    assert items[1].findtext(".//span[@class='kicker']") == "教育民生"
    assert items[0].find(".//span[@class='kicker']") is None


def test_empty_feed_says_so() -> None:
    assert "暂无文章" in page(spec(title="空")).text_content()


def test_text_is_escaped() -> None:
    hostile = spec(entry(title="<script>x</script>", kicker="<b>"), title="<i>人</i>")
    root = page(hostile)
    assert root.findall(".//script") == [] and root.findall(".//b") == []
    assert root.findall(".//i") == []
    assert root.findtext(".//h1") == "<i>人</i>"


def test_same_feed_same_bytes() -> None:
    first = render_feed_page(FEED, base_url=BASE_URL, site_title="t")
    assert first == render_feed_page(FEED, base_url=BASE_URL, site_title="t")
