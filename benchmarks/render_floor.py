"""The floor under a publish: feedgen writing the documents that publish wrote, Atom and
RSS, and `json.dumps` writing their JSON Feed, from entry values already in memory.

The documents are caught as the publish hands them to its writer (`capture`); their entry
values are cleaned untimed (`feeds.entry_fields`), then only the writing is timed: a
FeedGenerator per document with feedgen's own elements (ids, titles, dates, links, author,
categories, contributors, summary, content; no extension), serialised to both formats, and
the JSON Feed dict of the same values dumped as paperfeed dumps it (indented, UTF-8).
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Iterator
from typing import Any

from feedgen.feed import FeedGenerator  # type: ignore[import-untyped]

from feeds.entry_fields import EntryFields, entry_fields, forget_entries
from feeds.feed_fields import feed_description, feed_publisher, feed_title, unique_entries
from feeds.model import FeedSpec
from feeds.urls import feed_url, index_url


@contextlib.contextmanager
def capture() -> Iterator[list[FeedSpec]]:
    """Every document handed to a `feeds.publish.FeedWriter` while the block runs."""
    from feeds.publish import FeedWriter

    documents: list[FeedSpec] = []
    original = FeedWriter.add

    def add(self: FeedWriter, feeds: Any, **options: Any) -> None:
        documents.extend(feeds)
        original(self, feeds, **options)

    FeedWriter.add = add  # type: ignore[method-assign]
    try:
        yield documents
    finally:
        FeedWriter.add = original  # type: ignore[method-assign]


Prepared = tuple[FeedSpec, dict[str, str], list[EntryFields]]


def prepare(documents: list[FeedSpec], base_url: str) -> list[Prepared]:
    """Each document with its feed-level values and its entries' cleaned values."""
    forget_entries()
    prepared = []
    for feed in documents:
        head = {
            "id": feed_url(base_url, feed.path, "atom", archive=feed.archive),
            "title": feed_title(feed),
            "description": feed_description(feed),
            "publisher": feed_publisher(feed),
            "home": index_url(base_url),
        }
        fields = [entry_fields(e, base_url) for e in unique_entries(feed)]
        prepared.append((feed, head, fields))
    forget_entries()
    return prepared


def xml_documents(
    feed: FeedSpec, head: dict[str, str], fields: list[EntryFields]
) -> tuple[bytes, bytes]:
    """The Atom and RSS documents of one prepared document, by feedgen alone."""
    generator = FeedGenerator()
    generator.id(head["id"])
    generator.title(head["title"])
    generator.subtitle(head["description"])
    generator.description(head["description"])
    generator.language(feed.language)
    generator.author({"name": head["publisher"]})
    generator.link(href=head["id"], rel="self")
    generator.link(href=head["home"], rel="alternate")
    if fields:
        generator.updated(max(f.updated for f in fields))
    for f in fields:
        item = generator.add_entry(order="append")
        item.guid(f.id, permalink=f.is_permalink)
        item.title(f.title)
        item.updated(f.updated)
        item.published(f.published)
        if f.link:
            item.link(href=f.link, rel="alternate")
        if f.author:
            item.author({"name": f.author})
        if f.categories:
            item.category([{"term": c} for c in f.categories])
        if f.people:
            item.contributor([{"name": name} for name, _ in f.people])
        if f.summary:
            item.summary(f.summary_html, type="html")
        item.content(f.html, type="html")
    atom = generator.atom_str(pretty=True, encoding="UTF-8", xml_declaration=True)
    rss = generator.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)
    return atom, rss


def json_document(feed: FeedSpec, head: dict[str, str], fields: list[EntryFields]) -> bytes:
    """The JSON Feed of one prepared document, by `json.dumps` as paperfeed calls it."""
    items = []
    for f in fields:
        item: dict[str, Any] = {"id": f.id, "url": f.link, "title": f.title}
        item["content_html"] = f.html
        if f.summary:
            item["summary"] = f.summary
        item["date_published"] = f.published.isoformat()
        item["date_modified"] = f.updated.isoformat()
        if f.author:
            item["authors"] = [{"name": f.author}]
        if f.categories:
            item["tags"] = list(f.categories)
        items.append(item)
    document = {
        "version": "https://jsonfeed.org/version/1.1", "title": head["title"],
        "home_page_url": head["home"], "feed_url": head["id"],
        "description": head["description"], "language": feed.language,
        "authors": [{"name": head["publisher"]}], "items": items,
    }  # fmt: skip
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def render(prepared: list[Prepared]) -> tuple[float, float, int]:
    """(seconds, CPU seconds of this process, bytes) writing every prepared document in
    the three formats."""
    started, cpu = time.perf_counter(), time.process_time()
    size = sum(sum(map(len, xml_documents(*p))) + len(json_document(*p)) for p in prepared)
    return time.perf_counter() - started, time.process_time() - cpu, size
