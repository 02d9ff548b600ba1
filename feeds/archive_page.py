"""The archive of one paper: its page (``issues/<paper>/index.html``) lists every year with
its number of issues and shows the newest year's issues by month; a page per year
(``issues/<paper>/<YYYY>.html``) shows that year's. Each day links to that issue's page.

One page per year keeps a publish's work the same whatever the paper's history: a new
issue rewrites the paper's page and its year's, not a page of every day since the first.

Pure and deterministic: a PaperShelf in → page bytes out (template ``archive.html``).
"""

from __future__ import annotations

import datetime as dt
import itertools

from feeds.issues import PaperShelf
from feeds.layout import clean, feed_links, render
from feeds.urls import archive_year_path, issue_page_path, page_url, paper_feed_path

Month = tuple[int, int, list[tuple[str, dt.date]]]  # year, month, (issue page URL, day)


def render_archive_page(shelf: PaperShelf, *, base_url: str, site_title: str) -> bytes:
    """The paper's archive page (UTF-8 HTML): its years, each linking to its page, and the
    newest year's issues by month."""
    newest = shelf.days[0].year if shelf.days else None
    return _render(shelf, newest, base_url, site_title, year_page=False)


def render_year_page(shelf: PaperShelf, year: int, *, base_url: str, site_title: str) -> bytes:
    """The paper's issues of `year` (UTF-8 HTML): a heading per month, newest first, and
    in it the days of that month's issues, in calendar order."""
    return _render(shelf, year, base_url, site_title, year_page=True)


def _render(
    shelf: PaperShelf, year: int | None, base_url: str, site_title: str, *, year_page: bool
) -> bytes:
    site = clean(site_title) or "paperfeed"
    paper = clean(shelf.paper)
    if year_page and year is not None:
        heading, path = f"{paper} {year}年往期", archive_year_path(shelf.paper_slug, year)
        years = []  # a year's page names no other year: it changes only with its own issues
    else:
        heading, path = f"{paper} 往期", shelf.archive_path
        years = [(page_url(base_url, archive_year_path(shelf.paper_slug, y)), y, n)
                 for y, n in shelf.years]  # fmt: skip
    months = _months(shelf, year, base_url) if year is not None else []
    return render(
        "archive.html",
        language="zh-CN",
        title=f"{heading} - {site}",
        base_url=base_url,
        site=site,
        with_icon=True,
        canonical=page_url(base_url, path),
        feed_links=feed_links([(paper_feed_path(shelf.paper_slug), paper)], base_url),
        shelf=shelf,
        heading=heading,
        years=years,
        year_page=year_page,
        count=sum(len(days) for _, _, days in months),
        up=page_url(base_url, shelf.archive_path),
        months=months,
    )


def _months(shelf: PaperShelf, year: int, base_url: str) -> list[Month]:
    months: list[Month] = []
    for month, group in itertools.groupby(shelf.days_of(year), key=lambda d: d.month):
        days = [
            (page_url(base_url, issue_page_path(shelf.paper_slug, day.isoformat())), day)
            for day in sorted(group)
        ]
        months.append((year, month, days))
    return months
