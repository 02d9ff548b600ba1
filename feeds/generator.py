"""The feedgen FeedGenerator of a feed: its feed-level fields and every entry, set from
``feeds.feed_fields`` and ``feeds.entry_fields``. ``feeds.atom`` and ``feeds.rss`` set what
differs between the formats (``format_links``, the generator text) and write it; a publish
builds one per document and writes both formats from it.

feedgen stamps ``updated``/``lastBuildDate`` with now() unless told and ``add_entry``
prepends by default: both are set explicitly here, so the same FeedSpec gives the same bytes.
"""

from __future__ import annotations

from typing import Any

# feedgen ships no type information; everything it returns is treated as Any here.
from feedgen.feed import FeedGenerator  # type: ignore[import-untyped]

from feeds.entry_fields import entry_fields
from feeds.errors import FeedError
from feeds.extensions import EntryLinks, FeedLinks
from feeds.feed_fields import (
    TTL_MINUTES,
    archive_links,
    feed_description,
    feed_publisher,
    feed_title,
    feed_updated,
    home_page_url,
    icon_url,
    unique_entries,
)
from feeds.model import FeedEntry, FeedSpec
from feeds.urls import feed_url


def feed_generator(feed: FeedSpec, *, base_url: str) -> Any:
    """A FeedGenerator holding ``feed`` and its entries (newest first, a repeated id once),
    with every field both formats share; ``feeds.atom``/``feeds.rss`` add their own."""
    entries = unique_entries(feed)
    generator = _feed_level(feed, base_url)
    generator.updated(feed_updated(entries))
    for entry in entries:
        _add_entry(generator, entry, base_url)
    return generator


def format_links(
    generator: Any,
    feed: FeedSpec,
    *,
    base_url: str,
    extension: str,
    self_type: str,
    hub_url: str | None,
) -> None:
    """Set the feed's links for the format ``extension`` (media type ``self_type``), in
    place of any set before: the WebSub hub (current documents only), ``self``, the RFC
    5005 links, and the HTML page."""
    # Subscribers follow the current document; archive pages never change, so no hub.
    hub_url = hub_url if feed.is_current else None
    extra = archive_links(feed, base_url, extension, self_type, hub_url)
    self_url = feed.url or feed_url(base_url, feed.path, extension, archive=feed.archive)
    links = [{"href": hub_url, "rel": "hub"}] if hub_url else []
    links.append({"href": self_url, "rel": "self", "type": self_type})
    links += [link for link in extra if link["rel"] != "hub"]
    # feedgen uses the *last* link as the RSS <channel><link>: the HTML page goes last.
    links.append({"href": home_page_url(feed, base_url), "rel": "alternate", "type": "text/html"})
    generator.link(links, replace=True)
    generator.paperfeed.rss_links = extra  # RSS: feedgen writes only the self atom:link


def as_bytes(value: Any) -> bytes:
    """feedgen's serialisation, checked to be the bytes lxml returns with an encoding."""
    if not isinstance(value, bytes):
        raise FeedError(f"feed serialisation returned {type(value).__name__}, not bytes")
    return value


def _load_dc(generator: Any) -> None:
    """feedgen's ``load_extension("dc", atom=False, rss=True)``, given the classes it finds:
    it looks for them with ``__import__``, and a ``feedgen.ext.dc_entry`` module that does
    not exist is searched for on disk again for every document. (Imported here: the module
    needs lxml.etree, which feedgen.feed imports first.)"""
    from feedgen.ext.dc import DcEntryExtension, DcExtension  # type: ignore[import-untyped]

    generator.register_extension("dc", DcExtension, DcEntryExtension, atom=False, rss=True)


def _feed_level(feed: FeedSpec, base_url: str) -> Any:
    """A FeedGenerator with every feed-level field both formats share but ``updated``."""
    title = feed_title(feed)
    generator = FeedGenerator()
    # dc:creator is for RSS only; Atom has real <author> elements.
    _load_dc(generator)
    generator.register_extension("paperfeed", FeedLinks, EntryLinks)
    generator.id(feed.url or feed_url(base_url, feed.path, "atom"))
    generator.title(title)
    generator.subtitle(feed_description(feed))
    generator.description(feed_description(feed))
    generator.language(feed.language)
    # Atom needs an author on the feed unless every entry has one; uncredited articles
    # (agency copy, editorials) are common, so the paper is the fallback author (in RSS,
    # the channel's dc:creator: its managingEditor must be an e-mail address).
    publisher = feed_publisher(feed)
    generator.author({"name": publisher})
    generator.dc.dc_creator(publisher)
    # One square PNG serves as Atom icon and logo and as the RSS image (GIF, JPEG or PNG).
    icon = icon_url(base_url)
    generator.icon(icon)
    generator.image(url=icon, title=title, link=home_page_url(feed, base_url))
    generator.ttl(TTL_MINUTES)
    generator.paperfeed.archive = feed.archive is not None
    return generator


def _add_entry(generator: Any, entry: FeedEntry, base_url: str) -> None:
    fields = entry_fields(entry, base_url)
    item = generator.add_entry(order="append")
    item.guid(fields.id, permalink=fields.is_permalink)
    item.title(fields.title)
    item.updated(fields.updated)
    item.published(fields.published)
    links = []
    if fields.related:
        links.append({"href": fields.related, "rel": "related", "type": "text/html"})
    if fields.link:  # last: feedgen's RSS <link> is the last alternate link
        links.append({"href": fields.link, "rel": "alternate", "type": "text/html"})
    for value in links:
        item.link(**value)
    item.paperfeed.links = links
    if fields.author:
        # One author, the byline as printed: feedparser (under many readers) shows only the
        # first of several <author>/<dc:creator> elements, which dropped the reporter.
        uri = {"uri": fields.author_uri} if fields.author_uri else {}
        item.author({"name": fields.author, **uri})
        item.dc.dc_creator([fields.author])
    if fields.categories:
        item.category([{"term": c} for c in fields.categories])
    if fields.people:
        # Each person, with their own feed, as a contributor rather than a category:
        # feedparser gives contributors apart (entry.contributors), where categories would
        # mix people into the section tags readers show on every entry.
        item.contributor(
            [{"name": name, **({"uri": uri} if uri else {})} for name, uri in fields.people]
        )
        item.dc.dc_contributor([name for name, _ in fields.people])
    if fields.summary:
        # HTML whose text is the summary: readers treat an RSS description (and many an
        # Atom summary) as HTML whatever it says, so `<script>` in the text is escaped.
        item.summary(fields.summary_html, type="html")
    item.content(fields.html, type="html")
