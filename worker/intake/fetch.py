"""Fetching issue text from URL sources: conditional GET with retries, a deadline and a byte cap.

Plain functions over requests, no database: the caller stores the validators it gets back
and decides what to ingest. Network trouble comes back as a `Fetched` with status "error".
Every connection, the first and each redirect's, goes only to a public address unless the
source allows private ones; credentials never appear in what a fetch reports.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import http.client
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
import urllib3

from feeds.render import VERSION
from worker.intake.guard import PrivateAddressError, PublicOnlyAdapter
from worker.urls import allowed_url, redact

DEADLINE = 60.0  # seconds for one fetch, retries included, unless the caller gives less
MAX_REDIRECTS = 5
MAX_RETRY_AFTER = 60.0  # seconds: a server asking for longer is retried at the next poll
CHUNK_SIZE = 64 * 1024
MISSING = frozenset({404, 410})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
# Column sizes of the fetch_state table (worker/models/work.py): a longer validator could not be
# stored, so it is dropped and the next poll is a plain GET rather than a failed insert.
MAX_ETAG = 500
MAX_LAST_MODIFIED = 100


USER_AGENT = f"paperfeed/{VERSION}"


class SourceError(ValueError):
    """A URL or a fetch limit that paperfeed refuses to use; the message says how to fix it."""


@dataclass(frozen=True)
class FetchState:
    """Validators remembered per URL between polls, for a conditional GET."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Fetched:
    """The outcome of one fetch. `status` is "new", "not_modified", "missing" or "error".

    `state` holds the validators to store for the next poll; `error` is a sentence a person
    can act on; `attempts` counts HTTP requests made, redirects not included.
    """

    url: str
    status: str
    data: bytes | None = None
    charset: str | None = None
    state: FetchState = FetchState()
    error: str | None = None
    attempts: int = 1
    http_status: int | None = None


def issue_urls(template: str, *, today: dt.date, lookback_days: int) -> list[tuple[dt.date, str]]:
    """The issue URLs for `today` (in the source's time zone) and the days before, newest first.

    >>> [url for _day, url in issue_urls("https://paper.example/{date:%Y%m%d}/a01.txt",
    ...                                  today=dt.date(2024, 3, 1), lookback_days=1)]
    ['https://paper.example/20240301/a01.txt', 'https://paper.example/20240229/a01.txt']
    """
    if lookback_days < 0:
        raise SourceError(f"lookback_days must be 0 or more, not {lookback_days}")
    days = [today - dt.timedelta(days=n) for n in range(lookback_days + 1)]
    try:
        return [(day, template.format(date=day)) for day in days]
    except (KeyError, IndexError, ValueError, AttributeError) as exc:
        raise SourceError(
            f"url template {template!r} is invalid ({exc!r}); write the date as {{date:%Y%m%d}}"
        ) from exc


def check_url(url: str, *, allow_private: bool = False) -> None:
    """Raise SourceError unless `url` is https://, or http:// to this machine for a source
    that allows private addresses (tests, a paper's own intranet server).

    >>> check_url("https://paper.example/20240301/a01.txt")
    >>> check_url("file:///etc/passwd")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    worker.intake.fetch.SourceError: 'file:///etc/passwd': paperfeed fetches only https:// URLs ...
    """
    if not allowed_url(url, allow_private):
        raise SourceError(
            f"{redact(url)!r}: paperfeed fetches only https:// URLs (http:// only on 127.0.0.1,"
            " ::1 or localhost, with allow_private = true); fix the source's url in"
            " paperfeed.toml"
        )


@dataclass
class _Budget:
    """The limits of one fetch, and the time left on its deadline."""

    connect_timeout: float
    read_timeout: float
    deadline: float
    max_bytes: int
    clock: Callable[[], float]
    started: float

    def elapsed(self) -> float:
        return self.clock() - self.started

    def left(self) -> float:
        return self.deadline - self.elapsed()

    def timeout(self) -> tuple[float, float]:
        # requests' timeouts bound each connect and each socket read, not the whole
        # request; capping them by the time left keeps one slow read inside the deadline.
        left = max(self.left(), 0.001)
        return min(self.connect_timeout, left), min(self.read_timeout, left)


@dataclass(frozen=True)
class _Retry:
    """A failure worth another attempt: a timeout, a broken connection, a 5xx or a 429."""

    problem: str
    http_status: int | None = None
    retry_after: float = 0.0


class _PastDeadline(Exception):
    pass


class _TooLarge(Exception):
    pass


def fetch(
    url: str,
    *,
    state: FetchState | None = None,
    session: requests.Session | None = None,
    connect_timeout: float = 5,
    read_timeout: float = 30,
    deadline: float = DEADLINE,
    max_bytes: int = 20_000_000,
    retries: int = 3,
    backoff: float = 1.0,
    sleep: Callable[[float], Any] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    allow_private: bool = False,
    auth: tuple[str, str] | None = None,
) -> Fetched:
    """GET `url` conditionally on `state`, retrying transient failures; never raises for them.

    200 → "new" with the body and new validators; 304 → "not_modified"; 404/410 → "missing";
    anything else ends as "error" with a reason. Raises SourceError only for a URL or limit
    paperfeed refuses (see `check_url`). A redirect to such a URL, or a connection to a
    private address (unless `allow_private`), is an "error" instead: it is the server's
    doing, not the caller's. `auth` (user, password) goes to the URL's own host only, never
    to a redirect elsewhere; every URL in the result is shown without credentials.
    """
    check_url(url, allow_private=allow_private)
    if retries < 0 or backoff < 0 or deadline <= 0 or max_bytes < 1:
        raise SourceError(
            f"fetch limits out of range (retries={retries}, backoff={backoff},"
            f" deadline={deadline}, max_bytes={max_bytes}): use retries >= 0, backoff >= 0,"
            " deadline > 0 and max_bytes >= 1"
        )
    state = state or FetchState()
    budget = _Budget(connect_timeout, read_timeout, deadline, max_bytes, clock, clock())
    own_session = session is None
    client = requests.Session() if session is None else session
    if not allow_private:
        guard = PublicOnlyAdapter()
        client.mount("https://", guard)
        client.mount("http://", guard)
    hop = _Hop(url, allow_private, auth)
    try:
        attempt = 0
        while True:
            attempt += 1
            outcome = _attempt(client, hop, state, budget)
            if isinstance(outcome, Fetched):
                return dataclasses.replace(outcome, attempts=attempt)
            if attempt > retries:
                return _failed(url, state, attempt, outcome, "")
            delay = max(backoff * 2 ** (attempt - 1), outcome.retry_after)
            if budget.elapsed() + delay >= deadline:
                return _failed(url, state, attempt, outcome, _gave_up(budget))
            sleep(delay)
    finally:
        if own_session:
            client.close()


@dataclass(frozen=True)
class _Hop:
    """The URL a fetch starts from, and what every request of it may do."""

    url: str
    allow_private: bool
    auth: tuple[str, str] | None

    def auth_for(self, current: str) -> tuple[str, str] | None:
        """The credentials, for the URL's own scheme, host and port only."""
        start, here = urlsplit(self.url), urlsplit(current)
        same = (start.scheme, start.hostname, start.port) == (here.scheme, here.hostname, here.port)
        return self.auth if same else None


def _failed(url: str, state: FetchState, attempts: int, last: _Retry, gave_up: str) -> Fetched:
    plural = "s" if attempts > 1 else ""
    lead = f"{gave_up}, " if gave_up else ""
    error = (
        f"GET {redact(url)} failed: {lead}{attempts} attempt{plural}, the last one {last.problem};"
        " it will be tried again at the next poll (check the site if this keeps happening)"
    )
    return Fetched(
        url, "error", state=state, error=error, attempts=attempts, http_status=last.http_status
    )


def _gave_up(budget: _Budget) -> str:
    return f"gave up after {budget.elapsed():.1f} s (deadline {budget.deadline:g} s)"


def _attempt(
    session: requests.Session, hop: _Hop, state: FetchState, budget: _Budget
) -> Fetched | _Retry:
    """One request, following redirects by hand so that every hop is checked first."""
    url = hop.url
    headers = {"User-Agent": USER_AGENT}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        shown = redact(current)
        if budget.left() <= 0:
            return _error(url, state, f"{_gave_up(budget)} before {shown} answered")
        sent = _get(session, hop, current, headers, budget.timeout())
        if isinstance(sent, str):
            return _error(url, state, sent)
        if isinstance(sent, _Retry):
            return sent
        with sent as response:
            code = response.status_code
            if code not in REDIRECTS:
                return _answer(url, response, state, budget)
            location = response.headers.get("Location")
            if not location:
                return _error(url, state, f"{shown} answered HTTP {code} with no Location")
            target = urljoin(current, location)
            if not allowed_url(target, hop.allow_private):
                return _error(
                    url,
                    state,
                    f"{shown} redirected to {redact(target)}, which paperfeed will not fetch"
                    " (only https://); check the source's url",
                )
            current = target
    return _error(url, state, f"more than {MAX_REDIRECTS} redirects; check the source's url")


def _get(
    session: requests.Session,
    hop: _Hop,
    current: str,
    headers: dict[str, str],
    timeout: tuple[float, float],
) -> requests.Response | _Retry | str:
    """The response of one GET of `current`; a _Retry for a fault worth another attempt, or
    the sentence saying why it is not."""
    shown = redact(current)
    try:
        # verify=True beats a session whose verify was turned off: TLS is always checked.
        return session.get(
            current,
            headers=headers,
            timeout=timeout,
            stream=True,
            allow_redirects=False,
            verify=True,
            auth=hop.auth_for(current),
        )
    except PrivateAddressError as exc:
        return f"refused to connect to {shown}: {exc}"
    except requests.exceptions.SSLError as exc:
        return (
            f"the TLS certificate check failed for {shown} ({_reason(exc)}); paperfeed"
            " always verifies certificates, so the site must present a valid one"
        )
    except requests.ConnectTimeout:
        return _Retry(f"timed out connecting to {shown} (after {timeout[0]:g} s)")
    except requests.Timeout:
        return _Retry(f"timed out waiting for {shown} to answer (after {timeout[1]:g} s)")
    except requests.ConnectionError as exc:
        return _Retry(f"could not connect to {shown} ({_reason(exc)})")
    except requests.RequestException as exc:
        return f"the request to {shown} failed ({_reason(exc)})"


def _answer(
    url: str, response: requests.Response, state: FetchState, budget: _Budget
) -> Fetched | _Retry:
    """Turn a non-redirect response into a result, reading the body only for a 200."""
    code, reason = response.status_code, response.reason or ""
    said = f"HTTP {code} {reason}".rstrip()
    if code == 304:
        if state.etag or state.last_modified:
            return Fetched(url, "not_modified", state=state, http_status=code)
        return _error(url, state, "the server answered 304 to a plain GET", code)
    if code in MISSING:
        # Today's issue is usually not out yet: normal, so no error sentence.
        return Fetched(url, "missing", state=state, http_status=code)
    if code == 429 or 500 <= code <= 599:
        return _Retry(said, code, _retry_after(response.headers.get("Retry-After")))
    if 400 <= code <= 499:
        advice = "check the source's url"
        if code in {401, 403}:
            advice += " and access rights"
        return _error(url, state, f"{said}; retrying will not help: {advice}", code)
    if code != 200:
        return _error(url, state, f"{said}, which paperfeed does not handle", code)
    try:
        data = _read_body(response, budget)
    except _TooLarge as exc:
        return _error(url, state, str(exc), code)
    except _PastDeadline:
        return _error(url, state, f"{_gave_up(budget)} while downloading", code)
    except (urllib3.exceptions.DecodeError, requests.exceptions.ContentDecodingError) as exc:
        return _error(url, state, f"the body could not be decompressed ({_reason(exc)})", code)
    except (urllib3.exceptions.HTTPError, http.client.HTTPException, OSError) as exc:
        return _Retry(f"broke off during the download ({_reason(exc)})", code)
    etag, modified = response.headers.get("ETag"), response.headers.get("Last-Modified")
    new_state = FetchState(
        etag=etag if etag and len(etag) <= MAX_ETAG else None,
        last_modified=modified if modified and len(modified) <= MAX_LAST_MODIFIED else None,
    )
    charset = _charset(response.headers.get("Content-Type"))
    return Fetched(url, "new", data=data, charset=charset, state=new_state, http_status=code)


def _read_body(response: requests.Response, budget: _Budget) -> bytes:
    """The decompressed body, stopping at `max_bytes` or at the deadline."""
    limit = budget.max_bytes
    declared = response.headers.get("Content-Length", "")
    if declared.strip().isdigit() and int(declared) > limit:
        raise _TooLarge(
            f"the server announces {int(declared)} bytes, more than the limit of {limit}"
            " (PAPERFEED_MAX_BYTES); raise it if the issue is genuine, else check the url"
        )
    chunks: list[bytes] = []
    size = 0
    while True:
        # read1 returns what one socket read brings, where iter_content would wait for a full
        # chunk: a server trickling a byte at a time cannot hold the fetch past its deadline.
        # The cap counts decompressed bytes, so a small gzip bomb is stopped too.
        chunk = response.raw.read1(CHUNK_SIZE, decode_content=True)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise _TooLarge(
                f"the body is larger than the limit of {limit} bytes (PAPERFEED_MAX_BYTES);"
                " raise it if the issue is genuine, else check the url"
            )
        chunks.append(chunk)
        if budget.left() <= 0:
            raise _PastDeadline


def _error(url: str, state: FetchState, problem: str, http_status: int | None = None) -> Fetched:
    error = f"GET {redact(url)} failed: {problem}"
    return Fetched(url, "error", state=state, error=error, http_status=http_status)


def _reason(exc: BaseException) -> str:
    """The useful end of an exception chain: requests wraps urllib3's MaxRetryError, whose
    `reason` says what actually happened ("Connection refused")."""
    inner = exc.args[0] if exc.args else exc
    inner = getattr(inner, "reason", inner)
    return str(inner) or type(exc).__name__


def _retry_after(value: str | None) -> float:
    """Seconds from a numeric Retry-After, capped; an HTTP-date form falls back to backoff.

    >>> _retry_after("7"), _retry_after("86400"), _retry_after("Wed, 21 Oct 2015 07:28:00 GMT")
    (7.0, 60.0, 0.0)
    """
    if value is None or not value.strip().isdigit():
        return 0.0
    return min(float(value.strip()), MAX_RETRY_AFTER)


def _charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, lowercased, as the server wrote it.

    >>> _charset("text/plain; charset=GBK"), _charset('text/plain;charset="UTF-8"')
    ('gbk', 'utf-8')
    >>> _charset("text/plain") is None
    True
    """
    for param in (content_type or "").split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'").strip().lower() or None
    return None
