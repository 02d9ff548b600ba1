"""The operators' pages beside the feeds: /status (`worker.status_web`), /healthz, /livez,
/metrics, the readers' search (`worker.search_web`), and 410 Gone for the pages of withdrawn
articles.

`make_routes(settings, sources)` gives the feed server (`feeds.server`) a callable that answers
these paths and leaves every other request to the public directory. Actions on /status need
a signed-in session (PAPERFEED_ADMIN_TOKEN typed once) or that token in the form; never a
path or a URL. Wrong tokens are limited per client and in all, and these pages may not be
framed.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import urlsplit

from sqlalchemy import select, text

from feeds.layout import render
from feeds.server import Request, Response, Routes
from worker.db import get_engine, session_scope
from worker.folders import folder_problems
from worker.metrics import CONTENT_TYPE as METRICS_TYPE
from worker.metrics import render_metrics
from worker.models import Article
from worker.search_web import answer_search
from worker.settings import Settings
from worker.sources import SourceConfig
from worker.status import low_space, queue_lengths, queue_problems
from worker.status_web import Context, Enqueue, TokenGuesses, WorkerHealth
from worker.status_web import answer as answer_status

__all__ = ["TokenGuesses", "gone", "health_problem", "make_routes"]

# Sent with every answer of these routes: the pages hold forms that trigger work, so no
# other site may frame them (clickjacking), and they load nothing from anywhere. A page
# that runs its own script sends its own policy (with that script's nonce) instead.
SECURITY_HEADERS = (
    ("X-Frame-Options", "DENY"),
    ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
     "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    ("Referrer-Policy", "same-origin"),
)  # fmt: skip
HTML = "text/html; charset=utf-8"


def make_routes(
    settings: Settings,
    sources: Sequence[SourceConfig],
    *,
    enqueue: Enqueue | None = None,
    ingest: Enqueue | None = None,
    worker: WorkerHealth | None = None,
    guesses: TokenGuesses | None = None,
) -> Routes:
    """The routes for `feeds.server.make_server`; `enqueue` sends one re-ingest (default:
    the Celery task `paperfeed.reingest`), `ingest` one failed input taken back (default:
    `paperfeed.ingest_input`); `worker` (in `paperfeed run`) says what stops the worker it
    supervises, for /healthz and /status."""
    ctx = Context(settings, sources, worker=worker, guesses=guesses or TokenGuesses())
    if enqueue is not None:
        ctx = replace(ctx, reingest=enqueue)
    if ingest is not None:
        ctx = replace(ctx, ingest=ingest)

    def route(request: Request) -> Response | None:
        answer = _answer(request)
        if answer is None:
            return None
        own = {name.lower() for name, _ in answer.headers}
        extra = tuple(h for h in SECURITY_HEADERS if h[0].lower() not in own)
        return replace(answer, headers=(*answer.headers, *extra))

    def _answer(request: Request) -> Response | None:
        path = urlsplit(request.target).path.rstrip("/") or "/"
        if path.startswith("/status") and (found := answer_status(ctx, request, path)):
            return found
        if request.method not in {"GET", "HEAD"}:
            return None
        if path == "/livez":  # the app answers: what a container's health check asks
            return _text(200, "ok\n")
        if path == "/healthz":
            problem = health_problem(settings, worker, sources)
            return _text(503, f"unavailable: {problem}\n") if problem else _text(200, "ok\n")
        if path == "/metrics":
            return Response(200, render_metrics(settings, sources), METRICS_TYPE)
        return answer_search(settings, request, path) or gone(settings, path)

    return route


# articles/2025/01/02/<key>.html, as `worker.publishing.entries.article_page_path` names them.
_ARTICLE_PAGE = re.compile(r"/articles/\d{4}/\d{2}/\d{2}/([0-9a-f]{32})\.html")
GONE_PAGE = render("gone.html")  # static: rendered once


def gone(settings: Settings, path: str) -> Response | None:
    """410 Gone for the page of an article a correction withdrew (publishing removed the
    file); None for every other path, which the public directory answers. The database is
    asked only when the file is not there: a 404 is rare, a page served is not."""
    match = _ARTICLE_PAGE.fullmatch(path)
    if match is None or (settings.public_dir / path.lstrip("/")).is_file():
        return None
    with session_scope(settings.database_url, write=False) as session:
        withdrawn = session.scalar(
            select(Article.withdrawn_at).where(Article.key == match.group(1))
        )
    if withdrawn is None:
        return None
    return Response(410, GONE_PAGE, HTML, (("Cache-Control", "public, max-age=300"),))


def health_problem(
    settings: Settings,
    worker: WorkerHealth | None = None,
    sources: Sequence[SourceConfig] = (),
) -> str | None:
    """None when the database answers a query, (on Redis) the broker answers a PING, the
    disk has room, every enabled drop folder of `sources` can be listed, (in `paperfeed
    run`) the supervised worker is running and no queue keeps growing."""
    try:
        free = shutil.disk_usage(settings.home).free
    except OSError:
        free = None
    if free is not None and free < low_space(settings):
        return f"disk full ({free // 1024} KiB free where {settings.home} is)"
    if worker is not None and (trouble := worker()):
        return trouble
    if folders := folder_problems(sources, settings):
        return folders[0].message
    try:
        with get_engine(settings.database_url, write=False).connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # any failure here means: not healthy
        return f"database ({type(exc).__name__})"
    if settings.broker_url and settings.broker_url.startswith(("redis://", "rediss://")):
        import redis

        try:
            client = redis.Redis.from_url(settings.broker_url, socket_timeout=2)
            try:
                client.ping()
            finally:
                client.close()
        except redis.RedisError as exc:
            return f"broker ({type(exc).__name__})"
    queues = queue_lengths(settings)
    found = queue_problems(settings, queues, dt.datetime.now(dt.UTC))
    return found[0] if found else None


def _text(status: int, body: str, *headers: tuple[str, str]) -> Response:
    return Response(status, body.encode(), headers=tuple(headers))
