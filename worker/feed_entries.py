"""Each feed's entries in the order added (`feed_entries`), the counters that number them
(`feed_counts`), and the dirty marks that ask for a rebuild: kept in the ingest's transaction."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from sqlalchemy import bindparam, case, null, or_, select, update
from sqlalchemy.orm import Session

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
from worker.storage import IN_CHUNK, insert_for, insert_rows, rows_at_once


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
    rows = {} if fresh else _member_rows(session, sorted(wanted))
    new, revise, total = _plan_members(wanted, set(touched), rows)
    changed = set(new) | set(revise)
    if not changed:
        return changed
    counters = _advance_feeds(session, changed, total, {k: len(v) for k, v in new.items()})
    _write_members(session, new, revise, counters)
    return changed


# A feed's row for one article: (feed key, article id) → (live, seq).
MemberRows = dict[tuple[str, int], tuple[bool, int]]


def _member_rows(session: Session, ids: list[int]) -> MemberRows:
    """The stored `feed_entries` rows of these articles, in every feed."""
    rows: MemberRows = {}
    for start in range(0, len(ids), IN_CHUNK):
        for key, article_id, live, seq in session.execute(
            select(
                FeedMember.feed_key, FeedMember.article_id, FeedMember.live, FeedMember.seq
            ).where(FeedMember.article_id.in_(ids[start : start + IN_CHUNK]))
        ):
            rows[(key, article_id)] = (live, seq)
    return rows


def _plan_members(
    wanted: Mapping[int, set[str]], touched: set[int], rows: MemberRows
) -> tuple[dict[str, list[int]], dict[str, dict[int, bool]], Counter[str]]:
    """What `sync_members` changes: per feed, the articles that enter it (in `wanted`'s
    order), the rows to revise (article id → live), and the change of its live count."""
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
    return new, revise, total


def _write_members(
    session: Session,
    new: Mapping[str, list[int]],
    revise: Mapping[str, dict[int, bool]],
    counters: Mapping[str, tuple[int, int]],
) -> None:
    """Insert the new rows, numbered after the feed's last `seq`, and revise the others,
    all at the feed's new revision (`counters`: key → (added, revision))."""
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
        insert_rows(connection, table_of(FeedMember), _ENTRY_COLUMNS, inserts)
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


_ENTRY_COLUMNS = ("feed_key", "seq", "article_id", "live", "revision")


@cache
def _counts_upsert(dialect: str) -> Any:
    """`_advance_feeds`'s statement, built once per process: building an upsert copies the
    table's columns for `excluded`, which costs more than running it."""
    counts = table_of(FeedCount)
    statement = insert_for(dialect, counts)
    return statement.on_conflict_do_update(
        index_elements=[counts.c.key],
        set_={
            "total": counts.c.total + statement.excluded.total,
            "added": counts.c.added + statement.excluded.added,
            "revision": counts.c.revision + 1,
        },
    ).returning(counts.c.key, counts.c.added, counts.c.revision)


def note_change(dirty: dict[str, dt.datetime], keys: Iterable[str], when: dt.datetime) -> None:
    """Add `keys` to `dirty`, keeping for each the oldest publication time changed."""
    for key in keys:
        dirty[key] = min(dirty.get(key, when), when)


def mark_dirty(session: Session, changes: Mapping[str, dt.datetime], now: dt.datetime) -> None:
    """Record feeds awaiting a rebuild, in the caller's transaction.

    One upsert run for each feed in key order (like `_advance_feeds`, so concurrent ingests
    take the rows' locks in the same order and never deadlock): a new mark starts waiting
    now; a mark already there moves its `marked_at` to now and keeps the older of the two
    oldest changes (none: a publish took the mark over, and this change is the first since),
    and is no longer the mark that publish took.
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
    statement = insert_for(dialect, marks)
    older = statement.excluded.oldest_change
    upsert = statement.on_conflict_do_update(
        index_elements=[marks.c.key],
        set_={
            "marked_at": statement.excluded.marked_at,
            # Marked again since a publish took the mark: this change is not one that publish
            # read (`worker.publishing.runs._clear_marks` keeps such a mark).
            "taken_by": null(),  # SQL NULL: a bound value would cost a statement a row
            # Compared in SQL: on SQLite both are the same fixed-width UTC text.
            "oldest_change": case(
                (or_(marks.c.oldest_change.is_(None), older < marks.c.oldest_change), older),
                else_=marks.c.oldest_change,
            ),
        },
    )
    # One multi-row upsert on PostgreSQL: its rows are taken in the order given (key
    # order), so the locks still come in that order.
    return rows_at_once(dialect, upsert, marks.c.key)
