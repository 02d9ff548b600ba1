"""Publishing: turn stored articles into feed values and hand them to the feed writer.

Feed keys name feeds: `all`, `section:<slug>`, `person:<slug>`. An ingest marks the keys
whose entries changed (with the oldest publication time it touched); only those feeds, and
only the RFC 5005 archive pages at or after that point, are rebuilt. The index always lists
every feed.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from feeds.archives import Pagination, archive_spec, paginate
from feeds.model import Credit as FeedCredit
from feeds.model import FeedEntry, FeedSpec
from feeds.publish import PublishReport, publish_feeds
from feeds.targets import DirectoryTarget, PublishTarget
from feeds.urls import INDEX_PAGE, person_page_path, section_page_path
from worker.models import Article, Credit, FeedCount, Person, Section
from worker.settings import Settings

# Entry ids are UUIDs derived from the article key: stable for as long as the key is.
ENTRY_NAMESPACE = uuid.UUID("5b0f3c2e-8d1a-4c7e-9a51-70e3c1f2a9d4")
NEWEST_FIRST = (Article.published_at.desc(), Article.issue_id.desc(), Article.seq, Article.id)


def entry_id(article_key: str) -> str:
    """The feed entry id of an article.

    >>> entry_id("0" * 32)
    'urn:uuid:4b5b0bd9-d5b2-5a3b-9a44-66c4c5f5c8f9'
    """
    return f"urn:uuid:{uuid.uuid5(ENTRY_NAMESPACE, article_key)}"


@dataclass(frozen=True)
class FeedInfo:
    """A feed's name, title, kind and size, without its entries."""

    key: str
    path: str
    title: str
    kind: str
    total: int
    page_path: str

    @property
    def description(self) -> str:
        described = {"all": "全部文章", "section": "版面文章", "person": "的署名文章"}
        return described[self.kind] if self.kind == "all" else self.title + described[self.kind]

    def spec(self, entries: tuple[FeedEntry, ...] = ()) -> FeedSpec:
        return FeedSpec(
            path=self.path, title=self.title, description=self.description, kind=self.kind,
            entries=entries, count=self.total, page_path=self.page_path,
        )  # fmt: skip


def live() -> Any:
    return Article.withdrawn_at.is_(None)


def every_feed(session: Session) -> dict[str, FeedInfo]:
    """Every feed there is, with its size, from `feed_counts` (kept by each ingest): the
    index page lists every feed, and counting a million articles on each publish would make
    every publish as slow as the archive is large."""
    counts = {key: total for key, total in session.execute(select(FeedCount.key, FeedCount.total))}
    total = counts.get("all", 0)
    feeds = {"all": FeedInfo("all", "all", "全部文章", "all", total, INDEX_PAGE)}
    for slug, name in session.execute(select(Section.slug, Section.name).order_by(Section.slug)):
        count = counts.get(f"section:{slug}", 0)
        if count > 0:  # a section whose articles were all withdrawn has no feed
            feeds[f"section:{slug}"] = FeedInfo(
                f"section:{slug}", f"sections/{slug}", name, "section", count,
                section_page_path(slug),
            )  # fmt: skip
    for slug, name in session.execute(select(Person.slug, Person.name).order_by(Person.slug)):
        count = counts.get(f"person:{slug}", 0)
        if count > 0:
            feeds[f"person:{slug}"] = FeedInfo(
                f"person:{slug}", f"people/{slug}", name, "person", count, person_page_path(slug)
            )
    return feeds


def feed_query(session: Session, key: str) -> Select[Any]:
    """The query that defines a feed's entries (its live articles)."""
    query = select(Article).where(live())
    kind, _, slug = key.partition(":")
    if kind == "section":
        section = select(Section.id).where(Section.slug == slug).scalar_subquery()
        return query.where(Article.section_id == section)
    if kind == "person":
        person = select(Person.id).where(Person.slug == slug).scalar_subquery()
        return query.where(
            Article.id.in_(select(Credit.article_id).where(Credit.person_id == person))
        )
    if kind != "all":
        raise ValueError(f"unknown feed key {key!r}: use all, section:<slug> or person:<slug>")
    return query


def build_documents(
    session: Session, info: FeedInfo, *, size: int, tz: ZoneInfo, since: dt.datetime | None
) -> list[FeedSpec]:
    """The current document of a feed and the archive pages a change since `since` touched.

    `since` is the oldest publication time among the changed articles (None: unknown, so
    every archive page is rebuilt; unchanged ones are not rewritten anyway).
    """
    pagination = paginate(info.total, size)
    documents = [_document(session, info, pagination, None, tz)]
    first_changed = 0
    if since is not None:
        # Count the few entries at or after the change, not the many before it.
        query = feed_query(session, info.key).where(Article.published_at >= since)
        newer = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        first_changed = max(0, info.total - newer)
    newest = pagination.newest_archive or 0
    for page in pagination.pages:
        # Pages from the first change on; and the two newest, whose ranges and links move
        # as entries arrive.
        if page.stop > first_changed or page.number >= newest - 1:
            documents.append(_document(session, info, pagination, page.number, tz))
    return documents


def _document(
    session: Session, info: FeedInfo, pagination: Pagination, number: int | None, tz: ZoneInfo
) -> FeedSpec:
    offset, limit = pagination.newest_first(number)
    articles = session.scalars(
        feed_query(session, info.key)
        .options(
            selectinload(Article.credits).selectinload(Credit.person),
            selectinload(Article.section),
        )
        .order_by(*NEWEST_FIRST)
        .offset(offset)
        .limit(limit)
    ).all()
    spec = info.spec(tuple(_entry(article, tz) for article in articles))
    return archive_spec(spec, pagination, number)


def _entry(article: Article, tz: ZoneInfo) -> FeedEntry:
    section = article.section
    published = article.published_at.astimezone(tz)
    return FeedEntry(
        id=entry_id(article.key),
        title=article.headline,
        published=published,
        updated=article.updated_at.astimezone(tz),
        paragraphs=tuple(article.paragraphs),
        kicker=article.kicker,
        subtitle=article.subtitle,
        dateline=article.dateline,
        credits=tuple(FeedCredit(c.person.name, c.role, c.person.slug) for c in article.credits),
        categories=(section.name, f"第{article.page:02d}版：{section.name}"),
        page_path=f"articles/{published:%Y/%m/%d}/{article.key}.html",
        section_slug=section.slug,
    )


def publish_target(settings: Settings) -> PublishTarget:
    """Where feeds go: the public folder, or the bucket PAPERFEED_PUBLISH_TO names."""
    if settings.publish_to.startswith("s3://"):
        from feeds.targets import S3Target

        bucket, _, prefix = settings.publish_to.removeprefix("s3://").partition("/")
        return S3Target(bucket, prefix, endpoint_url=settings.s3_endpoint_url)
    return DirectoryTarget(settings.public_dir)


def publish(
    session: Session,
    settings: Settings,
    changes: Mapping[str, dt.datetime | None],
    *,
    target: PublishTarget | None = None,
) -> PublishReport:
    """Rebuild the feeds named in `changes` (`*` for every feed) and the index page."""
    every = every_feed(session)
    chosen = list(every) if "*" in changes else [key for key in every if key in changes]
    documents: list[FeedSpec] = []
    # Entry pages to render: every entry at or after its feed's oldest change. Any article
    # that changed marked each of its feeds with a time no later than its own, and pages
    # of older entries were written when they were published and have not changed since.
    page_entries: set[str] = set()
    for key in chosen:
        since = None if "*" in changes else changes[key]
        built = build_documents(
            session, every[key], size=settings.feed_size, tz=settings.tz, since=since
        )
        documents += built
        page_entries.update(
            entry.id
            for document in built
            for entry in document.entries
            if since is None or entry.published >= since
        )
    return publish_feeds(
        target or publish_target(settings),
        documents,
        base_url=settings.base_url,
        site_title=settings.site_title,
        index_feeds=[info.spec() for info in every.values()],
        hub_url=settings.websub_hub,
        page_entries=page_entries,
    )
