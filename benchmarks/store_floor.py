"""The floors under storing parsed issues: the rows the ingest writes for each file (the
issue with its raw bytes, its edition and parts, its articles, their new sections and
people, credits and feed entries), one transaction per file into a fresh migrated database,
written by SQLAlchemy Core bulk inserts, and by the driver alone (sqlite3 `executemany`,
psycopg `COPY`). Not in them: the search index, the feed counters and the dirty marks."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from typing import Any

from sqlalchemy import insert

from benchmarks import bulk

# The order the ingest (and the bulk loader) writes a file's rows: what they refer to first.
TABLES = ("sections", "people", *bulk.COLUMNS)
NAMED_COLUMNS = ("id", "name", "slug", "publication_id")
JSON_COLUMNS = {"warnings", "paragraphs", "parts", "corrected"}


def file_batches(url: str, issues: list[tuple[bytes, Any]]) -> list[dict[str, list[Any]]]:
    """Each file's rows as `bulk.ArchiveRows` makes them (the ingest's keys, slugs and ids),
    for the empty, migrated database at `url`: its source and paper are added here."""
    from feeds.slugs import slugify_section, unique_slug
    from worker.db import session_scope
    from worker.models import Publication
    from worker.named_rows import ensure_source
    from worker.sources import SourceConfig

    source = SourceConfig(name="bench", kind="drop", publication="青河日报", section="要闻")
    with session_scope(url) as session:
        source_id = ensure_source(session, source).id
        paper = Publication(name="青河日报", slug=unique_slug(slugify_section("青河日报"), ()))
        session.add(paper)
        session.flush()
        rows = bulk.ArchiveRows(source, source_id, (paper.id, paper.slug), dt.datetime.now(dt.UTC))
    batches = []
    for data, (_, parsed) in issues:
        rows.add_issue(bulk.Template(data, parsed), parsed.date)
        batch = rows.take()
        for table in ("sections", "people"):
            batch[table] = [tuple(row[c] for c in NAMED_COLUMNS) for row in batch[table]]
        batches.append(batch)
    return batches


def columns(table: str) -> tuple[str, ...]:
    return NAMED_COLUMNS if table in ("sections", "people") else bulk.COLUMNS[table]


def core_values(batches: list[dict[str, list[Any]]]) -> list[dict[str, list[dict[str, Any]]]]:
    """The batches as Core takes them: a dict per row, JSON columns as Python values."""
    made = []
    for batch in batches:
        made.append(
            {
                table: [
                    {
                        c: json.loads(v) if c in JSON_COLUMNS else v
                        for c, v in zip(columns(table), row, strict=True)
                    }
                    for row in batch[table]
                ]
                for table in TABLES
            }
        )
    return made


def core_store(url: str, batches: list[dict[str, list[Any]]]) -> tuple[float, float]:
    """(seconds, CPU seconds of this process) writing `batches` with Core `insert(Model)`
    and a list of rows (executemany; on PostgreSQL, multi-row VALUES), one transaction per
    file, on paperfeed's own engine (the same SQLite pragmas and BEGIN IMMEDIATE)."""
    from worker.db import get_engine
    from worker.models import Person, Section

    models = {"sections": Section, "people": Person, **bulk.MODELS}
    values = core_values(batches)
    engine = get_engine(url, write=True)
    started, cpu = time.perf_counter(), time.process_time()
    for batch in values:
        with engine.begin() as conn:
            for table in TABLES:
                if batch[table]:
                    conn.execute(insert(models[table]), batch[table])
    return time.perf_counter() - started, time.process_time() - cpu


def _sqlite_value(value: Any) -> Any:
    """What SQLAlchemy hands sqlite3 for a value: UTC text for a datetime, ISO dates."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def raw_sqlite_store(path: str, batches: list[dict[str, list[Any]]]) -> tuple[float, float]:
    """(seconds, CPU seconds) writing `batches` with sqlite3 alone: `executemany` of one
    INSERT per table, one BEGIN IMMEDIATE … COMMIT per file, paperfeed's pragmas."""
    values = [
        {t: [tuple(_sqlite_value(v) for v in row) for row in b[t]] for t in TABLES} for b in batches
    ]
    sql = {
        t: f"INSERT INTO {t} ({', '.join(columns(t))}) VALUES "
        f"({', '.join('?' for _ in columns(t))})"
        for t in TABLES
    }
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        for pragma in ("journal_mode=WAL", "busy_timeout=60000", "foreign_keys=ON",
                       "synchronous=NORMAL"):  # fmt: skip
            connection.execute(f"PRAGMA {pragma}")
        started, cpu = time.perf_counter(), time.process_time()
        for batch in values:
            connection.execute("BEGIN IMMEDIATE")
            for table in TABLES:
                if batch[table]:
                    connection.executemany(sql[table], batch[table])
            connection.execute("COMMIT")
        return time.perf_counter() - started, time.process_time() - cpu
    finally:
        connection.close()


def copy_store(url: str, batches: list[dict[str, list[Any]]]) -> tuple[float, float]:
    """(seconds, CPU seconds) writing `batches` with psycopg alone: one `COPY` per table,
    one transaction per file."""
    import psycopg
    from sqlalchemy.engine import make_url

    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo) as connection:
        started, cpu = time.perf_counter(), time.process_time()
        for batch in batches:
            with connection.transaction(), connection.cursor() as cursor:
                for table in TABLES:
                    if not batch[table]:
                        continue
                    names = ", ".join(columns(table))
                    with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                        for row in batch[table]:
                            copy.write_row(row)
        return time.perf_counter() - started, time.process_time() - cpu


def floors(kind: str, issues: list[tuple[bytes, Any]]) -> tuple[float, float]:
    """Articles per second (Core, driver alone) storing `issues`, each into a fresh
    database of `kind` (`benchmarks.storing.database`)."""
    from benchmarks.storing import database

    rates = []
    for write in ("core", "raw"):
        with database(kind) as url:
            batches = file_batches(url, issues)
            articles = sum(len(b["articles"]) for b in batches)
            if write == "core":
                seconds, _ = core_store(url, batches)
            elif kind == "sqlite":
                seconds, _ = raw_sqlite_store(url.removeprefix("sqlite:///"), batches)
            else:
                seconds, _ = copy_store(url, batches)
            rates.append(articles / seconds)
    return rates[0], rates[1]
