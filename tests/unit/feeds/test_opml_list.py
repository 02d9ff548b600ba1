"""feeds.opml and the per-kind lists: Atom URLs in files a reader can import at once."""

from __future__ import annotations

from pathlib import Path

from lxml import etree, html

from feeds.opml import render_opml
from feeds.pages import render_index
from feeds.publish import publish_feeds
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


def test_groups_are_folders_with_text_alone() -> None:
    # OPML 2.0 reads an outline with attributes besides `text` by its `type`; a group has no
    # type, so a `title` on it made the W3C validator warn (MissingOutlineType).
    root = etree.fromstring(render_opml([PERSON, ALL, SECTION], base_url=BASE_URL, title="t"))
    assert [dict(g.attrib) for g in root.findall("body/outline")] == [
        {"text": "全部"},
        {"text": "栏目"},
        {"text": "作者"},
    ]


def test_same_feeds_same_bytes() -> None:
    first = render_opml([ALL, SECTION], base_url=BASE_URL, title="t")
    assert first == render_opml([SECTION, ALL], base_url=BASE_URL, title="t")


def test_index_page_links_to_opml() -> None:
    page = render_index([ALL], base_url=BASE_URL, title="t").decode()
    assert f'href="{BASE_URL}/feeds.opml"' in page


def test_one_kind_only() -> None:
    root = etree.fromstring(
        render_opml([PERSON, ALL, SECTION], base_url=BASE_URL, title="作者", kinds={"person"})
    )
    assert [
        (g.get("text"), [o.get("xmlUrl") for o in g]) for g in root.findall("body/outline")
    ] == [("作者", [f"{BASE_URL}/feeds/people/zhao-yan.atom"])]
    empty = etree.fromstring(render_opml([ALL], base_url=BASE_URL, title="t", kinds={"person"}))
    assert empty.find("body") is not None and len(empty.find("body")) == 0


def test_html_url_is_the_feed_page_when_known() -> None:
    paged = spec(path="sections/yao-wen", kind="section", page_path="sections/yao-wen.html")
    root = etree.fromstring(render_opml([paged, ALL], base_url=BASE_URL, title="t"))
    assert [o.get("htmlUrl") for o in root.iter("outline") if o.get("xmlUrl")] == [
        f"{BASE_URL}/",
        f"{BASE_URL}/sections/yao-wen.html",
    ]


def test_publish_writes_a_list_per_kind(tmp_path: Path) -> None:
    publish_feeds(tmp_path, [PERSON, ALL, SECTION], base_url=BASE_URL, site_title="卫东日报")
    people = etree.fromstring((tmp_path / "feeds/people.opml").read_bytes())
    sections = etree.fromstring((tmp_path / "feeds/sections.opml").read_bytes())
    assert people.findtext("head/title") == "卫东日报 · 作者"
    assert [o.get("xmlUrl") for o in people.iter("outline") if o.get("xmlUrl")] == [
        f"{BASE_URL}/feeds/people/zhao-yan.atom"
    ]
    assert [o.get("xmlUrl") for o in sections.iter("outline") if o.get("xmlUrl")] == [
        f"{BASE_URL}/feeds/sections/yao-wen.atom"
    ]
    index = html.document_fromstring((tmp_path / "index.html").read_bytes())
    assert [a.get("href") for a in index.findall(".//h2/a")] == [
        f"{BASE_URL}/feeds/sections.opml",
        f"{BASE_URL}/feeds/people.opml",
    ]
