"""The RFC 4287 checker accepts paperfeed's Atom and catches each broken rule."""

from __future__ import annotations

import pytest

from feeds.atom import render_atom
from feeds.model import Credit
from tests.unit.feeds.feedsamples import BASE_URL, entry, spec, two_day_feed
from tests.unit.feeds.rfc4287 import check_atom

GOOD = b"""<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>https://x.org/feeds/all.atom</id>
  <title>t</title>
  <updated>2024-05-01T07:30:00+08:00</updated>
  <author><name>a</name></author>
  <link href="https://x.org/" rel="alternate" type="text/html"/>
  <entry>
    <id>urn:uuid:1</id>
    <title>e</title>
    <updated>2024-05-01T07:30:00+08:00</updated>
    <published>2024-05-01T06:00:00+08:00</published>
    <category term="c"/>
    <content type="html">&lt;p&gt;x&lt;/p&gt;</content>
  </entry>
</feed>
"""


def sample_feeds() -> list[object]:
    linked = entry(
        page_path="articles/a.html",
        link="https://paper.example/a.html",
        credits=(Credit("王孟鹤", "reporter", slug="wang-menghe"),),
    )
    return [
        two_day_feed(),
        spec(),
        spec(entry(credits=(), dateline=None)),
        spec(linked, page_path="sections/x.html", prev_archive=2),
        spec(entry(), archive=2, prev_archive=1, next_archive=3),
    ]


@pytest.mark.parametrize("feed", sample_feeds())
def test_paperfeed_atom_passes(feed: object) -> None:
    data = render_atom(feed, base_url=BASE_URL, hub_url="https://hub.example/")  # type: ignore[arg-type]
    assert check_atom(data) == []


def test_the_reference_document_passes() -> None:
    assert check_atom(GOOD) == []


def broken(old: bytes, new: bytes) -> bytes:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<feed", "not well-formed"),
        (b"<rss version='2.0'/>", "not atom:feed"),
        (
            broken(b"  <id>https://x.org/feeds/all.atom</id>\n", b""),
            "atom:feed must have exactly one atom:id",
        ),
        (
            broken(b"<title>t</title>", b"<title>t</title><title>u</title>"),
            "exactly one atom:title",
        ),
        (
            broken(b"  <updated>2024-05-01T07:30:00+08:00</updated>\n  <author>", b"  <author>"),
            "atom:feed must have exactly one atom:updated",
        ),
        (broken(b"<author><name>a</name></author>", b""), "entry 1 has no atom:author"),
        (
            broken(b"<author><name>a</name></author>", b"<author><email>a@x</email></author>"),
            "atom:author must have exactly one atom:name",
        ),
        (
            broken(
                b'<link href="https://x.org/" rel="alternate" type="text/html"/>',
                b'<link href="https://x.org/" type="text/html"/>'
                b'<link href="https://y.org/" rel="alternate" type="text/html"/>',
            ),
            "more than one alternate",
        ),
        (broken(b'rel="alternate"', b'rel="prev_archive"'), "not a registered relation"),
        (broken(b'<link href="https://x.org/" ', b"<link "), "without href"),
        (broken(b"<id>urn:uuid:1</id>", b""), "entry 1 must have exactly one atom:id"),
        (
            broken(b"<id>urn:uuid:1</id>", b"<id>urn:uuid:1</id><id>urn:uuid:2</id>"),
            "entry 1 must have exactly one atom:id",
        ),
        (broken(b"<title>e</title>", b""), "entry 1 must have exactly one atom:title"),
        (
            broken(
                b"    <updated>2024-05-01T07:30:00+08:00</updated>\n    <published>",
                b"    <published>",
            ),
            "entry 1 must have exactly one atom:updated",
        ),
        (
            broken(b'<content type="html">&lt;p&gt;x&lt;/p&gt;</content>', b""),
            "neither atom:content nor an alternate",
        ),
        (
            broken(
                b'<content type="html">&lt;p&gt;x&lt;/p&gt;</content>',
                b'<content src="https://x.org/a.pdf" type="application/pdf"/>',
            ),
            "out-of-line atom:content but no atom:summary",
        ),
        (
            broken(
                b'<content type="html">&lt;p&gt;x&lt;/p&gt;</content>',
                b'<content type="image/png">iVBORw0KGgo=</content>',
            ),
            "base64 atom:content",
        ),
        (broken(b'<content type="html">', b'<content type="xhtml">'), "must hold one xhtml:div"),
        (broken(b"<title>e</title>", b'<title type="text/plain">e</title>'), "not text/html/xhtml"),
        (
            broken(
                b"<published>2024-05-01T06:00:00+08:00</published>",
                b"<published>2024-05-01T06:00:00</published>",
            ),
            "not an RFC 3339",
        ),
        (
            broken(
                b"  <updated>2024-05-01T07:30:00+08:00</updated>\n  <author>",
                b"  <updated>Wed, 01 May 2024 07:30:00 +0800</updated>\n  <author>",
            ),
            "atom:feed atom:updated",
        ),
        (broken(b"<id>urn:uuid:1</id>", b"<id>2024-05-01-05-1</id>"), "not an absolute IRI"),
        (broken(b'<category term="c"/>', b"<category/>"), "without term"),
        (broken(b"<title>e</title>", b"<title>e&#x85;</title>"), "control character"),
    ],
)
def test_each_rule_is_caught(data: bytes, expected: str) -> None:
    problems = check_atom(data)
    assert any(expected in p for p in problems), problems
