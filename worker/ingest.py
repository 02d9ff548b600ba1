"""Ingest: one delivered file in, its pages stored in their issue, in one transaction.

An issue is what one paper printed on one day: (source, date). A file contributes the pages
it holds (`worker.delivery` says which, and the date); a file that says no page number is a
part of the issue named by its file name, so two different files never replace each other.
A file carrying pages the issue already has is a correction of those pages only: their
articles keep their keys, `updated` moves only where the text changed, and articles that
vanished from them are withdrawn from every feed but kept. Articles of other pages are not
touched. The same bytes twice change nothing (the content hash is unique); bytes that
cannot become articles are stored as a `failed` file with the reason. The feeds whose
entries changed are marked dirty in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, insert, inspect, select
from sqlalchemy.orm import Session, make_transient_to_detached

from worker.article_store import ArticleStore
from worker.delivery import Delivery, deliver, published_times
from worker.editions import articles_of, edition_for, held_parts, part_order, take_parts
from worker.feed_entries import mark_dirty
from worker.models import Edition, EditionPart, Issue, table_of
from worker.named_rows import Named, person_rows, publication_of, section_rows, source_id
from worker.parsing import PARSER_VERSION, parse_checked
from worker.parsing.model import ParsedArticle, ParsedIssue
from worker.pipelining import pipelined
from worker.sources import SourceConfig


@dataclass(frozen=True)
class IngestResult:
    """What one ingest did. `feeds` are the feed keys whose entries changed; `parts` the
    pages (or part) the file carried, `corrected` those of them an earlier file had."""

    status: str  # "ingested" | "duplicate" | "failed"
    content_hash: str
    issue_id: int | None = None
    articles: int = 0
    feeds: tuple[str, ...] = ()
    error: str | None = None
    warnings: int = 0
    changed: int = 0  # articles new or with new text
    withdrawn: int = 0
    edition_id: int | None = None
    parts: tuple[str, ...] = ()
    corrected: tuple[str, ...] = ()
    date_guessed: bool = False


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
    modified_at: dt.datetime | None = None,
    checked: tuple[str | None, ParsedIssue | None] | None = None,
) -> IngestResult:
    """Store `data` as a file of its issue in the session's transaction; the caller commits.

    When `data` is only the first `max_bytes + 1` bytes of an oversize file, `size` and
    `digest` describe the whole file. `modified_at` is the file's modification time: the
    issue's date when neither the text nor the file name says it. `checked` is
    `parse_checked`'s answer for `data` when the caller parsed it already, outside the
    transaction (on SQLite a write transaction holds the whole database: no other ingest
    may write while a slow file parses).
    """
    digest = digest or content_hash(data)
    existing = session.execute(_SAME_BYTES, {"digest": digest}).first()
    if existing is not None:
        return IngestResult("duplicate", digest, existing.id, error=existing.error)
    source_row_id = source_id(session, source)
    issue = Issue(
        source_id=source_row_id,
        content_hash=digest,
        raw=data,
        size=len(data),
        filename=filename,
        parser_version=PARSER_VERSION,
        received_at=received_at,
        ingested_at=dt.datetime.now(dt.UTC),
        page_count=0,
        warnings=[],
        modified_at=modified_at,
    )
    error, parsed = checked or parse_checked(data, filename, max_bytes, size=size)
    if parsed is None:
        issue.status, issue.error = "failed", error
        if len(data) > max_bytes:
            issue.raw = b""  # the file itself is kept in failed/; the database stays small
        session.add(issue)
        session.flush()
        return IngestResult("failed", digest, issue.id, error=error)
    issue.status = "ingested"
    delivery = deliver(parsed, filename, source, modified_at=modified_at, received_at=received_at)
    # A new edition holds every article of this file once it commits: counted as it is made.
    edition, publication, created = edition_for(
        session, source_row_id, source, parsed, delivery, filename,
        articles=len(delivery.articles),
    )  # fmt: skip
    # Written by `_apply_parse` once it has set everything on it: one INSERT instead of an
    # INSERT and two UPDATEs.
    return _apply_parse(
        session, issue, edition, delivery, source, set(delivery.parts),
        publication=publication, fresh=created,
    )  # fmt: skip


# An input stored before: the statement is built once, not per ingest.
_SAME_BYTES = select(Issue.id, Issue.error).where(Issue.content_hash == bindparam("digest"))


def reingest_issue(
    session: Session,
    issue_id: int,
    source: SourceConfig,
    *,
    checked: tuple[str | None, ParsedIssue | None] | None = None,
) -> IngestResult:
    """Parse a stored file again from its raw bytes, with today's parser.

    Only the parts of its issue the file still holds are touched (a later correction of
    one of its pages keeps that page). Articles are matched to the ones those parts had, so
    ids stay; only real changes move `updated`, and articles the new parse no longer finds
    are withdrawn. `checked`: the caller's parse of those bytes, made outside the
    transaction (see `ingest_bytes`).
    """
    issue = session.get(Issue, issue_id, with_for_update=True)
    if issue is None:
        raise LookupError(f"no stored file with id {issue_id}")
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
    delivery = deliver(
        parsed, issue.filename, source, modified_at=issue.modified_at,
        received_at=issue.received_at,
    )  # fmt: skip
    if issue.edition_id is None:  # stored as failed before: it joins its issue now
        edition, _, _ = edition_for(
            session, issue.source_id, source, parsed, delivery, issue.filename
        )
    else:
        found = session.get(Edition, issue.edition_id, with_for_update=True)
        assert found is not None
        edition = found
    held = dict(
        session.execute(
            select(EditionPart.part, EditionPart.issue_id).where(
                EditionPart.edition_id == edition.id
            )
        ).all()
    )
    # The parts this file holds, and any new part no other file holds.
    mine = {part for part in delivery.parts if held.get(part, issue.id) == issue.id}
    return _apply_parse(session, issue, edition, delivery, source, mine)


def _apply_parse(
    session: Session,
    issue: Issue,
    edition: Edition,
    delivery: Delivery,
    source: SourceConfig,
    carried: set[str],
    *,
    publication: Named | None = None,
    fresh: bool = False,
) -> IngestResult:
    """Make the articles of the parts in `carried` what `delivery` says, reusing the rows
    of the articles those parts had (in whichever file held them). `publication`: the
    edition's paper, when the caller holds it; `fresh`: the edition was created in this
    transaction, so no part of it has articles or a file yet."""
    pairs = zip(delivery.articles, delivery.parts, strict=True)
    articles = [(a, part) for a, part in pairs if part in carried]
    parsed = [a for a, _ in articles]
    parts = [part for _, part in articles]
    _describe(issue, edition, delivery, source, parts)
    now = dt.datetime.now(dt.UTC)
    # The issue row is written once its fields are all set (`corrected` too): the reads
    # below need nothing of it.
    with session.no_autoflush:
        before = [] if fresh else articles_of(session, edition.id, set(parts))
        held = {} if fresh else held_parts(session, edition.id)
    replaced = {part for part in parts if part in held and held[part].issue_id != issue.id}
    issue.corrected = sorted(replaced, key=part_order)
    if issue.id is None:
        _insert_issue(session, issue)
    session.flush()
    with pipelined(session):
        take_parts(session, issue, edition, delivery, set(parts), held, now)
        if publication is None:
            publication = publication_of(session, edition.publication_id)
        section_names = article_sections(parsed, delivery.parsed, source)
        # Create sections and people in one sorted order before anything else: two workers
        # inserting the same new names in different orders would deadlock on PostgreSQL.
        sections = section_rows(session, publication, section_names)
        people = person_rows(session, publication, (n for a in parsed for n, _ in a.credits()))
        published = published_times(edition.issue_date, parsed, source)
        context = ArticleStore(
            session, issue, edition, publication, source, sections, people, now, counted=fresh
        )
        if not before:
            dirty = context.store_new(parsed, parts, section_names, published)
            changed = len(parsed)
            withdrawn = 0
        else:
            dirty, changed, withdrawn = context.store_matched(
                parsed, parts, section_names, published, before
            )
        mark_dirty(session, dirty, now)
    return IngestResult(
        "ingested", issue.content_hash, issue.id, articles=len(parsed),
        feeds=tuple(sorted(dirty)), warnings=len(delivery.parsed.warnings), changed=changed,
        withdrawn=withdrawn, edition_id=edition.id, parts=tuple(issue.parts or ()),
        corrected=tuple(issue.corrected or ()), date_guessed=edition.date_guessed,
    )  # fmt: skip


def _insert_issue(session: Session, issue: Issue) -> None:
    """Write the row of a new `issue` with the values set on it (the columns' defaults for
    the others) and make `issue` the session's object for that row, as a flush would: a
    prebuilt Core INSERT, where the ORM's flush compiled its INSERT anew for every issue."""
    values = {k: v for k, v in inspect(issue).dict.items() if k in _ISSUE_COLUMNS}
    issue.id = session.connection().execute(_ISSUE_INSERT, values).scalar_one()
    make_transient_to_detached(issue)
    session.add(issue)


_ISSUE_COLUMNS = frozenset(column.key for column in table_of(Issue).columns) - {"id"}
_ISSUE_INSERT = insert(table_of(Issue)).returning(table_of(Issue).c.id)


def _describe(
    issue: Issue, edition: Edition, delivery: Delivery, source: SourceConfig, parts: list[str]
) -> None:
    """Set what the issue row says of the file: its paper, date, pages and warnings."""
    issue.status = "ingested"
    issue.encoding = delivery.parsed.encoding
    issue.publication = delivery.parsed.publication or source.publication
    issue.issue_date = edition.issue_date
    issue.edition_id = edition.id
    issue.date_from = delivery.date_from
    issue.page_count = len(set(parts))
    issue.warnings = [{"line": w.line, "message": w.message} for w in delivery.parsed.warnings]
    issue.parts = sorted(set(parts), key=part_order)


def article_sections(
    articles: Sequence[ParsedArticle], parsed: ParsedIssue, source: SourceConfig
) -> list[str]:
    """Each article's section: its page header's, else the source's page map, else the
    source's default.

    >>> from worker.parsing import parse_issue
    >>> issue = parse_issue("第02版：城市\\n\\n标题\\n\\n本报讯（记者王孟鹤）正文。")
    >>> article_sections(issue.articles, issue, SourceConfig(name="s", kind="drop",
    ...                  publication="p", section="要闻"))
    ['城市']
    """
    headers = {p.number: p.section for p in parsed.pages if p.section}
    return [
        article.section
        or headers.get(article.page)
        or source.section_for(article.page)
        or source.section
        for article in articles
    ]
