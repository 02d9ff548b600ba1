"""What a reader shows of the feed itself: the paper as its author, the site's icon, and
paperfeed as its generator; RSS says how long a copy may be kept."""

from __future__ import annotations

import json

import feedparser
import pytest

from feeds.article_page import render_article_page
from feeds.atom import render_atom
from feeds.feed_fields import TTL_MINUTES
from feeds.feed_page import render_feed_page
from feeds.jsonfeed import render_json
from feeds.pages import render_index
from feeds.rss import render_rss
from tests.unit.feeds.feedsamples import BASE_URL, entry, spec

SECTION = spec(
    path="sections/yao-wen", kind="section", title="青河日报 · 要闻", publisher="青河日报"
)
ICON = f"{BASE_URL}/icon.png"


@pytest.mark.parametrize("render", [render_atom, render_rss])
def test_feed_author_is_the_paper_not_the_feed_title(render: object) -> None:
    parsed = feedparser.parse(render(SECTION, base_url=BASE_URL))  # type: ignore[operator]
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.feed.title == "青河日报 · 要闻"
    assert parsed.feed.author == "青河日报"


def test_atom_icon_and_logo_and_rss_image_are_the_site_icon() -> None:
    atom = feedparser.parse(render_atom(SECTION, base_url=BASE_URL)).feed
    assert (atom.icon, atom.logo) == (ICON, ICON)
    rss = feedparser.parse(render_rss(SECTION, base_url=BASE_URL)).feed
    assert rss.image.href == ICON
    assert rss.image.title == "青河日报 · 要闻"  # RSS 2.0: the image's title is the channel's


def test_rss_ttl_and_generators_name_paperfeed() -> None:
    rss = feedparser.parse(render_rss(SECTION, base_url=BASE_URL)).feed
    assert rss.ttl == str(TTL_MINUTES)
    assert rss.generator.startswith("paperfeed ")
    atom = feedparser.parse(render_atom(SECTION, base_url=BASE_URL)).feed
    assert atom.generator == "paperfeed"
    assert atom.generator_detail.version == rss.generator.removeprefix("paperfeed ")


def test_json_feed_icon_favicon_and_paper_author() -> None:
    doc = json.loads(render_json(SECTION, base_url=BASE_URL))
    assert (doc["icon"], doc["favicon"]) == (ICON, ICON)
    assert doc["authors"] == [{"name": "青河日报"}]


def test_feed_naming_no_paper_is_its_own_author() -> None:
    doc = json.loads(render_json(spec(), base_url=BASE_URL))
    assert doc["authors"] == [{"name": "卫东日报"}]


def test_every_page_names_the_site_icon() -> None:
    link = f'<link rel="icon" type="image/png" href="{ICON}">'
    feed = spec(entry(page_path="articles/a.html"), page_path="sections/yao-wen.html")
    pages = (
        render_index([feed], base_url=BASE_URL, title="卫东日报"),
        render_feed_page(feed, base_url=BASE_URL, site_title="卫东日报"),
        render_article_page(feed.entries[0], base_url=BASE_URL, site_title="卫东日报"),
    )
    for page in pages:
        assert link in page.decode()
