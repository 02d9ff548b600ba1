"""Same input → same bytes: an unchanged feed must never be rewritten or look updated."""

from __future__ import annotations

from importlib import metadata

import pytest

from feeds.atom import render_atom
from feeds.feed_fields import VERSION
from feeds.rss import render_rss
from tests.unit.feeds.feedsamples import BASE_URL, NS, parse, spec, two_day_feed


@pytest.mark.parametrize("render", [render_atom, render_rss])
def test_same_feed_renders_identical_bytes(render: object) -> None:
    first = render(two_day_feed(), base_url=BASE_URL)  # type: ignore[operator]
    second = render(two_day_feed(), base_url=BASE_URL)  # type: ignore[operator]
    assert first == second


def test_empty_feed_uses_fixed_date_not_now() -> None:
    root = parse(render_atom(spec(), base_url=BASE_URL))
    assert root.findtext("a:updated", namespaces=NS) == "2000-01-01T00:00:00+08:00"
    assert root.findall("a:entry", NS) == []
    channel = parse(render_rss(spec(), base_url=BASE_URL)).find("channel")
    assert channel.findtext("lastBuildDate") == "Sat, 01 Jan 2000 00:00:00 +0800"


def test_generator_is_paperfeed_with_its_version_never_the_library() -> None:
    # A feedgen upgrade alone must not change every published file; a paperfeed release does.
    data = render_atom(two_day_feed(), base_url=BASE_URL)
    generator = parse(data).find("a:generator", NS)
    assert (generator.text, generator.attrib) == ("paperfeed", {"version": VERSION})
    rss = render_rss(two_day_feed(), base_url=BASE_URL)
    assert parse(rss).findtext("channel/generator") == f"paperfeed {VERSION}"
    assert metadata.version("paperfeed") == VERSION
    assert b"python-feedgen" not in data + rss


def test_documents_are_utf8_with_declaration() -> None:
    for data in (render_atom(spec(), base_url=BASE_URL), render_rss(spec(), base_url=BASE_URL)):
        assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
