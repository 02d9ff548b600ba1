"""The RSS 2.0 document, parsed back with lxml: channel, guids, dc:creator, dates."""

from __future__ import annotations

from feeds.rss import render_rss
from tests.unit.feeds.feedsamples import BASE_URL, NS, entry, parse, spec, two_day_feed


def test_channel_links_language_and_build_date() -> None:
    channel = parse(render_rss(two_day_feed(), base_url=BASE_URL)).find("channel")
    assert channel.findtext("link") == f"{BASE_URL}/"
    self_link = channel.find("atom:link[@rel='self']", NS)
    assert self_link.get("href") == f"{BASE_URL}/feeds/all.rss"
    assert self_link.get("type") == "application/rss+xml"
    assert channel.findtext("language") == "zh-CN"
    assert channel.findtext("lastBuildDate") == "Thu, 02 May 2024 09:00:00 +0800"


def test_items_newest_first_with_guid_not_permalink() -> None:
    channel = parse(render_rss(two_day_feed(), base_url=BASE_URL)).find("channel")
    guids = channel.findall("item/guid")
    assert [g.text for g in guids] == [
        "tag:weidong-daily,2024-05-02:01-1",
        "tag:weidong-daily,2024-05-01:05-1",
    ]
    assert {g.get("isPermaLink") for g in guids} == {"false"}


def test_guid_is_permalink_when_id_is_the_article_url() -> None:
    url = "https://paper.example/2024-05/01/05-1.html"
    item = parse(render_rss(spec(entry(id=url, link=url)), base_url=BASE_URL)).find("channel/item")
    assert item.find("guid").get("isPermaLink") == "true"
    assert item.findtext("link") == url


def test_byline_is_the_dc_creator_and_people_dc_contributors() -> None:
    item = parse(render_rss(spec(entry()), base_url=BASE_URL)).find("channel/item")
    creators = [c.text for c in item.findall("dc:creator", NS)]
    assert creators == ["王孟鹤（记者）、赵炎（通讯员）"]
    assert [c.text for c in item.findall("dc:contributor", NS)] == ["王孟鹤", "赵炎"]
    assert item.find("author") is None


def test_item_fields() -> None:
    item = parse(render_rss(spec(entry()), base_url=BASE_URL)).find("channel/item")
    assert item.findtext("title") == "卫东区新建三所学校"
    assert item.findtext("pubDate") == "Wed, 01 May 2024 06:00:00 +0800"
    assert [c.text for c in item.findall("category")] == ["卫东新闻", "第05版：卫东新闻"]
    assert item.findtext("description").startswith("今年秋季")
    assert '<p class="kicker">教育民生</p>' in item.findtext("content:encoded", namespaces=NS)
