"""Storage helpers shared by ingest and re-ingest: keys, hashes, named rows, dirty feeds and
feed counts."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from feeds.slugs import slugify_name, slugify_section, unique_slug
from worker.models import Article, Credit, DirtyFeed, FeedCount, Person, Section
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


def feed_keys(section_slug: str, person_slugs: Iterable[str]) -> set[str]:
    """The keys of every feed an article appears in: all, its section's, its people's.

    >>> sorted(feed_keys("city", ["lin-xiao"]))
    ['all', 'person:lin-xiao', 'section:city']
    """
    return {"all", f"section:{section_slug}", *(f"person:{slug}" for slug in person_slugs)}


def feeds_of(session: Session, article: Article) -> set[str]:
    """The keys of every feed the stored `article` appears in (`feed_keys`).

    Read from the session's objects (sections and people are usually in its identity map
    already), so a back-fill does not run two queries per article for it.
    """
    session.flush()
    section = session.get(Section, article.section_id)
    assert section is not None
    slugs = []
    for credit in article.credits:
        person = session.get(Person, credit.person_id)
        assert person is not None
        slugs.append(person.slug)
    return feed_keys(section.slug, slugs)


def memberships(session: Session, articles: Iterable[Article]) -> dict[int, set[str]]:
    """Article id → the feeds it counts in now; a withdrawn article counts in none."""
    return {a.id: feeds_of(session, a) for a in articles if a.withdrawn_at is None}


def count_feeds(
    session: Session, before: Mapping[int, set[str]], issue_id: int, earlier: Iterable[Article]
) -> None:
    """Move `feed_counts` by what an ingest changed: `before` is `memberships` of `earlier`
    (the articles of the versions it replaces) taken before the change; after it, those and
    the articles of issue `issue_id` count.

    Relative updates (`total = total + n`), in key order like `mark_dirty`, so concurrent
    ingests neither lose counts nor deadlock.
    """
    session.flush()
    now = session.scalars(select(Article).where(Article.issue_id == issue_id)).all()
    after = memberships(session, {id(a): a for a in [*earlier, *now]}.values())
    delta: Counter[str] = Counter()
    for keys in before.values():
        delta.subtract(keys)
    for keys in after.values():
        delta.update(keys)
    add_to_feed_counts(session, delta)


def add_to_feed_counts(session: Session, delta: Mapping[str, int]) -> None:
    """Add `delta` to `feed_counts`: an upsert of each feed that moved, in key order (like
    `mark_dirty`), `total = total + n`, so that concurrent ingests neither lose counts nor
    deadlock."""
    rows = [{"key": key, "total": delta[key]} for key in sorted(delta) if delta[key]]
    if not rows:
        return
    statement = _dialect_insert(session, FeedCount.__table__)
    statement = statement.on_conflict_do_update(
        index_elements=[FeedCount.key], set_={"total": FeedCount.total + statement.excluded.total}
    )
    # One statement run for each row in order (a pipeline on PostgreSQL), its SQL compiled
    # once per process: a statement with the rows in it would be compiled anew every time.
    session.connection().execute(statement, rows)


def sync_credit_times(session: Session, issue_id: int) -> None:
    """Give the credits of issue `issue_id`'s articles their article's publication time
    (a person's feed reads its newest articles by it): one statement per ingest."""
    article_time = (
        select(Article.published_at).where(Article.id == Credit.article_id).scalar_subquery()
    )
    session.execute(
        update(Credit)
        .where(Credit.article_id.in_(select(Article.id).where(Article.issue_id == issue_id)))
        .values(published_at=article_time)
        .execution_options(synchronize_session=False)
    )


def note_change(dirty: dict[str, dt.datetime], keys: Iterable[str], when: dt.datetime) -> None:
    """Add `keys` to `dirty`, keeping for each the oldest publication time changed."""
    for key in keys:
        dirty[key] = min(dirty.get(key, when), when)


def mark_dirty(session: Session, changes: Mapping[str, dt.datetime], now: dt.datetime) -> None:
    """Record feeds awaiting a rebuild, in the caller's transaction.

    Three statements whatever the number of feeds: lock the existing marks (in key order),
    insert the missing ones, and lock and update any another ingest inserted meanwhile.
    """
    keys = sorted(changes)
    if not keys:
        return
    rows = _locked_marks(session, keys)
    missing = [key for key in keys if key not in rows]
    if missing:
        values = [
            {"key": k, "marked_at": now, "first_marked_at": now, "oldest_change": changes[k]}
            for k in missing
        ]
        insert_ignoring_conflict(session, DirtyFeed, values)
        for key, row in _locked_marks(session, missing).items():
            if row.marked_at != now:
                rows[key] = row  # inserted by a concurrent ingest: update it below
    for key, row in rows.items():
        oldest = changes[key]
        row.marked_at = now
        row.oldest_change = oldest if row.oldest_change is None else min(row.oldest_change, oldest)


def _locked_marks(session: Session, keys: list[str]) -> dict[str, DirtyFeed]:
    found = session.scalars(
        select(DirtyFeed)
        .where(DirtyFeed.key.in_(keys))
        .order_by(DirtyFeed.key)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return {row.key: row for row in found}


def section_rows(session: Session, names: Iterable[str]) -> dict[str, Section]:
    """Name → row of each section in `names`, the missing ones created in sorted order."""
    return _named_rows(session, Section, names, slugify_section)


def person_rows(session: Session, names: Iterable[str]) -> dict[str, Person]:
    """Name → row of each person in `names`, the missing ones created in sorted order."""
    return _named_rows(session, Person, names, slugify_name)


def _named_rows(
    session: Session, model: type[Any], names: Iterable[str], slugify: Callable[[str], str]
) -> dict[str, Any]:
    """What `_named_row` gives each name, in a few statements for all of them: one query
    for the names already stored (an issue's sections and people are mostly known), and for
    the new ones one query of the slugs near theirs, one insert-or-ignore in sorted name
    order (two workers creating the same new names take their locks in the same order, and
    never deadlock on PostgreSQL) and one read back. Each new name gets the slug creating
    them one by one in sorted order would give it; a name whose slug another worker took
    meanwhile is left out of the read back, and `_named_row` tries again for it.
    """
    wanted = sorted(set(names))
    found = _rows_named(session, model, wanted)
    missing = [name for name in wanted if name not in found]
    if missing:
        bases = {name: slugify(name) for name in missing}
        taken: set[str] = set()
        distinct = sorted(set(bases.values()))
        for start in range(0, len(distinct), IN_CHUNK):
            near = or_(
                *(model.slug.startswith(base) for base in distinct[start : start + IN_CHUNK])
            )
            taken.update(session.scalars(select(model.slug).where(near)))
        rows = []
        for name in missing:
            slug = unique_slug(bases[name], taken)
            taken.add(slug)
            rows.append({"name": name, "slug": slug})
        statement = _dialect_insert(session, model.__table__).on_conflict_do_nothing()
        session.connection().execute(statement, rows)
        found.update(_rows_named(session, model, missing))
        for name in missing:
            if name not in found:
                found[name] = _named_row(session, model, name, bases[name])
    return {name: found[name] for name in wanted}


def _rows_named(session: Session, model: type[Any], names: list[str]) -> dict[str, Any]:
    """Name → stored row of those `names` that have one, remembered for `_named_row`."""
    known: dict[str, int] = session.info.setdefault(f"ids:{model.__tablename__}", {})
    found: dict[str, Any] = {}
    for start in range(0, len(names), IN_CHUNK):
        chunk = names[start : start + IN_CHUNK]
        for row in session.scalars(select(model).where(model.name.in_(chunk))):
            found[row.name] = row
            known[row.name] = row.id
    return found


def section_row(session: Session, name: str) -> Section:
    return _named_row(session, Section, name, slugify_section(name))  # type: ignore[no-any-return]


def person_row(session: Session, name: str) -> Person:
    return _named_row(session, Person, name, slugify_name(name))  # type: ignore[no-any-return]


def _named_row(session: Session, model: type[Any], name: str, base_slug: str) -> Any:
    """Get or create a row with a unique name and a unique slug that is never reassigned.

    Two workers may create the same person at once: insert-or-ignore, then read back; if the
    slug was taken by another name in between, try the next one.
    """
    # Each ingest asks for the same few sections and people once per article.
    known: dict[str, int] = session.info.setdefault(f"ids:{model.__tablename__}", {})
    if name in known and (row := session.get(model, known[name])) is not None:
        return row
    row = session.scalar(select(model).where(model.name == name))
    if row is not None:
        known[name] = row.id
        return row
    taken = set(session.scalars(select(model.slug).where(model.slug.startswith(base_slug))))
    for _ in range(100):
        slug = unique_slug(base_slug, taken)
        insert_ignoring_conflict(session, model, {"name": name, "slug": slug})
        row = session.scalar(select(model).where(model.name == name))
        if row is not None:
            known[name] = row.id
            return row
        taken.add(slug)
    raise RuntimeError(f"could not give {name!r} a unique slug near {base_slug!r}")


def _dialect_insert(session: Session, model: type[Any]) -> Any:
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(model)
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(model)
    raise NotImplementedError(f"only SQLite and PostgreSQL are supported, not {dialect}")


def insert_ignoring_conflict(
    session: Session, model: type[Any], values: dict[str, Any] | list[dict[str, Any]]
) -> None:
    """INSERT … ON CONFLICT DO NOTHING of one row or several, on SQLite and PostgreSQL alike."""
    session.execute(_dialect_insert(session, model).values(values).on_conflict_do_nothing())


def upsert_replacing(session: Session, model: type[Any], rows: list[dict[str, Any]]) -> None:
    """INSERT the rows, or replace every other column of the stored ones (ON CONFLICT DO
    UPDATE with the new values)."""
    if not rows:
        return
    # The rows as parameters of one statement (executemany), not as literal VALUES: a
    # statement built from the values is cached with them.
    statement = _dialect_insert(session, model)
    keys = [c.name for c in model.__table__.primary_key]
    others = {c: getattr(statement.excluded, c) for c in rows[0] if c not in keys}
    session.execute(statement.on_conflict_do_update(index_elements=keys, set_=others), rows)


def upsert_adding(session: Session, model: type[Any], values: dict[str, Any], column: str) -> None:
    """INSERT the row, or add its `column` to the stored row's (ON CONFLICT DO UPDATE)."""
    statement = _dialect_insert(session, model).values(**values)
    keys = [c.name for c in model.__table__.primary_key]
    total = getattr(model, column) + getattr(statement.excluded, column)
    session.execute(statement.on_conflict_do_update(index_elements=keys, set_={column: total}))
