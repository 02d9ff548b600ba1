"""Markup printed in an article's text is shown as text by readers, in every place they
take HTML from: the Atom summary and content, the RSS description and content:encoded,
the JSON Feed content_html. feedparser hands apps what they render."""

from __future__ import annotations

import json

import feedparser
import pytest

from feeds.atom import render_atom
from feeds.jsonfeed import render_json
from feeds.rss import render_rss
from tests.unit.feeds.feedsamples import BASE_URL, entry, spec

HOSTILE = spec(
    entry(paragraphs=('<img src=x onerror="alert(1)">正文<script>alert(2)</script>', "第二段。"))
)


@pytest.mark.parametrize("render", [render_atom, render_rss])
def test_summary_shows_markup_as_text(render: object) -> None:
    parsed = feedparser.parse(render(HOSTILE, base_url=BASE_URL))  # type: ignore[operator]
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    item = parsed.entries[0]
    assert item.summary_detail.type == "text/html"
    # HTML whose text is the markup: a reader rendering it shows `<script>` itself.
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in item.summary
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in item.summary
    assert "<script" not in item.summary and "<img" not in item.summary


@pytest.mark.parametrize("render", [render_atom, render_rss])
def test_content_shows_markup_as_text(render: object) -> None:
    item = feedparser.parse(render(HOSTILE, base_url=BASE_URL)).entries[0]  # type: ignore[operator]
    body = item.content[0].value
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in body
    assert "<script" not in body and "<img" not in body


def test_json_content_html_shows_markup_as_text() -> None:
    item = json.loads(render_json(HOSTILE, base_url=BASE_URL))["items"][0]
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in item["content_html"]
    assert "<script" not in item["content_html"]
    assert item["summary"].startswith("<img src=x")  # JSON Feed's summary is plain text
