"""Storing one file's articles in their issue: new rows for parts no file held before (a
fixed number of statements, whatever the file's size), matched rows for corrected parts, and
each feed's entries for both."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, partial
from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert, select
from sqlalchemy.orm import Session

from worker import live_counts
from worker.feed_entries import feed_keys, stored_feeds, sync_members
from worker.matching import match_articles
from worker.models import Article, Credit, Edition, Issue, table_of
from worker.named_rows import Named
from worker.parsing.model import ParsedArticle
from worker.search_index import article_fields, index_articles, index_new
from worker.sources import SourceConfig
from worker.storage import (
    IN_CHUNK,
    article_hash,
    article_key,
    column_arrays,
    insert_for,
    insert_rows,
    sync_credit_times,
    unnest_insert,
)


@dataclass
class ArticleStore:
    """What storing one file's articles needs at hand, and the two ways of storing them."""

    session: Session
    issue: Issue
    edition: Edition
    publication: Named
    source: SourceConfig
    sections: Mapping[str, Named]
    people: Mapping[str, Named]
    now: dt.datetime
    # The edition's live count includes the new articles already (`edition_for` made it).
    counted: bool = False

    def keys_of(self, article: ParsedArticle, section_name: str) -> set[str]:
        slugs = [self.people[name].slug for name, _ in article.credits()]
        return feed_keys(self.publication.slug, self.sections[section_name].slug, slugs)

    def store_new(
        self,
        parsed: Sequence[ParsedArticle],
        parts: Sequence[str],
        section_names: Sequence[str],
        published: Sequence[dt.datetime],
    ) -> dict[str, dt.datetime]:
        """Store the articles of parts no file held before, in a number of statements that
        does not grow with the file (one insert of the articles, which finds whether a key
        is stored already, one of their credits, one of their feed entries); a back-fill is
        nothing but such files.
        Returns the feeds it changed, each with the oldest publication time among them.

        Rows are made in print order (articles in file order, each one's credits in
        position order), so ids come out the same on every run.
        """
        session, day = self.session, self.edition.issue_date
        connection = session.connection()
        fields = (parsed, parts, section_names, published)
        # An issue's keys hold its source and date, so a new issue's are nearly never
        # stored: its rows go in with the keys the file alone gives, and the insert, not a
        # query before it, tells whether one was (it skips that row). Then the rows it made
        # are taken back and every key is chosen against the stored ones.
        keys = _fresh_keys(self.source.name, day, parsed, _none_stored)
        arrays = connection.dialect.name == "postgresql"  # `_articles_insert` says why
        by_seq = self._insert_new(_articles_insert(arrays), keys, *fields, arrays=arrays)
        if len(by_seq) < len(parsed):
            _delete_articles(connection, list(by_seq.values()))
            keys = _fresh_keys(self.source.name, day, parsed, partial(_stored_keys, session))
            by_seq = self._insert_new(_NEW_ARTICLES, keys, *fields, arrays=False)
        ids = [by_seq[seq] for seq in range(len(parsed))]
        return self._link_new(ids, parsed, section_names, published)

    def _insert_new(
        self,
        statement: Any,
        keys: Sequence[str],
        parsed: Sequence[ParsedArticle],
        parts: Sequence[str],
        section_names: Sequence[str],
        published: Sequence[dt.datetime],
        *,
        arrays: bool,
    ) -> dict[int, int]:
        """Insert the rows of new articles with these `keys` by `statement` (Core: the rows
        are plain values, no ORM objects to build and track), in one statement, given the
        rows or (`arrays`) one array a column; returns seq → id of the rows made (RETURNING
        promises no order of its rows)."""
        rows = [
            self._new_row(seq, a, part, section_name, key, when)
            for seq, (a, part, section_name, key, when) in enumerate(
                zip(parsed, parts, section_names, keys, published, strict=True)
            )
        ]
        table = table_of(Article)
        params = column_arrays(table, _ARTICLE_COLUMNS, rows) if arrays else rows
        return dict(self.session.connection().execute(statement, params).all())

    def _new_row(
        self, seq: int, a: ParsedArticle, part: str, section_name: str, key: str, when: dt.datetime
    ) -> dict[str, Any]:
        """The `articles` row of a new article, as `store_new` inserts it."""
        return {
            "key": key, "issue_id": self.issue.id, "section_id": self.sections[section_name].id,
            "seq": seq, "page": a.page, "kind": a.kind, "kicker": a.kicker,
            "headline": a.headline, "subtitle": a.subtitle, "dateline": a.dateline,
            "paragraphs": list(a.paragraphs), "content_hash": article_hash(a, section_name),
            "published_at": when, "updated_at": self.now, "withdrawn_at": None,
            "edition_id": self.edition.id, "part": part,
        }  # fmt: skip

    def _link_new(
        self,
        ids: Sequence[int],
        parsed: Sequence[ParsedArticle],
        section_names: Sequence[str],
        published: Sequence[dt.datetime],
    ) -> dict[str, dt.datetime]:
        """Insert the credits of new articles (`ids`), their feed entries and their search
        index rows; returns the feeds changed, as `store_new` does."""
        connection = self.session.connection()
        credits: list[dict[str, Any]] = []
        wanted: dict[int, set[str]] = {}
        dirty: dict[str, dt.datetime] = {}
        documents: list[tuple[int, list[str | None]]] = []
        for article_id, a, section_name, when in zip(
            ids, parsed, section_names, published, strict=True
        ):
            names: list[str] = []
            for position, (name, role) in enumerate(a.credits()):
                credits.append({
                    "article_id": article_id, "person_id": self.people[name].id, "role": role,
                    "position": position, "published_at": when,
                })  # fmt: skip
                if name not in names:  # one person in two roles is one name
                    names.append(name)
            documents.append((article_id, article_fields(a, names)))
            wanted[article_id] = self.keys_of(a, section_name)
            for key in wanted[article_id]:
                dirty[key] = min(dirty.get(key, when), when)
        if credits:
            insert_rows(connection, table_of(Credit), _CREDIT_COLUMNS, credits)
        live_counts.add_new(connection, self.edition.id, 0 if self.counted else len(ids), credits)
        sync_members(self.session, wanted, fresh=True)
        index_new(connection, documents)
        return dirty

    def store_matched(
        self,
        parsed: Sequence[ParsedArticle],
        parts: Sequence[str],
        section_names: Sequence[str],
        published: Sequence[dt.datetime],
        before: list[Article],
    ) -> tuple[dict[str, dt.datetime], int, int]:
        """Store a new version of parts that had articles: each parsed article takes the
        row of the stored one it is a version of (`match_articles`), the others get new
        rows, and stored ones left unmatched are withdrawn. Returns the feeds changed, the
        articles new or with new text, and the articles withdrawn."""
        session = self.session
        pairs = match_articles(parsed, before)
        changes = _Changes(stored_feeds(session, [a.id for a in before]))
        counted = live_counts.Tally(session, [a.id for a in before])
        for seq, (parsed_article, old) in enumerate(pairs):
            self._store_version(
                changes, seq, parsed_article, old, parts[seq], section_names[seq], published[seq]
            )
        for old in before:
            if old.key not in changes.taken_keys and old.withdrawn_at is None:
                old.withdrawn_at = self.now
                changes.wanted[old.id] = set()
                changes.note(changes.old_feeds.get(old.id, set()), old.published_at)
                changes.withdrawn += 1
        session.flush()
        touched = {a.id for a in before} | changes.wanted.keys()
        counted.apply_change(session, live_counts.Tally(session, touched))
        sync_credit_times(session, self.issue.id)
        sync_members(session, changes.wanted, changes.touched)
        # Search follows the text: a corrected article is found by its new words only, a
        # withdrawn one not at all.
        index_articles(session.connection(), changes.wanted)
        return changes.dirty, changes.changed, changes.withdrawn

    def _store_version(
        self,
        changes: _Changes,
        seq: int,
        parsed_article: ParsedArticle,
        old: Article | None,
        part: str,
        section_name: str,
        when: dt.datetime,
    ) -> None:
        """Store one parsed article of `store_matched` in the row of the stored article it
        is a version of (`old`), or in a new row, noting in `changes` what changed."""
        session = self.session
        digest = article_hash(parsed_article, section_name)
        article = old
        if article is None:
            key = _fresh_key(
                session, self.source.name, self.edition.issue_date, parsed_article,
                changes.taken_keys,
            )  # fmt: skip
            article = Article(key=key, published_at=when, updated_at=self.now, content_hash="")
            session.add(article)
        changes.taken_keys.add(article.key)
        same = article.content_hash == digest and article.withdrawn_at is None
        if same and article.published_at == when:
            # Unchanged: only its file and place in the issue may move; no feed changes.
            article.issue_id, article.seq, article.part = self.issue.id, seq, part
            return
        changes.note(changes.old_feeds.get(article.id, set()), article.published_at)
        article.issue_id, article.seq, article.part = self.issue.id, seq, part
        article.edition_id = self.edition.id
        article.section_id = self.sections[section_name].id
        article.page, article.kind = parsed_article.page, parsed_article.kind
        article.kicker, article.headline = parsed_article.kicker, parsed_article.headline
        article.subtitle, article.dateline = parsed_article.subtitle, parsed_article.dateline
        article.paragraphs = list(parsed_article.paragraphs)
        article.published_at = when
        article.withdrawn_at = None
        if article.content_hash != digest:
            article.updated_at = self.now  # a real change of the content, nothing else
            article.content_hash = digest
            session.flush()
            _set_credits(session, article, parsed_article.credits(), self.people)
            changes.changed += 1
        session.flush()
        changes.wanted[article.id] = self.keys_of(parsed_article, section_name)
        changes.touched.add(article.id)
        changes.note(changes.wanted[article.id], when)


@dataclass
class _Changes:
    """What `store_matched` changed so far: each article's feeds now (`wanted`; empty when
    withdrawn), the articles whose entry changed, the feeds changed with the oldest
    publication time among their changes, the keys taken, and the counts it returns."""

    old_feeds: dict[int, set[str]]  # article id → the feeds it was in before
    wanted: dict[int, set[str]] = field(default_factory=dict)
    touched: set[int] = field(default_factory=set)
    dirty: dict[str, dt.datetime] = field(default_factory=dict)
    taken_keys: set[str] = field(default_factory=set)
    changed: int = 0
    withdrawn: int = 0

    def note(self, keys: Iterable[str], when: dt.datetime) -> None:
        """Mark `keys` changed, keeping for each the oldest publication time changed."""
        for key in keys:
            self.dirty[key] = min(self.dirty.get(key, when), when)


_CREDIT_COLUMNS = ("article_id", "person_id", "role", "position", "published_at")


def _fresh_keys(
    source: str,
    day: dt.date,
    articles: Sequence[ParsedArticle],
    stored_of: Callable[[set[str]], set[str]],
) -> list[str]:
    """The keys `_fresh_key` gives the articles of a new issue one after the other, from
    one call of `stored_of` (which of these keys are stored?) for the usual issue: it asks
    for every key the issue could need if none were stored yet (a headline printed n times
    on a page needs occurrences 1 to n), and asks again only for the keys a stored article
    turned out to hold already."""
    first = [article_key(source, day, a) for a in articles]
    repeats = Counter(first)
    wanted = {
        article_key(source, day, a, n)
        for a, key in zip(articles, first, strict=True)
        for n in range(1, repeats[key] + 1)
    }
    checked: set[str] = set()
    stored: set[str] = set()
    while True:
        stored |= stored_of(wanted - checked)
        checked |= wanted
        keys: list[str] = []
        taken: set[str] = set()
        wanted = set()
        for a, first_key in zip(articles, first, strict=True):
            for occurrence in range(1, 1000):
                key = article_key(source, day, a, occurrence)
                if key in taken or key in stored:
                    continue
                if key not in checked:
                    # Not asked yet: ask for it and the next few at once.
                    wanted.update(
                        article_key(source, day, a, n)
                        for n in range(occurrence, min(occurrence + repeats[first_key], 1000))
                    )
                    break
                keys.append(key)
                taken.add(key)
                break
            else:
                raise RuntimeError(f"no free article key for {a.headline!r}")
        if not wanted:
            return keys


def _stored_keys(session: Session, keys: set[str]) -> set[str]:
    """Which of `keys` an article (of any issue) holds already."""
    found: set[str] = set()
    ordered = sorted(keys)
    connection = session.connection()
    for start in range(0, len(ordered), IN_CHUNK):
        chunk = ordered[start : start + IN_CHUNK]
        found.update(connection.scalars(_KEYS_STORED, {"keys": chunk}))
    return found


def _none_stored(_keys: set[str]) -> set[str]:
    return set()


def _delete_articles(connection: Connection, ids: list[int]) -> None:
    """Take back rows `store_new` has just inserted (nothing refers to them yet)."""
    for start in range(0, len(ids), IN_CHUNK):
        connection.execute(delete(Article).where(Article.id.in_(ids[start : start + IN_CHUNK])))


@cache
def _articles_insert(arrays: bool) -> Any:
    """`store_new`'s INSERT of new articles: a row whose key is stored is skipped, and each
    row made comes back as (seq, id). On PostgreSQL (`arrays`) the rows go as one array a
    column (`worker.storage.unnest_insert`); on SQLite as a multi-row VALUES. Built once
    per process."""
    articles = table_of(Article)
    statement = (
        unnest_insert(articles, _ARTICLE_COLUMNS) if arrays else insert_for("sqlite", articles)
    )
    statement = statement.on_conflict_do_nothing(index_elements=["key"])
    return statement.returning(articles.c.seq, articles.c.id)


_ARTICLE_COLUMNS = (
    "key", "issue_id", "section_id", "seq", "page", "kind", "kicker", "headline", "subtitle",
    "dateline", "paragraphs", "content_hash", "published_at", "updated_at", "withdrawn_at",
    "edition_id", "part",
)  # fmt: skip


_NEW_ARTICLES = insert(table_of(Article)).returning(Article.seq, Article.id)

# Built once: a statement built per ingest costs more to make and look up than to run.
_KEYS_STORED = select(Article.key).where(Article.key.in_(bindparam("keys", expanding=True)))


def _set_credits(
    session: Session,
    article: Article,
    credits: list[tuple[str, str]],
    people: Mapping[str, Named],
) -> None:
    article.credits.clear()
    session.flush()
    for position, (name, role) in enumerate(credits):
        credit = Credit(person_id=people[name].id, role=role, position=position)
        credit.published_at = article.published_at
        article.credits.append(credit)


def _fresh_key(
    session: Session, source: str, day: dt.date, parsed_article: Any, taken: set[str]
) -> str:
    """A key for a new article; a second article with the same headline on a page (a 简讯
    box) gets the next occurrence number."""
    for occurrence in range(1, 1000):
        key = article_key(source, day, parsed_article, occurrence)
        if key in taken:
            continue
        if session.scalar(select(Article.id).where(Article.key == key)) is None:
            return key
    raise RuntimeError(f"no free article key for {parsed_article.headline!r}")
