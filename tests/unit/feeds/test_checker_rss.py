"""The RSS 2.0 checker accepts paperfeed's RSS and catches each broken rule."""

from __future__ import annotations

import pytest

from feeds.rss import render_rss
from tests.unit.feeds.feedsamples import BASE_URL, entry, spec
from tests.unit.feeds.rss2 import check_rss
from tests.unit.feeds.test_checker_atom import sample_feeds

GOOD = b"""<?xml version='1.0' encoding='UTF-8'?>
<rss xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:atom="http://www.w3.org/2005/Atom" version="2.0">
  <channel>
    <title>t</title>
    <link>https://x.org/</link>
    <description>d</description>
    <atom:link href="https://x.org/feeds/all.rss" rel="self" type="application/rss+xml"/>
    <lastBuildDate>Wed, 01 May 2024 07:30:00 +0800</lastBuildDate>
    <item>
      <title>e</title>
      <link>https://x.org/a.html</link>
      <guid isPermaLink="false">urn:uuid:1</guid>
      <pubDate>Wed, 01 May 2024 06:00:00 +0800</pubDate>
      <dc:creator>w</dc:creator>
    </item>
  </channel>
</rss>
"""


@pytest.mark.parametrize("feed", sample_feeds())
def test_paperfeed_rss_passes(feed: object) -> None:
    data = render_rss(feed, base_url=BASE_URL, hub_url="https://hub.example/")  # type: ignore[arg-type]
    assert check_rss(data) == []


def test_permalink_guid_from_paperfeed_passes() -> None:
    url = f"{BASE_URL}/a.html"
    assert check_rss(render_rss(spec(entry(id=url, link=url)), base_url=BASE_URL)) == []


def test_the_reference_document_passes() -> None:
    assert check_rss(GOOD) == []


def broken(old: bytes, new: bytes) -> bytes:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<rss version='2.0'><channel>", "not well-formed"),
        (broken(b'version="2.0"', b'version="0.91"'), "not RSS 2.0"),
        (broken(b"<title>t</title>", b""), "exactly one <title>"),
        (broken(b"<link>https://x.org/</link>", b""), "exactly one <link>"),
        (broken(b"<description>d</description>", b""), "exactly one <description>"),
        (broken(b"<link>https://x.org/</link>", b"<link>x.org</link>"), "is not a URL"),
        (broken(b"<title>e</title>", b""), "neither <title> nor <description>"),
        (broken(b' isPermaLink="false"', b""), "is a permalink but not a URL"),
        (broken(b'isPermaLink="false"', b'isPermaLink="no"'), "not true/false"),
        (broken(b"Wed, 01 May 2024 06:00:00 +0800", b"2024-05-01T06:00:00+08:00"), "<pubDate>"),
        (
            broken(b"Wed, 01 May 2024 07:30:00 +0800", b"Wed, 31 Foo 2024 07:30 +0800"),
            "<lastBuildDate>",
        ),
        (broken(b' xmlns:dc="http://purl.org/dc/elements/1.1/"', b""), "not well-formed"),
        (
            broken(
                b'xmlns:dc="http://purl.org/dc/elements/1.1/"',
                b'xmlns:dc="http://purl.org/dc/terms/"',
            ),
            "not DC",
        ),
        (broken(b'rel="self" ', b""), "atom:link needs href and rel"),
        (broken(b"<title>e</title>", b"<title>e&#x9f;</title>"), "control character"),
        (broken(b"<title>e</title>", b"<title>e\x0c</title>"), "not well-formed"),
    ],
)
def test_each_rule_is_caught(data: bytes, expected: str) -> None:
    problems = check_rss(data)
    assert any(expected in p for p in problems), problems
