"""A publish writes a document's Atom and RSS from one FeedGenerator: the bytes are those
each format's own render writes, whichever format is written first."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from feeds.atom import atom_document, render_atom
from feeds.generator import feed_generator
from feeds.model import FeedSpec
from feeds.publish import publish_feeds
from feeds.rss import render_rss, rss_document
from tests.unit.feeds.feedsamples import BASE_URL, two_day_feed

HUB = "https://hub.example.org/"


def archive_page() -> FeedSpec:
    return dataclasses.replace(two_day_feed(), archive=2, prev_archive=1)


@pytest.mark.parametrize("feed", [two_day_feed(), archive_page()], ids=["current", "archive"])
def test_one_generator_writes_what_each_format_renders(feed: FeedSpec) -> None:
    expected = (
        render_atom(feed, base_url=BASE_URL, hub_url=HUB),
        render_rss(feed, base_url=BASE_URL, hub_url=HUB),
    )
    generator = feed_generator(feed, base_url=BASE_URL)
    rss = rss_document(generator, feed, base_url=BASE_URL, hub_url=HUB)
    atom = atom_document(generator, feed, base_url=BASE_URL, hub_url=HUB)
    assert (atom, rss) == expected
    assert atom_document(generator, feed, base_url=BASE_URL, hub_url=HUB) == expected[0]


def test_published_documents_are_the_renders(tmp_path: Path) -> None:
    feed = two_day_feed()
    publish_feeds(tmp_path, [feed], base_url=BASE_URL, site_title="卫东日报", hub_url=HUB)
    assert (tmp_path / "feeds/all.atom").read_bytes() == render_atom(
        feed, base_url=BASE_URL, hub_url=HUB
    )
    assert (tmp_path / "feeds/all.rss").read_bytes() == render_rss(
        feed, base_url=BASE_URL, hub_url=HUB
    )
