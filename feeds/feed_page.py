"""The static HTML page of one feed (a section or a person): its latest articles and the
links to subscribe, with autodiscovery so a reader given the page finds the feeds.

Pure and deterministic: a FeedSpec in → page bytes out (template ``feed.html``).
"""

from __future__ import annotations

from feeds.content import role_label
from feeds.entry_fields import entry_links
from feeds.feed_fields import feed_description, feed_title, unique_entries
from feeds.layout import clean, feed_links, render
from feeds.model import FeedSpec
from feeds.urls import page_url


def render_feed_page(feed: FeedSpec, *, base_url: str, site_title: str) -> bytes:
    """The feed's page (UTF-8 HTML): title, description, Atom/RSS/JSON links and the feed's
    entries, newest first, each headline linking to the article's page."""
    title = feed_title(feed)
    site = clean(site_title) or "paperfeed"
    entries = unique_entries(feed)
    return render(
        "feed.html",
        language=feed.language,
        title=f"{title} - {site}",
        base_url=base_url,
        site=site,
        with_icon=True,
        canonical=page_url(base_url, feed.page_path) if feed.page_path else "",
        feed_links=feed_links([(feed.path, title)], base_url),
        feed=feed,
        feed_name=title,
        description=feed_description(feed),
        count=feed.count if feed.count is not None else len(entries),
        roles=" · ".join(f"{role_label(role)} {n} 篇" for role, n in feed.roles),
        items=[(entry, entry_links(entry, base_url)[0]) for entry in entries],
    )
