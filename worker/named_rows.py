"""Publications, sections and people by name: found, or created with a slug of their own
that is never reassigned, in few statements and in an order that cannot deadlock; sources by
name (`source_id`); and the names this process has seen committed, so that an ingest of
known names asks nothing.

Rows of these tables are never deleted, renamed or given another slug, so a row committed
once stays what it was: what a transaction read or created is kept for the process once it
commits (`after_commit`), and forgotten, with every other name of that database, when a
transaction that used the cache rolls back (its own new rows are gone then, and a foreign
key failing on a remembered id ends in a rollback too: the retry reads the names again).
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Engine, and_, event, or_, select
from sqlalchemy.orm import Session

from feeds.slugs import slugify_name, slugify_section, unique_slug
from worker.models import Person, Publication, Section, Source, table_of
from worker.sources import SourceConfig
from worker.storage import IN_CHUNK, dialect_insert, insert_ignoring_conflict


@dataclass(frozen=True)
class Named:
    """A stored publication, section or person: what the ingest needs of it."""

    id: int
    name: str
    slug: str


# (table, publication id or None) → name → what is stored under it.
Known = dict[tuple[str, int | None], dict[str, Any]]
# Per database (its engine): the names committed there that this process has read or made.
_known: weakref.WeakKeyDictionary[Engine, Known] = weakref.WeakKeyDictionary()
_PENDING = "paperfeed.named_rows"  # the session's names, kept once its transaction commits


def recall(session: Session, table: str, scope: int | None) -> Mapping[str, Any]:
    """What this process knows of `table`'s names (of publication `scope`) in the session's
    database: those committed before, and those this transaction read or made."""
    known = _known.get(session.get_bind().engine)
    committed = known.get((table, scope), {}) if known is not None else {}
    pending = _pending(session).get((table, scope))
    return {**committed, **pending} if pending else committed


def remember(session: Session, table: str, scope: int | None, found: Mapping[str, Any]) -> None:
    """Note `found` (name → value, as stored in the session's transaction): kept for the
    process if the transaction commits."""
    _pending(session).setdefault((table, scope), {}).update(found)


def _pending(session: Session) -> Known:
    pending: Known | None = session.info.get(_PENDING)
    if pending is None:
        pending = session.info[_PENDING] = {}
    return pending


@event.listens_for(Session, "after_commit")
def _keep(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint released: the transaction may still roll back
    pending: Known | None = session.info.pop(_PENDING, None)
    if not pending:
        return
    known = _known.setdefault(session.get_bind().engine, {})
    for key, found in pending.items():
        known.setdefault(key, {}).update(found)


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    if session.info.pop(_PENDING, None) is not None:
        _known.pop(session.get_bind().engine, None)


@event.listens_for(Engine, "engine_disposed")
def _disposed(engine: Engine) -> None:
    # `worker.db.dispose_engines`: a forked child's first act, and the end of each test,
    # whose next database may be a new one at the same URL.
    _known.pop(engine, None)


def publication_row(session: Session, name: str) -> Named:
    """The publication called `name`, created on first use with a slug of its own."""
    return _named_rows(session, Publication, None, [name], slugify_section)[name]


def section_rows(session: Session, publication: Named, names: Iterable[str]) -> dict[str, Named]:
    """Name → row of each of `publication`'s sections in `names`, the missing ones created
    in sorted order."""
    return _named_rows(session, Section, publication, names, slugify_section)


def person_rows(session: Session, publication: Named, names: Iterable[str]) -> dict[str, Named]:
    """Name → row of each of `publication`'s people in `names`, the missing ones created in
    sorted order."""
    return _named_rows(session, Person, publication, names, slugify_name)


def _named_rows(
    session: Session,
    model: type[Any],
    publication: Named | None,
    names: Iterable[str],
    slugify: Callable[[str], str],
) -> dict[str, Named]:
    """Get or create a row for each name (of `publication`, for sections and people), in a
    few statements for all of them and none for names this process knows: one query for
    the names not known (an issue's sections and people are mostly stored already) that
    reads the slugs near theirs too, and for the new ones one insert-or-ignore in sorted
    name order (two workers creating the same new names take their locks in the same
    order, and never deadlock on PostgreSQL) that returns the rows it made. A name another
    worker stored meanwhile, or whose slug another worker took, is read and tried again.

    Slugs are unique across papers and never reassigned: the first paper to print a name
    gets its plain slug (`yao-wen`), a second paper's gets its own slug added
    (`yao-wen-hong-shan-wan-bao`); two names of one paper that read alike are numbered
    (`lin-xiao`, `lin-xiao-2`).
    """
    wanted = sorted(set(names))
    table = model.__tablename__
    scope = publication.id if publication is not None else None
    known = recall(session, table, scope)
    if all(name in known for name in wanted):
        remember(session, table, scope, {})  # a rollback now forgets this database's names
        return {name: known[name] for name in wanted}
    found = {name: known[name] for name in wanted if name in known}
    bases = {name: slugify(name) for name in wanted if name not in found}
    owners = _read_named(session, model, scope, bases, found)
    for _ in range(100):
        missing = [name for name in wanted if name not in found]
        if not missing:
            remember(session, table, scope, found)
            return {name: found[name] for name in wanted}
        found.update(_insert_named(session, model, publication, missing, bases, owners))
        if any(name not in found for name in missing):
            owners = _read_named(
                session, model, scope, {n: bases[n] for n in missing if n not in found}, found
            )
    raise RuntimeError(f"could not give {missing!r} unique slugs")


def _read_named(
    session: Session,
    model: type[Any],
    scope: int | None,
    bases: Mapping[str, str],
    found: dict[str, Named],
) -> dict[str, int | None]:
    """Read the stored rows of the names in `bases` (name → its slug's base) into `found`,
    and return the stored slugs that start with one of those bases, each with its
    publication (a publication's own id): one query for both."""
    table = table_of(model)
    owner = table.c.publication_id if scope is not None else table.c.id
    names = sorted(bases)
    owners: dict[str, int | None] = {}
    for start in range(0, len(names), IN_CHUNK):
        chunk = names[start : start + IN_CHUNK]
        named: ColumnElement[bool] = table.c.name.in_(chunk)
        if scope is not None:
            named = and_(named, table.c.publication_id == scope)
        near = [table.c.slug.startswith(base) for base in sorted({bases[n] for n in chunk})]
        query = select(table.c.id, table.c.name, table.c.slug, owner, named).where(
            or_(named, *near)
        )
        for row_id, name, slug, slug_owner, is_named in session.connection().execute(query):
            owners[slug] = slug_owner
            if is_named:
                found[name] = Named(row_id, name, slug)
    return owners


def _insert_named(
    session: Session,
    model: type[Any],
    publication: Named | None,
    missing: list[str],
    bases: Mapping[str, str],
    owners: Mapping[str, int | None],
) -> dict[str, Named]:
    """Insert-or-ignore rows for the `missing` names, each with a slug no stored row holds
    (`owners`: the stored slugs near theirs); returns those made."""
    taken = set(owners)
    rows = []
    for name in missing:
        slug = _free_slug(bases[name], publication, owners, taken)
        taken.add(slug)
        row: dict[str, object] = {"name": name, "slug": slug}
        if publication is not None:
            row["publication_id"] = publication.id
        rows.append(row)
    table = table_of(model)
    statement = dialect_insert(session, table).on_conflict_do_nothing()
    made = session.connection().execute(
        statement.returning(table.c.id, table.c.name, table.c.slug), rows
    )
    return {name: Named(row_id, name, slug) for row_id, name, slug in made}


def _free_slug(
    base: str, publication: Named | None, owners: Mapping[str, int | None], taken: set[str]
) -> str:
    """`base` when free; numbered when the same paper holds it (two names read alike); with
    the paper's slug when another paper's section or person holds it."""
    if base not in taken or publication is None or owners.get(base) in (None, publication.id):
        return unique_slug(base, taken)
    return unique_slug(f"{base}-{publication.slug}", taken)


def publication_of(session: Session, publication_id: int) -> Named:
    """The publication with this id (a re-ingest's paper, read from its edition)."""
    table = table_of(Publication)
    query = select(table.c.id, table.c.name, table.c.slug).where(table.c.id == publication_id)
    row_id, name, slug = session.connection().execute(query).one()
    return Named(row_id, name, slug)


def ensure_source(session: Session, source: SourceConfig) -> Source:
    """The source row for `source`, created on first use (looked up first: it nearly always
    exists, and the lookup is the one statement needed then)."""
    row = session.execute(select(Source).where(Source.name == source.name)).scalar_one_or_none()
    if row is not None:
        return row
    insert_ignoring_conflict(
        session,
        Source,
        {
            "name": source.name,
            "kind": source.kind,
            "publication": source.publication,
            "default_section": source.section,
            "timezone": source.timezone,
            "created_at": dt.datetime.now(dt.UTC),
        },
    )
    return session.execute(select(Source).where(Source.name == source.name)).scalar_one()


def source_id(session: Session, source: SourceConfig) -> int:
    """The id of `source`'s row (`ensure_source`), asked of the database once per process:
    sources are never deleted (see above for what the cache trusts)."""
    found: int | None = recall(session, Source.__tablename__, None).get(source.name)
    if found is None:
        found = ensure_source(session, source).id
    remember(session, Source.__tablename__, None, {source.name: found})
    return found
