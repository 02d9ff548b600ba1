"""The values a feed is rendered from: frozen dataclasses built by the worker from the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

ROLE_LABELS = {
    "reporter": "记者",
    "correspondent": "通讯员",
    "photographer": "摄影",
    "intern": "实习生",
}


@dataclass(frozen=True)
class Credit:
    """A person credited on an article, in one role (`reporter`, `correspondent`, ...)."""

    name: str
    role: str


@dataclass(frozen=True)
class FeedEntry:
    """One article as a feed entry. `id` never changes for the same article."""

    id: str
    title: str
    published: dt.datetime  # timezone-aware, in the paper's zone
    updated: dt.datetime  # timezone-aware: the last real change of the content
    paragraphs: tuple[str, ...] = ()
    kicker: str | None = None
    subtitle: str | None = None
    dateline: str | None = None
    credits: tuple[Credit, ...] = ()
    categories: tuple[str, ...] = ()  # section name, then page label such as 第05版：卫东新闻
    link: str | None = None


@dataclass(frozen=True)
class FeedSpec:
    """One feed: everything, a section or a person. `path` is relative, without extension."""

    path: str  # "all", "sections/wei-dong-xin-wen", "people/wang-menghe"
    title: str
    description: str
    kind: str  # "all" | "section" | "person"
    entries: tuple[FeedEntry, ...]  # newest first
    language: str = "zh-CN"
    count: int | None = None  # articles in the feed's whole history, when known (index page)
