"""OPML 2.0 lists of feeds, so a reader can subscribe to many in one import: every feed
(``feeds.opml``) or one kind (``feeds/sections.opml``, ``feeds/people.opml``).

Pure and deterministic (no ``dateCreated``): feeds in → OPML bytes out (template
``feeds.opml``). Outlines are grouped as on the index page; Miniflux and FreshRSS turn the
groups into categories.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from feeds.feed_fields import home_page_url
from feeds.layout import clean, render
from feeds.model import FeedSpec
from feeds.pages import KIND_OPML as KIND_OPML
from feeds.pages import group_feeds
from feeds.urls import feed_url


def render_opml(
    feeds: Sequence[FeedSpec],
    *,
    base_url: str,
    title: str,
    kinds: Collection[str] | None = None,
) -> bytes:
    """OPML listing each feed's Atom URL, grouped: all, sections, people.

    ``kinds`` keeps only feeds of those kinds (``{"person"}`` for the list of people); the
    document is still valid, with an empty body, when none is left.
    """
    if kinds is not None:
        feeds = [feed for feed in feeds if feed.kind in kinds]
    groups = [
        (
            heading,
            [
                (
                    clean(feed.title) or feed.path,
                    feed_url(base_url, feed.path, "atom"),
                    home_page_url(feed, base_url),
                )
                for feed in members
            ],
        )
        for heading, members in group_feeds(feeds)
    ]
    return render("feeds.opml", title=clean(title) or "paperfeed", groups=groups)
