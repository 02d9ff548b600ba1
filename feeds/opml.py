"""OPML 2.0 lists of feeds, so a reader can subscribe to many in one import: every feed
(``feeds.opml``) or one kind (``feeds/sections.opml``, ``feeds/people.opml``).

Pure and deterministic (no ``dateCreated``): feeds in → OPML bytes out. Outlines are grouped
as on the index page; Miniflux and FreshRSS turn the groups into categories.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

# lxml ships no type information (lxml-stubs is not a dependency).
from lxml import etree  # type: ignore[import-untyped]

from feeds.feed_fields import home_page_url
from feeds.model import FeedSpec
from feeds.pages import KIND_OPML as KIND_OPML
from feeds.pages import group_feeds
from feeds.text import clean_text
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
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = clean_text(title).strip() or "paperfeed"
    body = etree.SubElement(root, "body")
    for heading, members in group_feeds(feeds):
        # A folder is an outline with `text` alone: OPML 2.0 gives `title` to feed outlines,
        # and any attribute besides `text` asks for a `type` saying how to read it.
        group = etree.SubElement(body, "outline", text=heading)
        for feed in members:
            name = clean_text(feed.title).strip() or feed.path
            etree.SubElement(
                group,
                "outline",
                type="rss",  # OPML's word for any feed, Atom included
                text=name,
                title=name,
                xmlUrl=feed_url(base_url, feed.path, "atom"),
                htmlUrl=home_page_url(feed, base_url),
            )
    data = etree.tostring(root, pretty_print=True, encoding="UTF-8", xml_declaration=True)
    if not isinstance(data, bytes):
        raise TypeError("lxml returned text for an encoded serialisation")
    return data
