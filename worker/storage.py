"""Storage helpers shared by ingest and re-ingest: keys, hashes, named rows, each feed's
entries in the order added, dirty feeds and feed counts."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import Any

from sqlalchemy import bindparam, case, insert, or_, select, update
from sqlalchemy.orm import Session

from feeds.slugs import slugify_name, slugify_section, unique_slug
from worker.models import (
    Article,
    Credit,
    DirtyFeed,
    FeedCount,
    FeedMember,
    Person,
    Publication,
    Section,
    table_of,
)
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


def feed_keys(paper_slug: str, section_slug: str, person_slugs: Iterable[str]) -> set[str]:
    """The keys of every feed an article appears in: all, its paper's, its section's, its
    people's.

    >>> sorted(feed_keys("qing-he-ri-bao", "city", ["lin-xiao"]))
    ['all', 'paper:qing-he-ri-bao', 'person:lin-xiao', 'section:city']
    """
    return {
        "all",
        f"paper:{paper_slug}",
        f"section:{section_slug}",
        *(f"person:{slug}" for slug in person_slugs),
    }


def stored_feeds(session: Session, article_ids: Iterable[int]) -> dict[int, set[str]]:
    """Article id → the feeds its stored section and credits put it in (whether live or
    not): two queries for any number of articles."""
    ids = sorted(set(article_ids))
    found: dict[int, set[str]] = {}
    for start in range(0, len(ids), IN_CHUNK):
        chunk = ids[start : start + IN_CHUNK]
        for article_id, section_slug, paper_slug in session.execute(
            select(Article.id, Section.slug, Publication.slug)
            .join(Section, Section.id == Article.section_id)
            .join(Publication, Publication.id == Section.publication_id)
            .where(Article.id.in_(chunk))
        ):
            found[article_id] = feed_keys(paper_slug, section_slug, ())
        for article_id, person_slug in session.execute(
            select(Credit.article_id, Person.slug)
            .join(Person, Person.id == Credit.person_id)
            .where(Credit.article_id.in_(chunk))
        ):
            found[article_id].add(f"person:{person_slug}")
    return found


def sync_members(
    session: Session,
    wanted: Mapping[int, set[str]],
    touched: Iterable[int] = (),
    *,
    fresh: bool = False,
) -> set[str]:
    """Make each article's `feed_entries` rows say what `wanted` says (article id → the
    feeds it is in now; empty for a withdrawn article), and move the rows of the articles
    in `touched` (their entry changed) to the feed's new revision. Returns the feeds that
    changed.

    Articles enter a feed in the order `wanted` lists them (print order: an issue's page 1
    first). `feed_counts` rows are updated first, in key order, each `revision = revision
    + 1` and `added = added + n`: the row stays locked until the ingest commits, so the
    `seq` each feed gives out is in commit order and readers always see a prefix of it.
    `fresh`: none of the articles has a row yet (a new issue), nothing to read.
    """
    touched = set(touched)
    rows: dict[tuple[str, int], tuple[bool, int]] = {}
    if not fresh:
        ids = sorted(wanted)
        for start in range(0, len(ids), IN_CHUNK):
            for key, article_id, live, seq in session.execute(
                select(
                    FeedMember.feed_key, FeedMember.article_id, FeedMember.live, FeedMember.seq
                ).where(FeedMember.article_id.in_(ids[start : start + IN_CHUNK]))
            ):
                rows[(key, article_id)] = (live, seq)
    new: dict[str, list[int]] = {}
    revise: dict[str, dict[int, bool]] = {}  # key → article id → live
    total: Counter[str] = Counter()
    for article_id, keys in wanted.items():
        for key in keys:
            found = rows.get((key, article_id))
            if found is None:
                new.setdefault(key, []).append(article_id)
                total[key] += 1
            elif not found[0]:
                revise.setdefault(key, {})[article_id] = True
                total[key] += 1
            elif article_id in touched:
                revise.setdefault(key, {})[article_id] = True
    for (key, article_id), (live, _seq) in rows.items():
        if live and key not in wanted.get(article_id, set()):
            revise.setdefault(key, {})[article_id] = False
            total[key] -= 1
    changed = set(new) | set(revise)
    if not changed:
        return changed
    counters = _advance_feeds(session, changed, total, {k: len(v) for k, v in new.items()})
    connection = session.connection()
    inserts: list[dict[str, Any]] = []
    for key in sorted(new):
        added, revision = counters[key]
        first = added - len(new[key]) + 1
        inserts.extend(
            {"feed_key": key, "seq": first + n, "article_id": article_id, "live": True,
             "revision": revision}
            for n, article_id in enumerate(new[key])
        )  # fmt: skip
    if inserts:
        connection.execute(insert(table_of(FeedMember)), inserts)
    updates = [
        {"k": key, "a": article_id, "l": live, "r": counters[key][1]}
        for key in sorted(revise)
        for article_id, live in sorted(revise[key].items())
    ]
    if updates:
        members = table_of(FeedMember)
        connection.execute(
            update(members)
            .where(members.c.feed_key == bindparam("k"), members.c.article_id == bindparam("a"))
            .values(live=bindparam("l"), revision=bindparam("r")),
            updates,
        )
    return changed


def _advance_feeds(
    session: Session, keys: set[str], total: Mapping[str, int], added: Mapping[str, int]
) -> dict[str, tuple[int, int]]:
    """Move each feed's counters: `total` and `added` by the given amounts, `revision` by
    one; an upsert of each row in key order (like `mark_dirty`), so that concurrent ingests
    neither lose counts nor deadlock. Returns key → (added, revision) after the move."""
    ordered = sorted(keys)
    rows = [
        {"key": key, "total": total.get(key, 0), "added": added.get(key, 0), "revision": 1}
        for key in ordered
    ]
    # One statement run for each row in order, its SQL compiled once per process (a
    # statement with the rows in it would be compiled anew every time); each row's new
    # counters come back with its key (RETURNING promises no order of rows).
    statement = _counts_upsert(session.get_bind().dialect.name)
    returned = session.connection().execute(statement, rows)
    return {key: (added_now, revision) for key, added_now, revision in returned}


@cache
def _counts_upsert(dialect: str) -> Any:
    """`_advance_feeds`'s statement, built once per process: building an upsert copies the
    table's columns for `excluded`, which costs more than running it."""
    counts = table_of(FeedCount)
    statement = _insert_for(dialect, counts)
    return statement.on_conflict_do_update(
        index_elements=[counts.c.key],
        set_={
            "total": counts.c.total + statement.excluded.total,
            "added": counts.c.added + statement.excluded.added,
            "revision": counts.c.revision + 1,
        },
    ).returning(counts.c.key, counts.c.added, counts.c.revision)


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


def note_change(dirty: dict[str, dt.datetime], keys: Iterable[str], when: dt.datetime) -> None:
    """Add `keys` to `dirty`, keeping for each the oldest publication time changed."""
    for key in keys:
        dirty[key] = min(dirty.get(key, when), when)


def mark_dirty(session: Session, changes: Mapping[str, dt.datetime], now: dt.datetime) -> None:
    """Record feeds awaiting a rebuild, in the caller's transaction.

    One upsert run for each feed in key order (like `_advance_feeds`, so concurrent ingests
    take the rows' locks in the same order and never deadlock): a new mark starts waiting
    now; a mark already there moves its `marked_at` to now and keeps the older of the two
    oldest changes (none: a publish took the mark over, and this change is the first since).
    """
    keys = sorted(changes)
    if not keys:
        return
    rows = [
        {"key": k, "marked_at": now, "first_marked_at": now, "oldest_change": changes[k]}
        for k in keys
    ]
    session.connection().execute(_marks_upsert(session.get_bind().dialect.name), rows)


@cache
def _marks_upsert(dialect: str) -> Any:
    """`mark_dirty`'s statement, built once per process (like `_counts_upsert`)."""
    marks = table_of(DirtyFeed)
    statement = _insert_for(dialect, marks)
    older = statement.excluded.oldest_change
    return statement.on_conflict_do_update(
        index_elements=[marks.c.key],
        set_={
            "marked_at": statement.excluded.marked_at,
            # Compared in SQL: on SQLite both are the same fixed-width UTC text.
            "oldest_change": case(
                (or_(marks.c.oldest_change.is_(None), older < marks.c.oldest_change), older),
                else_=marks.c.oldest_change,
            ),
        },
    )


def publication_row(session: Session, name: str) -> Publication:
    """The publication called `name`, created on first use with a slug of its own."""
    rows = _named_rows(session, Publication, None, [name], slugify_section)
    return rows[name]  # type: ignore[no-any-return]


def section_rows(
    session: Session, publication: Publication, names: Iterable[str]
) -> dict[str, Section]:
    """Name → row of each of `publication`'s sections in `names`, the missing ones created
    in sorted order."""
    return _named_rows(session, Section, publication, names, slugify_section)


def person_rows(
    session: Session, publication: Publication, names: Iterable[str]
) -> dict[str, Person]:
    """Name → row of each of `publication`'s people in `names`, the missing ones created in
    sorted order."""
    return _named_rows(session, Person, publication, names, slugify_name)


def _named_rows(
    session: Session,
    model: type[Any],
    publication: Publication | None,
    names: Iterable[str],
    slugify: Callable[[str], str],
) -> dict[str, Any]:
    """Get or create a row for each name (of `publication`, for sections and people), in a
    few statements for all of them: one query for the names already stored (an issue's
    sections and people are mostly known), and for the new ones one query of the slugs near
    theirs, one insert-or-ignore in sorted name order (two workers creating the same new
    names take their locks in the same order, and never deadlock on PostgreSQL) and one
    read back. A name whose slug another worker took meanwhile is tried again alone.

    Slugs are unique across papers and never reassigned: the first paper to print a name
    gets its plain slug (`yao-wen`), a second paper's gets its own slug added
    (`yao-wen-hong-shan-wan-bao`); two names of one paper that read alike are numbered
    (`lin-xiao`, `lin-xiao-2`).
    """
    wanted = sorted(set(names))
    found = _rows_named(session, model, publication, wanted)
    for _ in range(100):
        missing = [name for name in wanted if name not in found]
        if not missing:
            return {name: found[name] for name in wanted}
        bases = {name: slugify(name) for name in missing}
        owners: dict[str, int | None] = {}  # slug → its publication
        distinct = sorted(set(bases.values()))
        owner = model.publication_id if publication is not None else model.id
        for start in range(0, len(distinct), IN_CHUNK):
            near = or_(
                *(model.slug.startswith(base) for base in distinct[start : start + IN_CHUNK])
            )
            owners.update(session.execute(select(model.slug, owner).where(near)).all())
        taken = set(owners)
        rows = []
        for name in missing:
            slug = _free_slug(bases[name], publication, owners, taken)
            taken.add(slug)
            row: dict[str, object] = {"name": name, "slug": slug}
            if publication is not None:
                row["publication_id"] = publication.id
            rows.append(row)
        statement = _dialect_insert(session, table_of(model)).on_conflict_do_nothing()
        session.connection().execute(statement, rows)
        found.update(_rows_named(session, model, publication, missing))
    raise RuntimeError(f"could not give {missing!r} unique slugs")


def _free_slug(
    base: str, publication: Publication | None, owners: Mapping[str, int | None], taken: set[str]
) -> str:
    """`base` when free; numbered when the same paper holds it (two names read alike); with
    the paper's slug when another paper's section or person holds it."""
    if base not in taken or publication is None or owners.get(base) in (None, publication.id):
        return unique_slug(base, taken)
    return unique_slug(f"{base}-{publication.slug}", taken)


def _rows_named(
    session: Session, model: type[Any], publication: Publication | None, names: list[str]
) -> dict[str, Any]:
    """Name → stored row of those `names` that have one."""
    found: dict[str, Any] = {}
    for start in range(0, len(names), IN_CHUNK):
        query = select(model).where(model.name.in_(names[start : start + IN_CHUNK]))
        if publication is not None:
            query = query.where(model.publication_id == publication.id)
        for row in session.scalars(query):
            found[row.name] = row
    return found


def _dialect_insert(session: Session, model: Any) -> Any:
    return _insert_for(session.get_bind().dialect.name, model)


def _insert_for(dialect: str, model: Any) -> Any:
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(model)
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(model)
    raise NotImplementedError(f"only SQLite and PostgreSQL are supported, not {dialect}")


def insert_ignoring_conflict(
    session: Session, model: type[Any], values: dict[str, Any] | list[dict[str, Any]]
) -> int:
    """INSERT … ON CONFLICT DO NOTHING of one row or several, on SQLite and PostgreSQL alike;
    returns the rows inserted (0: every one was there already)."""
    table = table_of(model)
    statement = _dialect_insert(session, table).values(values).on_conflict_do_nothing()
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
    statement = _dialect_insert(session, model)
    keys = [c.name for c in table_of(model).primary_key]
    others = {c: getattr(statement.excluded, c) for c in rows[0] if c not in keys}
    session.execute(statement.on_conflict_do_update(index_elements=keys, set_=others), rows)


def upsert_adding(session: Session, model: type[Any], values: dict[str, Any], column: str) -> None:
    """INSERT the row, or add its `column` to the stored row's (ON CONFLICT DO UPDATE)."""
    statement = _dialect_insert(session, model).values(**values)
    keys = [c.name for c in table_of(model).primary_key]
    total = getattr(model, column) + getattr(statement.excluded, column)
    session.execute(statement.on_conflict_do_update(index_elements=keys, set_={column: total}))
