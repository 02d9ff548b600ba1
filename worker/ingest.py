"""Ingest: raw issue bytes in, one stored issue with its articles out, in one transaction.

The same bytes twice change nothing: the content hash is unique, and a second ingest of it
reports `duplicate`. Bytes that cannot become articles are stored as a `failed` issue with
the reason, so the record of what arrived is complete.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from feeds.slugs import slugify_name, slugify_section, unique_slug
from worker.models import Article, Credit, Issue, Person, Section, Source
from worker.parsing import PARSER_VERSION, ParseError, parse_bytes
from worker.parsing.model import ParsedArticle, ParsedIssue


@dataclass(frozen=True)
class SourceDefaults:
    """What a source says about issues that do not say it themselves."""

    name: str
    publication: str
    section: str
    timezone: str = "Asia/Shanghai"
    kind: str = "drop"


@dataclass(frozen=True)
class IngestResult:
    """What one ingest did. `feeds` are the feed keys whose entries may have changed."""

    status: str  # "ingested" | "duplicate" | "failed"
    content_hash: str
    issue_id: int | None = None
    articles: int = 0
    feeds: tuple[str, ...] = ()
    error: str | None = None
    warnings: int = 0


def content_hash(data: bytes) -> str:
    """The identity of an input: the SHA-256 of its bytes, in hex."""
    return hashlib.sha256(data).hexdigest()


def ingest_bytes(
    session: Session,
    data: bytes,
    *,
    source: SourceDefaults,
    filename: str | None,
    received_at: dt.datetime,
    max_bytes: int,
) -> IngestResult:
    """Store `data` as an issue in the session's transaction; the caller commits."""
    digest = content_hash(data)
    existing = session.scalar(select(Issue).where(Issue.content_hash == digest))
    if existing is not None:
        return IngestResult("duplicate", digest, existing.id, error=existing.error)
    source_row = ensure_source(session, source)
    issue = Issue(
        source_id=source_row.id,
        content_hash=digest,
        raw=data,
        size=len(data),
        filename=filename,
        parser_version=PARSER_VERSION,
        received_at=received_at,
        ingested_at=dt.datetime.now(dt.UTC),
        page_count=0,
        warnings=[],
    )
    error, parsed = _parse_checked(data, filename, source, max_bytes)
    if parsed is None:
        issue.status, issue.error = "failed", error
        if len(data) > max_bytes:
            issue.raw = b""  # the file itself is kept in failed/; the database stays small
        session.add(issue)
        session.flush()
        return IngestResult("failed", digest, issue.id, error=error)
    issue.status = "ingested"
    issue.encoding = parsed.encoding
    issue.publication = parsed.publication or source.publication
    issue.issue_date = parsed.date
    issue.page_count = len(parsed.pages)
    issue.warnings = [{"line": w.line, "message": w.message} for w in parsed.warnings]
    session.add(issue)
    session.flush()
    feeds = _store_articles(session, issue, parsed, source, received_at)
    return IngestResult(
        "ingested",
        digest,
        issue.id,
        articles=len(parsed.articles),
        feeds=feeds,
        warnings=len(parsed.warnings),
    )


def _parse_checked(
    data: bytes, filename: str | None, source: SourceDefaults, max_bytes: int
) -> tuple[str | None, ParsedIssue | None]:
    """Parse, or say in one sentence why this input cannot become articles."""
    if len(data) > max_bytes:
        return (
            f"file is {len(data):,} bytes, over the limit of {max_bytes:,} (PAPERFEED_MAX_BYTES)",
            None,
        )
    if not data.strip():
        return "empty file: no issue text", None
    try:
        parsed = parse_bytes(data, filename=filename, default_section=source.section)
    except ParseError as exc:
        return str(exc), None
    if not parsed.articles:
        return "no articles found: no headline followed by text was recognised", None
    return None, parsed


def ensure_source(session: Session, source: SourceDefaults) -> Source:
    """The source row for `source`, created on first use."""
    _insert_ignoring_conflict(
        session,
        Source,
        {
            "name": source.name,
            "kind": source.kind,
            "publication": source.publication,
            "default_section": source.section,
            "timezone": source.timezone,
            "created_at": dt.datetime.now(dt.UTC),
        },
    )
    return session.execute(select(Source).where(Source.name == source.name)).scalar_one()


def _store_articles(
    session: Session,
    issue: Issue,
    parsed: ParsedIssue,
    source: SourceDefaults,
    received_at: dt.datetime,
) -> tuple[str, ...]:
    tz = ZoneInfo(source.timezone)
    published = _published_at(parsed.date, received_at, tz)
    day = parsed.date or received_at.astimezone(tz).date()
    now = dt.datetime.now(dt.UTC)
    feeds = {"all"}
    seen_keys: dict[str, int] = {}
    for seq, parsed_article in enumerate(parsed.articles):
        base = article_key(source.name, day, parsed_article)
        seen_keys[base] = seen_keys.get(base, 0) + 1
        # Two articles with the same headline on one page (a daily 简讯 box) still need two keys.
        key = (
            base
            if seen_keys[base] == 1
            else article_key(source.name, day, parsed_article, seen_keys[base])
        )
        section = _section(session, parsed_article.section or source.section)
        feeds.add(f"section:{section.slug}")
        body_hash = _article_hash(parsed_article, section.name)
        article = session.scalar(select(Article).where(Article.key == key))
        if article is None:
            article = Article(key=key, published_at=published, updated_at=now)
            session.add(article)
        elif article.content_hash != body_hash:
            article.updated_at = now  # a correction: same article, new text
        article.issue_id, article.section_id, article.seq = issue.id, section.id, seq
        article.page, article.kind = parsed_article.page, parsed_article.kind
        article.kicker, article.headline = parsed_article.kicker, parsed_article.headline
        article.subtitle, article.dateline = parsed_article.subtitle, parsed_article.dateline
        article.paragraphs = list(parsed_article.paragraphs)
        article.content_hash = body_hash
        article.published_at = published
        session.flush()
        article.credits.clear()
        session.flush()
        for position, (name, role) in enumerate(parsed_article.credits()):
            person = _person(session, name)
            feeds.add(f"person:{person.slug}")
            article.credits.append(Credit(person_id=person.id, role=role, position=position))
        session.flush()
    return tuple(sorted(feeds))


def _published_at(date: dt.date | None, received_at: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    """An issue is published on its date, at midnight in the paper's zone; undated: on arrival."""
    if date is None:
        return received_at
    return dt.datetime.combine(date, dt.time(0, 0), tzinfo=tz)


_SPACE = re.compile(r"\s+")


def article_key(source: str, day: dt.date, article: ParsedArticle, occurrence: int = 1) -> str:
    """A stable key: same source, issue date, page and headline give the same key.

    >>> a = ParsedArticle(page=1, headline="卫东区开展 “六一” 活动")
    >>> article_key("drop", dt.date(2020, 5, 28), a)[:12]
    'b28ca3ee8ab6'
    """
    headline = _SPACE.sub("", article.headline)
    text = f"{source}|{day.isoformat()}|{article.page}|{headline}"
    if occurrence > 1:
        text += f"|{occurrence}"
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _article_hash(article: ParsedArticle, section: str) -> str:
    parts: list[Any] = [
        article.kind,
        article.kicker,
        article.headline,
        article.subtitle,
        article.dateline,
        section,
        article.page,
        list(article.paragraphs),
        article.credits(),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _section(session: Session, name: str) -> Section:
    return _named_row(session, Section, name, slugify_section(name))


def _person(session: Session, name: str) -> Person:
    return _named_row(session, Person, name, slugify_name(name))


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
        _insert_ignoring_conflict(session, model, {"name": name, "slug": slug})
        row = session.scalar(select(model).where(model.name == name))
        if row is not None:
            return row
        taken.add(slug)
    raise RuntimeError(f"could not give {name!r} a unique slug near {base_slug!r}")


def _insert_ignoring_conflict(session: Session, model: type[Any], values: dict[str, Any]) -> None:
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        session.execute(pg_insert(model).values(**values).on_conflict_do_nothing())
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        session.execute(sqlite_insert(model).values(**values).on_conflict_do_nothing())
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        session.execute(insert(model).values(**values))
