"""Issues made of pages, papers with their own sections and people, archives in the order
entries were added.

- publications: each paper, with a slug; sections and people now belong to one
  (`publication_id`, unique with the name): two papers' 要闻 or 王伟 are two rows.
- editions: an issue, (source, date), marked when its date is a guess; edition_parts: which
  file holds each page (or part) of it. issues (the files) gain `edition_id`, `modified_at`,
  `date_from`, `parts` and `corrected`; articles gain `edition_id` and `part`.
- feed_entries: every feed's entries numbered in the order added; feed_counts gain `added`
  and `revision`; feed_archives and feed_pages: what the last publish of each feed wrote.

Existing data is carried over: every stored file joins the issue of its source and date
(an undated file: the day it arrived, marked as a guess, as its own part); a section or
person printed by two papers is split, the paper with the most articles keeping the row,
its id and its slug. Article keys (so entry ids) do not change. Articles are published at
their issue's date at 06:00 in the source's zone, in print order (a source's
`publish_time` applies from its next ingest). Feed entries are numbered oldest first, so
the archive pages keep what they held; every feed is marked for a rebuild.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

UTC_DATETIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    _schema()
    for table in ("sections", "people"):  # a name may now be printed by two papers
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(f"uq_{table}_name", type_="unique")
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    papers = _publications(bind)
    editions = _editions(bind, papers, sqlite)
    _owners(bind, editions, papers)
    _restamp(bind, editions, sqlite)
    _feed_entries(bind)
    for table in ("sections", "people"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("publication_id", existing_type=sa.Integer(), nullable=False)
            batch_op.create_unique_constraint(
                f"uq_{table}_publication_id_name", ["publication_id", "name"]
            )
            batch_op.create_foreign_key(
                f"fk_{table}_publication_id_publications", "publications",
                ["publication_id"], ["id"],
            )  # fmt: skip


def _schema() -> None:
    op.create_table(
        "publications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("slug", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publications")),
        sa.UniqueConstraint("name", name=op.f("uq_publications_name")),
        sa.UniqueConstraint("slug", name=op.f("uq_publications_slug")),
    )
    op.create_table(
        "editions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("date_guessed", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["publications.id"],
            name=op.f("fk_editions_publication_id_publications"),
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_editions_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_editions")),
        sa.UniqueConstraint(
            "source_id", "issue_date", name=op.f("uq_editions_source_id_issue_date")
        ),
    )
    op.create_index(op.f("ix_editions_issue_date"), "editions", ["issue_date"])
    op.create_index(op.f("ix_editions_publication_id"), "editions", ["publication_id"])
    op.create_table(
        "edition_parts",
        sa.Column("edition_id", sa.Integer(), nullable=False),
        sa.Column("part", sa.String(length=300), nullable=False),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("issue_id", sa.Integer(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["edition_id"], ["editions.id"], name=op.f("fk_edition_parts_edition_id_editions")
        ),
        sa.PrimaryKeyConstraint("edition_id", "part", name=op.f("pk_edition_parts")),
    )
    op.create_index(op.f("ix_edition_parts_issue_id"), "edition_parts", ["issue_id"])
    with op.batch_alter_table("issues", schema=None) as batch_op:
        batch_op.add_column(sa.Column("edition_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("modified_at", UTC_DATETIME, nullable=True))
        batch_op.add_column(sa.Column("date_from", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("parts", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("corrected", sa.JSON(), nullable=True))
    op.create_index(op.f("ix_issues_edition_id"), "issues", ["edition_id"])
    op.create_index("ix_issues_source_filename", "issues", ["source_id", "filename"])
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("edition_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("part", sa.String(length=300), nullable=True))
    op.create_index(op.f("ix_articles_edition_id"), "articles", ["edition_id"])
    for table in ("sections", "people"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("publication_id", sa.Integer(), nullable=True))
    op.create_table(
        "feed_entries",
        sa.Column("feed_key", sa.String(length=300), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("live", sa.Boolean(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_feed_entries_article_id_articles")
        ),
        sa.PrimaryKeyConstraint("feed_key", "seq", name=op.f("pk_feed_entries")),
        sa.UniqueConstraint(
            "feed_key", "article_id", name=op.f("uq_feed_entries_feed_key_article_id")
        ),
    )
    op.create_index(op.f("ix_feed_entries_article_id"), "feed_entries", ["article_id"])
    op.create_index("ix_feed_entries_feed_key_revision", "feed_entries", ["feed_key", "revision"])
    op.create_table(
        "feed_archives",
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_feed_archives")),
    )
    op.create_table(
        "feed_pages",
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", "number", name=op.f("pk_feed_pages")),
    )
    with op.batch_alter_table("feed_counts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("added", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("revision", sa.Integer(), server_default="0", nullable=False))


def _publications(bind: Any) -> dict[str, tuple[int, str]]:
    """A publication for each paper named by a source or a stored file: name → (id, slug)."""
    from feeds.slugs import slugify_section, unique_slug

    names = {row[0] for row in bind.execute(sa.text("SELECT publication FROM sources"))}
    names |= {
        row[0]
        for row in bind.execute(
            sa.text("SELECT DISTINCT publication FROM issues WHERE publication IS NOT NULL")
        )
    }
    papers: dict[str, tuple[int, str]] = {}
    taken: set[str] = set()
    for name in sorted(n for n in names if n):
        slug = unique_slug(slugify_section(name), taken)
        taken.add(slug)
        bind.execute(
            sa.text("INSERT INTO publications (name, slug) VALUES (:n, :s)"), {"n": name, "s": slug}
        )
        found = bind.execute(sa.text("SELECT id FROM publications WHERE name = :n"), {"n": name})
        papers[name] = (found.scalar_one(), slug)
    return papers


def _editions(bind: Any, papers: dict[str, tuple[int, str]], sqlite: bool) -> dict[int, Any]:
    """Each stored file into the issue of its source and date; returns issue id → (edition
    id, date, zone) for the files that have articles."""
    sources = {
        row.id: row
        for row in bind.execute(sa.text("SELECT id, publication, timezone FROM sources"))
    }
    files = bind.execute(
        sa.text(
            "SELECT id, source_id, issue_date, received_at, filename, publication, status "
            "FROM issues WHERE status != 'failed' ORDER BY id"
        )
    ).all()
    pages: dict[int, list[int]] = defaultdict(list)
    for issue_id, page in bind.execute(
        sa.text("SELECT DISTINCT issue_id, page FROM articles ORDER BY issue_id, page")
    ):
        pages[issue_id].append(page)
    editions: dict[tuple[int, dt.date], int] = {}
    held: dict[tuple[int, str], int] = {}
    placed: dict[int, Any] = {}
    now = dt.datetime.now(dt.UTC)
    for row in files:
        source = sources[row.source_id]
        zone = ZoneInfo(source.timezone or "Asia/Shanghai")
        guessed = row.issue_date is None
        day = (
            _date(row.issue_date)
            if not guessed
            else _moment(row.received_at).astimezone(zone).date()
        )
        paper = papers[row.publication or source.publication][0]
        edition = editions.get((row.source_id, day))
        if edition is None:
            bind.execute(
                sa.text(
                    "INSERT INTO editions (source_id, publication_id, issue_date, date_guessed, "
                    "created_at) VALUES (:s, :p, :d, :g, :c)"
                ),
                {"s": row.source_id, "p": paper, "d": day, "g": guessed, "c": _stamp(now, sqlite)},
            )
            edition = bind.execute(
                sa.text("SELECT id FROM editions WHERE source_id = :s AND issue_date = :d"),
                {"s": row.source_id, "d": day},
            ).scalar_one()
            editions[(row.source_id, day)] = edition
        elif not guessed:
            bind.execute(
                sa.text("UPDATE editions SET date_guessed = :g WHERE id = :e"),
                {"g": False, "e": edition},
            )
        name = (row.filename or f"issue-{row.id}").replace("\\", "/").rsplit("/", 1)[-1]
        parts = [str(p) for p in pages.get(row.id, [])] if not guessed else [f"file:{name}"]
        if not pages.get(row.id):
            parts = []  # superseded: its pages moved to the file that replaced it
        mine = {}
        for part in parts:
            if (edition, part) in held:  # two files claimed one part: both stay live
                part = f"file:{name}#{row.id}"
            held[(edition, part)] = row.id
            mine[part] = part
            page = int(part) if part.isdigit() else None
            bind.execute(
                sa.text(
                    "INSERT INTO edition_parts (edition_id, part, page, issue_id, updated_at) "
                    "VALUES (:e, :p, :n, :i, :u)"
                ),
                {"e": edition, "p": part, "n": page, "i": row.id, "u": _stamp(now, sqlite)},
            )
        bind.execute(
            sa.text(
                "UPDATE issues SET edition_id = :e, date_from = :f, parts = :p, corrected = :c, "
                "issue_date = :d WHERE id = :i"
            ),
            {
                "e": edition, "f": "received" if guessed else "text", "d": day, "i": row.id,
                "p": _json(sorted(mine)), "c": _json([]),
            },
        )  # fmt: skip
        placed[row.id] = (edition, day, zone, paper, list(mine) or [None])
    return placed


def _owners(bind: Any, placed: dict[int, Any], papers: dict[str, tuple[int, str]]) -> None:
    """Sections and people to the paper that printed them; one printed by several papers is
    split, the paper with the most articles (on a tie, the first to print it) keeping the
    row."""
    article_paper: dict[int, int] = {}
    for article_id, issue_id in bind.execute(sa.text("SELECT id, issue_id FROM articles")):
        if issue_id in placed:
            article_paper[article_id] = placed[issue_id][3]
    fallback = min((pid for pid, _ in papers.values()), default=None)
    from feeds.slugs import unique_slug

    slugs_of = {pid: slug for pid, slug in papers.values()}
    for table, link in (("sections", "articles"), ("people", "credits")):
        column = "section_id" if table == "sections" else "person_id"
        key = "id" if table == "sections" else "article_id"
        uses: dict[int, Counter[int]] = defaultdict(Counter)
        first: dict[tuple[int, int], int] = {}  # (row, paper) → its first article
        for owner, article_id in bind.execute(sa.text(f"SELECT {column}, {key} FROM {link}")):
            if article_id in article_paper:
                paper = article_paper[article_id]
                uses[owner][paper] += 1
                first[(owner, paper)] = min(first.get((owner, paper), article_id), article_id)
        rows = bind.execute(sa.text(f"SELECT id, name, slug FROM {table} ORDER BY id")).all()
        taken = {row.slug for row in rows}
        for row in rows:
            counted = uses.get(row.id) or Counter({fallback: 1})
            # The most articles keeps the row; on a tie, the paper that printed it first.
            ranked = sorted(counted, key=lambda p: (-counted[p], first.get((row.id, p), 0), p))
            bind.execute(
                sa.text(f"UPDATE {table} SET publication_id = :p WHERE id = :i"),
                {"p": ranked[0], "i": row.id},
            )
            for other in ranked[1:]:
                slug = unique_slug(f"{row.slug}-{slugs_of[other]}", taken)
                taken.add(slug)
                bind.execute(
                    sa.text(
                        f"INSERT INTO {table} (name, slug, publication_id) VALUES (:n, :s, :p)"
                    ),
                    {"n": row.name, "s": slug, "p": other},
                )
                new_id = bind.execute(
                    sa.text(f"SELECT id FROM {table} WHERE slug = :s"), {"s": slug}
                ).scalar_one()
                moved = [a for a, p in article_paper.items() if p == other]
                for start in range(0, len(moved), 500):
                    bind.execute(
                        sa.text(
                            f"UPDATE {link} SET {column} = :n WHERE {column} = :o "
                            f"AND {key} IN ({','.join(str(a) for a in moved[start : start + 500])})"
                        ),
                        {"n": new_id, "o": row.id},
                    )


def _restamp(bind: Any, placed: dict[int, Any], sqlite: bool) -> None:
    """Each article into its issue and part, published at the issue's date at 06:00 in the
    source's zone, less a minute a page and a second a place (print order)."""
    rows = bind.execute(
        sa.text("SELECT id, issue_id, page, seq FROM articles ORDER BY issue_id, seq, id")
    ).all()
    updates = []
    places: Counter[tuple[int, int]] = Counter()
    for row in rows:
        if row.issue_id not in placed:
            continue
        edition, day, zone, _paper, parts = placed[row.issue_id]
        place = places[(row.issue_id, row.page)]
        places[(row.issue_id, row.page)] += 1
        part = str(row.page) if str(row.page) in parts else parts[0]
        base = dt.datetime.combine(day, dt.time(6, 0), tzinfo=zone)
        offset = (min(max(row.page, 1), 600) - 1) * 60 + min(place, 59)
        when = (base - dt.timedelta(seconds=offset)).astimezone(dt.UTC)
        updates.append({"e": edition, "p": part, "t": _stamp(when, sqlite), "i": row.id})
    for start in range(0, len(updates), 1000):
        bind.execute(
            sa.text(
                "UPDATE articles SET edition_id = :e, part = :p, published_at = :t WHERE id = :i"
            ),
            updates[start : start + 1000],
        )
    bind.execute(
        sa.text(
            "UPDATE credits SET published_at = "
            "(SELECT published_at FROM articles WHERE articles.id = credits.article_id)"
        )
    )


def _feed_entries(bind: Any) -> None:
    """Number every feed's live entries oldest first, count them, and mark every feed for a
    rebuild."""
    feeds: dict[int, set[str]] = {}
    for article_id, section, paper in bind.execute(
        sa.text(
            "SELECT a.id, s.slug, p.slug FROM articles a JOIN sections s ON s.id = a.section_id "
            "JOIN publications p ON p.id = s.publication_id WHERE a.withdrawn_at IS NULL "
            "ORDER BY a.published_at, a.id"
        )
    ):
        feeds[article_id] = {"all", f"paper:{paper}", f"section:{section}"}
    for article_id, person in bind.execute(
        sa.text("SELECT c.article_id, p.slug FROM credits c JOIN people p ON p.id = c.person_id")
    ):
        if article_id in feeds:
            feeds[article_id].add(f"person:{person}")
    counts: Counter[str] = Counter()
    rows = []
    for article_id, keys in feeds.items():  # oldest first
        for key in sorted(keys):
            counts[key] += 1
            rows.append({"k": key, "s": counts[key], "a": article_id})
    for start in range(0, len(rows), 1000):
        bind.execute(
            sa.text(
                "INSERT INTO feed_entries (feed_key, seq, article_id, live, revision) "
                "VALUES (:k, :s, :a, true, 1)"
            ),
            rows[start : start + 1000],
        )
    # A section or person whose every article was withdrawn gets its feed too, empty: the
    # feed files it had still showed them.
    for table, kind in (("sections", "section"), ("people", "person")):
        for (slug,) in bind.execute(sa.text(f"SELECT slug FROM {table}")):
            counts.setdefault(f"{kind}:{slug}", 0)
    bind.execute(sa.text("DELETE FROM feed_counts"))
    if counts:
        bind.execute(
            sa.text("INSERT INTO feed_counts (key, total, added, revision) VALUES (:k, :n, :n, 1)"),
            [{"k": key, "n": n} for key, n in sorted(counts.items())],
        )
    now = dt.datetime.now(dt.UTC)
    sqlite = bind.dialect.name == "sqlite"
    bind.execute(sa.text("DELETE FROM dirty_feeds"))
    if counts:
        bind.execute(
            sa.text(
                "INSERT INTO dirty_feeds (key, marked_at, first_marked_at) VALUES (:k, :t, :t)"
            ),
            [{"k": key, "t": _stamp(now, sqlite)} for key in sorted(counts)],
        )


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _moment(value: Any) -> dt.datetime:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)  # type: ignore[no-any-return]


def _stamp(value: dt.datetime, sqlite: bool) -> Any:
    """A UTC time as `UTCDateTime` stores it: naive on SQLite."""
    value = value.astimezone(dt.UTC)
    return value.replace(tzinfo=None) if sqlite else value


def _json(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def downgrade() -> None:
    for table in ("sections", "people"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(f"fk_{table}_publication_id_publications", type_="foreignkey")
            batch_op.drop_constraint(f"uq_{table}_publication_id_name", type_="unique")
            batch_op.create_unique_constraint(f"uq_{table}_name", ["name"])
            batch_op.drop_column("publication_id")
    with op.batch_alter_table("feed_counts", schema=None) as batch_op:
        batch_op.drop_column("revision")
        batch_op.drop_column("added")
    op.drop_table("feed_pages")
    op.drop_table("feed_archives")
    op.drop_index("ix_feed_entries_feed_key_revision", table_name="feed_entries")
    op.drop_index(op.f("ix_feed_entries_article_id"), table_name="feed_entries")
    op.drop_table("feed_entries")
    op.drop_index(op.f("ix_articles_edition_id"), table_name="articles")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_column("part")
        batch_op.drop_column("edition_id")
    op.drop_index("ix_issues_source_filename", table_name="issues")
    op.drop_index(op.f("ix_issues_edition_id"), table_name="issues")
    with op.batch_alter_table("issues", schema=None) as batch_op:
        for column in ("corrected", "parts", "date_from", "modified_at", "edition_id"):
            batch_op.drop_column(column)
    op.drop_index(op.f("ix_edition_parts_issue_id"), table_name="edition_parts")
    op.drop_table("edition_parts")
    op.drop_index(op.f("ix_editions_publication_id"), table_name="editions")
    op.drop_index(op.f("ix_editions_issue_date"), table_name="editions")
    op.drop_table("editions")
    op.drop_table("publications")
