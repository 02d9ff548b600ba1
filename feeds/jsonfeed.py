"""JSON Feed 1.1 documents from a FeedSpec: pure and deterministic, like the Atom and RSS ones.

Keys are written in a fixed order, non-ASCII text as is (Chinese stays readable), and every
string goes through the same cleaning as the XML documents, so the three formats agree.
The document is compact, without indentation: `json.dumps` with an indent encodes in
Python, about ten times slower than without.
"""

from __future__ import annotations

import json
from typing import Any

from feeds.entry_fields import EntryFields, entry_fields
from feeds.feed_fields import (
    check_archive_numbers,
    feed_description,
    feed_publisher,
    feed_title,
    home_page_url,
    icon_url,
    unique_entries,
)
from feeds.mediatypes import JSON_FEED_TYPE as JSON_FEED_TYPE
from feeds.model import FeedSpec
from feeds.urls import feed_url

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


def render_json(feed: FeedSpec, *, base_url: str, hub_url: str | None = None) -> bytes:
    """The feed as a JSON Feed 1.1 document (UTF-8 bytes, newest item first).

    An item's author is its byline as in the Atom feed (``王孟鹤（记者）、赵炎（通讯员）``);
    dates keep the paper's offset (``2024-05-01T06:00:00+08:00``). ``hub_url`` adds a WebSub
    entry to ``hubs``.
    """
    entries = unique_entries(feed)
    check_archive_numbers(feed)
    title = feed_title(feed)
    document: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": title,
        "home_page_url": home_page_url(feed, base_url),
        # The feed's identifier, so the current document's URL in archive pages too.
        "feed_url": feed_url(base_url, feed.path, "json"),
        "description": feed_description(feed),
    }
    if feed.prev_archive is not None:
        # JSON Feed paginates towards older items only: next_url is RFC 5005's prev-archive.
        document["next_url"] = feed_url(base_url, feed.path, "json", archive=feed.prev_archive)
    # One square PNG for both: JSON Feed asks a large icon and a small favicon of it.
    document["icon"] = document["favicon"] = icon_url(base_url)
    document["language"] = feed.language
    # As in Atom: the paper is the author of the uncredited articles.
    document["authors"] = [{"name": feed_publisher(feed)}]
    if hub_url and feed.is_current:
        document["hubs"] = [{"type": "WebSub", "url": hub_url}]
    document["items"] = [_item(entry_fields(e, base_url), feed.language) for e in entries]
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _item(f: EntryFields, language: str) -> dict[str, Any]:
    # The Atom entry's values, so the formats agree: the id, links, title, body and
    # summary cleaned once, authors with their role, the section as tags.
    item: dict[str, Any] = {"id": f.id}
    if f.link:
        item["url"] = f.link
    if f.related:
        item["external_url"] = f.related
    item["title"] = f.title
    item["content_html"] = f.html
    if f.summary:
        item["summary"] = f.summary
    item["date_published"] = f.published.isoformat()
    item["date_modified"] = f.updated.isoformat()
    if f.author:
        # One author, the byline, as in Atom and RSS: readers show the byline as printed.
        item["authors"] = [{"name": f.author, **({"url": f.author_uri} if f.author_uri else {})}]
    if f.people:
        # Each person and their feed, in an extension (JSON Feed has no contributors).
        item["_paperfeed"] = {
            "people": [{"name": name, **({"url": uri} if uri else {})} for name, uri in f.people]
        }
    if f.categories:
        item["tags"] = list(f.categories)
    item["language"] = language
    return item
