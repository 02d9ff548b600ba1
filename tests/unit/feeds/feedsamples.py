"""Sample feed values shared by the feeds unit tests (a plain module, not a test file)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from lxml import etree

from feeds.model import Credit, FeedEntry, FeedSpec

SHANGHAI = ZoneInfo("Asia/Shanghai")
BASE_URL = "https://feeds.example.org"
ATOM = "http://www.w3.org/2005/Atom"
DC = "http://purl.org/dc/elements/1.1/"
NS = {"a": ATOM, "dc": DC, "atom": ATOM, "content": "http://purl.org/rss/1.0/modules/content/"}


def at(day: int, hour: int = 6, minute: int = 0) -> dt.datetime:
    """A May 2024 time in the paper's zone."""
    return dt.datetime(2024, 5, day, hour, minute, tzinfo=SHANGHAI)


def entry(**overrides: Any) -> FeedEntry:
    """A fully populated article; keyword arguments replace single fields."""
    values: dict[str, Any] = {
        "id": "tag:weidong-daily,2024-05-01:05-1",
        "title": "卫东区新建三所学校",
        "published": at(1, 6),
        "updated": at(1, 7, 30),
        "paragraphs": ("今年秋季，卫东区将新增三所公办学校。", "区教育局表示，新校将于九月开学。"),
        "kicker": "教育民生",
        "subtitle": "新增学位两千个",
        "dateline": "本报讯",
        "credits": (Credit("王孟鹤", "reporter"), Credit("赵炎", "correspondent")),
        "categories": ("卫东新闻", "第05版：卫东新闻"),
        "link": None,
    }
    values.update(overrides)
    return FeedEntry(**values)


def spec(*entries: FeedEntry, path: str = "all", kind: str = "all", **overrides: Any) -> FeedSpec:
    """A feed holding ``entries`` (newest first, as the worker builds them)."""
    values: dict[str, Any] = {
        "path": path,
        "title": "卫东日报",
        "description": "卫东日报全部文章",
        "kind": kind,
        "entries": entries,
    }
    values.update(overrides)
    return FeedSpec(**values)


def two_day_feed() -> FeedSpec:
    """Two articles on two days, newest first."""
    newer = entry(
        id="tag:weidong-daily,2024-05-02:01-1",
        title="五一假期客流创新高",
        published=at(2, 6),
        updated=at(2, 9),
        credits=(Credit("古国凡", "reporter"),),
        categories=("要闻", "第01版：要闻"),
    )
    older = entry()
    return spec(newer, older)


def parse(data: bytes) -> Any:
    """The XML document parsed back, as an lxml root element."""
    return etree.fromstring(data)
