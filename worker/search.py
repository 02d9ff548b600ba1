"""Searching the archive: the articles a query matches, newest first, as feed entries
(`feeds.model.FeedEntry`) that the search page and the search feed both show.

The index (`worker.search_index`) narrows the articles to those holding every term of each
phrase; SQLite's FTS5 phrases and PostgreSQL's `<->` keep the terms in order. On PostgreSQL
a run is also looked for in the text of the few articles longer than tsvector positions
reach (`search_terms.beyond_positions`). Lone CJK characters, which no bigram holds, are
looked for in headlines.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Select, literal_column, select, text

from feeds.model import Credit as FeedCredit
from feeds.model import FeedEntry
from worker.models import Article, Credit, Person
from worker.publishing.entries import article_entry, whole_entry_rows
from worker.search_terms import Query, fts_match, phrase_runs, tsquery_literal


def find_ids(connection: Connection, query: Query, *, limit: int, offset: int = 0) -> list[int]:
    """Ids of the articles not withdrawn that match `query`, newest first: at most `limit`
    of them, after the first `offset`. An empty query matches nothing."""
    if query.empty:
        return []
    statement: Select[int] = select(Article.id).where(Article.withdrawn_at.is_(None))
    if query.phrases:
        statement = statement.where(Article.id.in_(_matching(connection, query)))
    for single in query.singles:
        # A CJK character holds no LIKE wildcard: nothing to escape.
        statement = statement.where(Article.headline.contains(single, autoescape=True))
    statement = statement.order_by(Article.published_at.desc(), Article.id.desc())
    return list(connection.scalars(statement.limit(limit).offset(offset)))


def _matching(connection: Connection, query: Query) -> Select[tuple[int]]:
    """The ids the index gives for the query's phrases, as a subquery."""
    if connection.dialect.name == "sqlite":
        return (
            select(literal_column("rowid", type_=Article.id.type))
            .select_from(text("article_search"))
            .where(text("article_search MATCH :match").bindparams(match=fts_match(query)))
        )
    # The GIN index finds the articles holding every term; positions then say whether they
    # stand in order, except in the few articles that keep their text because they are
    # longer than positions reach: there the text is searched instead.
    checks = " AND ".join(f"strpos(body, :run_{n}) > 0" for n in range(len(query.phrases)))
    runs = {f"run_{n}": run for n, run in enumerate(phrase_runs(query))}
    return (
        select(literal_column("article_id", type_=Article.id.type))
        .select_from(text("article_search"))
        .where(
            text(
                "terms @@ CAST(:every AS tsquery) AND (body IS NULL AND "
                f"terms @@ CAST(:ordered AS tsquery) OR body IS NOT NULL AND {checks})"
            ).bindparams(
                every=tsquery_literal(query, ordered=False),
                ordered=tsquery_literal(query),
                **runs,
            )
        )
    )


def load_entries(connection: Connection, ids: list[int], tz: ZoneInfo) -> list[FeedEntry]:
    """The feed entries of the articles `ids`, in the order of `ids`: body, credits (with
    their people's pages), section and paper, as in the published feeds."""
    if not ids:
        return []
    credits: dict[int, list[FeedCredit]] = {}
    for credit in connection.execute(
        select(Credit.article_id, Person.name, Credit.role, Person.slug)
        .join(Person, Person.id == Credit.person_id)
        .where(Credit.article_id.in_(ids))
        .order_by(Credit.article_id, Credit.position)
    ):
        credits.setdefault(credit.article_id, []).append(
            FeedCredit(credit.name, credit.role, credit.slug)
        )
    rows = connection.execute(whole_entry_rows(ids))
    found = {row.id: article_entry(row, tuple(credits.get(row.id, ())), tz) for row in rows}
    return [found[i] for i in ids if i in found]
