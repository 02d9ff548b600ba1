"""Atom and RSS documents from a FeedSpec: a pure function, items in → bytes out.

Same FeedSpec and base URL → identical bytes, so an unchanged feed is never rewritten:
feedgen stamps ``updated``/``lastBuildDate`` with now() unless told and ``add_entry``
prepends by default; both are set explicitly here.
"""

from __future__ import annotations

import datetime as dt
from importlib import metadata
from typing import Any

# feedgen ships no type information; everything it returns is treated as Any here.
from feedgen.feed import FeedGenerator  # type: ignore[import-untyped]

from feeds.entry_fields import EntryFields, check_aware_entry, entry_fields

# `name as name` imports are re-exports: the JSON Feed, pages, OPML and other callers
# imported these helpers from here first.
from feeds.entry_fields import author_uri as author_uri
from feeds.entry_fields import entry_links as entry_links
from feeds.entry_xml import entry_xml
from feeds.errors import FeedError
from feeds.extensions import EntryLinks, FeedLinks
from feeds.icons import ICON_PNG
from feeds.model import FeedEntry, FeedSpec
from feeds.text import clean_text
from feeds.urls import feed_url as feed_url
from feeds.urls import index_url as index_url
from feeds.urls import page_url

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


def render_atom(feed: FeedSpec, *, base_url: str, hub_url: str | None = None) -> bytes:
    """The feed as an Atom 1.0 document (UTF-8 bytes, newest entry first).

    Its id is the Atom URL, ``{base_url}/feeds/{path}.atom``: stable as long as the public
    base URL is. ``hub_url`` adds a WebSub ``rel="hub"`` link (current documents only).
    Entries carrying a ``rendered`` form are used as they are (see ``_assemble``).
    """
    entries = unique_entries(feed)
    generator = _build(feed, base_url, ATOM_TYPE, "atom", hub_url, entries)
    head = _as_bytes(generator.atom_str(pretty=True, encoding="UTF-8", xml_declaration=True))
    body = [e.rendered.atom if e.rendered else atom_entry(e, base_url) for e in entries]
    return _assemble(head, body, "</feed>\n")


def render_rss(feed: FeedSpec, *, base_url: str, hub_url: str | None = None) -> bytes:
    """The feed as an RSS 2.0 document (UTF-8 bytes, newest item first).

    The byline is the ``dc:creator`` (RSS ``author`` must be an e-mail address), each
    credited person a ``dc:contributor``.
    ``hub_url`` adds WebSub ``atom:link`` elements, ``rel="hub"`` beside ``rel="self"``.
    """
    entries = unique_entries(feed)
    generator = _build(feed, base_url, RSS_TYPE, "rss", hub_url, entries)
    head = _as_bytes(generator.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True))
    body = [e.rendered.rss if e.rendered else rss_item(e, base_url) for e in entries]
    return _assemble(head, body, "  </channel>\n</rss>\n")


def _assemble(head: bytes, body: list[str], closing: str) -> bytes:
    """The document feedgen writes for the feed with its entries: the feed rendered without
    entries (feedgen appends entries after every feed-level element, extensions included),
    the entries' elements inserted before its closing tags.

    Rendering each entry once and keeping it is what lets a publish cost what changed: a
    feed of 50 entries is one feed-level render and a join, not 50 entry renders. The bytes
    are those of a whole-document render; tests/unit/feeds/test_entry_fragments.py checks.
    """
    text = head.decode("utf-8")
    if not text.endswith(closing):
        raise FeedError(f"feed document does not end in {closing!r}")
    return (text[: -len(closing)] + "".join(body) + closing).encode("utf-8")


def atom_entry(entry: FeedEntry, base_url: str) -> str:
    """The entry's ``<entry>`` element, indented as in a document."""
    return entry_elements(entry, base_url)[0]


def rss_item(entry: FeedEntry, base_url: str) -> str:
    """The entry's ``<item>`` element, indented as in a document."""
    return entry_elements(entry, base_url)[1]


def entry_elements(
    entry: FeedEntry, base_url: str, fields: EntryFields | None = None
) -> tuple[str, str]:
    """``(atom_entry, rss_item)``, written directly (``feeds.entry_xml``, from ``fields``
    when given): the bytes feedgen writes, at about a tenth of the cost of a one-entry
    feedgen document."""
    # A string XML cannot carry (an unclean base URL): feedgen's lxml refuses it with its
    # own ValueError, as before, rather than the direct writer writing a broken document.
    return entry_xml(entry, base_url, fields) or _feedgen_entry_elements(entry, base_url)


def _feedgen_entry_elements(entry: FeedEntry, base_url: str) -> tuple[str, str]:
    """``(atom_entry, rss_item)`` cut from a one-entry feedgen document: the reference the
    direct writer is tested against."""
    generator = _single_entry(entry, base_url)
    return _atom_element(generator), _rss_element(generator)


def _atom_element(generator: Any) -> str:
    text = generator.atom_str(pretty=True, encoding="UTF-8")
    return _element_text(_as_bytes(text), "  <entry>", "  </entry>\n")


def _rss_element(generator: Any) -> str:
    text = generator.rss_str(pretty=True, encoding="UTF-8")
    return _element_text(_as_bytes(text), "    <item>", "    </item>\n")


def _element_text(document: bytes, start: str, end: str) -> str:
    """From the first ``start`` to the last ``end``: the one entry of a one-entry document
    (markup inside text is escaped, so neither can occur in the entry's content)."""
    text = document.decode("utf-8")
    first, last = text.find(start), text.rfind(end)
    if first < 0 or last < first:
        raise FeedError(f"no {start.strip()} element in a one-entry document")
    return text[first : last + len(end)]


def _single_entry(entry: FeedEntry, base_url: str) -> Any:
    """A feed holding only ``entry``, with what feedgen requires of the feed and the same
    extensions as every document (so the entry's namespace prefixes are the documents')."""
    check_aware_entry(entry)
    generator = FeedGenerator()
    _load_dc(generator)
    generator.register_extension("paperfeed", FeedLinks, EntryLinks)
    generator.id("urn:paperfeed:entry")
    generator.title("entry")
    generator.author({"name": "entry"})  # Atom: entries need none when the feed has one
    generator.description("entry")
    generator.link(href=index_url(base_url), rel="alternate", type="text/html")
    generator.updated(entry.updated)
    _add_entry(generator, entry, base_url)
    return generator


def _as_bytes(value: Any) -> bytes:
    if not isinstance(value, bytes):  # lxml returns bytes whenever an encoding is given
        raise FeedError(f"feed serialisation returned {type(value).__name__}, not bytes")
    return value


def _load_dc(generator: Any) -> None:
    """feedgen's ``load_extension("dc", atom=False, rss=True)``, given the classes it finds:
    it looks for them with ``__import__``, and a ``feedgen.ext.dc_entry`` module that does
    not exist is searched for on disk again for every document. (Imported here: the module
    needs lxml.etree, which feedgen.feed imports first.)"""
    from feedgen.ext.dc import DcEntryExtension, DcExtension  # type: ignore[import-untyped]

    generator.register_extension("dc", DcExtension, DcEntryExtension, atom=False, rss=True)


def _build(
    feed: FeedSpec,
    base_url: str,
    self_type: str,
    extension: str,
    hub_url: str | None,
    entries: list[FeedEntry],
) -> Any:
    """A FeedGenerator with every feed-level field set for ``entries`` (its ``updated`` is
    theirs), holding none of them: ``_assemble`` adds them."""
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
    if extension == "rss":  # RSS has no version attribute: name and version as one text
        generator.generator(f"{GENERATOR} {VERSION}")
    else:
        generator.generator(GENERATOR, version=VERSION)
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
    # Subscribers follow the current document; archive pages never change, so no hub.
    hub_url = hub_url if feed.is_current else None
    extra = _extra_links(feed, base_url, extension, self_type, hub_url)
    if hub_url:
        generator.link(href=hub_url, rel="hub")
    self_url = feed.url or feed_url(base_url, feed.path, extension, archive=feed.archive)
    generator.link(href=self_url, rel="self", type=self_type)
    for link in extra:
        if link["rel"] != "hub":
            generator.link(**link)
    generator.paperfeed.rss_links = extra  # RSS: feedgen writes only the self atom:link
    generator.paperfeed.archive = feed.archive is not None
    # feedgen uses the *last* link as the RSS <channel><link>: the HTML page goes last.
    generator.link(href=home_page_url(feed, base_url), rel="alternate", type="text/html")
    generator.updated(feed_updated(entries))
    return generator


def _extra_links(
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
