"""feeds.opml: every feed's Atom URL in one file a reader can import."""

from __future__ import annotations

from lxml import etree

from feeds.opml import render_opml
from feeds.pages import render_index
from tests.unit.feeds.feedsamples import BASE_URL, entry, spec

ALL = spec(entry())
SECTION = spec(entry(), path="sections/yao-wen", kind="section", title="要闻")
PERSON = spec(path="people/zhao-yan", kind="person", title="赵炎 <script>")


def test_outlines_grouped_with_atom_urls() -> None:
    root = etree.fromstring(
        render_opml([PERSON, ALL, SECTION], base_url=BASE_URL, title="卫东日报")
    )
    assert root.get("version") == "2.0"
    assert root.findtext("head/title") == "卫东日报"
    groups = root.findall("body/outline")
    assert [g.get("text") for g in groups] == ["全部", "栏目", "作者"]
    assert [(o.get("text"), o.get("xmlUrl")) for g in groups for o in g] == [
        ("卫东日报", f"{BASE_URL}/feeds/all.atom"),
        ("要闻", f"{BASE_URL}/feeds/sections/yao-wen.atom"),
        ("赵炎 <script>", f"{BASE_URL}/feeds/people/zhao-yan.atom"),
    ]
    assert {o.get("type") for g in groups for o in g} == {"rss"}


def test_same_feeds_same_bytes() -> None:
    first = render_opml([ALL, SECTION], base_url=BASE_URL, title="t")
    assert first == render_opml([SECTION, ALL], base_url=BASE_URL, title="t")


def test_index_page_links_to_opml() -> None:
    page = render_index([ALL], base_url=BASE_URL, title="t").decode()
    assert f'href="{BASE_URL}/feeds.opml"' in page
