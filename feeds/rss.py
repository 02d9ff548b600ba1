"""RSS 2.0 documents from a FeedSpec, written by feedgen: items in → bytes out."""

from __future__ import annotations

from typing import Any

from feeds.feed_fields import GENERATOR, RSS_TYPE, VERSION
from feeds.generator import as_bytes, feed_generator, format_links
from feeds.model import FeedSpec


def render_rss(feed: FeedSpec, *, base_url: str, hub_url: str | None = None) -> bytes:
    """The feed as an RSS 2.0 document (UTF-8 bytes, newest item first).

    The byline is the ``dc:creator`` (RSS ``author`` must be an e-mail address), each
    credited person a ``dc:contributor``.
    ``hub_url`` adds WebSub ``atom:link`` elements, ``rel="hub"`` beside ``rel="self"``.
    """
    generator = feed_generator(feed, base_url=base_url)
    return rss_document(generator, feed, base_url=base_url, hub_url=hub_url)


def rss_document(
    generator: Any, feed: FeedSpec, *, base_url: str, hub_url: str | None = None
) -> bytes:
    """``render_rss`` from the feed's ``feeds.generator.feed_generator``, which the Atom
    document may be written from too."""
    # RSS has no version attribute: name and version as one text.
    generator.generator(f"{GENERATOR} {VERSION}")
    format_links(
        generator, feed, base_url=base_url, extension="rss", self_type=RSS_TYPE, hub_url=hub_url
    )
    return as_bytes(generator.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True))
