"""publish_feeds with a hub: hub links in every current document, and the changed feed URLs
reported so the worker pings only those."""

from __future__ import annotations

import json
from pathlib import Path

from feeds.publish import publish_feeds
from tests.unit.feeds.feedsamples import BASE_URL, NS, entry, parse, spec, two_day_feed

HUB = "https://hub.example.org/"


def person(title: str = "王孟鹤") -> object:
    return spec(entry(), path="people/wang-menghe", kind="person", title=title)


def publish(root: Path, feeds: list[object]) -> object:
    return publish_feeds(root, feeds, base_url=BASE_URL, site_title="t", hub_url=HUB)  # type: ignore[arg-type]


def test_every_format_carries_hub_and_self(tmp_path: Path) -> None:
    publish(tmp_path, [two_day_feed()])
    atom = parse((tmp_path / "feeds/all.atom").read_bytes())
    assert [(x.get("rel"), x.get("href")) for x in atom.findall("a:link", NS)][:2] == [
        ("hub", HUB),
        ("self", f"{BASE_URL}/feeds/all.atom"),
    ]
    channel = parse((tmp_path / "feeds/all.rss").read_bytes()).find("channel")
    rss_links = {x.get("rel"): x.get("href") for x in channel.findall("atom:link", NS)}
    assert rss_links == {"hub": HUB, "self": f"{BASE_URL}/feeds/all.rss"}
    doc = json.loads((tmp_path / "feeds/all.json").read_bytes())
    assert doc["hubs"] == [{"type": "WebSub", "url": HUB}]


def test_archive_pages_have_no_hub_and_are_no_topic(tmp_path: Path) -> None:
    archive = spec(entry(id="old"), archive=1)
    report = publish(tmp_path, [spec(entry(), prev_archive=1), archive])
    assert b"hub.example.org" not in (tmp_path / "feeds/all/archive/1.atom").read_bytes()
    assert b"hub.example.org" not in (tmp_path / "feeds/all/archive/1.rss").read_bytes()
    assert not any("archive" in url for url in report.changed_feed_urls)  # type: ignore[attr-defined]


def test_changed_feed_urls_name_only_changed_current_documents(tmp_path: Path) -> None:
    first = publish(tmp_path, [two_day_feed(), person()])
    assert first.changed_feed_urls == tuple(  # type: ignore[attr-defined]
        f"{BASE_URL}/feeds/{path}.{ext}"
        for path in ("all", "people/wang-menghe")
        for ext in ("atom", "rss", "json")
    )
    again = publish(tmp_path, [two_day_feed(), person()])
    assert again.changed_feed_urls == ()  # type: ignore[attr-defined]
    renamed = publish(tmp_path, [two_day_feed(), person("王孟鹤（首席记者）")])
    assert renamed.changed_feed_urls == tuple(  # type: ignore[attr-defined]
        f"{BASE_URL}/feeds/people/wang-menghe.{ext}" for ext in ("atom", "rss", "json")
    )
