"""Atom 1.0 documents from a FeedSpec, written by feedgen: items in → bytes out."""

from __future__ import annotations

from typing import Any

from feeds.feed_fields import ATOM_TYPE, GENERATOR, VERSION
from feeds.generator import as_bytes, feed_generator, format_links
from feeds.model import FeedSpec


def render_atom(feed: FeedSpec, *, base_url: str, hub_url: str | None = None) -> bytes:
    """The feed as an Atom 1.0 document (UTF-8 bytes, newest entry first).

    Its id is the Atom URL, ``{base_url}/feeds/{path}.atom``: stable as long as the public
    base URL is. ``hub_url`` adds a WebSub ``rel="hub"`` link (current documents only).
    """
    generator = feed_generator(feed, base_url=base_url)
    return atom_document(generator, feed, base_url=base_url, hub_url=hub_url)


def atom_document(
    generator: Any, feed: FeedSpec, *, base_url: str, hub_url: str | None = None
) -> bytes:
    """``render_atom`` from the feed's ``feeds.generator.feed_generator``, which the RSS
    document may be written from too."""
    generator.generator(GENERATOR, version=VERSION)
    format_links(
        generator, feed, base_url=base_url, extension="atom", self_type=ATOM_TYPE, hub_url=hub_url
    )
    return as_bytes(generator.atom_str(pretty=True, encoding="UTF-8", xml_declaration=True))
