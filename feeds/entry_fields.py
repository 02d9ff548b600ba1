"""What an entry says in every format, cleaned and decided once: its id, links, authors,
categories, summary and HTML body. The Atom and RSS entries (``feeds.generator``) and the
JSON Feed item (``feeds.jsonfeed``) take their values from here, so the formats agree.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import NamedTuple

from feeds.content import (
    author_line,
    body_texts,
    byline_order,
    credit_name,
    escape_html,
    title_text,
)
from feeds.errors import FeedError
from feeds.model import Credit, FeedEntry
from feeds.text import clean_text
from feeds.urls import feed_url, page_url, person_feed_path, person_page_path


class EntryFields(NamedTuple):
    """An entry as its feed elements say it; ``summary`` may be empty, ``html`` too.

    Immutable like the frozen dataclasses elsewhere; a NamedTuple, built once per entry
    written.
    """

    id: str
    title: str
    updated: dt.datetime
    published: dt.datetime
    link: str | None
    related: str | None
    # The byline as printed, one name for readers to show (`王孟鹤（记者）、赵炎（通讯员）`;
    # empty: uncredited) and, when it names one person, that person's page.
    author: str
    author_uri: str | None
    people: tuple[tuple[str, str | None], ...]  # (name, the person's Atom feed URL)
    categories: tuple[str, ...]
    summary: str  # plain text
    summary_html: str  # the summary as HTML: its text escaped, so `<script>` shows as text
    html: str

    @property
    def is_permalink(self) -> bool:
        """RSS guid isPermaLink="true" only when the id *is* the article's URL."""
        return bool(self.link) and self.link == self.id


def entry_fields(entry: FeedEntry, base_url: str) -> EntryFields:
    """The cleaned values of ``entry``'s feed elements: categories ``("要闻", " 要闻 ")`` →
    ``("要闻",)``. FeedError for a naive datetime or an id that cleaning empties.

    Each entry is written three times per document (Atom, RSS, JSON Feed) and is in
    several feeds (everything, its section, each credited person): the values of the
    entries written last are kept (`_fields`) until ``forget_entries``, so a publish
    cleans each body once.
    """
    try:
        return _fields(entry, base_url)
    except TypeError:  # an entry holding a list where a tuple belongs: not hashable
        return _fields.__wrapped__(entry, base_url)


# Entries of the documents one publish writes: about 50 for each of ~20 changed feeds, many
# the same articles. Bounded, so a rebuild of every archive page holds no more than this.
@functools.lru_cache(maxsize=1024)
def _fields(entry: FeedEntry, base_url: str) -> EntryFields:
    check_aware_entry(entry)
    entry_id = clean_text(entry.id).strip()
    if not entry_id:
        raise FeedError(f"entry {entry.id!r} has an empty id after cleaning")
    link, related = entry_links(entry, base_url)
    credited = byline_order(entry.credits)
    people = tuple((credit_name(c), person_feed_uri(c, base_url)) for c in credited)
    # A section repeated as the page label's section (卫东新闻, 卫东新闻) is one category.
    categories = tuple(
        dict.fromkeys(c for c in (clean_text(c).strip() for c in entry.categories) if c)
    )
    html, summary = body_texts(entry)
    return EntryFields(
        id=entry_id,
        title=title_text(entry),
        updated=entry.updated,
        published=entry.published,
        link=link,
        related=related,
        author=author_line(entry.credits),
        author_uri=author_uri(credited[0], base_url) if len(credited) == 1 else None,
        people=people,
        categories=categories,
        summary=summary,
        summary_html=escape_html(summary),
        html=html,
    )


def forget_entries() -> None:
    """Drop the kept entry values (``entry_fields``): a publish calls it when done, so an
    idle worker holds none of them."""
    _fields.cache_clear()


def entry_links(entry: FeedEntry, base_url: str) -> tuple[str | None, str | None]:
    """``(link, related)``: the entry's link (its page here when it has one, else the
    paper's URL) and the paper's URL as a second, related link when both exist."""
    original = clean_text(entry.link or "").strip() or None
    if not entry.page_path:
        return original, None
    own = page_url(base_url, entry.page_path)
    return own, (original if original != own else None)


def author_uri(credit: Credit, base_url: str) -> str | None:
    """The person page of a credited person, when the worker gave a slug."""
    return page_url(base_url, person_page_path(credit.slug)) if credit.slug else None


def person_feed_uri(credit: Credit, base_url: str) -> str | None:
    """The Atom feed of a credited person, when the worker gave a slug."""
    return feed_url(base_url, person_feed_path(credit.slug), "atom") if credit.slug else None


def check_aware_entry(entry: FeedEntry) -> None:
    """FeedError unless both of the entry's datetimes carry a time zone."""
    for name, value in (("published", entry.published), ("updated", entry.updated)):
        if value.tzinfo is None or value.utcoffset() is None:
            raise FeedError(
                f"entry {entry.id!r}: {name} {value.isoformat()} has no "
                "time zone; pass an aware datetime in the paper's zone (Asia/Shanghai)"
            )
