"""An OPML 2.0 list of every feed, so a reader can subscribe to all of them in one import.

Pure and deterministic (no ``dateCreated``): feeds in → ``feeds.opml`` bytes out. Outlines are
grouped as on the index page; Miniflux and FreshRSS turn the groups into categories.
"""

from __future__ import annotations

from collections.abc import Sequence

# lxml ships no type information (lxml-stubs is not a dependency).
from lxml import etree  # type: ignore[import-untyped]

from feeds.model import FeedSpec
from feeds.pages import group_feeds
from feeds.render import feed_url, index_url
from feeds.text import clean_text


def render_opml(feeds: Sequence[FeedSpec], *, base_url: str, title: str) -> bytes:
    """OPML listing each feed's Atom URL, grouped: all, sections, people."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = clean_text(title).strip() or "paperfeed"
    body = etree.SubElement(root, "body")
    for heading, members in group_feeds(feeds):
        group = etree.SubElement(body, "outline", text=heading, title=heading)
        for feed in members:
            name = clean_text(feed.title).strip() or feed.path
            etree.SubElement(
                group,
                "outline",
                type="rss",  # OPML's word for any feed, Atom included
                text=name,
                title=name,
                xmlUrl=feed_url(base_url, feed.path, "atom"),
                htmlUrl=index_url(base_url),
            )
    data = etree.tostring(root, pretty_print=True, encoding="UTF-8", xml_declaration=True)
    if not isinstance(data, bytes):
        raise TypeError("lxml returned text for an encoded serialisation")
    return data
