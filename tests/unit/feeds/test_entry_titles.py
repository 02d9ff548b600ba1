"""An entry without a headline is titled by what it prints instead: photo news by its
caption's first phrase, never a placeholder, in every format and page."""

from __future__ import annotations

import json

import feedparser
import pytest

from feeds.article_page import render_article_page
from feeds.atom import render_atom
from feeds.content import TITLE_CHARS, caption_title
from feeds.feed_page import render_feed_page
from feeds.jsonfeed import render_json
from feeds.rss import render_rss
from tests.unit.feeds.feedsamples import BASE_URL, entry, spec

CAPTION = "11月20日，游客在古镇老街游览，感受传统文化的魅力，沿街店铺生意红火。"
PHOTO = entry(
    title="",
    kicker=None,
    subtitle=None,
    dateline=None,
    credits=(),
    paragraphs=(CAPTION, "魏国伟 摄"),
    page_path="articles/2024/05/01/05-1.html",
)
TITLE = "11月20日，游客在古镇老街游览，感受传统文化的魅力…"


@pytest.mark.parametrize("render", [render_atom, render_rss])
def test_photo_news_without_headline_is_titled_by_its_caption(render: object) -> None:
    parsed = feedparser.parse(render(spec(PHOTO), base_url=BASE_URL))  # type: ignore[operator]
    assert parsed.entries[0].title == TITLE


def test_json_item_and_pages_use_the_caption_title() -> None:
    feed = spec(PHOTO, page_path="sections/wei-dong-xin-wen.html")
    assert json.loads(render_json(feed, base_url=BASE_URL))["items"][0]["title"] == TITLE
    page = render_article_page(PHOTO, base_url=BASE_URL, site_title="卫东日报").decode()
    assert f"<h1>{TITLE}</h1>" in page
    listing = render_feed_page(feed, base_url=BASE_URL, site_title="卫东日报").decode()
    assert TITLE in listing and "无标题" not in listing


def test_short_caption_is_its_first_sentence_without_ellipsis() -> None:
    assert caption_title("百余对新人在湖畔牵手。") == "百余对新人在湖畔牵手"
    assert caption_title("百余对新人在湖畔牵手。魏国伟 摄") == "百余对新人在湖畔牵手…"


def test_long_sentence_is_cut_at_a_pause_or_at_the_limit() -> None:
    title = caption_title(CAPTION)
    assert title.endswith("的魅力…") and len(title) <= TITLE_CHARS + 1
    unbroken = "游客" * 30
    assert caption_title(unbroken) == unbroken[:TITLE_CHARS] + "…"


def test_entry_with_nothing_printed_is_titled_by_section_and_date() -> None:
    empty = entry(title=" ", kicker=None, subtitle=None, paragraphs=(), credits=())
    parsed = feedparser.parse(render_atom(spec(empty), base_url=BASE_URL))
    assert parsed.entries[0].title == "卫东新闻 5月1日"


def test_subtitle_stands_in_without_its_dash() -> None:
    untitled = entry(title="", kicker=None, subtitle="——新增学位两千个")
    parsed = feedparser.parse(render_atom(spec(untitled), base_url=BASE_URL))
    assert parsed.entries[0].title == "新增学位两千个"
