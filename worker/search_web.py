"""The search routes of the feed server: `/search?q=…&page=…` (HTML) and `/search.atom?q=…`
(the newest hits as an Atom feed), answered from the database on each request.

`worker.web.make_routes` sends these paths here; the query is capped, parsed into index
phrases (`worker.search_terms`), and everything shown is escaped by `feeds.search_page`.
"""

from __future__ import annotations

import logging
import time
from urllib.parse import parse_qs, urlsplit

from feeds.atom import render_atom
from feeds.feed_fields import ATOM_TYPE
from feeds.search_page import FEED_SIZE, PAGE_SIZE, render_search_page, search_feed
from feeds.server import Request, Response
from worker.db import get_engine
from worker.logs import event
from worker.search import find_ids, load_entries
from worker.search_terms import MAX_QUERY, parse_query, snippet
from worker.settings import Settings

log = logging.getLogger("paperfeed.search")
HTML = "text/html; charset=utf-8"
MAX_PAGE = 500  # deeper pages cost an ever larger OFFSET and no reader pages that far
CACHE = (("Cache-Control", "public, max-age=60"),)


def answer_search(settings: Settings, request: Request, path: str) -> Response | None:
    """The search page or feed for `path` (`/search`, `/search.atom`); None for others."""
    if path not in {"/search", "/search.atom"}:
        return None
    params = parse_qs(urlsplit(request.target).query)
    query = " ".join(params.get("q", [""])[0].split())[:MAX_QUERY]
    page = _page_number(params.get("page", ["1"])[0])
    started = time.monotonic()
    parsed = parse_query(query)
    feed = path == "/search.atom"
    limit, offset = (FEED_SIZE, 0) if feed else (PAGE_SIZE + 1, (page - 1) * PAGE_SIZE)
    with get_engine(settings.database_url, write=False).connect() as connection:
        ids = find_ids(connection, parsed, limit=limit, offset=offset)
        entries = load_entries(connection, ids[: FEED_SIZE if feed else PAGE_SIZE], settings.tz)
    event(
        log, "search", feed=feed, page=page, hits=len(entries),
        ms=round((time.monotonic() - started) * 1000, 1),
    )  # fmt: skip
    if feed:
        spec = search_feed(query, entries, base_url=settings.base_url)
        body = render_atom(spec, base_url=settings.base_url)
        return Response(200, body, f"{ATOM_TYPE}; charset=utf-8", CACHE)
    hits = [(e, snippet("".join(e.paragraphs) or e.title, parsed.needles)) for e in entries]
    html = render_search_page(
        query, hits, base_url=settings.base_url, site_title=settings.site_title,
        page=page, has_next=len(ids) > PAGE_SIZE,
    )  # fmt: skip
    return Response(200, html, HTML, CACHE)


def _page_number(value: str) -> int:
    """`?page=` as a page number from 1 to MAX_PAGE; anything else is page 1."""
    if not (value.isascii() and value.isdigit() and 0 < len(value) < 7):
        return 1
    return min(max(int(value), 1), MAX_PAGE)
