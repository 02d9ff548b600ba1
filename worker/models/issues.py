"""Paper content: sources, publications, issues and the files they came in (with their raw
bytes), their pages, sections, people, articles and credits."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from worker.models.base import Base, UTCDateTime


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
    # Its articles not withdrawn, kept by every ingest (`worker.live_counts`): the papers'
    # issue days are a range of ix_editions_publication_day, not a count per day.
    live_articles: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    __table_args__ = (
        UniqueConstraint("source_id", "issue_date"),
        Index("ix_editions_publication_day", "publication_id", "issue_date"),
    )

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


class PersonRole(Base):
    """How many live articles credit a person in a role, kept by every ingest
    (`worker.live_counts`): a person's page says it without counting their history."""

    __tablename__ = "person_roles"

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)
    articles: Mapped[int] = mapped_column(Integer, default=0)


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
