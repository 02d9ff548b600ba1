"""Feed state kept between publishes: each feed's entries in the order added, its counts,
dirty marks, archive pages, and what each target was last rendered with."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from worker.models.base import Base, UTCDateTime


class FeedMember(Base):
    """An article's place in one feed: `seq` counts the feed's entries in the order they
    were added (1, 2, …), given under the feed's `feed_counts` row lock, so the entries any
    reader sees are always a prefix of it. Archive pages are ranges of `seq`: an entry added
    later, even of an older issue, never moves an existing page. A row stays when its
    article leaves the feed (`live` false), keeping every page's range; `revision` is the
    feed's revision that last changed the row (a publish rewrites the pages holding rows
    changed since the revision it last wrote)."""

    __tablename__ = "feed_entries"

    feed_key: Mapped[str] = mapped_column(String(300), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), index=True)
    live: Mapped[bool] = mapped_column(default=True)
    revision: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        UniqueConstraint("feed_key", "article_id"),
        Index("ix_feed_entries_feed_key_revision", "feed_key", "revision"),
    )


class FeedArchive(Base):
    """What the last publish of a feed wrote: how many archive pages, of what size, showing
    the feed as of which revision, and the live entries on the whole chain (current
    document included); a publish that finds that count differing from the feed's rebuilds
    the chain whole."""

    __tablename__ = "feed_archives"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    pages: Mapped[int] = mapped_column(Integer)
    size: Mapped[int] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(Integer)
    entries: Mapped[int] = mapped_column(Integer)


class FeedPage(Base):
    """The live entries one document of a feed's chain holds as last written (`number` 0:
    the current document), for `FeedArchive.entries`."""

    __tablename__ = "feed_pages"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    entries: Mapped[int] = mapped_column(Integer)


class DirtyFeed(Base):
    """A feed whose entries changed and that awaits its rebuild; written in the ingest's own
    transaction, so a lost publish message delays a rebuild but never skips it."""

    __tablename__ = "dirty_feeds"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    marked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    # When it began waiting: later marks move marked_at, not this (PAPERFEED_PUBLISH_MAX_DELAY).
    first_marked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    # The oldest publication time among the changed entries: archive pages before it stay.
    # Empty while a publish that took the mark over runs and no ingest has marked it since.
    oldest_change: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    # The range a publish under way rebuilds (from this time on), and which publish: kept
    # until that publish finishes, so that one that dies leaves its range to the next.
    publishing_since: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    taken_by: Mapped[str | None] = mapped_column(String(200))


class FeedCount(Base):
    """The number of live articles in each feed (`all`, `paper:<slug>`, `section:<slug>`,
    `person:<slug>`), kept in the ingest's transaction so that listing every feed with its
    size costs the same at a million articles as at ten (`worker.publishing.selection.every_feed`).
    `added` is the last `FeedMember.seq` given, `revision` the feed's last change: both
    move under this row's lock, so they are given in commit order."""

    __tablename__ = "feed_counts"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    total: Mapped[int] = mapped_column(Integer, default=0)
    added: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class PublishedOutput(Base):
    """What a publish target's documents were last fully rendered with (`worker.publishing.
    output`): a start whose fingerprint matches republishes only the dirty feeds."""

    __tablename__ = "published_output"

    target: Mapped[str] = mapped_column(String(1000), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
