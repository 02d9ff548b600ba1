"""Publishing: turn stored articles into feed values and hand them to the feed writer.

Feed keys name feeds: `all`, `section:<slug>`, `person:<slug>`. An ingest reports the keys
it touched; only those feeds are rebuilt, while the index always lists every feed.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from feeds.model import Credit as FeedCredit
from feeds.model import FeedEntry, FeedSpec
from feeds.publish import PublishReport, publish_feeds
from worker.models import Article, Credit, Person, Section
from worker.settings import Settings

# Entry ids are UUIDs derived from the article key: stable for as long as the key is.
ENTRY_NAMESPACE = uuid.UUID("5b0f3c2e-8d1a-4c7e-9a51-70e3c1f2a9d4")


def entry_id(article_key: str) -> str:
    """The feed entry id of an article.

    >>> entry_id("0" * 32)
    'urn:uuid:4b5b0bd9-d5b2-5a3b-9a44-66c4c5f5c8f9'
    """
    return f"urn:uuid:{uuid.uuid5(ENTRY_NAMESPACE, article_key)}"


def all_feed_keys(session: Session) -> list[str]:
    """Every feed there is: everything, each section with articles, each credited person."""
    sections = session.scalars(
        select(Section.slug)
        .where(Section.id.in_(select(Article.section_id)))
        .order_by(Section.slug)
    )
    people = session.scalars(
        select(Person.slug).where(Person.id.in_(select(Credit.person_id))).order_by(Person.slug)
    )
    return ["all", *(f"section:{s}" for s in sections), *(f"person:{p}" for p in people)]


def _feed_query(session: Session, key: str) -> tuple[Select[Any], str, str, str]:
    """The query defining a feed, with its path, title and kind."""
    query = select(Article).where(Article.withdrawn_at.is_(None))
    kind, _, slug = key.partition(":")
    if kind == "all":
        return query, "all", "全部文章", "all"
    if kind == "section":
        section = session.execute(select(Section).where(Section.slug == slug)).scalar_one()
        query = query.where(Article.section_id == section.id)
        return query, f"sections/{slug}", section.name, "section"
    if kind == "person":
        person = session.execute(select(Person).where(Person.slug == slug)).scalar_one()
        query = query.where(
            Article.id.in_(select(Credit.article_id).where(Credit.person_id == person.id))
        )
        return query, f"people/{slug}", person.name, "person"
    raise ValueError(f"unknown feed key {key!r}: use all, section:<slug> or person:<slug>")


def build_feed(session: Session, key: str, *, size: int, tz: ZoneInfo) -> FeedSpec:
    """The newest `size` articles of one feed, newest first."""
    query, path, title, kind = _feed_query(session, key)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    articles = session.scalars(
        query.options(
            selectinload(Article.credits).selectinload(Credit.person),
            selectinload(Article.section),
        )
        .order_by(Article.published_at.desc(), Article.issue_id.desc(), Article.seq)
        .limit(size)
    ).all()
    described = {"all": "全部文章", "section": f"{title}版面文章", "person": f"{title}的署名文章"}
    return FeedSpec(
        path=path,
        title=title,
        description=described[kind],
        kind=kind,
        entries=tuple(_entry(article, tz) for article in articles),
        count=total,
    )


def _entry(article: Article, tz: ZoneInfo) -> FeedEntry:
    section = article.section.name
    return FeedEntry(
        id=entry_id(article.key),
        title=article.headline,
        published=article.published_at.astimezone(tz),
        updated=article.updated_at.astimezone(tz),
        paragraphs=tuple(article.paragraphs),
        kicker=article.kicker,
        subtitle=article.subtitle,
        dateline=article.dateline,
        credits=tuple(FeedCredit(c.person.name, c.role) for c in article.credits),
        categories=(section, f"第{article.page:02d}版：{section}"),
    )


def publish(session: Session, settings: Settings, keys: Iterable[str]) -> PublishReport:
    """Rebuild the feeds named by `keys` (all of them for `*`) and the index page."""
    every = all_feed_keys(session)
    wanted = set(keys)
    chosen = every if "*" in wanted else [k for k in every if k in wanted]
    tz = settings.tz
    feeds = [build_feed(session, key, size=settings.feed_size, tz=tz) for key in chosen]
    index = [_index_entry(session, key, feeds) for key in every]
    return publish_feeds(
        settings.public_dir,
        feeds,
        base_url=settings.base_url,
        site_title=settings.site_title,
        index_feeds=index,
    )


def _index_entry(session: Session, key: str, built: list[FeedSpec]) -> FeedSpec:
    """What the index needs of a feed: title, path, kind and size, without its entries."""
    query, path, title, kind = _feed_query(session, key)
    for feed in built:
        if feed.path == path:
            return FeedSpec(path, title, feed.description, kind, (), count=feed.count)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    return FeedSpec(path, title, title, kind, (), count=total)
