"""The article page: everything as printed, people and section linked, text escaped."""

from __future__ import annotations

from typing import Any

from lxml import html

from feeds.article_page import render_article_page
from feeds.model import Credit
from tests.unit.feeds.feedsamples import BASE_URL, entry

PAGE = "articles/2024/05/01/05-1.html"


def linked_entry(**overrides: Any) -> Any:
    values: dict[str, Any] = {
        "page_path": PAGE,
        "section_slug": "wei-dong-xin-wen",
        "credits": (
            Credit("王孟鹤", "reporter", slug="wang-menghe"),
            Credit("赵炎", "correspondent"),
        ),
    }
    values.update(overrides)
    return entry(**values)


def page(item: Any = None) -> Any:
    data = render_article_page(
        item if item is not None else linked_entry(), base_url=BASE_URL, site_title="卫东日报"
    )
    return html.document_fromstring(data)


def test_phone_ready_document_without_script() -> None:
    data = render_article_page(linked_entry(), base_url=BASE_URL, site_title="卫东日报")
    root = html.document_fromstring(data)
    assert data.startswith(b"<!DOCTYPE html>")
    assert root.get("lang") == "zh-CN"
    assert root.find(".//meta[@charset]").get("charset") == "utf-8"
    assert "width=device-width" in root.find(".//meta[@name='viewport']").get("content")
    assert "max-width" in root.findtext(".//style")
    assert "Noto Sans CJK SC" in root.findtext(".//style")
    assert root.findall(".//script") == []
    assert root.findtext(".//title") == "卫东区新建三所学校 - 卫东日报"
    assert root.find(".//link[@rel='canonical']").get("href") == f"{BASE_URL}/{PAGE}"


def test_article_reads_in_print_order() -> None:
    article = page().find(".//article")
    assert [(p.tag, p.get("class")) for p in article] == [
        ("p", "kicker"),
        ("h1", None),
        ("p", "subtitle"),
        ("p", "meta"),
        ("p", "byline"),
        ("p", None),
        ("p", None),
    ]
    assert article.findtext("h1") == "卫东区新建三所学校"
    assert article.find("p[@class='byline']").text_content() == "本报讯（记者 王孟鹤 通讯员 赵炎）"
    assert article[-1].text == "区教育局表示，新校将于九月开学。"


def test_people_and_section_link_to_their_pages() -> None:
    article = page().find(".//article")
    people = article.findall("p[@class='byline']/a")
    assert [(a.text, a.get("href")) for a in people] == [
        ("王孟鹤", f"{BASE_URL}/people/wang-menghe.html")  # 赵炎 has no slug: plain text
    ]
    meta = article.find("p[@class='meta']")
    assert meta.text_content() == "2024年5月1日 · 卫东新闻 · 第05版：卫东新闻"
    assert meta.find("time").get("datetime") == "2024-05-01T06:00:00+08:00"
    assert meta.find("a").get("href") == f"{BASE_URL}/sections/wei-dong-xin-wen.html"


def test_autodiscovery_of_section_and_people_feeds() -> None:
    links = page(linked_entry(publication="卫东日报")).findall(".//head/link[@rel='alternate']")
    assert [(link.get("title"), link.get("href")) for link in links] == [
        ("卫东日报 · 卫东新闻（Atom）", f"{BASE_URL}/feeds/sections/wei-dong-xin-wen.atom"),
        ("卫东日报 · 卫东新闻（RSS）", f"{BASE_URL}/feeds/sections/wei-dong-xin-wen.rss"),
        ("卫东日报 · 卫东新闻（JSON Feed）", f"{BASE_URL}/feeds/sections/wei-dong-xin-wen.json"),
        ("王孟鹤 · 卫东日报（Atom）", f"{BASE_URL}/feeds/people/wang-menghe.atom"),
        ("王孟鹤 · 卫东日报（RSS）", f"{BASE_URL}/feeds/people/wang-menghe.rss"),
        ("王孟鹤 · 卫东日报（JSON Feed）", f"{BASE_URL}/feeds/people/wang-menghe.json"),
    ]


def test_autodiscovery_without_a_known_paper_names_the_feed_alone() -> None:
    links = page().findall(".//head/link[@rel='alternate']")
    assert [link.get("title") for link in links][::3] == ["卫东新闻（Atom）", "王孟鹤（Atom）"]


def test_original_link_when_known() -> None:
    root = page(linked_entry(link="https://paper.example/05-1.html"))
    assert root.find(".//a[@rel='nofollow']").get("href") == "https://paper.example/05-1.html"
    assert page().find(".//a[@rel='nofollow']") is None


def test_every_text_is_escaped() -> None:
    hostile = "<script>alert(1)</script>"
    root = page(
        linked_entry(
            title=hostile,
            kicker="<b>k</b>",
            subtitle='"><img src=x>',
            dateline="<i>本报讯</i>",
            paragraphs=("<p onclick=x>段</p>",),
            categories=("<em>版</em>", "<u>页</u>"),
            credits=(Credit("<s>王</s>", "reporter", slug='x"><script>'),),
            link='javascript:"><script>',
        )
    )
    for tag in ("script", "b", "img", "i", "em", "u", "s"):
        assert root.findall(f".//body//{tag}") == [], tag
    assert root.findtext(".//h1") == hostile
    assert (
        root.find(".//article/p[@class='byline']").text_content()
        == "<i>本报讯</i>（记者 <s>王</s>）"
    )


def test_minimal_entry_has_no_empty_elements() -> None:
    bare = entry(kicker=None, subtitle=None, dateline=None, credits=(), categories=())
    article = page(bare).find(".//article")
    assert [p.get("class") for p in article] == [None, "meta", None, None]
    assert page(bare).findall(".//head/link[@rel='alternate']") == []


def test_same_entry_same_bytes() -> None:
    first = render_article_page(linked_entry(), base_url=BASE_URL, site_title="卫东日报")
    assert first == render_article_page(linked_entry(), base_url=BASE_URL, site_title="卫东日报")
