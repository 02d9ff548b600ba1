"""Bulk loading of synthetic archives: the rows the ingest path would store, written directly.

Ingesting a million articles one issue at a time takes hours; benchmarks of publishing only
need the archive to exist. `load_archive` parses a few hundred template issues once, gives each
archive day a copy of one template with that day's date in its front matter (the bytes an
ingest of that file would see), and writes the paper, issues with their pages, sections,
people, articles, credits, feed entries and counts with PostgreSQL `COPY` (Core inserts on
SQLite) in the exact shape `worker.ingest` produces: same keys, hashes, slugs, sections, order
and ids; `benchmarks.equivalence` proves it by publishing a small archive both ways.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select, text

from benchmarks import synth
from feeds.slugs import slugify_name, slugify_section, unique_slug
from worker import live_counts
from worker.db import get_engine, json_text, session_scope, upgrade
from worker.delivery import published_times
from worker.editions import part_order
from worker.ingest import article_sections
from worker.models import (
    Article,
    Credit,
    Edition,
    EditionPart,
    FeedCount,
    FeedMember,
    Issue,
    Person,
    Publication,
    Section,
)
from worker.named_rows import ensure_source
from worker.parsing import PARSER_VERSION, parse_bytes
from worker.parsing.model import ParsedIssue
from worker.search_index import index_all
from worker.sources import SourceConfig
from worker.storage import article_hash, article_key

TEMPLATE_DATE = dt.date(2000, 1, 1)
FIRST_DAY = dt.date(1960, 1, 1)  # a 1 M archive of dailies spans 57 years from here
BATCH_ISSUES = 500


@dataclass
class Template:
    """One parsed template issue; copies differ only in their date."""

    data: bytes
    parsed: ParsedIssue
    hashes: list[str] = field(default_factory=list)  # article_hash of each article


def templates(count: int, shape: dict[str, Any], *, first_seed: int = 1) -> list[Template]:
    """`count` distinct synthetic issues of `shape`, parsed once."""
    made = []
    for seed in range(first_seed, first_seed + count):
        data = synth.make_issue(seed, date=TEMPLATE_DATE, **shape)
        made.append(Template(data, parse_bytes(data)))
    return made


def issue_bytes(template: Template, day: dt.date) -> bytes:
    """The template's bytes with `day` in the front matter."""
    old = f"date: {TEMPLATE_DATE.isoformat()}\n".encode()
    return template.data.replace(old, f"date: {day.isoformat()}\n".encode(), 1)


def archive_days(issues: int, first_day: dt.date = FIRST_DAY) -> Iterator[dt.date]:
    return (first_day + dt.timedelta(days=n) for n in range(issues))


@dataclass
class LoadReport:
    issues: int
    articles: int
    credits: int
    seconds: float


class ArchiveRows:
    """Row values in ingest order, with the named rows and keys the ingest would make."""

    def __init__(
        self, source: SourceConfig, source_id: int, paper: tuple[int, str], now: dt.datetime
    ) -> None:
        self.source, self.source_id, self.now = source, source_id, now
        self.paper_id, self.paper_slug = paper
        self.sections: dict[str, tuple[int, str]] = {}
        self.people: dict[str, tuple[int, str]] = {}
        self.keys: set[str] = set()
        self.counts: dict[str, int] = {}
        self.revisions: dict[str, int] = {}
        self.issues: list[tuple[Any, ...]] = []
        self.editions: list[tuple[Any, ...]] = []
        self.parts: list[tuple[Any, ...]] = []
        self.articles: list[tuple[Any, ...]] = []
        self.credits: list[tuple[Any, ...]] = []
        self.members: list[tuple[Any, ...]] = []
        self.issue_id = self.article_id = 0
        self.new_sections: list[dict[str, Any]] = []
        self.new_people: list[dict[str, Any]] = []

    def named(
        self, table: dict[str, tuple[int, str]], new: list[dict[str, Any]], name: str, base: str
    ) -> tuple[int, str]:
        """A section's or person's (id, slug), made the way `worker.named_rows` makes them."""
        found = table.get(name)
        if found is None:
            taken = {slug for _, slug in table.values() if slug.startswith(base)}
            found = table[name] = (len(table) + 1, unique_slug(base, taken))
            new.append(
                {"id": found[0], "name": name, "slug": found[1], "publication_id": self.paper_id}
            )
        return found

    def add_issue(self, template: Template, day: dt.date) -> None:
        data = issue_bytes(template, day)
        parsed = dataclasses.replace(template.parsed, date=day)
        source, now = self.source, self.now
        self.issue_id += 1
        parts = sorted({str(a.page) for a in parsed.articles}, key=part_order)
        self.issues.append((
            self.issue_id, self.source_id, hashlib.sha256(data).hexdigest(), data, len(data),
            f"{day.isoformat()}.txt", parsed.encoding, PARSER_VERSION, "ingested", None,
            parsed.publication or source.publication, day, len(parts),
            json_text([{"line": w.line, "message": w.message} for w in parsed.warnings]),
            now, now, None, self.issue_id, None, "name", json_text(parts), json_text([]),
        ))  # fmt: skip
        # One file an issue: the edition's id is the file's.
        self.editions.append((self.issue_id, self.source_id, self.paper_id, day, False, now))
        self.parts.extend((self.issue_id, part, int(part), self.issue_id, now) for part in parts)
        published = published_times(day, parsed.articles, source)
        taken: set[str] = set()
        section_names = article_sections(parsed.articles, parsed, source)
        # The ingest creates an issue's new sections, then its new people, in sorted order.
        for name in sorted(set(section_names)):
            self.named(self.sections, self.new_sections, name, slugify_section(name))
        for name in sorted({name for a in parsed.articles for name, _ in a.credits()}):
            self.named(self.people, self.new_people, name, slugify_name(name))
        feeds_of: list[set[str]] = []
        for seq, article in enumerate(parsed.articles):
            section_name = section_names[seq]
            section_id, section_slug = self.named(
                self.sections, self.new_sections, section_name, slugify_section(section_name)
            )
            if len(template.hashes) <= seq:
                template.hashes.append(article_hash(article, section_name))
            key = next(
                k
                for n in range(1, 1000)
                if (k := article_key(source.name, day, article, n)) not in taken
                and k not in self.keys
            )
            taken.add(key)
            self.keys.add(key)
            self.article_id += 1
            self.articles.append((
                self.article_id, key, self.issue_id, section_id, seq, article.page, article.kind,
                article.kicker, article.headline, article.subtitle, article.dateline,
                json_text(list(article.paragraphs)), template.hashes[seq], published[seq], now,
                None, self.issue_id, str(article.page),
            ))  # fmt: skip
            feeds = {"all", f"paper:{self.paper_slug}", f"section:{section_slug}"}
            for position, (name, role) in enumerate(article.credits()):
                person_id, slug = self.named(self.people, self.new_people, name, slugify_name(name))
                self.credits.append((self.article_id, person_id, role, position, published[seq]))
                feeds.add(f"person:{slug}")
            feeds_of.append(feeds)
        self.number_entries(feeds_of)

    def number_entries(self, feeds_of: list[set[str]]) -> None:
        """Each feed the issue reaches (`feeds_of` its articles, in print order) moves to
        its next revision; its new entries are numbered in print order
        (`worker.feed_entries.sync_members`)."""
        for key in sorted(set().union(*feeds_of)):
            self.revisions[key] = self.revisions.get(key, 0) + 1
        first_article = self.article_id - len(feeds_of) + 1
        for offset, feeds in enumerate(feeds_of):
            for key in sorted(feeds):
                self.counts[key] = self.counts.get(key, 0) + 1
                self.members.append(
                    (key, self.counts[key], first_article + offset, True, self.revisions[key])
                )

    def take(self) -> dict[str, list[Any]]:
        batch = {
            "sections": self.new_sections, "people": self.new_people, "issues": self.issues,
            "editions": self.editions, "edition_parts": self.parts, "articles": self.articles,
            "credits": self.credits, "feed_entries": self.members,
        }  # fmt: skip
        self.new_sections, self.new_people = [], []
        self.issues, self.editions, self.parts = [], [], []
        self.articles, self.credits, self.members = [], [], []
        return batch


COLUMNS: dict[str, tuple[str, ...]] = {
    "editions": ("id", "source_id", "publication_id", "issue_date", "date_guessed", "created_at"),
    "issues": (
        "id", "source_id", "content_hash", "raw", "size", "filename", "encoding",
        "parser_version", "status", "error", "publication", "issue_date", "page_count",
        "warnings", "received_at", "ingested_at", "superseded_by_id", "edition_id",
        "modified_at", "date_from", "parts", "corrected",
    ),
    "edition_parts": ("edition_id", "part", "page", "issue_id", "updated_at"),
    "articles": (
        "id", "key", "issue_id", "section_id", "seq", "page", "kind", "kicker", "headline",
        "subtitle", "dateline", "paragraphs", "content_hash", "published_at", "updated_at",
        "withdrawn_at", "edition_id", "part",
    ),
    "credits": ("article_id", "person_id", "role", "position", "published_at"),
    "feed_entries": ("feed_key", "seq", "article_id", "live", "revision"),
}  # fmt: skip
MODELS: dict[str, Any] = {
    "editions": Edition, "issues": Issue, "edition_parts": EditionPart, "articles": Article,
    "credits": Credit, "feed_entries": FeedMember,
}  # fmt: skip


def load_archive(
    url: str,
    day_templates: Sequence[tuple[dt.date, Template]],
    *,
    source: SourceConfig,
    now: dt.datetime | None = None,
    feed_size: int | None = None,
    search: bool = True,
) -> LoadReport:
    """Write one issue per (day, template) into the empty, migrated database at `url`.

    With `search`, the articles are indexed for search (`worker.search_index.index_all`)
    as their ingest would have; benchmarks that never search may skip it.

    With `feed_size`, each feed's chain is recorded as if a publish with that feed size had
    written it (`feed_archives`, `feed_pages`), so the next publish is an incremental one;
    without it, the next publish writes every feed whole."""
    started = time.perf_counter()
    now = now or dt.datetime.now(dt.UTC)
    upgrade(url)
    with session_scope(url) as session:
        source_id = ensure_source(session, source).id
        # Every template is one paper's (its front matter's, else the source's).
        name = (day_templates[0][1].parsed.publication if day_templates else None) or (
            source.publication
        )
        paper = Publication(name=name, slug=unique_slug(slugify_section(name), ()))
        session.add(paper)
        session.flush()
        paper_row = (paper.id, paper.slug)
    engine = get_engine(url)
    rows = ArchiveRows(source, source_id, paper_row, now)
    postgres = engine.dialect.name == "postgresql"
    restore = _drop_checks(engine) if postgres else []
    articles = credits = 0
    for n, (day, template) in enumerate(day_templates, 1):
        rows.add_issue(template, day)
        if n % BATCH_ISSUES == 0 or n == len(day_templates):
            batch = rows.take()
            articles += len(batch["articles"])
            credits += len(batch["credits"])
            with engine.begin() as conn:  # before the articles that refer to them
                for model, table in ((Section, "sections"), (Person, "people")):
                    if batch[table]:
                        conn.execute(insert(model), batch[table])
            write = _copy if postgres else _insert
            for table in COLUMNS:
                write(engine, table, COLUMNS[table], batch[table])
    _finish(engine, rows, postgres, restore, feed_size, search)
    return LoadReport(len(day_templates), articles, credits, time.perf_counter() - started)


def _drop_checks(engine: Engine) -> list[str]:
    """Drop the foreign keys and secondary indexes of the tables written by `COPY`, and
    return the statements that make them again (`_finish`): PostgreSQL checks each foreign
    key by a query per row, and builds an index over a loaded table many times faster than
    it maintains one row by row. Primary keys and unique constraints stay."""
    tables = ", ".join(f"'{table}'::regclass" for table in COLUMNS)
    with engine.begin() as conn:
        keys = conn.execute(
            text(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
                f"FROM pg_constraint WHERE contype = 'f' AND conrelid IN ({tables})"
            )
        ).all()
        indexes = conn.execute(
            text(
                "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
                f"WHERE indrelid IN ({tables}) AND NOT indisprimary AND NOT indisunique"
            )
        ).all()
        for table, name, _ in keys:
            conn.execute(text(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"'))
        for name, _ in indexes:
            conn.execute(text(f"DROP INDEX {name}"))
    return [definition for _, definition in indexes] + [
        f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
        for table, name, definition in keys
    ]


def _copy(engine: Engine, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    raw = engine.raw_connection()
    try:
        with raw.driver_connection.cursor() as cursor:  # type: ignore[union-attr]
            names = ", ".join(columns)
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        raw.commit()
    finally:
        raw.close()


def _insert(
    engine: Engine, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    if not rows:
        return
    model = MODELS[table]
    json_columns = {"warnings", "paragraphs", "parts", "corrected"}
    values = [
        {c: json.loads(v) if c in json_columns else v for c, v in zip(columns, row, strict=True)}
        for row in rows
    ]
    with engine.begin() as conn:
        conn.execute(insert(model), values)


def _finish(
    engine: Engine,
    rows: ArchiveRows,
    postgres: bool,
    restore: Sequence[str],
    feed_size: int | None,
    search: bool,
) -> None:
    """Feed counts, the chains' records (`load_archive`), the search index and, on
    PostgreSQL, the dropped indexes and foreign keys made again (`restore`), sequences past
    the ids written, and fresh statistics."""
    with engine.begin() as conn:
        if restore:
            conn.execute(text("SET LOCAL maintenance_work_mem = '256MB'"))
        for statement in restore:
            conn.execute(text(statement))
        conn.execute(delete(FeedCount))  # the migration's counts of the empty database
        counts = [
            {"key": k, "total": v, "added": v, "revision": rows.revisions[k]}
            for k, v in sorted(rows.counts.items())
        ]
        conn.execute(insert(FeedCount), counts)
        live_counts.recount(conn)  # what every ingest keeps: issues' and people's counts
        if feed_size is not None:
            _record_chains(conn, rows, feed_size)
        if search:
            index_all(conn)
        if postgres:
            for table in ("issues", "editions", "articles", "sections", "people"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
                    )
                )
            conn.execute(text("ANALYZE"))


def _record_chains(conn: Any, rows: ArchiveRows, size: int) -> None:
    """What a publish writing every feed whole records (`publishing.documents._record`)."""
    from worker.models import FeedArchive, FeedPage
    from worker.publishing.plans import archived_pages

    archives, pages = [], []
    for key, total in sorted(rows.counts.items()):
        count = archived_pages(total, size)
        archives.append({
            "key": key, "pages": count, "size": size, "revision": rows.revisions[key],
            "entries": total,
        })  # fmt: skip
        pages.append({"key": key, "number": 0, "entries": total - count * size})
        pages.extend({"key": key, "number": n, "entries": size} for n in range(1, count + 1))
    conn.execute(insert(FeedArchive), archives)
    for start in range(0, len(pages), 10_000):
        conn.execute(insert(FeedPage), pages[start : start + 10_000])


def count_articles(url: str) -> int:
    with session_scope(url, write=False) as session:
        return session.scalar(select(func.count()).select_from(Article)) or 0
