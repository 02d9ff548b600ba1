"""The public index page: every feed with its Atom, RSS and JSON links, readable on a phone.

Pure and deterministic like the feed renderer: feeds in → ``index.html`` bytes out.
"""

from __future__ import annotations

from collections.abc import Sequence

from feeds.feed_fields import feed_title
from feeds.issue_page import issue_contents, page_links
from feeds.issues import PaperShelf, chinese_day
from feeds.layout import document, esc, feed_buttons, feed_head_links, icon_link
from feeds.model import FeedSpec
from feeds.search_page import SEARCH_CSS, search_form
from feeds.text import clean_text
from feeds.urls import INDEX_PAGE, index_url, page_url

# Groups in page order: (FeedSpec.kind, heading). Unknown kinds are listed last as "其他".
GROUPS: tuple[tuple[str, str], ...] = (
    ("all", "全部"),
    ("paper", "报纸"),
    ("section", "栏目"),
    ("person", "作者"),
)
OTHER_HEADING = "其他"

OPML_NAME = "feeds.opml"
# The per-kind lists publish_feeds writes beside feeds.opml: (relative path, kind, heading).
KIND_OPML: tuple[tuple[str, str, str], ...] = (
    ("feeds/sections.opml", "section", "栏目"),
    ("feeds/people.opml", "person", "作者"),
)


def opml_url(base_url: str) -> str:
    """Public URL of the OPML list of every feed (``publish_feeds`` writes it)."""
    return index_url(base_url) + OPML_NAME


def group_feeds(feeds: Sequence[FeedSpec]) -> list[tuple[str, list[FeedSpec]]]:
    """Feeds by group in page order, each group sorted by path (pinyin slugs: A→Z)."""
    known = {kind for kind, _ in GROUPS}
    groups: list[tuple[str, list[FeedSpec]]] = []
    for kind, heading in (*GROUPS, ("", OTHER_HEADING)):
        members = [f for f in feeds if (f.kind == kind if kind else f.kind not in known)]
        if members:
            groups.append((heading, sorted(members, key=lambda f: f.path)))
    return groups


def _name(feed: FeedSpec, base_url: str) -> str:
    """The feed's name, linking to its own page when it has one (not the index itself)."""
    name = esc(feed_title(feed))
    if feed.page_path and feed.page_path != INDEX_PAGE:
        name = f'<a href="{esc(page_url(base_url, feed.page_path))}">{name}</a>'
    return f'<span class="name">{name}</span>'


def _item(feed: FeedSpec, base_url: str) -> str:
    # FeedSpec.count is the whole history when the worker knows it; a feed file holds only
    # the latest entries.
    count = feed.count if feed.count is not None else len({e.id for e in feed.entries})
    latest = max((e.updated for e in feed.entries), default=None)
    when = (
        f' · <time datetime="{latest.isoformat()}">{latest.date().isoformat()}</time>'
        if latest is not None
        else ""
    )
    return (
        f'<li>{_name(feed, base_url)}<span class="count">{count} 篇{when}</span>'
        f"{feed_buttons(feed, base_url)}</li>"
    )


def paper_block(shelf: PaperShelf, base_url: str) -> list[str]:
    """A paper's newest issue on the index: its day, its pages, each page's headlines, and
    links to the issue's page and to every issue (往期)."""
    paper = esc(clean_text(shelf.paper).strip())
    archive = esc(page_url(base_url, shelf.archive_path))
    issue = shelf.latest
    if issue is None:
        return [f'<section class="paper"><h2>{paper}</h2>', f'<p><a href="{archive}">往期</a></p>',
                "</section>"]  # fmt: skip
    href = esc(page_url(base_url, issue.page_path))
    return [
        '<section class="paper">',
        f'<h2><a href="{href}">{paper} <time datetime="{issue.day.isoformat()}">'
        f"{chinese_day(issue.day)}</time></a></h2>",
        f'<p class="meta">{len(issue.pages)} 个版面 · {len(issue.entries)} 篇文章 · '
        f'<a href="{href}">阅读本期</a> · <a href="{archive}">往期（{len(shelf.days)} 期）</a></p>',
        page_links(issue, base_url),
        *issue_contents(issue, base_url, level=3, linked=True),
        "</section>",
    ]


def render_index(
    feeds: Sequence[FeedSpec],
    *,
    base_url: str,
    title: str,
    shelves: Sequence[PaperShelf] = (),
) -> bytes:
    """``index.html`` (UTF-8): the newest issue of each paper in ``shelves`` (its pages and
    headlines), then every feed: all, then sections, then people.

    Each feed shows its entry count, the date of its newest change, a link to its page and
    links to its ``.atom``, ``.rss`` and ``.json``; ``<head>`` carries autodiscovery links
    for all of them.
    """
    groups = group_feeds(feeds)
    ordered = [feed for _, members in groups for feed in members]
    page_title = clean_text(title).strip() or "paperfeed"
    head = [icon_link(base_url)]
    head += [line for feed in ordered for line in feed_head_links(feed, base_url)]
    head.append(SEARCH_CSS)
    body = [f"<h1>{esc(page_title)}</h1>", search_form(base_url)]
    for shelf in sorted(shelves, key=lambda s: s.paper_slug):
        body += paper_block(shelf, base_url)
    if shelves:
        body.append('<h2 id="feeds" class="feeds">订阅源</h2>')
    if ordered:
        body.append(
            f'<p><a href="{esc(opml_url(base_url))}">OPML 订阅列表</a>（一次导入全部订阅源）</p>'
        )
    else:
        body.append("<p>暂无订阅源。</p>")
    for heading, members in groups:
        kind_list = {kind: path for path, kind, _ in KIND_OPML}.get(members[0].kind)
        if kind_list:
            href = esc(page_url(base_url, kind_list))
            heading_html = f'{esc(heading)} <a class="fmt" href="{href}">OPML</a>'
        else:
            heading_html = esc(heading)
        body.append(f"<h2>{heading_html}</h2>")
        body.append("<ul>")
        body.extend(_item(feed, base_url) for feed in members)
        body.append("</ul>")
    return document(title=page_title, head=head, body=body)
