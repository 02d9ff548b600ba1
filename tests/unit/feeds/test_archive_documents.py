"""RFC 5005 links and markers in the Atom, RSS and JSON documents, and where publish puts
archive pages."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest

from feeds.atom import render_atom
from feeds.errors import FeedError
from feeds.jsonfeed import render_json
from feeds.publish import publish_feeds
from feeds.rss import render_rss
from tests.unit.feeds.feedsamples import BASE_URL, NS, entry, parse, spec

FH = "http://purl.org/syndication/history/1.0"
FEEDS = f"{BASE_URL}/feeds/people/wang-menghe"
CURRENT = spec(entry(), path="people/wang-menghe", kind="person", prev_archive=3)
MIDDLE = spec(
    entry(), path="people/wang-menghe", kind="person", archive=2, prev_archive=1, next_archive=3
)


def atom_links(data: bytes) -> list[tuple[str, str]]:
    return [(x.get("rel"), x.get("href")) for x in parse(data).findall("a:link", NS)]


def rss_links(data: bytes) -> list[tuple[str, str]]:
    channel = parse(data).find("channel")
    return [(x.get("rel"), x.get("href")) for x in channel.findall("atom:link", NS)]


def test_current_atom_points_to_newest_archive_and_is_not_an_archive() -> None:
    data = render_atom(CURRENT, base_url=BASE_URL)
    assert ("prev-archive", f"{FEEDS}/archive/3.atom") in atom_links(data)
    assert parse(data).find(f"{{{FH}}}archive") is None
    assert b"purl.org/syndication/history" not in data


def test_archive_atom_has_marker_and_every_link() -> None:
    data = render_atom(MIDDLE, base_url=BASE_URL)
    root = parse(data)
    assert root.find(f"{{{FH}}}archive") is not None
    assert atom_links(data) == [
        ("self", f"{FEEDS}/archive/2.atom"),
        ("current", f"{FEEDS}.atom"),
        ("prev-archive", f"{FEEDS}/archive/1.atom"),
        ("next-archive", f"{FEEDS}/archive/3.atom"),
        ("alternate", f"{BASE_URL}/"),
    ]
    # One logical feed: the archive page keeps the current document's id.
    assert root.findtext("a:id", namespaces=NS) == f"{FEEDS}.atom"


def test_oldest_archive_has_no_prev_archive() -> None:
    oldest = spec(entry(), path="people/wang-menghe", archive=1, next_archive=2)
    rels = [rel for rel, _ in atom_links(render_atom(oldest, base_url=BASE_URL))]
    assert "prev-archive" not in rels and "next-archive" in rels


def test_rss_carries_the_same_links_as_atom_links() -> None:
    data = render_rss(MIDDLE, base_url=BASE_URL)
    assert rss_links(data) == [
        ("self", f"{FEEDS}/archive/2.rss"),
        ("current", f"{FEEDS}.rss"),
        ("prev-archive", f"{FEEDS}/archive/1.rss"),
        ("next-archive", f"{FEEDS}/archive/3.rss"),
    ]
    assert parse(data).find(f"channel/{{{FH}}}archive") is not None
    current = render_rss(CURRENT, base_url=BASE_URL)
    assert ("prev-archive", f"{FEEDS}/archive/3.rss") in rss_links(current)
    assert parse(current).find(f"channel/{{{FH}}}archive") is None


def test_json_next_url_leads_to_older_items() -> None:
    current = json.loads(render_json(CURRENT, base_url=BASE_URL))
    assert current["next_url"] == f"{FEEDS}/archive/3.json"
    middle = json.loads(render_json(MIDDLE, base_url=BASE_URL))
    assert middle["next_url"] == f"{FEEDS}/archive/1.json"
    assert middle["feed_url"] == f"{FEEDS}.json"
    assert "next_url" not in json.loads(render_json(spec(entry()), base_url=BASE_URL))


@pytest.mark.parametrize("render", [render_atom, render_rss])
def test_readers_still_parse_archive_documents(render: object) -> None:
    parsed = feedparser.parse(render(MIDDLE, base_url=BASE_URL))  # type: ignore[operator]
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert len(parsed.entries) == 1


@pytest.mark.parametrize(
    "fields", [{"archive": 0}, {"prev_archive": -1}, {"next_archive": 2}, {"archive": True}]
)
def test_nonsense_archive_numbers_are_refused(fields: dict[str, object]) -> None:
    for render in (render_atom, render_rss, render_json):
        with pytest.raises(FeedError, match="archive"):
            render(spec(entry(), **fields), base_url=BASE_URL)


def test_publish_writes_archive_pages_beside_the_current_document(tmp_path: Path) -> None:
    archive = spec(entry(id="old"), path="people/wang-menghe", kind="person", archive=1)
    current = spec(entry(), path="people/wang-menghe", kind="person", prev_archive=1)
    report = publish_feeds(tmp_path, [current, archive], base_url=BASE_URL, site_title="t")
    for ext in ("atom", "rss", "json"):
        assert tmp_path / f"feeds/people/wang-menghe/archive/1.{ext}" in report.written
        assert tmp_path / f"feeds/people/wang-menghe.{ext}" in report.written
    index = (tmp_path / "index.html").read_text("utf-8")
    assert "archive/1" not in index
    assert index.count("feeds/people/wang-menghe.atom") == 2  # autodiscovery and the button
