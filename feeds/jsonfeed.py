"""JSON Feed 1.1 documents from a FeedSpec: pure and deterministic, like the Atom and RSS ones.

Keys are written in a fixed order, non-ASCII text as is (Chinese stays readable), and every
string goes through the same cleaning as the XML documents, so the three formats agree.
"""

from __future__ import annotations

import json
from typing import Any

from feeds.content import credit_label, entry_html, summary_text, title_text
from feeds.errors import FeedError
from feeds.model import Credit, FeedEntry, FeedSpec
from feeds.render import (
    author_uri,
    check_archive_numbers,
    entry_links,
    feed_description,
    feed_title,
    home_page_url,
    unique_entries,
)
from feeds.text import clean_text
from feeds.urls import feed_url

JSON_FEED_TYPE = "application/feed+json"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


def render_json(feed: FeedSpec, *, base_url: str, hub_url: str | None = None) -> bytes:
    """The feed as a JSON Feed 1.1 document (UTF-8 bytes, newest item first).

    Authors carry their role as in the Atom feed (``王孟鹤（记者）``); dates keep the paper's
    offset (``2024-05-01T06:00:00+08:00``). ``hub_url`` adds a WebSub entry to ``hubs``.
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
    document["language"] = feed.language
    # As in Atom: the feed is the author of the uncredited articles.
    document["authors"] = [{"name": title}]
    if hub_url and feed.is_current:
        document["hubs"] = [{"type": "WebSub", "url": hub_url}]
    document["items"] = []
    text = json.dumps(document, ensure_ascii=False, indent=2)
    items = [
        entry.rendered.json
        if entry.rendered and entry.rendered.language == feed.language
        else json_item(entry, feed.language, base_url)
        for entry in entries
    ]
    # Items last: the document as json.dumps writes it with the items in place.
    empty = '"items": []\n}'
    if not text.endswith(empty):
        raise FeedError("JSON Feed document does not end with its item list")
    if items:
        text = text[: -len(empty)] + '"items": [\n' + ",\n".join(items) + "\n  ]\n}"
    return (text + "\n").encode("utf-8")


def json_item(entry: FeedEntry, language: str, base_url: str) -> str:
    """The entry's item object, indented as in a document's item list (JSON strings hold no
    raw line breaks, so indenting every line is safe)."""
    text = json.dumps(_item(entry, language, base_url), ensure_ascii=False, indent=2)
    return "\n".join("    " + line for line in text.split("\n"))


def _item(entry: FeedEntry, language: str, base_url: str) -> dict[str, Any]:
    item: dict[str, Any] = {"id": clean_text(entry.id).strip()}
    link, related = entry_links(entry, base_url)
    if link:
        item["url"] = link
    if related:
        item["external_url"] = related
    item["title"] = title_text(entry)
    item["content_html"] = entry_html(entry)
    summary = summary_text(entry)
    if summary:
        item["summary"] = summary
    item["date_published"] = entry.published.isoformat()
    item["date_modified"] = entry.updated.isoformat()
    authors = [_author(c, base_url) for c in entry.credits if credit_label(c)]
    if authors:
        item["authors"] = authors
    tags = list(dict.fromkeys(c for c in (clean_text(c).strip() for c in entry.categories) if c))
    if tags:
        item["tags"] = tags
    item["language"] = language
    return item


def _author(credit: Credit, base_url: str) -> dict[str, str]:
    uri = author_uri(credit, base_url)
    return {"name": credit_label(credit), **({"url": uri} if uri else {})}
