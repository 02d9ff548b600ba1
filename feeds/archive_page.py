"""The archive of one paper (``issues/<paper>/index.html``): every issue's day, by month,
newest first, each day linking to that issue's page.

Pure and deterministic: a PaperShelf in → page bytes out (template ``archive.html``).
"""

from __future__ import annotations

import datetime as dt
import itertools

from feeds.issues import PaperShelf
from feeds.layout import clean, feed_links, render
from feeds.urls import issue_page_path, page_url, paper_feed_path


def render_archive_page(shelf: PaperShelf, *, base_url: str, site_title: str) -> bytes:
    """The paper's archive page (UTF-8 HTML): a heading per month, newest first, and in it
    the days of that month's issues, in calendar order."""
    site = clean(site_title) or "paperfeed"
    paper = clean(shelf.paper)
    months: list[tuple[int, int, list[tuple[str, dt.date]]]] = []
    for (year, month), group in itertools.groupby(shelf.days, key=lambda d: (d.year, d.month)):
        days = [
            (page_url(base_url, issue_page_path(shelf.paper_slug, day.isoformat())), day)
            for day in sorted(group)
        ]
        months.append((year, month, days))
    return render(
        "archive.html",
        language="zh-CN",
        title=f"{paper} 往期 - {site}",
        base_url=base_url,
        site=site,
        with_icon=True,
        canonical=page_url(base_url, shelf.archive_path),
        feed_links=feed_links([(paper_feed_path(shelf.paper_slug), paper)], base_url),
        shelf=shelf,
        heading=f"{paper} 往期",
        months=months,
    )
