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
    slug: str | None = None  # the person's slug: article pages link to people/<slug>.html


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
    link: str | None = None  # the paper's own URL of the article, when known
    # Relative path of the article's page on this site, e.g. articles/2024/05/01/<key>.html;
    # when set, it is the entry's link in every feed (the paper's link becomes "related").
    page_path: str | None = None
    section_slug: str | None = None  # the section (categories[0]) as sections/<slug>.html
    publication: str | None = None  # the paper that printed it: its page names it


@dataclass(frozen=True)
class FeedSpec:
    """One feed: everything, a section or a person. `path` is relative, without extension."""

    path: str  # "all", "sections/wei-dong-xin-wen", "people/wang-menghe"
    title: str
    description: str
    kind: str  # "all" | "paper" | "section" | "person"
    entries: tuple[FeedEntry, ...]  # newest first
    language: str = "zh-CN"
    # Who publishes the feed's articles, its author in every format: the paper (青河日报),
    # or the papers of the feed of everything; None: the feed's title.
    publisher: str | None = None
    count: int | None = None  # articles in the feed's whole history, when known (index page)
    # Relative path of the feed's own HTML page: sections/<slug>.html, people/<slug>.html;
    # index.html (or None) for the feed of everything, whose page is the index.
    page_path: str | None = None
    # RFC 5005 archived feeds (see feeds.archives.paginate): None is the current document,
    # feeds/<path>.atom; n is archive page n, feeds/<path>/archive/<n>.atom, page 1 holding
    # the oldest entries. prev_archive is the next-older page, next_archive the next-newer.
    archive: int | None = None
    prev_archive: int | None = None
    next_archive: int | None = None
    # A feed served by the app rather than a file under feeds/ (a search: /search.atom?q=…):
    # its own URL, its id and rel="self", and its HTML page's URL, rel="alternate".
    url: str | None = None
    html_url: str | None = None
    # A person's roles on the feed's articles, with how many articles in each:
    # (("reporter", 12), ("photographer", 3)); shown on the person's page.
    roles: tuple[tuple[str, int], ...] = ()

    @property
    def is_current(self) -> bool:
        """Whether this is the current document (subscribed to), not an archive page."""
        return self.archive is None
