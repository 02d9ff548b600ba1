"""The search index, `article_search`, kept in step with the articles: one row per article
not withdrawn, its terms (`worker.search_terms`) over headline, kicker, subtitle, the names
credited and the body.

SQLite holds it in an FTS5 table (rowid = article id, one column of space-separated terms);
PostgreSQL in a table with a `tsvector` built from a literal (no text parser, so no locale
can drop CJK characters), a GIN index on it, and the normalized text of the articles too
long for tsvector positions, for their phrase checks.
Neither is a model: FTS5 tables are virtual, and the two databases' tables differ.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from sqlalchemy import (
    Connection,
    Integer,
    Text,
    bindparam,
    cast,
    column,
    func,
    insert,
    select,
    table,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, TSVECTOR

from worker.models import Article, Credit, Person
from worker.search_terms import fts_document, search_text, tsvector_document

TABLE = "article_search"
CHUNK = 1000  # articles read and written per statement


def is_search_table(name: str | None) -> bool:
    """Whether `name` is the index or one of the tables FTS5 keeps behind it
    (`article_search_data`, `_idx`, …): left out of the models/migrations comparison."""
    return name is not None and (name == TABLE or name.startswith(TABLE + "_"))


def article_fields(row: Any, names: Sequence[str]) -> list[str | None]:
    """The indexed text of an article row, in the order phrases may not cross."""
    return [row.headline, row.kicker, row.subtitle, *names, *row.paragraphs]


def index_articles(connection: Connection, ids: Iterable[int]) -> int:
    """Make the index rows of the articles `ids` what the articles say now: replaced for
    those not withdrawn, removed for the others (and for ids no article has). Called by
    every ingest with the articles it stored, changed or withdrew. Returns the rows written.
    """
    chosen = sorted(set(ids))
    written = 0
    for start in range(0, len(chosen), CHUNK):
        chunk = chosen[start : start + CHUNK]
        _delete(connection, chunk)
        written += _insert(connection, _documents(connection, chunk))
    return written


def index_new(connection: Connection, documents: Sequence[tuple[int, list[str | None]]]) -> int:
    """Index articles the caller has just inserted, from the fields it holds (`(id,
    article_fields(...))`): nothing to read back, and nothing to replace (articles are never
    deleted, so a new id never had an index row). Returns the rows written."""
    written = 0
    for start in range(0, len(documents), CHUNK):
        written += _insert(connection, list(documents[start : start + CHUNK]))
    return written


def index_all(connection: Connection, after: int = 0) -> int:
    """Index every article with an id above `after` (all of them by default), a chunk at a
    time: for the migration that creates the index and for archives loaded in bulk, whose
    rows never went through an ingest. Returns the rows written."""
    written = 0
    while True:
        chunk = list(
            connection.scalars(
                select(Article.id).where(Article.id > after).order_by(Article.id).limit(CHUNK)
            )
        )
        if not chunk:
            return written
        _delete(connection, chunk)
        written += _insert(connection, _documents(connection, chunk))
        after = chunk[-1]


def _documents(connection: Connection, ids: list[int]) -> list[tuple[int, list[str | None]]]:
    """`(article id, fields)` of the articles among `ids` that are not withdrawn."""
    names: dict[int, list[str]] = {}
    for credit in connection.execute(
        select(Credit.article_id, Person.name)
        .join(Person, Person.id == Credit.person_id)
        .where(Credit.article_id.in_(ids))
        .order_by(Credit.article_id, Credit.position)
    ):
        found = names.setdefault(credit.article_id, [])
        if credit.name not in found:  # one person in two roles is one name
            found.append(credit.name)
    rows = connection.execute(
        select(Article.id, Article.headline, Article.kicker, Article.subtitle, Article.paragraphs)
        .where(Article.id.in_(ids), Article.withdrawn_at.is_(None))
        .order_by(Article.id)
    )
    return [(row.id, article_fields(row, names.get(row.id, []))) for row in rows]


def _delete(connection: Connection, ids: list[int]) -> None:
    column = "rowid" if connection.dialect.name == "sqlite" else "article_id"
    statement = text(f"DELETE FROM {TABLE} WHERE {column} IN :ids")
    connection.execute(statement.bindparams(bindparam("ids", expanding=True)), {"ids": ids})


def _insert(connection: Connection, documents: list[tuple[int, list[str | None]]]) -> int:
    if not documents:
        return 0
    if connection.dialect.name == "sqlite":
        connection.execute(
            text(f"INSERT INTO {TABLE} (rowid, terms) VALUES (:id, :terms)"),
            [{"id": i, "terms": fts_document(fields)} for i, fields in documents],
        )
    else:
        rows = [_tsvector_row(i, f) for i, f in documents]
        arrays = {name: [row[name] for row in rows] for name in ("id", "terms", "body")}
        connection.execute(_tsvector_insert(), arrays)
    return len(documents)


@cache
def _tsvector_insert() -> Any:
    """PostgreSQL's index insert of the rows of a call, given one array a column
    (`worker.storage.insert_rows` says why); built once per process."""
    index = table(TABLE, column("article_id"), column("terms"), column("body"))
    arrays = select(
        func.unnest(bindparam("id", type_=ARRAY(Integer))),
        cast(func.unnest(bindparam("terms", type_=ARRAY(Text))), TSVECTOR),
        func.unnest(bindparam("body", type_=ARRAY(Text))),
    )
    return insert(index).from_select(["article_id", "terms", "body"], arrays)


def _tsvector_row(article_id: int, fields: list[str | None]) -> dict[str, Any]:
    """A PostgreSQL index row; `body`, the normalized text, only for an article too long
    for the positions a tsvector keeps (most rows need no text, and no phrase check costs
    a read of it)."""
    terms, beyond = tsvector_document(fields)
    return {"id": article_id, "terms": terms, "body": search_text(fields) if beyond else None}


def include_in_comparison(name: str | None, kind: str, parents: Any) -> bool:
    """Alembic's `include_name` hook: the search tables are made by migration 0013 in SQL of
    each database (an FTS5 virtual table and its shadow tables on SQLite), not from the
    models, so autogenerate must not read them as tables to drop."""
    return not (kind == "table" and is_search_table(name))
