"""Storage helpers shared by ingest and re-ingest: article keys and content hashes, credit
times, and INSERT … ON CONFLICT on SQLite and PostgreSQL alike. Named rows are in
`worker.named_rows`, each feed's entries and dirty marks in `worker.feed_entries`."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from functools import cache
from typing import Any

from sqlalchemy import JSON, Connection, Table, Text, bindparam, cast, func, insert, select, update
from sqlalchemy.orm import Session

from worker.models import Article, Credit, table_of
from worker.parsing.model import ParsedArticle

_SPACE = re.compile(r"\s+")
# Values per `IN (...)` list: far below SQLite's and PostgreSQL's limits on bound parameters.
IN_CHUNK = 500


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


def sync_credit_times(session: Session, issue_id: int) -> None:
    """Give the credits of issue `issue_id`'s articles their article's publication time:
    one statement per ingest."""
    article_time = (
        select(Article.published_at).where(Article.id == Credit.article_id).scalar_subquery()
    )
    session.execute(
        update(Credit)
        .where(Credit.article_id.in_(select(Article.id).where(Article.issue_id == issue_id)))
        .values(published_at=article_time)
        .execution_options(synchronize_session=False)
    )


def dialect_insert(session: Session, model: Any) -> Any:
    """An INSERT of `model` (a table or model) in the session's dialect, with ON CONFLICT."""
    return insert_for(session.get_bind().dialect.name, model)


def insert_for(dialect: str, model: Any) -> Any:
    """An INSERT of `model` in `dialect` ("sqlite" or "postgresql"), with ON CONFLICT."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(model)
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(model)
    raise NotImplementedError(f"only SQLite and PostgreSQL are supported, not {dialect}")


def rows_at_once(dialect: str, statement: Any, column: Any) -> Any:
    """`statement` (an INSERT) made for many rows: on PostgreSQL, RETURNING `column`, which
    SQLAlchemy sends as one multi-row INSERT per 1,000 rows ("insertmanyvalues") where
    psycopg's `executemany` sends a statement per row; on SQLite unchanged (sqlite3 runs
    the rows of an `executemany` in C). Build it once per process (`functools.cache`)."""
    return statement.returning(column) if dialect == "postgresql" else statement


def insert_rows(
    connection: Connection, table: Table, columns: tuple[str, ...], rows: list[dict[str, Any]]
) -> None:
    """INSERT the rows (dicts of `columns`) into `table` in one statement: on PostgreSQL one
    array a column (`unnest_insert`), on SQLite an `executemany`, which sqlite3 runs in C."""
    if connection.dialect.name == "postgresql":
        connection.execute(unnest_insert(table, columns), column_arrays(table, columns, rows))
    else:
        connection.execute(_plain_insert(table), rows)


@cache
def unnest_insert(table: Table, columns: tuple[str, ...]) -> Any:
    """PostgreSQL's INSERT of rows given as one array a column (`column_arrays`): `INSERT …
    SELECT unnest(:a), unnest(:b), …`, whose text does not change with the number of rows,
    so psycopg parses it once per process and the server prepares it, where a multi-row
    VALUES is new text for every count of rows. Built once per process."""
    from sqlalchemy.dialects.postgresql import ARRAY
    from sqlalchemy.dialects.postgresql import insert as pg_insert

    # Set-returning functions side by side in a select list give their rows in step
    # (PostgreSQL 10 and later): row n takes each array's nth value. JSON values travel as
    # their text (an array of JSON would read a list as a dimension) and are cast back.
    arrays = [
        cast(func.unnest(bindparam(c, type_=ARRAY(Text))), table.c[c].type)
        if isinstance(table.c[c].type, JSON)
        else func.unnest(bindparam(c, type_=ARRAY(table.c[c].type)))
        for c in columns
    ]
    return pg_insert(table).from_select(list(columns), select(*arrays))


def column_arrays(
    table: Table, columns: tuple[str, ...], rows: list[dict[str, Any]]
) -> dict[str, list[Any]]:
    """The rows as `unnest_insert` takes them: column → its values; JSON as the engine's
    text of it (`worker.db.json_text`, as a JSON parameter is sent)."""
    from worker.db import json_text

    arrays: dict[str, list[Any]] = {}
    for c in columns:
        values = [row[c] for row in rows]
        if isinstance(table.c[c].type, JSON):
            values = [None if v is None else json_text(v) for v in values]
        arrays[c] = values
    return arrays


@cache
def _plain_insert(table: Table) -> Any:
    return insert(table)


def insert_ignoring_conflict(
    session: Session, model: type[Any], values: dict[str, Any] | list[dict[str, Any]]
) -> int:
    """INSERT … ON CONFLICT DO NOTHING of one row or several, on SQLite and PostgreSQL alike;
    returns the rows inserted (0: every one was there already)."""
    table = table_of(model)
    statement = dialect_insert(session, table).values(values).on_conflict_do_nothing()
    # The rows inserted come back (RETURNING): PostgreSQL's driver gives no row count for
    # an insert SQLAlchemy already asks the new key of.
    return len(session.execute(statement.returning(*table.primary_key)).all())


def upsert_replacing(session: Session, model: type[Any], rows: list[dict[str, Any]]) -> None:
    """INSERT the rows, or replace every other column of the stored ones (ON CONFLICT DO
    UPDATE with the new values)."""
    if not rows:
        return
    # The rows as parameters of one statement (executemany), not as literal VALUES: a
    # statement built from the values is cached with them.
    statement = dialect_insert(session, model)
    keys = [c.name for c in table_of(model).primary_key]
    others = {c: getattr(statement.excluded, c) for c in rows[0] if c not in keys}
    session.execute(statement.on_conflict_do_update(index_elements=keys, set_=others), rows)


def upsert_adding(session: Session, model: type[Any], values: dict[str, Any], column: str) -> None:
    """INSERT the row, or add its `column` to the stored row's (ON CONFLICT DO UPDATE)."""
    statement = dialect_insert(session, model).values(**values)
    keys = [c.name for c in table_of(model).primary_key]
    total = getattr(model, column) + getattr(statement.excluded, column)
    session.execute(statement.on_conflict_do_update(index_elements=keys, set_={column: total}))
