"""An issue's edition and its parts: the edition a file belongs to (created and locked), which
stored file holds each page now, and the articles printed in those pages."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, make_transient_to_detached

from worker.delivery import Delivery
from worker.models import Article, Edition, EditionPart, Issue, table_of
from worker.named_rows import Named, publication_row
from worker.parsing.model import ParsedIssue
from worker.sources import SourceConfig
from worker.storage import insert_for


def edition_for(
    session: Session,
    source_id: int,
    source: SourceConfig,
    parsed: ParsedIssue,
    delivery: Delivery,
    filename: str | None,
    *,
    articles: int = 0,
) -> tuple[Edition, Named, bool]:
    """The issue this file belongs to, created if it is the first file of it, and locked:
    the files of one issue are stored one after the other, never side by side. With it, its
    paper, and whether this transaction created it (then no file holds a part of it yet).
    `articles`: the live articles a new edition starts with (the caller stores them all in
    this transaction), counted in its INSERT rather than by an UPDATE after it.

    A file whose date is a guess and that bears the name of an earlier file with a guessed
    date is a new version of that file: it joins that file's issue, whatever its own
    modification time says (an edited file is younger than the issue it corrects).
    """
    day = delivery.date
    if delivery.guessed and filename:
        earlier = session.scalar(
            select(Issue.edition_id)
            .where(Issue.source_id == source_id, Issue.filename == filename)
            .where(Issue.date_from.in_(("mtime", "received")), Issue.edition_id.is_not(None))
            .order_by(Issue.id.desc())
            .limit(1)
        )
        if earlier is not None:
            found = session.get(Edition, earlier)
            if found is not None:
                day = found.issue_date
    publication = publication_row(session, parsed.publication or source.publication)
    values = {
        "source_id": source_id, "publication_id": publication.id, "issue_date": day,
        "date_guessed": delivery.guessed, "created_at": dt.datetime.now(dt.UTC),
        "live_articles": articles,
    }  # fmt: skip
    statement = _edition_insert(session.get_bind().dialect.name)
    created = session.connection().execute(statement, values).scalar()
    if created is not None:
        # New, so locked by this transaction until it ends, and holding just `values`:
        # the row joins the session as if read, without reading it.
        edition = Edition(id=created, **values)
        make_transient_to_detached(edition)
        session.add(edition)
        return edition, publication, True
    edition = session.scalars(
        select(Edition)
        .where(Edition.source_id == source_id, Edition.issue_date == day)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    if edition.date_guessed and not delivery.guessed:
        edition.date_guessed = False  # a file of it said the date: no longer a guess
    return edition, publication, False


@cache
def _edition_insert(dialect: str) -> Any:
    """INSERT of an edition unless its (source, date) has one, RETURNING the new id; built
    once per process."""
    editions = table_of(Edition)
    statement = insert_for(dialect, editions).on_conflict_do_nothing()
    return statement.returning(editions.c.id)


def part_order(part: str) -> tuple[int, int, str]:
    """Pages in number order, then the parts named by files.

    >>> sorted(["file:b.txt", "10", "2"], key=part_order)
    ['2', '10', 'file:b.txt']
    """
    return (0, int(part), "") if part.isdigit() else (1, 0, part)


def articles_of(session: Session, edition_id: int, parts: set[str]) -> list[Article]:
    """The stored articles of these parts of the issue, withdrawn ones too (a story back in
    a later correction keeps its key), in print order."""
    if not parts:
        return []
    return list(
        session.scalars(
            select(Article)
            .where(Article.edition_id == edition_id, Article.part.in_(sorted(parts)))
            .order_by(Article.published_at.desc(), Article.id)
        )
    )


def held_parts(session: Session, edition_id: int) -> dict[str, EditionPart]:
    """Part → the row saying which file holds it, for every part of the edition."""
    return {
        row.part: row
        for row in session.scalars(select(EditionPart).where(EditionPart.edition_id == edition_id))
    }


def take_parts(
    session: Session,
    issue: Issue,
    edition: Edition,
    delivery: Delivery,
    parts: set[str],
    held: dict[str, EditionPart],
    now: dt.datetime,
) -> None:
    """Record that `issue` holds `parts` of its edition now (`held`: the edition's parts as
    they were). A file left holding no part is superseded by this one."""
    pages = dict(zip(delivery.parts, (a.page for a in delivery.articles), strict=True))
    previous: set[int] = set()
    new: list[dict[str, Any]] = []
    for part in sorted(parts, key=part_order):
        row = held.get(part)
        page = pages[part] if part.isdigit() else None
        if row is None:
            new.append({
                "edition_id": edition.id, "part": part, "page": page, "issue_id": issue.id,
                "updated_at": now,
            })  # fmt: skip
            continue
        if row.issue_id != issue.id:
            previous.add(row.issue_id)
            row.issue_id, row.updated_at = issue.id, now
    if new:  # plain rows: nothing reads them back as objects in this transaction
        session.connection().execute(insert(table_of(EditionPart)), new)
    session.flush()
    if not previous:
        return
    still = set(
        session.scalars(
            select(EditionPart.issue_id).where(
                EditionPart.edition_id == edition.id, EditionPart.issue_id.in_(sorted(previous))
            )
        )
    )
    for old_id in sorted(previous - still):
        old = session.get(Issue, old_id)
        if old is not None and old.status == "ingested":
            old.status, old.superseded_by_id = "superseded", issue.id
