"""index.html: every feed with links and counts, autodiscovery in <head>, text escaped."""

from __future__ import annotations

from lxml import html

from feeds.pages import render_index
from tests.unit.feeds.feedsamples import BASE_URL, at, entry, spec

SECTION = spec(entry(), path="sections/yao-wen", kind="section", title="要闻")
SECTION_B = spec(entry(), path="sections/wei-dong-xin-wen", kind="section", title="卫东新闻")
PERSON = spec(entry(), entry(id="b"), path="people/zhao-yan", kind="person", title="赵炎")
ALL = spec(entry(), entry(id="b", updated=at(3, 8)), entry(id="c"), count=1234)


def page(*feeds: object, title: str = "卫东日报") -> html.HtmlElement:
    return html.document_fromstring(render_index(feeds, base_url=BASE_URL, title=title))  # type: ignore[arg-type]


def test_document_is_chinese_and_phone_ready() -> None:
    data = render_index([ALL], base_url=BASE_URL, title="卫东日报")
    root = html.document_fromstring(data)
    assert data.startswith(b"<!DOCTYPE html>")
    assert root.get("lang") == "zh-CN"
    assert root.find(".//meta[@charset]").get("charset") == "utf-8"
    assert "width=device-width" in root.find(".//meta[@name='viewport']").get("content")
    assert root.findtext(".//title") == "卫东日报"


def test_autodiscovery_links_for_every_feed() -> None:
    root = page(PERSON, SECTION, ALL)
    links = [
        (link.get("type"), link.get("href"), link.get("title"))
        for link in root.findall(".//head/link[@rel='alternate']")
    ]
    assert links == [
        ("application/atom+xml", f"{BASE_URL}/feeds/all.atom", "卫东日报（Atom）"),
        ("application/rss+xml", f"{BASE_URL}/feeds/all.rss", "卫东日报（RSS）"),
        ("application/feed+json", f"{BASE_URL}/feeds/all.json", "卫东日报（JSON Feed）"),
        ("application/atom+xml", f"{BASE_URL}/feeds/sections/yao-wen.atom", "要闻（Atom）"),
        ("application/rss+xml", f"{BASE_URL}/feeds/sections/yao-wen.rss", "要闻（RSS）"),
        ("application/feed+json", f"{BASE_URL}/feeds/sections/yao-wen.json", "要闻（JSON Feed）"),
        ("application/atom+xml", f"{BASE_URL}/feeds/people/zhao-yan.atom", "赵炎（Atom）"),
        ("application/rss+xml", f"{BASE_URL}/feeds/people/zhao-yan.rss", "赵炎（RSS）"),
        ("application/feed+json", f"{BASE_URL}/feeds/people/zhao-yan.json", "赵炎（JSON Feed）"),
    ]


def test_all_then_sections_then_people_sorted_by_path() -> None:
    root = page(PERSON, SECTION, ALL, SECTION_B)
    assert [h.text.strip() for h in root.findall(".//h2")] == ["全部", "栏目", "作者"]
    names = [span.text for span in root.findall(".//li/span[@class='name']")]
    assert names == ["卫东日报", "卫东新闻", "要闻", "赵炎"]


def test_each_feed_lists_count_date_and_every_format() -> None:
    items = page(ALL, PERSON).findall(".//li")
    assert items[0].find("span[@class='count']").text_content() == "1234 篇 · 2024-05-03"
    assert items[1].find("span[@class='count']").text_content().startswith("2 篇")
    hrefs = [a.get("href") for a in items[1].findall("a")]
    assert hrefs == [
        f"{BASE_URL}/feeds/people/zhao-yan.atom",
        f"{BASE_URL}/feeds/people/zhao-yan.rss",
        f"{BASE_URL}/feeds/people/zhao-yan.json",
    ]


def test_feed_name_links_to_its_page_but_not_to_the_index_itself() -> None:
    person = spec(
        path="people/zhao-yan", kind="person", title="赵炎", page_path="people/zhao-yan.html"
    )
    everything = spec(page_path="index.html")
    items = page(everything, person).findall(".//li")
    assert items[0].find("span[@class='name']/a") is None
    link = items[1].find("span[@class='name']/a")
    assert (link.text, link.get("href")) == ("赵炎", f"{BASE_URL}/people/zhao-yan.html")


def test_text_is_escaped() -> None:
    hostile = spec(path="sections/x", kind="section", title='<script>alert("t")</script>')
    data = render_index([hostile], base_url=BASE_URL, title="<b>报</b>")
    root = html.document_fromstring(data)
    assert root.findall(".//script") == []
    assert root.findall(".//b") == []
    assert root.findtext(".//h1") == "<b>报</b>"
    assert root.find(".//li/span").text == '<script>alert("t")</script>'


def test_same_feeds_same_bytes_whatever_the_order() -> None:
    first = render_index([ALL, SECTION, PERSON], base_url=BASE_URL, title="卫东日报")
    second = render_index([PERSON, ALL, SECTION], base_url=BASE_URL, title="卫东日报")
    assert first == second


def test_no_feeds_says_so() -> None:
    assert "暂无订阅源" in render_index([], base_url=BASE_URL, title="t").decode()
