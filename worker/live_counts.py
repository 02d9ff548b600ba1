"""Counts kept beside the articles, changed in the transaction that changes the articles:
each issue's live articles (`Edition.live_articles`) and each person's live articles per
role (`PersonRole`). The papers' issue days and a person's page read them instead of
counting a history that grows with the archive.

An ingest that only adds articles adds what it inserted (`add_new`); one that may change,
move or withdraw stored articles counts the articles it touches before and after and
applies the difference (`Tally`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from worker.models import Article, Credit, Edition, PersonRole, table_of
from worker.storage import IN_CHUNK, insert_for, rows_at_once

RoleKey = tuple[int, str]  # (person id, role)


class Tally:
    """The live articles of a set of articles, per issue and per (person, role)."""

    def __init__(self, session: Session, article_ids: Iterable[int]) -> None:
        self.editions: Counter[int] = Counter()
        self.roles: Counter[RoleKey] = Counter()
        ids = sorted(set(article_ids))
        live = Article.withdrawn_at.is_(None)
        for start in range(0, len(ids), IN_CHUNK):
            chunk = ids[start : start + IN_CHUNK]
            per_edition = session.execute(
                select(Article.edition_id, func.count())
                .where(Article.id.in_(chunk), live)
                .group_by(Article.edition_id)
            )
            self.editions.update({e: n for e, n in per_edition if e is not None})
            per_role = session.execute(
                select(Credit.person_id, Credit.role, func.count())
                .join(Article, Article.id == Credit.article_id)
                .where(Credit.article_id.in_(chunk), live)
                .group_by(Credit.person_id, Credit.role)
            )
            self.roles.update({(person, role): n for person, role, n in per_role})

    def apply_change(self, session: Session, after: Tally) -> None:
        """Move the kept counts by what changed from this tally to `after`."""
        apply(
            session.connection(),
            _difference(self.editions, after.editions),
            _difference(self.roles, after.roles),
        )


def _difference(before: Mapping[Any, int], after: Mapping[Any, int]) -> dict[Any, int]:
    keys = before.keys() | after.keys()
    return {
        k: after.get(k, 0) - before.get(k, 0) for k in keys if after.get(k, 0) != before.get(k, 0)
    }


def add_new(
    connection: Connection, edition_id: int, articles: int, credits: Iterable[Mapping[str, Any]]
) -> None:
    """Count `articles` new live articles of one issue and their `credits` (rows of
    `credits`, as inserted)."""
    roles = Counter((c["person_id"], c["role"]) for c in credits)
    apply(connection, {edition_id: articles}, roles)


def apply(
    connection: Connection, editions: Mapping[int, int], roles: Mapping[RoleKey, int]
) -> None:
    """Add the differences to the kept counts, rows in sorted order: two ingests counting
    the same people lock their rows in the same order (no deadlock on PostgreSQL)."""
    for edition_id, n in sorted(editions.items()):
        if n:
            connection.execute(_EDITION_ADD, {"edition": edition_id, "n": n})
    rows = [
        {"person_id": person, "role": role, "articles": n}
        for (person, role), n in sorted(roles.items())
        if n
    ]
    if rows:
        connection.execute(_roles_add(connection.dialect.name), rows)


_EDITION_ADD = (
    update(Edition)
    .where(Edition.id == bindparam("edition"))
    .values(live_articles=Edition.live_articles + bindparam("n"))
)


@cache
def _roles_add(dialect: str) -> Any:
    """`apply`'s upsert of the people's counts, built once per process: one multi-row
    statement on PostgreSQL (`rows_at_once`), whose rows are taken in the order given; no
    key twice among them (a Counter's keys), which PostgreSQL would refuse."""
    roles = table_of(PersonRole)
    statement = insert_for(dialect, roles)
    upsert = statement.on_conflict_do_update(
        index_elements=["person_id", "role"],
        set_={"articles": roles.c.articles + statement.excluded.articles},
    )
    return rows_at_once(dialect, upsert, roles.c.person_id)


def recount(connection: Connection) -> None:
    """Count everything again from the articles and credits (a loader that wrote them
    directly; the migration that made the counts does the same)."""
    live = Article.withdrawn_at.is_(None)
    per_edition = (
        select(func.count())
        .where(Article.edition_id == Edition.id, live)
        .correlate(Edition)
        .scalar_subquery()
    )
    connection.execute(update(Edition).values(live_articles=per_edition))
    connection.execute(delete(PersonRole))
    per_role = (
        select(Credit.person_id, Credit.role, func.count())
        .join(Article, Article.id == Credit.article_id)
        .where(live)
        .group_by(Credit.person_id, Credit.role)
    )
    connection.execute(insert(PersonRole).from_select(["person_id", "role", "articles"], per_role))
