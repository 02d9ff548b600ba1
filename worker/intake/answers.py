"""What a fetch gives back (`Fetched`, with the validators to keep in `FetchState`), the limits
one fetch runs under, and how one HTTP answer becomes a result: status codes, the body read
under the byte cap and the deadline, Retry-After, the charset."""

from __future__ import annotations

import http.client
from collections.abc import Callable
from dataclasses import dataclass

import requests
import urllib3

from worker.urls import redact

MAX_RETRY_AFTER = 60.0  # seconds: a server asking for longer is retried at the next poll
CHUNK_SIZE = 64 * 1024
MISSING = frozenset({404, 410})
# Column sizes of the fetch_state table (worker/models/work.py): a longer validator could
# not be stored, so it is dropped and the next poll is a plain GET rather than a failed insert.
MAX_ETAG = 500
MAX_LAST_MODIFIED = 100


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


@dataclass
class Budget:
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
class Retry:
    """A failure worth another attempt: a timeout, a broken connection, a 5xx or a 429."""

    problem: str
    http_status: int | None = None
    retry_after: float = 0.0


class PastDeadline(Exception):
    """The deadline passed while the body was being read."""


class TooLarge(Exception):
    """The body is (or is announced as) larger than the byte cap; the message says so."""


def gave_up(budget: Budget) -> str:
    """The words for a fetch that ran out of time."""
    return f"gave up after {budget.elapsed():.1f} s (deadline {budget.deadline:g} s)"


def answer(
    url: str, response: requests.Response, state: FetchState, budget: Budget
) -> Fetched | Retry:
    """Turn a non-redirect response into a result, reading the body only for a 200."""
    code, reason = response.status_code, response.reason or ""
    said = f"HTTP {code} {reason}".rstrip()
    if code == 304:
        if state.etag or state.last_modified:
            return Fetched(url, "not_modified", state=state, http_status=code)
        return failure(url, state, "the server answered 304 to a plain GET", code)
    if code in MISSING:
        # Today's issue is usually not out yet: normal, so no error sentence.
        return Fetched(url, "missing", state=state, http_status=code)
    if code == 429 or 500 <= code <= 599:
        return Retry(said, code, _retry_after(response.headers.get("Retry-After")))
    if 400 <= code <= 499:
        advice = "check the source's url"
        if code in {401, 403}:
            advice += " and access rights"
        return failure(url, state, f"{said}; retrying will not help: {advice}", code)
    if code != 200:
        return failure(url, state, f"{said}, which paperfeed does not handle", code)
    try:
        data = read_body(response, budget)
    except TooLarge as exc:
        return failure(url, state, str(exc), code)
    except PastDeadline:
        return failure(url, state, f"{gave_up(budget)} while downloading", code)
    except (urllib3.exceptions.DecodeError, requests.exceptions.ContentDecodingError) as exc:
        return failure(url, state, f"the body could not be decompressed ({reason_of(exc)})", code)
    except (urllib3.exceptions.HTTPError, http.client.HTTPException, OSError) as exc:
        return Retry(f"broke off during the download ({reason_of(exc)})", code)
    etag, modified = response.headers.get("ETag"), response.headers.get("Last-Modified")
    new_state = FetchState(
        etag=etag if etag and len(etag) <= MAX_ETAG else None,
        last_modified=modified if modified and len(modified) <= MAX_LAST_MODIFIED else None,
    )
    charset = _charset(response.headers.get("Content-Type"))
    return Fetched(url, "new", data=data, charset=charset, state=new_state, http_status=code)


def read_body(response: requests.Response, budget: Budget) -> bytes:
    """The decompressed body, stopping at `max_bytes` or at the deadline."""
    limit = budget.max_bytes
    declared = response.headers.get("Content-Length", "")
    if declared.strip().isdigit() and int(declared) > limit:
        raise TooLarge(
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
            raise TooLarge(
                f"the body is larger than the limit of {limit} bytes (PAPERFEED_MAX_BYTES);"
                " raise it if the issue is genuine, else check the url"
            )
        chunks.append(chunk)
        if budget.left() <= 0:
            raise PastDeadline


def failure(url: str, state: FetchState, problem: str, http_status: int | None = None) -> Fetched:
    """An "error" result: GET of `url` failed, for `problem`; the validators stay."""
    error = f"GET {redact(url)} failed: {problem}"
    return Fetched(url, "error", state=state, error=error, http_status=http_status)


def reason_of(exc: BaseException) -> str:
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
