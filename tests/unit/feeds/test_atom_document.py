"""The Atom document, parsed back with lxml: ids, links, dates, authors, categories, content."""

from __future__ import annotations

from feeds.atom import render_atom
from tests.unit.feeds.feedsamples import BASE_URL, NS, at, entry, parse, spec, two_day_feed


def test_feed_id_self_and_alternate_links() -> None:
    root = parse(render_atom(spec(entry(), path="people/wang-menghe"), base_url=BASE_URL + "/"))
    assert root.findtext("a:id", namespaces=NS) == f"{BASE_URL}/feeds/people/wang-menghe.atom"
    links = {link.get("rel"): link for link in root.findall("a:link", NS)}
    assert links["self"].get("href") == f"{BASE_URL}/feeds/people/wang-menghe.atom"
    assert links["self"].get("type") == "application/atom+xml"
    assert links["alternate"].get("href") == f"{BASE_URL}/"
    assert "hub" not in links


def test_hub_link_when_given() -> None:
    root = parse(render_atom(spec(entry()), base_url=BASE_URL, hub_url="https://hub.example/"))
    hubs = [link.get("href") for link in root.findall("a:link[@rel='hub']", NS)]
    assert hubs == ["https://hub.example/"]


def test_language_title_and_subtitle() -> None:
    root = parse(render_atom(spec(entry()), base_url=BASE_URL))
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-CN"
    assert root.findtext("a:title", namespaces=NS) == "卫东日报"
    assert root.findtext("a:subtitle", namespaces=NS) == "卫东日报全部文章"


def test_feed_updated_is_newest_entry_update_in_paper_zone() -> None:
    root = parse(render_atom(two_day_feed(), base_url=BASE_URL))
    assert root.findtext("a:updated", namespaces=NS) == "2024-05-02T09:00:00+08:00"


def test_entries_keep_newest_first_order() -> None:
    root = parse(render_atom(two_day_feed(), base_url=BASE_URL))
    ids = [e.findtext("a:id", namespaces=NS) for e in root.findall("a:entry", NS)]
    assert ids == ["tag:weidong-daily,2024-05-02:01-1", "tag:weidong-daily,2024-05-01:05-1"]


def test_entry_fields() -> None:
    root = parse(render_atom(spec(entry()), base_url=BASE_URL))
    item = root.find("a:entry", NS)
    assert item.findtext("a:id", namespaces=NS) == "tag:weidong-daily,2024-05-01:05-1"
    assert item.findtext("a:title", namespaces=NS) == "卫东区新建三所学校"
    assert item.findtext("a:published", namespaces=NS) == "2024-05-01T06:00:00+08:00"
    assert item.findtext("a:updated", namespaces=NS) == "2024-05-01T07:30:00+08:00"
    authors = [a.findtext("a:name", namespaces=NS) for a in item.findall("a:author", NS)]
    assert authors == ["王孟鹤（记者）、赵炎（通讯员）"]  # one author: the byline as printed
    people = [c.findtext("a:name", namespaces=NS) for c in item.findall("a:contributor", NS)]
    assert people == ["王孟鹤", "赵炎"]
    terms = [c.get("term") for c in item.findall("a:category", NS)]
    assert terms == ["卫东新闻", "第05版：卫东新闻"]
    assert item.find("dc:creator", NS) is None  # Atom has real authors


def test_content_shows_kicker_subtitle_byline_then_paragraphs() -> None:
    item = parse(render_atom(spec(entry()), base_url=BASE_URL)).find("a:entry", NS)
    content = item.find("a:content", NS)
    assert content.get("type") == "html"
    assert content.text.splitlines() == [
        '<p class="kicker">教育民生</p>',
        '<p class="subtitle">新增学位两千个</p>',
        '<p class="byline">本报讯（记者 王孟鹤 通讯员 赵炎）</p>',
        "<p>今年秋季，卫东区将新增三所公办学校。</p>",
        "<p>区教育局表示，新校将于九月开学。</p>",
    ]


def test_summary_is_start_of_body_cut_at_120_chars() -> None:
    long_entry = entry(paragraphs=("长" * 100, "文" * 100))
    item = parse(render_atom(spec(long_entry), base_url=BASE_URL)).find("a:entry", NS)
    summary = item.findtext("a:summary", namespaces=NS)
    assert summary == "长" * 100 + " " + "文" * 19 + "…"


def test_entry_link_when_known() -> None:
    linked = entry(link="https://paper.example/2024-05/01/05-1.html")
    item = parse(render_atom(spec(linked), base_url=BASE_URL)).find("a:entry", NS)
    assert item.find("a:link", NS).get("href") == "https://paper.example/2024-05/01/05-1.html"


def test_uncredited_entry_has_no_author_and_feed_has_one() -> None:
    root = parse(render_atom(spec(entry(credits=(), dateline=None)), base_url=BASE_URL))
    assert root.find("a:entry/a:author", NS) is None
    assert root.findtext("a:author/a:name", namespaces=NS) == "卫东日报"
    assert "byline" not in root.findtext("a:entry/a:content", namespaces=NS)


def test_byline_without_dateline() -> None:
    item = parse(render_atom(spec(entry(dateline=None)), base_url=BASE_URL)).find("a:entry", NS)
    assert '<p class="byline">记者 王孟鹤 通讯员 赵炎</p>' in item.findtext(
        "a:content", namespaces=NS
    )


def test_repeated_entry_id_appears_once() -> None:
    newest = entry(updated=at(3))
    root = parse(render_atom(spec(newest, entry()), base_url=BASE_URL))
    entries = root.findall("a:entry", NS)
    assert len(entries) == 1
    assert entries[0].findtext("a:updated", namespaces=NS) == "2024-05-03T06:00:00+08:00"
