"""The operators' pages beside the feeds: /status, /healthz, /metrics and the re-ingest form,
the readers' search (`worker.search_web`), and 410 Gone for the pages of withdrawn articles.

`make_routes(settings, sources)` gives the feed server (`feeds.server`) a callable that answers
these paths and leaves every other request to the public directory. Re-ingest takes an issue
id or a source name from a form that carries PAPERFEED_ADMIN_TOKEN; never a path or a URL.
Wrong tokens are limited per client and in all, and these pages may not be framed.
"""

from __future__ import annotations

import collections
import datetime as dt
import hmac
import logging
import re
import shutil
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from html import escape
from logging import WARNING
from urllib.parse import parse_qs, urlencode, urlsplit

from sqlalchemy import select, text

from feeds.server import Request, Response, Routes
from worker.db import get_engine, session_scope
from worker.folders import folder_problems
from worker.logs import event
from worker.metrics import CONTENT_TYPE as METRICS_TYPE
from worker.metrics import render_metrics
from worker.models import Article, Issue
from worker.progress import plural
from worker.search_web import answer_search
from worker.settings import Settings
from worker.sources import NAME, SourceConfig
from worker.status import Status, collect, low_space

log = logging.getLogger("paperfeed.web")
Enqueue = Callable[[int], object]
WorkerHealth = Callable[[], str | None]  # what stops the supervised worker, or None
# Sent with every answer of these routes: the pages hold a form that triggers work, so no
# other site may frame them (clickjacking), and they load nothing from anywhere.
SECURITY_HEADERS = (
    ("X-Frame-Options", "DENY"),
    ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
     "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    ("Referrer-Policy", "same-origin"),
)  # fmt: skip
REFRESH_SECONDS = 30
HTML = "text/html; charset=utf-8"
ERRORS = {
    "token": "Wrong or missing token: nothing was queued.",
    "unknown-issue": "No such issue: nothing was queued.",
    "superseded": "That issue was replaced by a corrected version; re-ingest the newer one.",
    "unknown-source": "No such source: nothing was queued.",
    "no-issues": "That source has no stored issues: nothing was queued.",
    "bad-request": "The form did not name one issue or one source.",
}


def make_routes(
    settings: Settings,
    sources: Sequence[SourceConfig],
    *,
    enqueue: Enqueue | None = None,
    worker: WorkerHealth | None = None,
    guesses: TokenGuesses | None = None,
) -> Routes:
    """The routes for `feeds.server.make_server`; `enqueue` sends one re-ingest (default:
    the Celery task `paperfeed.reingest`); `worker` (in `paperfeed run`) says what stops
    the worker it supervises, for /healthz and /status."""
    guesses = guesses or TokenGuesses()

    def route(request: Request) -> Response | None:
        answer = _answer(request)
        if answer is None:
            return None
        return replace(answer, headers=(*answer.headers, *SECURITY_HEADERS))

    def _answer(request: Request) -> Response | None:
        path = urlsplit(request.target).path.rstrip("/") or "/"
        if path == "/status/reingest":
            if request.method != "POST":
                return _text(405, "use the form on /status\n", ("Allow", "POST"))
            form_enqueue = enqueue or _celery_reingest
            return reingest_form(settings, sources, request, form_enqueue, guesses)
        if request.method not in {"GET", "HEAD"}:
            return None
        if path == "/status":
            query = parse_qs(urlsplit(request.target).query)
            status = collect(settings, sources, worker=worker)
            return Response(200, render_page(status, settings, query).encode(), HTML)
        if path == "/healthz":
            problem = health_problem(settings, worker, sources)
            return _text(503, f"unavailable: {problem}\n") if problem else _text(200, "ok\n")
        if path == "/metrics":
            return Response(200, render_metrics(settings, sources), METRICS_TYPE)
        return answer_search(settings, request, path) or gone(settings, path)

    return route


class TokenGuesses:
    """Wrong tokens over the last `window` seconds, per client and in all. Past either limit
    a form is refused before its token is even compared, so guessing runs at a few tries a
    minute instead of thousands a second; an operator typing the right token is never
    slowed down by their own earlier typo for more than the window."""

    def __init__(
        self,
        *,
        per_client: int = 5,
        overall: int = 30,
        window: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_client, self.overall, self.window, self.clock = (
            per_client, overall, window, clock,
        )  # fmt: skip
        self._failures: dict[str, collections.deque[float]] = {}
        self._lock = threading.Lock()

    def wait(self, client: str) -> float:
        """Seconds until `client` may try a token again; 0 when it may now."""
        with self._lock:
            now = self.clock()
            waits = [
                self._wait(key, limit, now)
                for key, limit in ((client, self.per_client), ("", self.overall))
            ]
            return max(waits)

    def failed(self, client: str) -> None:
        with self._lock:
            now = self.clock()
            for key in (client, ""):
                self._failures.setdefault(key, collections.deque()).append(now)

    def _wait(self, key: str, limit: int, now: float) -> float:
        times = self._failures.get(key)
        if times is None:
            return 0.0
        while times and times[0] <= now - self.window:
            times.popleft()
        if not times:
            del self._failures[key]
            return 0.0
        return 0.0 if len(times) < limit else times[0] + self.window - now


# articles/2025/01/02/<key>.html, as `worker.publishing.renders.article_page_path` names them.
_ARTICLE_PAGE = re.compile(r"/articles/\d{4}/\d{2}/\d{2}/([0-9a-f]{32})\.html")
GONE_PAGE = (
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>此文已撤回</title>'
    "<p>此文已撤回：报纸的更正版不再刊登这篇文章。</p><p>This article was withdrawn.</p></html>"
)


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
    return Response(410, GONE_PAGE.encode(), HTML, (("Cache-Control", "public, max-age=300"),))


def _celery_reingest(issue_id: int) -> None:
    from worker.tasks import reingest  # imported late: it loads the Celery app and settings

    reingest.delay(issue_id)


def health_problem(
    settings: Settings,
    worker: WorkerHealth | None = None,
    sources: Sequence[SourceConfig] = (),
) -> str | None:
    """None when the database answers a query, (on Redis) the broker answers a PING, the
    disk has room, every enabled drop folder of `sources` can be listed and (in `paperfeed
    run`) the supervised worker is running."""
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
    return None


def reingest_form(
    settings: Settings,
    sources: Sequence[SourceConfig],
    request: Request,
    enqueue: Enqueue,
    guesses: TokenGuesses | None = None,
) -> Response:
    """Check the token and the origin, then queue the re-ingest and send the browser back."""
    if not settings.admin_token:
        return _text(403, "re-ingest from /status is off: set PAPERFEED_ADMIN_TOKEN\n")
    if not _same_origin(request, settings):
        return _text(403, "cross-site request refused\n")
    guesses = guesses or TokenGuesses()
    if wait := guesses.wait(request.client):
        seconds = max(1, round(wait))
        return _text(
            429, f"too many wrong tokens: wait {seconds} s\n", ("Retry-After", str(seconds))
        )
    form = parse_qs(request.body.decode("utf-8", errors="replace"), max_num_fields=10)
    token = form.get("token", [""])[0]
    if not hmac.compare_digest(token.encode(), settings.admin_token.encode()):
        guesses.failed(request.client)
        event(log, "reingest_refused", WARNING, reason="token", client=request.client)
        return _text(403, "wrong token\n")
    issue, source = form.get("issue", [""])[0], form.get("source", [""])[0]
    if bool(issue) == bool(source):
        return _back({"error": "bad-request"})
    if issue:
        if not issue.isdigit() or len(issue) > 12:
            return _back({"error": "bad-request"})
        with session_scope(settings.database_url, write=False) as session:
            found = session.get(Issue, int(issue))
            state = None if found is None else found.status
        if state is None:
            return _back({"error": "unknown-issue"})
        if state == "superseded":
            return _back({"error": "superseded"})
        enqueue(int(issue))
        event(log, "reingest_queued", issue=issue, via="status")
        return _back({"queued": issue})
    if not NAME.match(source) or source not in {s.name for s in sources}:
        return _back({"error": "unknown-source"})
    from worker.attempts import select_issues

    ids = select_issues(settings, source=source)
    if not ids:
        return _back({"error": "no-issues"})
    for issue_id in ids:
        enqueue(issue_id)
    event(log, "reingest_queued", source=source, issues=len(ids), via="status")
    return _back({"queued_source": source, "count": str(len(ids))})


def _same_origin(request: Request, settings: Settings) -> bool:
    """Origin (or else Referer), when the browser sends one, must be this site."""
    claimed = request.headers.get("origin") or request.headers.get("referer")
    if claimed is None:
        return True  # not a browser, or one that sends neither: the token still guards
    allowed = {request.headers.get("host", ""), urlsplit(settings.base_url).netloc}
    return urlsplit(claimed).netloc in allowed - {""}


def _back(query: dict[str, str]) -> Response:
    return Response(303, b"", headers=(("Location", "/status?" + urlencode(query)),))


def _text(status: int, body: str, *headers: tuple[str, str]) -> Response:
    return Response(status, body.encode(), headers=tuple(headers))


def render_page(status: Status, settings: Settings, query: dict[str, list[str]]) -> str:
    """The /status page: the facts of `paperfeed status`, every text escaped."""
    tz = settings.tz
    forms = settings.admin_token is not None
    parts = [_head(settings), _message(query), _summary(status), _warnings(status)]
    rows = []
    for s in status.sources:
        state = escape(s.state)
        if s.folder_state:
            state = f'<strong class="bad">{state}</strong>'
        quiet = ' <strong class="bad">gone quiet</strong>' if s.quiet else ""
        error = "–" if not s.last_error else f"{_when(s.last_error_at, tz)}: {escape(s.last_error)}"
        cells = [f'<th scope="row">{escape(s.name)}{quiet}</th>', state,
                 _when(s.last_scan_at, tz), _when(s.last_success_at, tz),
                 escape(str(s.newest_issue_date or "–")), str(s.articles_24h),
                 escape(s.expect_by or "–"), error]  # fmt: skip
        if forms:
            cells.append(_form("source", s.name, "Re-ingest all"))
        rows.append(cells)
    head = ["source", "on", "last poll", "last ingest", "newest issue", "articles 24 h",
            "expected by", "last error"] + (["re-ingest"] if forms else [])  # fmt: skip
    parts.append(_table("Sources", "sources", head, rows))
    queues = ", ".join(
        f"{escape(q)}: {'no answer' if n is None else n}" for q, n in status.queues.items()
    )
    workers = "unknown (embedded broker)" if status.workers is None else (
        ", ".join(escape(w) for w in status.workers) or "none answered")  # fmt: skip
    parts.append(
        f'<section id="system"><h2>System</h2><p>Broker: {escape(status.broker)}. '
        f"Queues: {queues}.</p><p>Workers: {workers}.</p></section>"
    )
    failures = [
        [_when(f.at, tz), escape(f.what), escape(f.source or "–"),
         escape(f.reason) + (" (dismissed)" if f.dismissed else ""), escape(f.error)]
        for f in status.failures
    ]  # fmt: skip
    parts.append(
        _table("Failed in the last 24 hours", "failures",
               ["when", "what", "source", "reason", "error"], failures)
    )  # fmt: skip
    leftovers = [[escape(s.name), escape(item)] for s in status.sources for item in s.leftovers]
    parts.append(
        _table("Left in drop folders", "leftovers", ["source", "entry (why it stays)"], leftovers)
    )
    issues = []
    for i in status.recent_issues:
        date = escape(str(i.issue_date or "–")) + (
            ' <strong class="bad">(date guessed)</strong>' if i.date_guessed else ""
        )
        cells = [str(i.id), escape(i.source), date, escape(i.status),
                 str(i.articles), escape(i.filename or "–"), _when(i.ingested_at, tz)]  # fmt: skip
        if forms:
            cells.append(_form("issue", str(i.id), "Re-ingest") if i.status != "superseded" else "")
        issues.append(cells)
    head = ["id", "source", "date", "status", "articles", "file", "stored"]
    parts.append(_table("Recent issues", "issues", head + (["re-ingest"] if forms else []), issues))
    parts.append("</main></body></html>\n")
    return "\n".join(parts)


def _head(settings: Settings) -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="refresh" content="{REFRESH_SECONDS}; url=/status">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{escape(settings.site_title)} – status</title>
<style>
body {{ font: 15px/1.4 system-ui, sans-serif; margin: 0 auto; padding: 0 .8em; max-width: 72em; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; vertical-align: top; padding: .3em .5em;
  border-bottom: 1px solid #ddd; }}
td.error, td:last-child {{ word-break: break-word; }}
.ok {{ background: #e6f4ea; padding: .6em; }} .bad {{ color: #a50e0e; }}
.problems {{ background: #fce8e6; padding: .6em; }}
.warnings {{ background: #fff4e5; padding: .6em; }}
.message {{ background: #e8f0fe; padding: .6em; }}
form {{ display: flex; gap: .3em; flex-wrap: wrap; }} input {{ max-width: 9em; }}
@media (max-width: 40em) {{
  table, thead, tbody, tr, th, td {{ display: block; }}
  thead {{ display: none; }}
  tr {{ border-bottom: 2px solid #bbb; padding: .4em 0; }}
  th, td {{ border: 0; padding: .1em 0; }}
  td::before {{ content: attr(data-label) ": "; font-weight: 600; }}
}}
</style></head><body><main>
<h1>{escape(settings.site_title)}: status</h1>"""


def _message(query: dict[str, list[str]]) -> str:
    # Only fixed sentences and checked values: the page never echoes free text from a link.
    queued = query.get("queued", [""])[0]
    source, count = query.get("queued_source", [""])[0], query.get("count", [""])[0]
    error = query.get("error", [""])[0]
    if queued.isdigit():
        text_ = f"Re-ingest of issue {queued} queued."
    elif NAME.match(source) and count.isdigit():
        text_ = f"Re-ingest of {plural(int(count), 'issue')} of {escape(source)} queued."
    elif error in ERRORS:
        text_ = ERRORS[error]
    else:
        return ""
    return f'<p class="message" role="status">{text_}</p>'


def _summary(status: Status) -> str:
    checked = status.checked_at.strftime("%Y-%m-%d %H:%M:%S UTC")
    if status.ok:
        return f'<p class="ok" id="summary">All well (checked {checked}).</p>'
    items = "".join(f"<li>{escape(p)}</li>" for p in status.problems)
    return (
        f'<div class="problems" id="summary"><strong>Needs attention</strong> '
        f"(checked {checked}):<ul>{items}</ul></div>"
    )


def _warnings(status: Status) -> str:
    if not status.warnings:
        return ""
    items = "".join(f"<li>{escape(w)}</li>" for w in status.warnings)
    return f'<div class="warnings" id="warnings"><strong>Warnings</strong><ul>{items}</ul></div>'


def _table(title: str, ident: str, head: list[str], rows: list[list[str]]) -> str:
    """A table; on a narrow screen each row becomes a card whose cells carry their labels."""
    if not rows:
        return f'<section id="{ident}"><h2>{title}</h2><p>None.</p></section>'
    heading = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join(
        "<tr>" + "".join(_td(cell, label) for cell, label in zip(row, head, strict=True)) + "</tr>"
        for row in rows
    )
    return (
        f'<section id="{ident}"><h2>{title}</h2><table>'
        f"<thead><tr>{heading}</tr></thead><tbody>{body}</tbody></table></section>"
    )


def _td(cell: str, label: str) -> str:
    if cell.startswith("<th"):
        return cell
    return f'<td data-label="{escape(label)}">{cell}</td>'


def _form(field: str, value: str, label: str) -> str:
    return (
        f'<form method="post" action="/status/reingest">'
        f'<input type="hidden" name="{field}" value="{escape(value)}">'
        f'<input type="password" name="token" placeholder="token" required '
        f'autocomplete="current-password" aria-label="admin token">'
        f'<button type="submit">{escape(label)}</button></form>'
    )


def _when(moment: dt.datetime | None, tz: dt.tzinfo) -> str:
    if moment is None:
        return "–"
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")
