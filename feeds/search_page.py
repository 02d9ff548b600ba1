"""The search page and the search feed: hits (feed entries, newest first) in → HTML bytes
or a FeedSpec out. Pure: the worker finds the hits (`worker.search`) and serves the result.

Everything a reader typed is escaped: the query comes from whoever sends the request.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode

from feeds.feed_fields import ATOM_TYPE
from feeds.layout import discovery_title, document, esc, site_header
from feeds.model import ROLE_LABELS, FeedEntry, FeedSpec
from feeds.urls import index_url, page_url

PAGE_SIZE = 20  # hits per page
FEED_SIZE = 50  # hits in a search feed
SEARCH_CSS = (
    "<style>form.search{display:flex;gap:.5rem;margin:0 0 1rem}form.search input{flex:1;"
    "min-width:0;font-size:1rem;padding:.4rem}form.search button{font-size:1rem}"
    ".hit{display:block;flex:1 1 100%}.snippet{margin:.25rem 0;color:#333}mark{background:#fe6}"
    ".pager{display:flex;justify-content:space-between;margin:1rem 0}"
    "@media (prefers-color-scheme:dark){.snippet{color:#ccc}mark{background:#664}}</style>"
)


def search_url(base_url: str, query: str, *, feed: bool = False, page: int = 1) -> str:
    """``search_url("https://x.org", "冬奥")`` → ``https://x.org/search?q=%E5%86%AC%E5%A5%A5``;
    ``feed=True`` gives the Atom feed of the query, ``/search.atom?q=…``."""
    params = {"q": query, **({"page": str(page)} if page > 1 else {})}
    path = "search.atom" if feed else "search"
    return f"{index_url(base_url)}{path}?{urlencode(params)}"


def search_form(base_url: str, query: str = "") -> str:
    """The search box: a plain GET form, no JavaScript."""
    return (
        f'<form class="search" role="search" method="get" action="{esc(index_url(base_url))}'
        f'search"><input type="search" name="q" value="{esc(query)}" maxlength="100" '
        'placeholder="搜索标题、正文、作者" aria-label="搜索">'
        '<button type="submit">搜索</button></form>'
    )


def render_search_page(
    query: str,
    hits: Sequence[tuple[FeedEntry, tuple[str, str, str]]],
    *,
    base_url: str,
    site_title: str,
    page: int = 1,
    has_next: bool = False,
) -> bytes:
    """The page of results `page` for `query`: each hit with its snippet (text before the
    match, the match, text after), a link to the next and previous pages; with an empty
    query, the search box alone."""
    head = [SEARCH_CSS]
    body = [site_header(base_url, site_title)]
    if not query:
        body += ["<h1>搜索</h1>", search_form(base_url), "<p class=meta>输入词语或人名。</p>"]
        return document(title=f"搜索 · {site_title}", head=head, body=body)
    feed = search_url(base_url, query, feed=True)
    title = discovery_title(_feed_title(query), "atom")
    head.append(
        f'<link rel="alternate" type="{ATOM_TYPE}" title="{esc(title)}" href="{esc(feed)}">'
    )
    body += [
        f"<h1>搜索：{esc(query)}</h1>",
        search_form(base_url, query),
        f'<p class="meta">订阅此搜索：<a class="fmt" href="{esc(feed)}" type="{ATOM_TYPE}">'
        "Atom</a></p>",
    ]
    if hits:
        body += ["<ul>", *(_hit(entry, parts, base_url) for entry, parts in hits), "</ul>"]
    else:
        body.append("<p>没有找到相关文章。</p>" if page == 1 else "<p>没有更多结果。</p>")
    body.append(_pager(base_url, query, page, has_next))
    return document(title=f"搜索：{query} · {site_title}", head=head, body=body)


def search_feed(query: str, entries: Sequence[FeedEntry], *, base_url: str) -> FeedSpec:
    """The Atom feed of a query's newest hits, for a reader to follow a topic."""
    return FeedSpec(
        path="search",
        title=_feed_title(query),
        description=f"含“{query}”的文章，最新的在前",
        kind="search",
        entries=tuple(entries[:FEED_SIZE]),
        url=search_url(base_url, query, feed=True),
        html_url=search_url(base_url, query),
    )


def _feed_title(query: str) -> str:
    return f"搜索：{query}"


def _hit(entry: FeedEntry, parts: tuple[str, str, str], base_url: str) -> str:
    href = page_url(base_url, entry.page_path) if entry.page_path else index_url(base_url)
    # The page label (第05版：要闻), else the section: a part with no page number has no label.
    label = entry.categories[-1] if entry.categories else ""
    meta = [entry.publication or "", f"{entry.published:%Y-%m-%d}", label]
    people = "、".join(
        f"{ROLE_LABELS.get(c.role, '')}{c.name}" for c in entry.credits if c.role in ROLE_LABELS
    )
    before, match, after = parts
    snippet = f"{esc(before)}<mark>{esc(match)}</mark>{esc(after)}" if match else esc(after)
    return (
        f'<li><div class="hit"><a href="{esc(href)}">{esc(entry.title)}</a>'
        f'<span class="meta"> {esc(" · ".join(m for m in meta if m))}</span>'
        + (f'<span class="byline"> {esc(people)}</span>' if people else "")
        + f'<p class="snippet">{snippet}</p></div></li>'
    )


def _pager(base_url: str, query: str, page: int, has_next: bool) -> str:
    links = []
    if page > 1:
        links.append(f'<a href="{esc(search_url(base_url, query, page=page - 1))}">上一页</a>')
    if has_next:
        links.append(f'<a href="{esc(search_url(base_url, query, page=page + 1))}">下一页</a>')
    return f'<nav class="pager">{"".join(links)}</nav>' if links else ""
