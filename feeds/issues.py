"""Issues as the e-paper site shows them: one paper's issue of one day, its pages (版面) in
print order with their articles, and each article's place among them (previous, next).

Pure values and functions: the worker loads an issue (`worker.publishing.issues`), the
pages render it (`feeds.issue_page`, `feeds.article_page`, `feeds.pages`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from feeds.content import title_text
from feeds.model import FeedEntry
from feeds.text import clean_text
from feeds.urls import archive_page_path, issue_page_path, paper_feed_path


def chinese_day(day: dt.date) -> str:
    """``2024年5月1日``."""
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True)
class PrintedPage:
    """One page (版面) of an issue: ``number`` when the paper printed one (第05版), None
    for a part known only by its file; ``section`` its name; ``entries`` in print order."""

    number: int | None
    section: str
    entries: tuple[FeedEntry, ...]
    anchor: str  # the page's id on the issue page: p5, or f1 for the first unnumbered part

    @property
    def label(self) -> str:
        """``第05版：要闻``; the section alone when no page number was printed."""
        section = clean_text(self.section).strip()
        if self.number is None:
            return section or "版面"
        return f"第{self.number:02d}版：{section}" if section else f"第{self.number:02d}版"


@dataclass(frozen=True)
class IssueView:
    """A paper's issue of one day, its pages in print order."""

    paper: str
    paper_slug: str
    day: dt.date
    pages: tuple[PrintedPage, ...]
    previous_day: dt.date | None = None  # the paper's issue before this one
    next_day: dt.date | None = None

    @property
    def page_path(self) -> str:
        return issue_page_path(self.paper_slug, self.day.isoformat())

    @property
    def archive_path(self) -> str:
        return archive_page_path(self.paper_slug)

    @property
    def feed_path(self) -> str:
        """The paper's feed of everything: the issue page's autodiscovery."""
        return paper_feed_path(self.paper_slug)

    @property
    def title(self) -> str:
        """``青河日报 2024年5月1日``."""
        return f"{clean_text(self.paper).strip()} {chinese_day(self.day)}"

    @property
    def entries(self) -> tuple[FeedEntry, ...]:
        """Every article of the issue in print order, page after page."""
        return tuple(entry for page in self.pages for entry in page.entries)


@dataclass(frozen=True)
class PaperShelf:
    """A paper on the index and its archive pages: its newest issue, every issue's day,
    and the years whose archive page a publish writes (None: every year; a publish writes
    the years of the issues it changed, so its work does not grow with the archive)."""

    paper: str
    paper_slug: str
    latest: IssueView | None
    days: tuple[dt.date, ...]  # newest first
    years_written: frozenset[int] | None = None

    @property
    def archive_path(self) -> str:
        return archive_page_path(self.paper_slug)

    @property
    def years(self) -> tuple[tuple[int, int], ...]:
        """Each year with issues and their number, newest first."""
        return tuple((year, len(list(days))) for year, days in groupby(self.days, _year))

    def days_of(self, year: int) -> tuple[dt.date, ...]:
        """The days of the year's issues, newest first."""
        return tuple(day for day in self.days if day.year == year)


def _year(day: dt.date) -> int:
    return day.year


@dataclass(frozen=True)
class Neighbour:
    """An article next to another in print order: its title and its page's path."""

    title: str
    page_path: str


@dataclass(frozen=True)
class ArticleNav:
    """Where an article sits: its issue and page, and the articles before and after it."""

    issue_path: str
    issue_title: str
    page_label: str
    page_anchor: str
    previous: Neighbour | None
    next: Neighbour | None


def page_anchor(number: int | None, unnumbered_index: int) -> str:
    """The id of a page on its issue page: ``p5`` for 第05版, ``f2`` for the second part
    that printed no page number.

    >>> page_anchor(5, 0), page_anchor(None, 2)
    ('p5', 'f2')
    """
    return f"p{number}" if number is not None else f"f{unnumbered_index}"


def article_navs(issue: IssueView) -> dict[str, ArticleNav]:
    """Each article's navigation, by entry id: previous and next in print order, crossing
    pages, none beyond the issue's first and last article."""
    placed = [(page, entry) for page in issue.pages for entry in page.entries if entry.page_path]
    navs: dict[str, ArticleNav] = {}
    for index, (page, entry) in enumerate(placed):
        before = placed[index - 1][1] if index > 0 else None
        after = placed[index + 1][1] if index + 1 < len(placed) else None
        navs[entry.id] = ArticleNav(
            issue_path=issue.page_path,
            issue_title=issue.title,
            page_label=page.label,
            page_anchor=page.anchor,
            previous=_neighbour(before),
            next=_neighbour(after),
        )
    return navs


def _neighbour(entry: FeedEntry | None) -> Neighbour | None:
    if entry is None or not entry.page_path:
        return None
    return Neighbour(title_text(entry), entry.page_path)
