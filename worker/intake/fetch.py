"""Fetching issue text from URL sources: conditional GET with retries, a deadline and a byte cap.

Plain functions over requests, no database: the caller stores the validators it gets back
and decides what to ingest. What a result holds, and how one answer becomes it, is
`worker.intake.answers`. Network trouble comes back as a `Fetched` with status "error".
Every connection, the first and each redirect's, goes only to a public address unless the
source allows private ones; credentials never appear in what a fetch reports.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests

from feeds.feed_fields import VERSION
from worker.intake.answers import Budget, Retry, answer, failure, gave_up, reason_of
from worker.intake.answers import Fetched as Fetched
from worker.intake.answers import FetchState as FetchState
from worker.intake.guard import PrivateAddressError, PublicOnlyAdapter
from worker.urls import allowed_url, redact

DEADLINE = 60.0  # seconds for one fetch, retries included, unless the caller gives less
MAX_REDIRECTS = 5
REDIRECTS = frozenset({301, 302, 303, 307, 308})


USER_AGENT = f"paperfeed/{VERSION}"


class SourceError(ValueError):
    """A URL or a fetch limit that paperfeed refuses to use; the message says how to fix it."""


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
    budget = Budget(connect_timeout, read_timeout, deadline, max_bytes, clock, clock())
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
                return _failed(url, state, attempt, outcome, gave_up(budget))
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


def _failed(url: str, state: FetchState, attempts: int, last: Retry, gave_up: str) -> Fetched:
    plural = "s" if attempts > 1 else ""
    lead = f"{gave_up}, " if gave_up else ""
    error = (
        f"GET {redact(url)} failed: {lead}{attempts} attempt{plural}, the last one {last.problem};"
        " it will be tried again at the next poll (check the site if this keeps happening)"
    )
    return Fetched(
        url, "error", state=state, error=error, attempts=attempts, http_status=last.http_status
    )


def _attempt(
    session: requests.Session, hop: _Hop, state: FetchState, budget: Budget
) -> Fetched | Retry:
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
            return failure(url, state, f"{gave_up(budget)} before {shown} answered")
        sent = _get(session, hop, current, headers, budget.timeout())
        if isinstance(sent, str):
            return failure(url, state, sent)
        if isinstance(sent, Retry):
            return sent
        with sent as response:
            code = response.status_code
            if code not in REDIRECTS:
                return answer(url, response, state, budget)
            location = response.headers.get("Location")
            if not location:
                return failure(url, state, f"{shown} answered HTTP {code} with no Location")
            target = urljoin(current, location)
            if not allowed_url(target, hop.allow_private):
                return failure(
                    url,
                    state,
                    f"{shown} redirected to {redact(target)}, which paperfeed will not fetch"
                    " (only https://); check the source's url",
                )
            current = target
    return failure(url, state, f"more than {MAX_REDIRECTS} redirects; check the source's url")


def _get(
    session: requests.Session,
    hop: _Hop,
    current: str,
    headers: dict[str, str],
    timeout: tuple[float, float],
) -> requests.Response | Retry | str:
    """The response of one GET of `current`; a Retry for a fault worth another attempt, or
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
            f"the TLS certificate check failed for {shown} ({reason_of(exc)}); paperfeed"
            " always verifies certificates, so the site must present a valid one"
        )
    except requests.ConnectTimeout:
        return Retry(f"timed out connecting to {shown} (after {timeout[0]:g} s)")
    except requests.Timeout:
        return Retry(f"timed out waiting for {shown} to answer (after {timeout[1]:g} s)")
    except requests.ConnectionError as exc:
        return Retry(f"could not connect to {shown} ({reason_of(exc)})")
    except requests.RequestException as exc:
        return f"the request to {shown} failed ({reason_of(exc)})"
