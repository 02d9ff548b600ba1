"""Ingest: raw issue bytes in, one stored issue with its articles out, in one transaction.

The same bytes twice change nothing: the content hash is unique, and a second ingest of it
reports `duplicate`. Bytes that cannot become articles are stored as a `failed` issue with
the reason. A new version of an issue already stored (same source, date and pages) replaces
it: its articles keep their keys, `updated` moves only where the text changed, and articles
that vanished are withdrawn from the feeds but kept. The feeds whose entries changed are
marked dirty in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from worker.matching import match_articles
from worker.models import Article, Credit, Issue, Person, Section, Source
from worker.parsing import PARSER_VERSION, ParseError, parse_bytes
from worker.parsing.model import ParsedArticle, ParsedIssue
from worker.sources import SourceConfig
from worker.storage import (
    IN_CHUNK,
    add_to_feed_counts,
    article_hash,
    article_key,
    count_feeds,
    feed_keys,
    feeds_of,
    insert_ignoring_conflict,
    mark_dirty,
    memberships,
    note_change,
    person_row,
    person_rows,
    section_rows,
    sync_credit_times,
)


@dataclass(frozen=True)
class IngestResult:
    """What one ingest did. `feeds` are the feed keys whose entries changed."""

    status: str  # "ingested" | "duplicate" | "failed"
    content_hash: str
    issue_id: int | None = None
    articles: int = 0
    feeds: tuple[str, ...] = ()
    error: str | None = None
    warnings: int = 0
    changed: int = 0  # articles new or with new text
    withdrawn: int = 0


def content_hash(data: bytes) -> str:
    """The identity of an input: the SHA-256 of its bytes, in hex."""
    return hashlib.sha256(data).hexdigest()


def ingest_bytes(
    session: Session,
    data: bytes,
    *,
    source: SourceConfig,
    filename: str | None,
    received_at: dt.datetime,
    max_bytes: int,
    size: int | None = None,
    digest: str | None = None,
    checked: tuple[str | None, ParsedIssue | None] | None = None,
) -> IngestResult:
    """Store `data` as an issue in the session's transaction; the caller commits.

    When `data` is only the first `max_bytes + 1` bytes of an oversize file, `size` and
    `digest` describe the whole file. `checked` is `parse_checked`'s answer for `data` when
    the caller parsed it already, outside the transaction (on SQLite a write transaction
    holds the whole database: no other ingest may write while a slow file parses).
    """
    digest = digest or content_hash(data)
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
    error, parsed = checked or parse_checked(data, filename, max_bytes, size=size)
    if parsed is None:
        issue.status, issue.error = "failed", error
        if len(data) > max_bytes:
            issue.raw = b""  # the file itself is kept in failed/; the database stays small
        session.add(issue)
        session.flush()
        return IngestResult("failed", digest, issue.id, error=error)
    previous = _earlier_versions(session, source_row, parsed)
    session.add(issue)
    before = [a for old in previous for a in old.articles]
    result = _apply_parse(session, issue, parsed, source, before, received_at)
    for old in previous:
        old.status, old.superseded_by_id = "superseded", issue.id
    return result


def reingest_issue(
    session: Session,
    issue_id: int,
    source: SourceConfig,
    *,
    checked: tuple[str | None, ParsedIssue | None] | None = None,
) -> IngestResult:
    """Parse a stored issue again from its raw bytes, with today's parser.

    Articles are matched to the ones the issue had, so ids stay; only real changes move
    `updated`, and articles the new parse no longer finds are withdrawn. `checked`: the
    caller's parse of those bytes, made outside the transaction (see `ingest_bytes`).
    """
    issue = session.get(Issue, issue_id, with_for_update=True)
    if issue is None:
        raise LookupError(f"no issue with id {issue_id}")
    if issue.status == "superseded":
        raise ValueError(
            f"issue {issue_id} was replaced by issue {issue.superseded_by_id}; re-ingest that one"
        )
    error, parsed = checked or parse_checked(
        issue.raw, issue.filename, max_bytes=len(issue.raw) + 1
    )
    if parsed is None:
        return IngestResult("failed", issue.content_hash, issue.id, error=error)
    issue.parser_version = PARSER_VERSION
    issue.error = None
    return _apply_parse(session, issue, parsed, source, list(issue.articles), issue.received_at)


def parse_checked(
    data: bytes, filename: str | None, max_bytes: int, *, size: int | None = None
) -> tuple[str | None, ParsedIssue | None]:
    """Parse, or say in one sentence why this input cannot become articles."""
    if len(data) > max_bytes:
        return (
            f"file is {size or len(data):,} bytes, over the limit of {max_bytes:,} "
            "(PAPERFEED_MAX_BYTES)",
            None,
        )
    if not data.strip():
        return "empty file: no issue text", None
    try:
        parsed = parse_bytes(data, filename=filename)
    except ParseError as exc:
        return str(exc), None
    if not parsed.articles:
        return "no articles found: no headline followed by text was recognised", None
    return None, parsed


def ensure_source(session: Session, source: SourceConfig) -> Source:
    """The source row for `source`, created on first use (looked up first: it nearly always
    exists, and the lookup is the one statement needed then)."""
    row = session.execute(select(Source).where(Source.name == source.name)).scalar_one_or_none()
    if row is not None:
        return row
    insert_ignoring_conflict(
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


def _earlier_versions(session: Session, source: Source, parsed: ParsedIssue) -> list[Issue]:
    """Stored issues this one corrects: same source and date, sharing a page.

    Undated issues are never treated as corrections: nothing says they are the same issue.
    """
    if parsed.date is None:
        return []
    # First the ids of that date, from the date's index alone; nearly always there are none.
    # (Given all three conditions at once, SQLite walks the source's index instead and reads
    # every issue of the source, raw bytes included: a back-fill would slow down with each
    # file.) Then the rows, locked, with every condition checked again under the lock.
    same_day = session.scalars(select(Issue.id).where(Issue.issue_date == parsed.date)).all()
    if not same_day:
        return []
    pages = {p.number for p in parsed.pages}
    candidates = session.scalars(
        select(Issue)
        .where(Issue.id.in_(same_day))
        .where(Issue.source_id == source.id, Issue.issue_date == parsed.date)
        .where(Issue.status == "ingested")
        .order_by(Issue.id)
        .with_for_update()
    ).all()
    return [old for old in candidates if pages & {a.page for a in old.articles}]


def _apply_parse(
    session: Session,
    issue: Issue,
    parsed: ParsedIssue,
    source: SourceConfig,
    before: list[Article],
    received_at: dt.datetime,
) -> IngestResult:
    """Make `issue`'s articles what `parsed` says, reusing the matching rows of `before`."""
    issue.status = "ingested"
    issue.encoding = parsed.encoding
    issue.publication = parsed.publication or source.publication
    issue.issue_date = parsed.date
    issue.page_count = len(parsed.pages)
    issue.warnings = [{"line": w.line, "message": w.message} for w in parsed.warnings]
    session.flush()
    now = dt.datetime.now(dt.UTC)
    published = _published_at(parsed.date, received_at, source)
    day = parsed.date or received_at.astimezone(source.tz).date()
    section_names = article_sections(parsed, source)
    # Create sections and people in one sorted order before anything else: two workers
    # inserting the same new names in different orders would deadlock on PostgreSQL.
    sections = section_rows(session, section_names)
    people = person_rows(session, (name for a in parsed.articles for name, _ in a.credits()))
    if not before:
        dirty = _store_new(
            session, issue, parsed, source.name, day, section_names, sections, people,
            published, now,
        )  # fmt: skip
        mark_dirty(session, dirty, now)
        return IngestResult(
            "ingested",
            issue.content_hash,
            issue.id,
            articles=len(parsed.articles),
            feeds=tuple(sorted(dirty)),
            warnings=len(parsed.warnings),
            changed=len(parsed.articles),
        )
    counted = memberships(session, before)  # feed sizes: see count_feeds below
    pairs = match_articles(parsed.articles, before)
    dirty: dict[str, dt.datetime] = {}
    taken_keys: set[str] = set()
    changed = 0
    for seq, (parsed_article, old) in enumerate(pairs):
        section_name = section_names[seq]
        section = sections[section_name]
        digest = article_hash(parsed_article, section_name)
        article = old
        if article is None:
            key = _fresh_key(session, source.name, day, parsed_article, taken_keys)
            article = Article(key=key, published_at=published, updated_at=now, content_hash="")
            session.add(article)
        else:
            if article.content_hash == digest and article.withdrawn_at is None:
                # Unchanged: only its place in the issue may move; no feed changes.
                article.issue_id, article.seq = issue.id, seq
                taken_keys.add(article.key)
                continue
            # The feeds it leaves, if its section or people change.
            note_change(dirty, feeds_of(session, article), article.published_at)
        taken_keys.add(article.key)
        article.issue_id, article.section_id, article.seq = issue.id, section.id, seq
        article.page, article.kind = parsed_article.page, parsed_article.kind
        article.kicker, article.headline = parsed_article.kicker, parsed_article.headline
        article.subtitle, article.dateline = parsed_article.subtitle, parsed_article.dateline
        article.paragraphs = list(parsed_article.paragraphs)
        article.published_at = published
        article.withdrawn_at = None
        if article.content_hash != digest:
            article.updated_at = now  # a real change of the content, nothing else
            article.content_hash = digest
            session.flush()
            _set_credits(session, article, parsed_article.credits())
            changed += 1
        note_change(dirty, feeds_of(session, article), article.published_at)
    withdrawn = 0
    for old in before:
        if old.key not in taken_keys and old.withdrawn_at is None:
            old.withdrawn_at = now
            note_change(dirty, feeds_of(session, old), old.published_at)
            withdrawn += 1
    session.flush()
    sync_credit_times(session, issue.id)
    count_feeds(session, counted, issue.id, before)
    mark_dirty(session, dirty, now)
    return IngestResult(
        "ingested",
        issue.content_hash,
        issue.id,
        articles=len(parsed.articles),
        feeds=tuple(sorted(dirty)),
        warnings=len(parsed.warnings),
        changed=changed,
        withdrawn=withdrawn,
    )


def article_sections(parsed: ParsedIssue, source: SourceConfig) -> list[str]:
    """Each article's section: its page header's, else the source's page map, else the
    source's default.

    >>> from worker.parsing import parse_issue
    >>> issue = parse_issue("第02版：城市\\n\\n标题\\n\\n本报讯（记者王孟鹤）正文。")
    >>> article_sections(issue, SourceConfig(name="s", kind="drop", publication="p",
    ...                                      section="要闻"))
    ['城市']
    """
    headers = {p.number: p.section for p in parsed.pages if p.section}
    return [
        article.section
        or headers.get(article.page)
        or source.section_for(article.page)
        or source.section
        for article in parsed.articles
    ]


def _store_new(
    session: Session,
    issue: Issue,
    parsed: ParsedIssue,
    source: str,
    day: dt.date,
    section_names: list[str],
    sections: Mapping[str, Section],
    people: Mapping[str, Person],
    published: dt.datetime,
    now: dt.datetime,
) -> dict[str, dt.datetime]:
    """Store the articles of an issue that corrects none: what `_apply_parse` does for
    articles without an earlier version, in a number of statements that does not grow with
    the issue (one key lookup, one insert of the articles, one of their credits, one of the
    feed counts); a back-fill is nothing but such issues. Returns the feeds it changed, each
    with the issue's publication time.

    Rows are made in the order the article-by-article path makes them (articles in issue
    order, each one's credits in position order), so ids come out the same; credits get
    their article's publication time here, with no `sync_credit_times` afterwards.
    """
    keys = _fresh_keys(session, source, day, parsed.articles)
    rows: list[dict[str, Any]] = []
    for seq, (a, section_name, key) in enumerate(
        zip(parsed.articles, section_names, keys, strict=True)
    ):
        rows.append({
            "key": key, "issue_id": issue.id, "section_id": sections[section_name].id,
            "seq": seq, "page": a.page, "kind": a.kind, "kicker": a.kicker,
            "headline": a.headline, "subtitle": a.subtitle, "dateline": a.dateline,
            "paragraphs": list(a.paragraphs), "content_hash": article_hash(a, section_name),
            "published_at": published, "updated_at": now, "withdrawn_at": None,
        })  # fmt: skip
    # Core inserts: the rows are plain values, no ORM objects to build and track. One
    # multi-row insert, its rows inserted in issue order: ids ascend with `seq`. RETURNING
    # promises no order of its rows on SQLite, so each id comes back with its `seq`.
    connection = session.connection()
    returned = connection.execute(
        insert(Article.__table__).returning(Article.seq, Article.id), rows
    )
    by_seq: dict[int, int] = {seq: article_id for seq, article_id in returned}
    ids = [by_seq[seq] for seq in range(len(rows))]
    credits: list[dict[str, Any]] = []
    counts: Counter[str] = Counter()
    for article_id, a, section_name in zip(ids, parsed.articles, section_names, strict=True):
        slugs = []
        for position, (name, role) in enumerate(a.credits()):
            person = people[name]
            credits.append({
                "article_id": article_id, "person_id": person.id, "role": role,
                "position": position, "published_at": published,
            })  # fmt: skip
            slugs.append(person.slug)
        counts.update(feed_keys(sections[section_name].slug, slugs))
    if credits:
        connection.execute(insert(Credit.__table__), credits)
    add_to_feed_counts(session, counts)
    return dict.fromkeys(counts, published)


def _fresh_keys(
    session: Session, source: str, day: dt.date, articles: Sequence[ParsedArticle]
) -> list[str]:
    """The keys `_fresh_key` gives the articles of a new issue one after the other, from
    one query for the usual issue: it asks for every key the issue could need if none were
    stored yet (a headline printed n times on a page needs occurrences 1 to n), and asks
    again only for the keys a stored article turned out to hold already."""
    first = [article_key(source, day, a) for a in articles]
    repeats = Counter(first)
    wanted = {
        article_key(source, day, a, n)
        for a, key in zip(articles, first, strict=True)
        for n in range(1, repeats[key] + 1)
    }
    checked: set[str] = set()
    stored: set[str] = set()
    while True:
        stored |= _stored_keys(session, wanted - checked)
        checked |= wanted
        keys: list[str] = []
        taken: set[str] = set()
        wanted = set()
        for a, first_key in zip(articles, first, strict=True):
            for occurrence in range(1, 1000):
                key = article_key(source, day, a, occurrence)
                if key in taken or key in stored:
                    continue
                if key not in checked:
                    # Not asked yet: ask for it and the next few at once.
                    wanted.update(
                        article_key(source, day, a, n)
                        for n in range(occurrence, min(occurrence + repeats[first_key], 1000))
                    )
                    break
                keys.append(key)
                taken.add(key)
                break
            else:
                raise RuntimeError(f"no free article key for {a.headline!r}")
        if not wanted:
            return keys


def _stored_keys(session: Session, keys: set[str]) -> set[str]:
    """Which of `keys` an article (of any issue) holds already."""
    found: set[str] = set()
    ordered = sorted(keys)
    for start in range(0, len(ordered), IN_CHUNK):
        chunk = ordered[start : start + IN_CHUNK]
        found.update(session.scalars(select(Article.key).where(Article.key.in_(chunk))))
    return found


def _set_credits(session: Session, article: Article, credits: list[tuple[str, str]]) -> None:
    from worker.models import Credit

    article.credits.clear()
    session.flush()
    for position, (name, role) in enumerate(credits):
        person = person_row(session, name)
        credit = Credit(person_id=person.id, role=role, position=position)
        credit.published_at = article.published_at
        article.credits.append(credit)


def _fresh_key(
    session: Session, source: str, day: dt.date, parsed_article: Any, taken: set[str]
) -> str:
    """A key for a new article; a second article with the same headline on a page (a 简讯
    box) gets the next occurrence number."""
    for occurrence in range(1, 1000):
        key = article_key(source, day, parsed_article, occurrence)
        if key in taken:
            continue
        if session.scalar(select(Article.id).where(Article.key == key)) is None:
            return key
    raise RuntimeError(f"no free article key for {parsed_article.headline!r}")


def _published_at(
    date: dt.date | None, received_at: dt.datetime, source: SourceConfig
) -> dt.datetime:
    """An issue is published on its date, at midnight in the paper's zone; undated: on arrival."""
    if date is None:
        return received_at
    return dt.datetime.combine(date, dt.time(0, 0), tzinfo=source.tz)
