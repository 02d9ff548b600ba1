"""Which feeds there are, what they are called, and which articles each one holds.

Feed keys name feeds: `all` (every paper), `paper:<slug>` (one paper's everything),
`section:<slug>` and `person:<slug>` (a section or a person of one paper). Titles carry the
paper's name, so two papers' 要闻 are told apart in a reader's list.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from feeds.model import FeedEntry, FeedSpec
from feeds.urls import (
    INDEX_PAGE,
    paper_feed_path,
    paper_page_path,
    person_feed_path,
    person_page_path,
    section_feed_path,
    section_page_path,
)
from worker.models import Article, Credit, FeedCount, Person, PersonRole, Publication, Section
from worker.publishing.credits import is_person_name

ALL_TITLE = "全部文章"


@dataclass(frozen=True)
class FeedInfo:
    """A feed's name, title, kind and size, without its entries. `added` and `revision`
    are its `feed_counts` counters; a feed whose articles were all withdrawn (`total` 0)
    is still published, empty, but not listed."""

    key: str
    path: str
    title: str
    kind: str
    total: int
    page_path: str
    description: str
    added: int = 0
    revision: int = 0
    hidden: bool = False  # a "person" whose name is no person's (`新闻`): never listed
    publisher: str | None = None  # the paper (papers, for `all`): the feed's author
    roles: tuple[tuple[str, int], ...] = ()  # a person's: see FeedSpec.roles

    @property
    def listed(self) -> bool:
        return (self.total > 0 or self.key == "all") and not self.hidden

    def spec(self, entries: tuple[FeedEntry, ...] = ()) -> FeedSpec:
        return FeedSpec(
            path=self.path, title=self.title, description=self.description, kind=self.kind,
            entries=entries, count=self.total, page_path=self.page_path,
            publisher=self.publisher, roles=self.roles,
        )  # fmt: skip


def every_feed(session: Session, site_title: str | None = None) -> dict[str, FeedInfo]:
    """Every feed there is or was, with its size, from `feed_counts` (kept by each ingest):
    the index page lists every feed, and counting a million articles on each publish would
    make every publish as slow as the archive is large. `site_title` is the author of the
    feed of everything; each other feed's is its paper."""
    counts = {
        row.key: row
        for row in session.execute(select(FeedCount.key, FeedCount.total, FeedCount.added,
                                          FeedCount.revision))
    }  # fmt: skip

    def info(
        key: str, path: str, title: str, kind: str, page: str, description: str, paper: str | None
    ) -> Any:
        row = counts.get(key)
        total, added, revision = (row.total, row.added, row.revision) if row else (0, 0, 0)
        return FeedInfo(
            key, path, title, kind, total, page, description, added, revision, publisher=paper
        )

    papers = session.execute(
        select(Publication.slug, Publication.name).order_by(Publication.slug)
    ).all()
    # The feed of everything holds every paper: the site is its author. Not the papers'
    # names, which would change its archive pages, written once, when a paper is added.
    feeds = {"all": info("all", "all", ALL_TITLE, "all", INDEX_PAGE, ALL_TITLE, site_title)}
    for slug, name in papers:
        if f"paper:{slug}" in counts:
            feeds[f"paper:{slug}"] = info(
                f"paper:{slug}", paper_feed_path(slug), name, "paper", paper_page_path(slug),
                f"{name}全部文章", name,
            )  # fmt: skip
    for model, kind, path, page in (
        (Section, "section", section_feed_path, section_page_path),
        (Person, "person", person_feed_path, person_page_path),
    ):
        for slug, name, paper in session.execute(
            select(model.slug, model.name, Publication.name)
            .join(Publication, Publication.id == model.publication_id)
            .order_by(model.slug)
        ):
            key = f"{kind}:{slug}"
            if key in counts:
                title, description = feed_title(kind, name, paper)
                feeds[key] = info(key, path(slug), title, kind, page(slug), description, paper)
                if kind == "person" and not is_person_name(name):
                    # Still written (its entries were published), no longer offered.
                    feeds[key] = dataclasses.replace(feeds[key], hidden=True)
    return feeds


def feed_title(kind: str, name: str, paper: str) -> tuple[str, str]:
    """A section's or person's feed title and description, with the paper's name.

    >>> feed_title("section", "要闻", "青河日报")
    ('青河日报 · 要闻', '青河日报要闻版面文章')
    >>> feed_title("person", "王孟鹤", "青河日报")
    ('王孟鹤 · 青河日报', '王孟鹤在青河日报的署名文章')
    """
    if kind == "section":
        return f"{paper} · {name}", f"{paper}{name}版面文章"
    return f"{name} · {paper}", f"{name}在{paper}的署名文章"


def live() -> Any:
    return Article.withdrawn_at.is_(None)


def feed_query(key: str) -> Select[Any]:
    """The ids of the articles a feed holds by definition, from the articles, sections and
    credits themselves (not from `feed_entries`): what `paperfeed feeds check` compares the
    published chain with."""
    query = select(Article.id).where(live())
    kind, _, slug = key.partition(":")
    if kind == "section":
        section = select(Section.id).where(Section.slug == slug).scalar_subquery()
        return query.where(Article.section_id == section)
    if kind == "paper":
        paper = select(Publication.id).where(Publication.slug == slug).scalar_subquery()
        sections = select(Section.id).where(Section.publication_id == paper)
        return query.where(Article.section_id.in_(sections))
    if kind == "person":
        person = select(Person.id).where(Person.slug == slug).scalar_subquery()
        credited = select(Credit.article_id).where(Credit.person_id == person)
        return query.where(Article.id.in_(credited))
    if kind != "all":
        raise ValueError(
            f"unknown feed key {key!r}: use all, paper:<slug>, section:<slug> or person:<slug>"
        )
    return query


def person_roles(session: Session, key: str) -> tuple[tuple[str, int], ...]:
    """The roles of the person of feed `key` (`person:<slug>`) on live articles, each with
    its number of articles, most first: `(("reporter", 12), ("photographer", 3))`. The
    numbers are those every ingest keeps (`worker.live_counts`)."""
    return person_roles_of(session, [key])[key]


def person_roles_of(session: Session, keys: list[str]) -> dict[str, tuple[tuple[str, int], ...]]:
    """`person_roles` of each of the feeds `keys`, one statement per 500 of them."""
    found: dict[str, list[tuple[str, int]]] = {key: [] for key in keys}
    slugs = [key.partition(":")[2] for key in keys]
    for start in range(0, len(slugs), 500):
        rows = session.execute(
            select(Person.slug, PersonRole.role, PersonRole.articles)
            .join(Person, Person.id == PersonRole.person_id)
            .where(Person.slug.in_(slugs[start : start + 500]), PersonRole.articles > 0)
        )
        for slug, role, articles in rows:
            found[f"person:{slug}"].append((role, articles))
    return {key: tuple(sorted(roles, key=lambda r: (-r[1], r[0]))) for key, roles in found.items()}
