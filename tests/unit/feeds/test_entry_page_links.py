"""Entries link to their page on this site in every format; the paper's URL stays related."""

from __future__ import annotations

import json

from feeds.atom import render_atom
from feeds.jsonfeed import render_json
from feeds.model import Credit
from feeds.rss import render_rss
from tests.unit.feeds.feedsamples import BASE_URL, NS, entry, parse, spec

PAGE = "articles/2024/05/01/05-1.html"
ORIGINAL = "https://paper.example/2024-05/01/05-1.html"
LINKED = spec(
    entry(
        page_path=PAGE,
        link=ORIGINAL,
        credits=(Credit("王孟鹤", "reporter", slug="wang-menghe"), Credit("赵炎", "intern")),
    ),
    path="sections/wei-dong-xin-wen",
    page_path="sections/wei-dong-xin-wen.html",
)


def test_atom_entry_links_page_then_original_as_related() -> None:
    item = parse(render_atom(LINKED, base_url=BASE_URL)).find("a:entry", NS)
    links = [(x.get("rel"), x.get("type"), x.get("href")) for x in item.findall("a:link", NS)]
    # feedgen 1.0 alone would drop both rels: two alternate links, which RFC 4287 forbids.
    assert links == [
        ("related", "text/html", ORIGINAL),
        ("alternate", "text/html", f"{BASE_URL}/{PAGE}"),
    ]


def test_atom_contributors_link_to_person_feeds() -> None:
    item = parse(render_atom(LINKED, base_url=BASE_URL)).find("a:entry", NS)
    authors = [
        (a.findtext("a:name", namespaces=NS), a.findtext("a:uri", namespaces=NS))
        for a in item.findall("a:author", NS)
    ]
    assert authors == [("王孟鹤（记者）、赵炎（实习生）", None)]
    people = [
        (c.findtext("a:name", namespaces=NS), c.findtext("a:uri", namespaces=NS))
        for c in item.findall("a:contributor", NS)
    ]
    assert people == [("王孟鹤", f"{BASE_URL}/feeds/people/wang-menghe.atom"), ("赵炎", None)]


def test_one_person_author_links_to_their_page() -> None:
    alone = spec(entry(credits=(Credit("王孟鹤", "reporter", slug="wang-menghe"),)))
    author = parse(render_atom(alone, base_url=BASE_URL)).find("a:entry/a:author", NS)
    assert author.findtext("a:name", namespaces=NS) == "王孟鹤（记者）"
    assert author.findtext("a:uri", namespaces=NS) == f"{BASE_URL}/people/wang-menghe.html"


def test_feed_alternate_is_its_own_page() -> None:
    root = parse(render_atom(LINKED, base_url=BASE_URL))
    alternate = root.find("a:link[@rel='alternate']", NS)
    assert alternate.get("href") == f"{BASE_URL}/sections/wei-dong-xin-wen.html"
    channel = parse(render_rss(LINKED, base_url=BASE_URL)).find("channel")
    assert channel.findtext("link") == f"{BASE_URL}/sections/wei-dong-xin-wen.html"


def test_rss_item_link_is_the_page() -> None:
    item = parse(render_rss(LINKED, base_url=BASE_URL)).find("channel/item")
    assert item.findtext("link") == f"{BASE_URL}/{PAGE}"
    assert item.find("guid").get("isPermaLink") == "false"


def test_rss_guid_is_permalink_when_id_is_the_page_url() -> None:
    url = f"{BASE_URL}/{PAGE}"
    item = parse(render_rss(spec(entry(id=url, page_path=PAGE)), base_url=BASE_URL)).find(
        "channel/item"
    )
    assert item.find("guid").get("isPermaLink") == "true"


def test_json_item_url_external_url_and_author_urls() -> None:
    doc = json.loads(render_json(LINKED, base_url=BASE_URL))
    assert doc["home_page_url"] == f"{BASE_URL}/sections/wei-dong-xin-wen.html"
    item = doc["items"][0]
    assert item["url"] == f"{BASE_URL}/{PAGE}"
    assert item["external_url"] == ORIGINAL
    assert item["authors"] == [{"name": "王孟鹤（记者）、赵炎（实习生）"}]
    assert item["_paperfeed"]["people"] == [
        {"name": "王孟鹤", "url": f"{BASE_URL}/feeds/people/wang-menghe.atom"},
        {"name": "赵炎"},
    ]


def test_without_page_the_paper_link_stays_the_link() -> None:
    item = parse(render_atom(spec(entry(link=ORIGINAL)), base_url=BASE_URL)).find("a:entry", NS)
    assert [(x.get("rel"), x.get("href")) for x in item.findall("a:link", NS)] == [
        ("alternate", ORIGINAL)
    ]
