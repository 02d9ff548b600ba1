"""The search page and the search feed: hits (feed entries, newest first) in → HTML bytes
or a FeedSpec out. Pure: the worker finds the hits (`worker.search`) and serves the result.

Everything a reader typed is escaped: the query comes from whoever sends the request.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from feeds.layout import clean, render
from feeds.model import ROLE_LABELS, FeedEntry, FeedSpec
from feeds.urls import index_url, page_url

PAGE_SIZE = 20  # hits per page
FEED_SIZE = 50  # hits in a search feed


@dataclass(frozen=True)
class Hit:
    """One hit as the page lists it: the article's link and title, the line under it
    (paper, date, page), its people, and the snippet around the match."""

    href: str
    title: str
    meta: str
    people: str
    before: str
    match: str
    after: str


def search_url(base_url: str, query: str, *, feed: bool = False, page: int = 1) -> str:
    """``search_url("https://x.org", "冬奥")`` → ``https://x.org/search?q=%E5%86%AC%E5%A5%A5``;
    ``feed=True`` gives the Atom feed of the query, ``/search.atom?q=…``."""
    params = {"q": query, **({"page": str(page)} if page > 1 else {})}
    path = "search.atom" if feed else "search"
    return f"{index_url(base_url)}{path}?{urlencode(params)}"


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
    title = f"搜索：{query} · {site_title}" if query else f"搜索 · {site_title}"
    return render(
        "search.html",
        language="zh-CN",
        title=title,
        base_url=base_url,
        site=clean(site_title) or "paperfeed",
        with_icon=False,
        canonical="",
        feed_links=[],
        query=query,
        feed_name=_feed_title(query),
        feed=search_url(base_url, query, feed=True),
        hits=[_hit(entry, parts, base_url) for entry, parts in hits],
        page=page,
        previous=search_url(base_url, query, page=page - 1) if page > 1 else "",
        next=search_url(base_url, query, page=page + 1) if has_next else "",
    )


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


def _hit(entry: FeedEntry, parts: tuple[str, str, str], base_url: str) -> Hit:
    href = page_url(base_url, entry.page_path) if entry.page_path else index_url(base_url)
    # The page label (第05版：要闻), else the section: a part with no page number has no label.
    label = entry.categories[-1] if entry.categories else ""
    meta = [entry.publication or "", f"{entry.published:%Y-%m-%d}", label]
    people = "、".join(
        f"{ROLE_LABELS.get(c.role, '')}{c.name}" for c in entry.credits if c.role in ROLE_LABELS
    )
    before, match, after = parts
    return Hit(href, entry.title, " · ".join(m for m in meta if m), people, before, match, after)
