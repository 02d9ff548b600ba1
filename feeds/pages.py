"""The public index page: every feed with its Atom, RSS and JSON links, readable on a phone.

Pure and deterministic like the feed renderer: feeds in → ``index.html`` bytes out
(template ``index.html``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from feeds.feed_fields import feed_title
from feeds.issues import PaperShelf
from feeds.layout import clean, feed_links, format_links, render
from feeds.model import FeedSpec
from feeds.urls import INDEX_PAGE, index_url, page_url

# Groups in page order: (FeedSpec.kind, heading). Unknown kinds are listed last as "其他".
GROUPS: tuple[tuple[str, str], ...] = (
    ("all", "全部"),
    ("paper", "报纸"),
    ("section", "栏目"),
    ("person", "作者"),
)
OTHER_HEADING = "其他"

OPML_NAME = "feeds.opml"
# The per-kind lists publish_feeds writes beside feeds.opml: (relative path, kind, heading).
KIND_OPML: tuple[tuple[str, str, str], ...] = (
    ("feeds/sections.opml", "section", "栏目"),
    ("feeds/people.opml", "person", "作者"),
)


@dataclass(frozen=True)
class FeedRow:
    """One feed in the index's list: its name, its page (empty for none), its entry count,
    the time of its newest change and its formats' links ``(href, media type, label)``."""

    name: str
    href: str
    count: int
    latest: datetime | None
    buttons: list[tuple[str, str, str]]


def opml_url(base_url: str) -> str:
    """Public URL of the OPML list of every feed (``publish_feeds`` writes it)."""
    return index_url(base_url) + OPML_NAME


def group_feeds(feeds: Sequence[FeedSpec]) -> list[tuple[str, list[FeedSpec]]]:
    """Feeds by group in page order, each group sorted by path (pinyin slugs: A→Z)."""
    known = {kind for kind, _ in GROUPS}
    groups: list[tuple[str, list[FeedSpec]]] = []
    for kind, heading in (*GROUPS, ("", OTHER_HEADING)):
        members = [f for f in feeds if (f.kind == kind if kind else f.kind not in known)]
        if members:
            groups.append((heading, sorted(members, key=lambda f: f.path)))
    return groups


def _row(feed: FeedSpec, base_url: str) -> FeedRow:
    # FeedSpec.count is the whole history when the worker knows it; a feed file holds only
    # the latest entries. The name links to the feed's own page (not to the index itself).
    count = feed.count if feed.count is not None else len({e.id for e in feed.entries})
    latest = max((e.updated for e in feed.entries), default=None)
    linked = feed.page_path and feed.page_path != INDEX_PAGE
    href = page_url(base_url, feed.page_path) if feed.page_path and linked else ""
    return FeedRow(feed_title(feed), href, count, latest, format_links(feed.path, base_url))


def render_index(
    feeds: Sequence[FeedSpec],
    *,
    base_url: str,
    title: str,
    shelves: Sequence[PaperShelf] = (),
) -> bytes:
    """``index.html`` (UTF-8): the newest issue of each paper in ``shelves`` (its pages and
    headlines), then every feed: all, then sections, then people.

    Each feed shows its entry count, the date of its newest change, a link to its page and
    links to its ``.atom``, ``.rss`` and ``.json``; ``<head>`` carries autodiscovery links
    for all of them.
    """
    groups = group_feeds(feeds)
    kind_lists = {kind: path for path, kind, _ in KIND_OPML}
    return render(
        "index.html",
        language="zh-CN",
        title=clean(title) or "paperfeed",
        base_url=base_url,
        with_icon=True,
        canonical="",
        site="",  # the index is the site: no header line linking to itself
        feed_links=feed_links(
            [(feed.path, feed_title(feed)) for _, members in groups for feed in members], base_url
        ),
        shelves=sorted(shelves, key=lambda s: s.paper_slug),
        opml_url=opml_url(base_url),
        groups=[
            (
                heading,
                page_url(base_url, kind_lists[members[0].kind])
                if members[0].kind in kind_lists
                else "",
                [_row(feed, base_url) for feed in members],
            )
            for heading, members in groups
        ],
    )
