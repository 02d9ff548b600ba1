"""The e-paper pages of a publish: which issues changed, each one loaded in print order
(pages, then articles), and every paper's newest issue and issue days for the index.

An issue is one paper's articles of one day (`Edition.issue_date`), whatever files and
sources delivered them. Its page and its articles' pages (which link their neighbours) are
written whole whenever one of its articles changes, so an article a correction inserts or
withdraws also rewrites the pages of the articles before and after it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from itertools import groupby
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from feeds.issues import IssueView, PaperShelf, PrintedPage, page_anchor
from feeds.model import FeedEntry
from feeds.publish import FeedWriter
from worker.models import Article, Edition, FeedMember, Publication
from worker.publishing.entries import EntryCache, full_entries

IssueKey = tuple[int, dt.date]  # (publication id, issue day)


def changed_issues(session: Session, plans: Iterable[tuple[str, int, bool]]) -> set[IssueKey]:
    """The issues holding an article the feeds `plans` write changed: each plan is
    `(feed key, revision since, whole)`; a whole `all` is every issue. The feed of
    everything holds every article, so with it the other feeds add nothing unless whole."""
    plans = list(plans)
    if any(key == "all" and whole for key, _, whole in plans):
        every = session.execute(select(Edition.publication_id, Edition.issue_date))
        return {(paper, day) for paper, day in every}
    has_all = any(key == "all" for key, _, _ in plans)
    found: set[IssueKey] = set()
    for key, since, whole in plans:
        if has_all and key != "all" and not whole:
            continue
        query = (
            select(Edition.publication_id, Edition.issue_date)
            .distinct()
            .join(Article, Article.edition_id == Edition.id)
            .join(FeedMember, FeedMember.article_id == Article.id)
            .where(FeedMember.feed_key == key, FeedMember.revision > since)
        )
        found.update((paper, day) for paper, day in session.execute(query))
    return found


def _page_order(row: Any) -> tuple[int, int, str]:
    """Numbered pages by number, then the parts named by their file (no page printed)."""
    if row.part is None:
        return 0, row.page, ""
    if row.part.isdigit():
        return 0, int(row.part), ""
    return 1, 0, row.part


def load_issue(
    session: Session,
    publication_id: int,
    day: dt.date,
    tz: ZoneInfo,
    cache: EntryCache,
) -> IssueView | None:
    """The paper's live articles of `day`, page by page in print order, and the days of
    the issues before and after it; None when the paper has no such issue (or every
    article of it was withdrawn)."""
    paper = session.execute(
        select(Publication.name, Publication.slug).where(Publication.id == publication_id)
    ).one()
    rows = list(
        session.execute(
            select(Article.id, Article.part, Article.page, Article.seq, Article.edition_id)
            .join(Edition, Edition.id == Article.edition_id)
            .where(Edition.publication_id == publication_id, Edition.issue_date == day)
            .where(Article.withdrawn_at.is_(None))
        )
    )
    if not rows:
        return None
    rows.sort(key=lambda r: (r.edition_id, _page_order(r), r.seq, r.id))
    entries = full_entries(session, {r.id for r in rows}, tz, cache)
    before, after = neighbour_days(session, publication_id, day)
    pages = _printed_pages(rows, entries)
    return IssueView(paper.name, paper.slug, day, pages, before, after)


def _printed_pages(rows: list[Any], entries: dict[int, FeedEntry]) -> tuple[PrintedPage, ...]:
    """The rows (in print order) grouped into their pages, each named by its section."""
    pages: list[PrintedPage] = []
    unnumbered = 0
    for (_, order), group in groupby(rows, key=lambda r: (r.edition_id, _page_order(r))):
        members = tuple(entries[r.id] for r in group)
        number = None if order[0] else order[1]
        if number is None:
            unnumbered += 1
        section = next((c for c in members[0].categories[:1]), "")
        anchor = page_anchor(number, unnumbered)
        if any(page.anchor == anchor for page in pages):  # two sources' page 1 of one day
            anchor = f"{anchor}-{len(pages) + 1}"
        pages.append(PrintedPage(number, section, members, anchor))
    return tuple(pages)


def _live() -> Any:
    """An edition holding a live article (`worker.live_counts` keeps the number)."""
    return Edition.live_articles > 0


def neighbour_days(
    session: Session, publication_id: int, day: dt.date
) -> tuple[dt.date | None, dt.date | None]:
    """The days of the paper's issues just before and just after `day` (None: none)."""
    # ORDER BY … LIMIT 1 rather than max() and min(): one step along
    # ix_editions_publication_day whatever the paper's history.
    days = select(Edition.issue_date).where(Edition.publication_id == publication_id, _live())
    before = session.scalar(
        days.where(Edition.issue_date < day).order_by(Edition.issue_date.desc()).limit(1)
    )
    after = session.scalar(
        days.where(Edition.issue_date > day).order_by(Edition.issue_date).limit(1)
    )
    return before, after


def stage_issues(
    session: Session,
    writer: FeedWriter,
    issues: Iterable[IssueKey],
    tz: ZoneInfo,
    cache: EntryCache,
    done: dict[IssueKey, IssueView | None],
) -> None:
    """Stage the pages of `issues` not in `done` (and keep each as loaded there, for
    `shelves`): an issue whose articles were all withdrawn loses its page. The pages of the
    issues before and after each are staged again too: an issue that appeared or went links
    them anew."""
    neighbours: set[IssueKey] = set()
    for key in sorted(set(issues) - done.keys()):
        issue = done[key] = load_issue(session, *key, tz, cache)
        days = (issue.previous_day, issue.next_day) if issue else neighbour_days(session, *key)
        neighbours.update((key[0], day) for day in days if day is not None)
        if issue is not None:
            writer.add_issue(issue)
            continue
        paper = session.get(Publication, key[0])
        if paper is not None:
            writer.remove(IssueView(paper.name, paper.slug, key[1], ()).page_path)
    for key in sorted(neighbours - done.keys()):
        # The issue page alone: its articles' pages do not name other issues.
        neighbour = done[key] = load_issue(session, *key, tz, cache)
        if neighbour is not None:
            writer.add_issue(neighbour, articles=False)


def shelves(
    session: Session,
    tz: ZoneInfo,
    cache: EntryCache,
    loaded: dict[IssueKey, IssueView | None],
) -> list[PaperShelf]:
    """Each paper with an issue: its newest issue, loaded whole (or as `stage_issues` loaded
    it in this publish), the days of all, and the years of the issues `loaded` (those
    whose archive pages change)."""
    rows = session.execute(
        select(Publication.id, Publication.name, Publication.slug, Edition.issue_date)
        .join(Edition, Edition.publication_id == Publication.id)
        .where(_live())
        .distinct()
        .order_by(Publication.slug, Edition.issue_date.desc())
    ).all()
    found: list[PaperShelf] = []
    for (paper_id, name, slug), group in groupby(rows, key=lambda r: (r.id, r.name, r.slug)):
        days = tuple(row.issue_date for row in group)
        key = (paper_id, days[0])
        latest = loaded[key] if key in loaded else load_issue(session, *key, tz, cache)
        # The years of the issues this publish staged (a whole publish stages every one).
        years = frozenset(day.year for paper, day in loaded if paper == paper_id)
        found.append(PaperShelf(name, slug, latest, days, years))
    return found
