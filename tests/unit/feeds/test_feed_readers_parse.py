"""feedparser (what many readers build on) reads both documents without complaint."""

from __future__ import annotations

import feedparser
import pytest

from feeds.atom import render_atom
from feeds.rss import render_rss
from tests.unit.feeds.feedsamples import BASE_URL, two_day_feed


@pytest.mark.parametrize("render", [render_atom, render_rss])
def test_feedparser_reads_feed_cleanly(render: object) -> None:
    data = render(two_day_feed(), base_url=BASE_URL)  # type: ignore[operator]
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.feed.title == "卫东日报"
    assert parsed.feed.language == "zh-CN"
    assert [e.id for e in parsed.entries] == [
        "tag:weidong-daily,2024-05-02:01-1",
        "tag:weidong-daily,2024-05-01:05-1",
    ]
    assert parsed.entries[1].title == "卫东区新建三所学校"
    assert parsed.entries[1].tags[0].term == "卫东新闻"
    assert parsed.entries[1].published_parsed[:5] == (2024, 4, 30, 22, 0)  # 06:00+08:00 in UTC
    assert parsed.entries[1].author == "王孟鹤（记者）、赵炎（通讯员）"
