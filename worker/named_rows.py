"""Publications, sections and people by name: found, or created with a slug of their own
that is never reassigned, in few statements and in an order that cannot deadlock."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from feeds.slugs import slugify_name, slugify_section, unique_slug
from worker.models import Person, Publication, Section, table_of
from worker.storage import IN_CHUNK, dialect_insert


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
        statement = dialect_insert(session, table_of(model)).on_conflict_do_nothing()
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
