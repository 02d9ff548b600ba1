"""What a reader shows as an entry's author: the whole byline, reporters first, in every
format; the people stay reachable one by one (Atom contributors, RSS dc:contributor)."""

from __future__ import annotations

import json

import feedparser
import pytest

from feeds.atom import render_atom
from feeds.jsonfeed import render_json
from feeds.model import Credit
from feeds.rss import render_rss
from tests.unit.feeds.feedsamples import BASE_URL, entry, spec

# Printed correspondent first (`（通讯员 赵炎 记者 王孟鹤）`): readers still see the reporter first.
CREDITS = (
    Credit("赵炎", "correspondent", slug="zhao-yan"),
    Credit("王孟鹤", "reporter", slug="wang-menghe"),
    Credit("李菱", "reporter"),
)
FEED = spec(entry(credits=CREDITS))
BYLINE = "王孟鹤（记者）、李菱（记者）、赵炎（通讯员）"


@pytest.mark.parametrize("render", [render_atom, render_rss])
def test_feedparser_shows_the_whole_byline_as_the_author(render: object) -> None:
    parsed = feedparser.parse(render(FEED, base_url=BASE_URL))  # type: ignore[operator]
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    item = parsed.entries[0]
    assert item.author == BYLINE
    assert [a["name"] for a in item.authors] == [BYLINE]
    # People are contributors, never tags: the tags stay the section and the page.
    assert [c["name"] for c in item.contributors] == ["王孟鹤", "李菱", "赵炎"]
    assert [t.term for t in item.tags] == ["卫东新闻", "第05版：卫东新闻"]


def test_feedparser_gives_each_atom_contributor_their_feed() -> None:
    item = feedparser.parse(render_atom(FEED, base_url=BASE_URL)).entries[0]
    assert [(c["name"], c.get("href")) for c in item.contributors] == [
        ("王孟鹤", f"{BASE_URL}/feeds/people/wang-menghe.atom"),
        ("李菱", None),
        ("赵炎", f"{BASE_URL}/feeds/people/zhao-yan.atom"),
    ]


def test_json_feed_item_has_one_author_the_byline() -> None:
    item = json.loads(render_json(FEED, base_url=BASE_URL))["items"][0]
    assert item["authors"] == [{"name": BYLINE}]
    assert [p["name"] for p in item["_paperfeed"]["people"]] == ["王孟鹤", "李菱", "赵炎"]


def test_credit_without_a_name_is_no_author() -> None:
    lone = spec(entry(credits=(Credit(" ", "reporter"), Credit("王孟鹤", "reporter"))))
    item = feedparser.parse(render_atom(lone, base_url=BASE_URL)).entries[0]
    assert item.author == "王孟鹤（记者）"
    assert [c["name"] for c in item.contributors] == ["王孟鹤"]
