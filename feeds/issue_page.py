"""The page of one issue (``issues/<paper>/<day>.html``): its pages (版面) in print order,
each with its articles' headlines, like the contents of a printed paper.

Pure and deterministic: an IssueView in → page bytes out. The index shows the newest issue
of each paper with the same blocks (``issue_contents``).
"""

from __future__ import annotations

from feeds.content import credit_groups, title_text
from feeds.issues import IssueView, PrintedPage, chinese_day
from feeds.layout import document, esc, head_links, icon_link, site_header
from feeds.model import FeedEntry
from feeds.text import clean_text
from feeds.urls import issue_page_path, page_url


def page_links(issue: IssueView, base_url: str) -> str:
    """The issue's pages as a row of links to their place on the issue page."""
    href = page_url(base_url, issue.page_path)
    links = "".join(
        f'<li><a href="{esc(href)}#{esc(page.anchor)}">{esc(page.label)}</a></li>'
        for page in issue.pages
    )
    return f'<nav class="pages" aria-label="版面"><ul>{links}</ul></nav>'


def _people(entry: FeedEntry) -> str:
    names = [
        f"{label} {'、'.join(clean_text(c.name).strip() for c in members)}".strip()
        for label, members in credit_groups(entry.credits)
    ]
    return f'<span class="meta">{esc(" ".join(names))}</span>' if names else ""


def _headline(entry: FeedEntry, base_url: str) -> str:
    title = esc(title_text(entry))
    if entry.page_path:
        title = f'<a href="{esc(page_url(base_url, entry.page_path))}">{title}</a>'
    kicker = clean_text(entry.kicker or "").strip()
    kicker_html = f'<span class="kicker">{esc(kicker)}</span> ' if kicker else ""
    return f'<li><span class="name">{kicker_html}{title}</span>{_people(entry)}</li>'


def page_block(page: PrintedPage, base_url: str, *, level: int = 2, link: str = "") -> list[str]:
    """One page's heading (an ``h{level}`` with the page's anchor) and its headlines.
    ``link``: the heading links there (the index links each page to the issue page)."""
    label = esc(page.label)
    if link:
        label = f'<a href="{esc(link)}">{label}</a>'
    return [
        f'<h{level} id="{esc(page.anchor)}" class="page">{label}</h{level}>',
        '<ul class="toc">',
        *(_headline(entry, base_url) for entry in page.entries),
        "</ul>",
    ]


def issue_contents(
    issue: IssueView, base_url: str, *, level: int = 2, linked: bool = False
) -> list[str]:
    """Every page of the issue with its headlines, in print order; ``linked``: each page
    heading links to its place on the issue page."""
    body: list[str] = []
    for page in issue.pages:
        link = f"{page_url(base_url, issue.page_path)}#{page.anchor}" if linked else ""
        body += page_block(page, base_url, level=level, link=link)
    return body


def _issue_steps(issue: IssueView, base_url: str) -> str:
    """The paper's issues before and after this one, and every issue (往期)."""
    links = []
    for day, rel, word in (
        (issue.previous_day, "prev", "前一期"),
        (issue.next_day, "next", "后一期"),
    ):
        if day is not None:
            href = esc(page_url(base_url, issue_page_path(issue.paper_slug, day.isoformat())))
            links.append(
                f'<a class="{rel}" rel="{rel}" href="{href}"><span class="meta">{word}</span>'
                f'<time datetime="{day.isoformat()}">{chinese_day(day)}</time></a>'
            )
    archive = esc(page_url(base_url, issue.archive_path))
    links.append(f'<a class="up" href="{archive}">全部往期</a>')
    return f'<nav class="steps" aria-label="前后期">{"".join(links)}</nav>'


def render_issue_page(issue: IssueView, *, base_url: str, site_title: str) -> bytes:
    """The issue's page (UTF-8 HTML): title, the row of its pages, each page's articles in
    print order, a link to every issue of the paper; autodiscovery of the paper's feed."""
    site = clean_text(site_title).strip() or "paperfeed"
    head = [
        icon_link(base_url),
        f'<link rel="canonical" href="{esc(page_url(base_url, issue.page_path))}">',
        *head_links(issue.feed_path, clean_text(issue.paper).strip(), base_url),
    ]
    archive = esc(page_url(base_url, issue.archive_path))
    count = len(issue.entries)
    body = [
        site_header(base_url, site),
        f"<h1>{esc(issue.title)}</h1>",
        f'<p class="meta">{len(issue.pages)} 个版面 · {count} 篇文章 · '
        f'<a href="{archive}">往期</a></p>',
        page_links(issue, base_url),
        *issue_contents(issue, base_url),
        _issue_steps(issue, base_url),
    ]
    return document(title=f"{issue.title} - {site}", head=head, body=body)
