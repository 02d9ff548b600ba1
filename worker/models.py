"""Database models: sources, publications, issues and the files they came in (with their raw
bytes), sections, people, articles, credits, and each feed's entries in the order added."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Named constraints, so Alembic batch migrations on SQLite can find them again.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """An aware datetime stored as UTC; SQLite keeps no offset, so it is put back on load."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTCDateTime column")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)  # type: ignore[no-any-return]
        return value.astimezone(dt.UTC)  # type: ignore[no-any-return]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def table_of(model: type[Base]) -> Table:
    """A model's table, for Core statements (`__table__` is typed as any FROM clause)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


class Source(Base):
    """Where issues come from: a drop folder or a URL, with its publication's defaults."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="drop")
    publication: Mapped[str] = mapped_column(String(200))
    default_section: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Shanghai")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    # Set by `paperfeed sources disable`; None means: as the configuration says.
    enabled: Mapped[bool | None] = mapped_column(default=None)
    # One scan per source at a time, across processes and hosts: a scan holds this lease.
    scan_lock_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    last_scan_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    # What the last scan left in the drop folder ({name, kind, since} each), and why the
    # last scan failed: both for `paperfeed status`.
    leftovers: Mapped[list[dict[str, str]] | None] = mapped_column(JSON)
    scan_error: Mapped[str | None] = mapped_column(Text)
    # The settings the last scan ran with (`worker.sources.in_use`): what the running workers
    # use, shown beside the sources file by `status` and `sources list`.
    in_use: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class Publication(Base):
    """A paper (青河日报): its sections and people are its own, and it has its own feeds."""

    __tablename__ = "publications"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)


class Edition(Base):
    """An issue: what one paper printed on one day, as one source delivered it, however many
    files it came in (`EditionPart` says which file holds each page). `date_guessed`: no
    file said the date; it was taken from the first file's modification time."""

    __tablename__ = "editions"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"))
    publication_id: Mapped[int] = mapped_column(ForeignKey("publications.id"), index=True)
    issue_date: Mapped[dt.date] = mapped_column(Date, index=True)
    date_guessed: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())

    __table_args__ = (UniqueConstraint("source_id", "issue_date"),)

    source: Mapped[Source] = relationship()
    publication: Mapped[Publication] = relationship()


class EditionPart(Base):
    """One page of an issue (`part` "3" for page 3), or a part named by its file when the
    file said no page number (`part` "file:<name>"), and the file that holds it now: a
    correction replaces the file of the parts it carries, and only those."""

    __tablename__ = "edition_parts"

    edition_id: Mapped[int] = mapped_column(ForeignKey("editions.id"), primary_key=True)
    part: Mapped[str] = mapped_column(String(300), primary_key=True)
    page: Mapped[int | None] = mapped_column(Integer)
    issue_id: Mapped[int] = mapped_column(Integer, index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class Issue(Base):
    """One input file, kept byte for byte, and what became of it (`ingested`, `failed`, or
    `superseded` once later files replaced every part it held). The issue it belongs to is
    its `edition`; `parts` are the pages (or the part) it carried, `corrected` those of them
    an earlier file had carried."""

    __tablename__ = "issues"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str | None] = mapped_column(String(500))
    encoding: Mapped[str | None] = mapped_column(String(32))
    parser_version: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), index=True)
    error: Mapped[str | None] = mapped_column(Text)
    publication: Mapped[str | None] = mapped_column(String(200))
    issue_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    page_count: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    ingested_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    # A corrected version of the same issue replaces this one; both keep their raw bytes.
    # (A plain column: a foreign key would make SQLite's batch migration copy the table.)
    superseded_by_id: Mapped[int | None] = mapped_column(Integer)
    # Plain columns too, for the same reason. `date_from`: text, name (the file name, or a
    # URL template's date), mtime (guessed from the file's modification time) or received.
    edition_id: Mapped[int | None] = mapped_column(Integer, index=True)
    modified_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    date_from: Mapped[str | None] = mapped_column(String(10))
    parts: Mapped[list[str] | None] = mapped_column(JSON)
    corrected: Mapped[list[str] | None] = mapped_column(JSON)

    # A file with no date in it, dropped again under the same name, corrects the earlier
    # one: found by its name among the source's files.
    __table_args__ = (Index("ix_issues_source_filename", "source_id", "filename"),)

    source: Mapped[Source] = relationship()
    articles: Mapped[list[Article]] = relationship(
        back_populates="issue", order_by="Article.seq", cascade="all, delete-orphan"
    )


class Section(Base):
    """A section (版面名) of one publication: two papers' 要闻 are two sections. The slug is
    unique across papers and never changes."""

    __tablename__ = "sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[int] = mapped_column(ForeignKey("publications.id"))
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(200), unique=True)

    __table_args__ = (UniqueConstraint("publication_id", "name"),)


class Person(Base):
    """Someone credited on a publication's articles (two papers' 王伟 are two people); the
    slug is given once and never reassigned."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[int] = mapped_column(ForeignKey("publications.id"))
    name: Mapped[str] = mapped_column(String(100))
    slug: Mapped[str] = mapped_column(String(200), unique=True)

    __table_args__ = (UniqueConstraint("publication_id", "name"),)


class Article(Base):
    """One article of an issue. `key` is stable across re-ingests and gives the feed entry id."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issues.id"), index=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    page: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))
    kicker: Mapped[str | None] = mapped_column(Text)
    headline: Mapped[str] = mapped_column(Text)
    subtitle: Mapped[str | None] = mapped_column(Text)
    dateline: Mapped[str | None] = mapped_column(String(200))
    paragraphs: Mapped[list[str]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    published_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    # Gone from a corrected issue: out of the feeds, kept here.
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    # The issue and the part of it (`EditionPart.part`) the article was printed in; plain
    # columns, like the issue's (`Issue.superseded_by_id`).
    edition_id: Mapped[int | None] = mapped_column(Integer, index=True)
    part: Mapped[str | None] = mapped_column(String(300))

    # A section's feed reads its newest articles: one range of this index, no sort of the
    # section's whole history (issue_id orders articles of the same day).
    __table_args__ = (
        Index("ix_articles_section_published", "section_id", "published_at", "issue_id"),
    )

    issue: Mapped[Issue] = relationship(back_populates="articles")
    section: Mapped[Section] = relationship()
    credits: Mapped[list[Credit]] = relationship(
        back_populates="article", cascade="all, delete-orphan", order_by="Credit.position"
    )


class Credit(Base):
    """A person credited on an article in one role (reporter, correspondent, ...)."""

    __tablename__ = "credits"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # The article's publication time, kept equal to it by every ingest: a person's newest
    # articles are a range of ix_credits_person_published, whatever their history's length.
    published_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (
        # A person's feed: their article ids from the index alone.
        Index("ix_credits_person_article", "person_id", "article_id"),
        Index("ix_credits_person_published", "person_id", "published_at"),
    )

    article: Mapped[Article] = relationship(back_populates="credits")
    person: Mapped[Person] = relationship()


class EntryRender(Base):
    """An article's feed entry as rendered (Atom, RSS and JSON Feed fragments), so that a
    publish renders only the entries that changed; `stamp` says what it was rendered from,
    and `used_on` lets entries no feed has shown for a while be dropped."""

    __tablename__ = "entry_renders"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    stamp: Mapped[str] = mapped_column(String(64))
    atom: Mapped[str] = mapped_column(Text)
    rss: Mapped[str] = mapped_column(Text)
    json: Mapped[str] = mapped_column(Text)
    used_on: Mapped[dt.date] = mapped_column(Date, index=True)


class Input(Base):
    """The ledger: one row per input content hash, the record of work (the broker only carries
    messages). A pending input whose lease ran out is handed out again by the next scan."""

    __tablename__ = "inputs"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(20), index=True)  # pending|ingested|failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # Attempts that ended for reasons outside the file (the database, a time limit spent
    # waiting for it): not in `attempts`, retried with backoff up to a larger budget.
    interruptions: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    lease_expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), index=True)
    claim: Mapped[str | None] = mapped_column(String(600))  # file name in the work folder
    filed: Mapped[bool] = mapped_column(default=False)  # moved to archive/ or failed/
    original_name: Mapped[str] = mapped_column(String(500))
    url: Mapped[str | None] = mapped_column(Text)
    size: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    error: Mapped[str | None] = mapped_column(Text)
    issue_id: Mapped[int | None] = mapped_column(ForeignKey("issues.id"))
    # A failed input's file under failed/ (relative to it), for `paperfeed failures retry`.
    kept: Mapped[str | None] = mapped_column(String(1000))
    # Set aside by a person (`paperfeed failures dismiss`): listed, but status stays green.
    dismissed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


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
    size costs the same at a million articles as at ten (`worker.storage.count_feeds`).
    `added` is the last `FeedMember.seq` given, `revision` the feed's last change: both
    move under this row's lock, so they are given in commit order."""

    __tablename__ = "feed_counts"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    total: Mapped[int] = mapped_column(Integer, default=0)
    added: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class FetchState(Base):
    """What a URL source last answered: validators for conditional GET, and the outcome."""

    __tablename__ = "fetch_state"

    url: Mapped[str] = mapped_column(String(1000), primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20))
    error: Mapped[str | None] = mapped_column(Text)
    checked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class Lock(Base):
    """A named lease held by one process at a time (the publisher), across hosts."""

    __tablename__ = "locks"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    until: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class TaskStat(Base):
    """Counters per Celery task name, kept by the worker's signal handlers (`worker.signals`):
    runs, failures and seconds spent. Only ever incremented, so /metrics served by any
    process reports the same monotonic counters."""

    __tablename__ = "task_stats"

    task: Mapped[str] = mapped_column(String(200), primary_key=True)
    runs: Mapped[int] = mapped_column(Integer, default=0)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)
    last_run_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


# Upper bounds (seconds) of the task-duration histogram's buckets: a scan takes milliseconds,
# an ingest tenths of a second, a back-fill's publish minutes.
DURATION_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, math.inf)


class TaskDuration(Base):
    """How many runs of a task took at most `le` seconds and more than the bucket below
    (`DURATION_BUCKETS`): /metrics sums them into a Prometheus histogram."""

    __tablename__ = "task_durations"

    task: Mapped[str] = mapped_column(String(200), primary_key=True)
    le: Mapped[float] = mapped_column(Float, primary_key=True)  # +inf for the last bucket
    runs: Mapped[int] = mapped_column(Integer, default=0)


class PublishedOutput(Base):
    """What a publish target's documents were last fully rendered with (`worker.publishing.
    output`): a start whose fingerprint matches republishes only the dirty feeds."""

    __tablename__ = "published_output"

    target: Mapped[str] = mapped_column(String(1000), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))


class TaskFailure(Base):
    """One task that raised, for `paperfeed status` (rows older than 30 days are pruned)."""

    __tablename__ = "task_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    task: Mapped[str] = mapped_column(String(200))
    task_id: Mapped[str | None] = mapped_column(String(200))
    args: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str] = mapped_column(Text)
    failed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
    dismissed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
