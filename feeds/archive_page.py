"""The archive of one paper (``issues/<paper>/index.html``): every issue's day, by month,
newest first, each day linking to that issue's page.

Pure and deterministic: a PaperShelf in → page bytes out.
"""

from __future__ import annotations

import datetime as dt
import itertools

from feeds.issues import PaperShelf
from feeds.layout import document, esc, head_links, icon_link, site_header
from feeds.text import clean_text
from feeds.urls import issue_page_path, page_url, paper_feed_path


def _month(paper_slug: str, days: list[dt.date], base_url: str) -> list[str]:
    first = days[0]
    links = "".join(
        f'<li><a href="{esc(page_url(base_url, issue_page_path(paper_slug, d.isoformat())))}">'
        f'<time datetime="{d.isoformat()}">{d.day}日</time></a></li>'
        for d in sorted(days)
    )
    return [f"<h2>{first.year}年{first.month}月</h2>", f'<ul class="days">{links}</ul>']


def render_archive_page(shelf: PaperShelf, *, base_url: str, site_title: str) -> bytes:
    """The paper's archive page (UTF-8 HTML): a heading per month, newest first, and in it
    the days of that month's issues, in calendar order."""
    site = clean_text(site_title).strip() or "paperfeed"
    paper = clean_text(shelf.paper).strip()
    title = f"{paper} 往期"
    head = [
        icon_link(base_url),
        f'<link rel="canonical" href="{esc(page_url(base_url, shelf.archive_path))}">',
        *head_links(paper_feed_path(shelf.paper_slug), paper, base_url),
    ]
    body = [site_header(base_url, site), f"<h1>{esc(title)}</h1>"]
    if shelf.days:
        body.append(f'<p class="meta">共 {len(shelf.days)} 期</p>')
    else:
        body.append("<p>暂无报纸。</p>")
    for _, group in itertools.groupby(shelf.days, key=lambda d: (d.year, d.month)):
        body += _month(shelf.paper_slug, list(group), base_url)
    return document(title=f"{title} - {site}", head=head, body=body)
