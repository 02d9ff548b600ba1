"""Storage helpers shared by ingest and re-ingest: keys, hashes, named rows, dirty feeds."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from feeds.slugs import slugify_name, slugify_section, unique_slug
from worker.models import Article, Credit, DirtyFeed, Person, Section
from worker.parsing.model import ParsedArticle

_SPACE = re.compile(r"\s+")


def article_key(source: str, day: dt.date, article: ParsedArticle, occurrence: int = 1) -> str:
    """The key a new article gets: from its source, issue date, page and headline.

    >>> a = ParsedArticle(page=1, headline="卫东区开展 “六一” 活动")
    >>> article_key("drop", dt.date(2020, 5, 28), a)[:12]
    'b28ca3ee8ab6'
    """
    headline = _SPACE.sub("", article.headline)
    text = f"{source}|{day.isoformat()}|{article.page}|{headline}"
    if occurrence > 1:
        text += f"|{occurrence}"
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def article_hash(article: ParsedArticle, section: str) -> str:
    """A digest of everything a reader sees of an article; it changes only with the content."""
    parts: list[Any] = [
        article.kind, article.kicker, article.headline, article.subtitle, article.dateline,
        section, article.page, list(article.paragraphs), article.credits(),
    ]  # fmt: skip
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def feeds_of(session: Session, article: Article) -> set[str]:
    """The keys of every feed the article appears in: all, its section, its people."""
    session.flush()
    section = session.scalar(select(Section.slug).where(Section.id == article.section_id))
    people = session.scalars(
        select(Person.slug).join(Credit).where(Credit.article_id == article.id)
    )
    return {"all", f"section:{section}", *(f"person:{slug}" for slug in people)}


def note_change(dirty: dict[str, dt.datetime], keys: Iterable[str], when: dt.datetime) -> None:
    """Add `keys` to `dirty`, keeping for each the oldest publication time changed."""
    for key in keys:
        dirty[key] = min(dirty.get(key, when), when)


def mark_dirty(session: Session, changes: Mapping[str, dt.datetime], now: dt.datetime) -> None:
    """Record feeds awaiting a rebuild, in the caller's transaction."""
    for key in sorted(changes):
        oldest = changes[key]
        row = session.get(DirtyFeed, key, with_for_update=True)
        if row is None:
            values = {"key": key, "marked_at": now, "oldest_change": oldest}
            insert_ignoring_conflict(session, DirtyFeed, values)
            row = session.get(DirtyFeed, key)
            if row is None or row.marked_at == now:
                continue
        row.marked_at = now
        row.oldest_change = oldest if row.oldest_change is None else min(row.oldest_change, oldest)


def section_row(session: Session, name: str) -> Section:
    return _named_row(session, Section, name, slugify_section(name))  # type: ignore[no-any-return]


def person_row(session: Session, name: str) -> Person:
    return _named_row(session, Person, name, slugify_name(name))  # type: ignore[no-any-return]


def _named_row(session: Session, model: type[Any], name: str, base_slug: str) -> Any:
    """Get or create a row with a unique name and a unique slug that is never reassigned.

    Two workers may create the same person at once: insert-or-ignore, then read back; if the
    slug was taken by another name in between, try the next one.
    """
    row = session.scalar(select(model).where(model.name == name))
    if row is not None:
        return row
    taken = set(session.scalars(select(model.slug).where(model.slug.startswith(base_slug))))
    for _ in range(100):
        slug = unique_slug(base_slug, taken)
        insert_ignoring_conflict(session, model, {"name": name, "slug": slug})
        row = session.scalar(select(model).where(model.name == name))
        if row is not None:
            return row
        taken.add(slug)
    raise RuntimeError(f"could not give {name!r} a unique slug near {base_slug!r}")


def insert_ignoring_conflict(session: Session, model: type[Any], values: dict[str, Any]) -> None:
    """INSERT … ON CONFLICT DO NOTHING, on SQLite and PostgreSQL alike."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        session.execute(pg_insert(model).values(**values).on_conflict_do_nothing())
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        session.execute(sqlite_insert(model).values(**values).on_conflict_do_nothing())
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        session.execute(insert(model).values(**values))
