"""What every format of a feed says of the feed itself, decided once: its title, description,
publisher, pages, icon, links to other documents, its `updated`, and its entries kept once.

Same FeedSpec and base URL → same values, never now(): an unchanged feed is never rewritten.
"""

from __future__ import annotations

import datetime as dt
from importlib import metadata

from feeds.entry_fields import check_aware_entry
from feeds.errors import FeedError
from feeds.icons import ICON_PNG
from feeds.model import FeedEntry, FeedSpec
from feeds.text import clean_text
from feeds.urls import feed_url, index_url, page_url

ATOM_TYPE = "application/atom+xml"
RSS_TYPE = "application/rss+xml"
GENERATOR = "paperfeed"
# How long (minutes) an RSS reader may keep a copy before asking again: papers print once a
# day, but corrections and late pages arrive within the hour, and a 304 costs the server
# next to nothing (the server's own caching is 5 minutes).
TTL_MINUTES = 60


def _version() -> str:
    try:
        return metadata.version("paperfeed")
    except metadata.PackageNotFoundError:  # a checkout used without `pip install -e .`
        return "0+unknown"


# In every document's generator: a new release changes each document once.
VERSION = _version()

# `updated` of a feed with no entries: a constant, never now(), so the bytes stay stable.
EMPTY_FEED_UPDATED = dt.datetime(2000, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def archive_links(
    feed: FeedSpec, base_url: str, extension: str, media_type: str, hub_url: str | None
) -> list[dict[str, str]]:
    """WebSub hub and RFC 5005 links (``current``, ``prev-archive``, ``next-archive``)."""
    check_archive_numbers(feed)
    links = [{"href": hub_url, "rel": "hub"}] if hub_url else []
    if feed.archive is not None:
        current = feed_url(base_url, feed.path, extension)
        links.append({"href": current, "rel": "current", "type": media_type})
    for rel, number in (("prev-archive", feed.prev_archive), ("next-archive", feed.next_archive)):
        if number is not None:
            href = feed_url(base_url, feed.path, extension, archive=number)
            links.append({"href": href, "rel": rel, "type": media_type})
    return links


def check_archive_numbers(feed: FeedSpec) -> None:
    """FeedError unless the archive numbers are page numbers (1, 2, …) that make sense."""
    numbers = (feed.archive, feed.prev_archive, feed.next_archive)
    if any(n is not None and (isinstance(n, bool) or n < 1) for n in numbers):
        raise FeedError(f"feed {feed.path!r}: archive pages are numbered from 1, got {numbers}")
    if feed.archive is None and feed.next_archive is not None:
        raise FeedError(f"feed {feed.path!r}: the current document has no next-archive")


def home_page_url(feed: FeedSpec, base_url: str) -> str:
    """The feed's HTML page (``FeedSpec.html_url``, ``page_path``), else the index page."""
    if feed.html_url:
        return feed.html_url
    return page_url(base_url, feed.page_path) if feed.page_path else index_url(base_url)


def feed_title(feed: FeedSpec) -> str:
    """The feed's title, cleaned; its path when nothing is left."""
    return clean_text(feed.title).strip() or feed.path


def feed_publisher(feed: FeedSpec) -> str:
    """The paper publishing the feed, cleaned; the feed's title when it names none."""
    return clean_text(feed.publisher or "").strip() or feed_title(feed)


def icon_url(base_url: str) -> str:
    """The site's icon (``feeds.icons``), which every publish writes."""
    return page_url(base_url, ICON_PNG)


def feed_description(feed: FeedSpec) -> str:
    """The feed's description, cleaned; its title when nothing is left."""
    return clean_text(feed.description).strip() or feed_title(feed)


def feed_updated(entries: list[FeedEntry]) -> dt.datetime:
    """The newest entry update; a fixed date for an empty feed, never now()."""
    return max((e.updated for e in entries), default=EMPTY_FEED_UPDATED)


def unique_entries(feed: FeedSpec) -> list[FeedEntry]:
    """Entries in FeedSpec order, a repeated id kept once (first, i.e. newest, wins);
    FeedError for a naive datetime.

    A feed with two entries of the same id makes readers drop or flip-flop articles.
    """
    seen: set[str] = set()
    unique: list[FeedEntry] = []
    for entry in feed.entries:
        try:
            check_aware_entry(entry)
        except FeedError as exc:
            raise FeedError(f"feed {feed.path!r}, {exc}") from None
        if entry.id not in seen:
            seen.add(entry.id)
            unique.append(entry)
    return unique
