"""The page of one issue (``issues/<paper>/<day>.html``): its pages (版面) in print order,
each with its articles' headlines, like the contents of a printed paper.

Pure and deterministic: an IssueView in → page bytes out (template ``issue.html``). The
index shows the newest issue of each paper with the same blocks (``parts.html``).
"""

from __future__ import annotations

from feeds.issues import IssueView
from feeds.layout import clean, feed_links, render
from feeds.urls import issue_page_path, page_url


def render_issue_page(issue: IssueView, *, base_url: str, site_title: str) -> bytes:
    """The issue's page (UTF-8 HTML): title, the row of its pages, each page's articles in
    print order, a link to every issue of the paper; autodiscovery of the paper's feed."""
    site = clean(site_title) or "paperfeed"
    around = ((issue.previous_day, "prev", "前一期"), (issue.next_day, "next", "后一期"))
    steps = [
        (page_url(base_url, issue_page_path(issue.paper_slug, day.isoformat())), rel, word, day)
        for day, rel, word in around
        if day is not None
    ]
    return render(
        "issue.html",
        language="zh-CN",
        title=f"{issue.title} - {site}",
        base_url=base_url,
        site=site,
        with_icon=True,
        canonical=page_url(base_url, issue.page_path),
        feed_links=feed_links([(issue.feed_path, clean(issue.paper))], base_url),
        issue=issue,
        steps=steps,
    )
