"""The feed server's WSGI application: the routes' types, the operators' routes first, then
regular files of the public directory with validators, 304s and cached gzip variants.

It holds no socket; `feeds.server` runs it on waitress. Requests reach it framed and with
their body read whole (and bounded) by the server.
"""

from __future__ import annotations

import collections
import email.utils
import gzip
import hashlib
import logging
import os
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from feeds.logfields import event, exception
from feeds.request_checks import (
    accepts_gzip,
    etag_matches,
    file_type,
    not_modified_since,
    resolve_request_path,
)

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

log = logging.getLogger("feeds.server")

# Types worth compressing; images are already compressed.
COMPRESSIBLE = (
    "text/",
    "application/atom+xml",
    "application/rss+xml",
    "application/json",
    "application/feed+json",
    "application/xml",
    "application/xslt+xml",
    "image/svg+xml",
)
ALLOWED_METHODS = "GET, HEAD"
ROUTED_METHODS = frozenset({"GET", "HEAD", "POST"})
CACHE_ENTRIES = 256


@dataclass(frozen=True)
class Request:
    """What a route sees of a request; header names are lower-case."""

    method: str
    target: str  # path and query, as sent
    headers: Mapping[str, str]
    body: bytes = b""
    client: str = ""  # the peer's address (a proxy's, behind one)


@dataclass(frozen=True)
class Response:
    """What a route answers; ``Cache-Control: no-store`` unless its headers say otherwise."""

    status: int
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()


# Answers a request, or returns None to leave it to the public directory.
Routes = Callable[[Request], Response | None]


@dataclass(frozen=True)
class _Variants:
    """Validators and the gzip body of one file version, computed once per version."""

    etag: str
    gzip_etag: str
    gzip_body: bytes | None


class _VariantCache:
    """Bounded LRU of ``(path, inode, mtime_ns, size)`` → variants, shared by all threads."""

    def __init__(self, size: int = CACHE_ENTRIES) -> None:
        self._size = size
        self._items: collections.OrderedDict[tuple[str, int, int, int], _Variants] = (
            collections.OrderedDict()
        )
        self._lock = threading.Lock()

    def get(self, key: tuple[str, int, int, int], file: BinaryIO, compress: bool) -> _Variants:
        """The variants of the version ``key`` names; ``file`` is read only when missing."""
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        data = _read(file)
        digest = hashlib.sha256(data).hexdigest()[:32]
        # mtime=0: the gzip body is the same bytes for the same file content.
        body = gzip.compress(data, compresslevel=6, mtime=0) if compress else None
        made = _Variants(etag=f'"{digest}"', gzip_etag=f'"{digest}-gz"', gzip_body=body)
        with self._lock:
            self._items[key] = made
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return made


def _read(file: BinaryIO) -> bytes:
    """The whole of an open file, from its start."""
    file.seek(0)
    return file.read()


def _not_modified(request: Request, etag: str, mtime: float) -> bool:
    """Whether the client's copy is current: If-None-Match when sent, else If-Modified-Since
    (RFC 9110 §13.2.2)."""
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        return etag_matches(if_none_match, etag)
    if_modified_since = request.headers.get("if-modified-since")
    return if_modified_since is not None and not_modified_since(if_modified_since, mtime)


def _text(status: HTTPStatus, text: str, *, allow: bool = False) -> Response:
    headers = (("Allow", ALLOWED_METHODS),) if allow else ()
    return Response(int(status), text.encode("utf-8"), headers=headers)


def _own_headers(answer: Response) -> list[tuple[str, str]]:
    """A route's (or an error's) headers, with its type and ``no-store`` unless it says."""
    headers = list(answer.headers)
    if not any(name.lower() == "cache-control" for name, _ in headers):
        headers.append(("Cache-Control", "no-store"))
    headers.append(("Content-Type", answer.content_type))
    return headers


def _request(environ: WSGIEnvironment) -> Request:
    """The route's view of a WSGI request: names lower-case, the target as sent."""
    headers = {
        key[5:].replace("_", "-").lower(): str(value)
        for key, value in environ.items()
        if key.startswith("HTTP_")
    }
    for key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
        if environ.get(key):
            headers[key.replace("_", "-").lower()] = str(environ[key])
    target = str(environ.get("REQUEST_URI") or "")
    if not target:
        query = environ.get("QUERY_STRING")
        target = str(environ.get("PATH_INFO") or "/") + (f"?{query}" if query else "")
    stream = environ.get("wsgi.input")
    body = stream.read() if stream is not None else b""  # bounded by the server
    return Request(
        str(environ["REQUEST_METHOD"]), target, headers, body, str(environ.get("REMOTE_ADDR", ""))
    )


class FeedApp:
    """GET and HEAD of files in the public directory after ``routes``; 405 for the rest."""

    def __init__(self, public_dir: Path, cache_seconds: int, routes: Routes | None) -> None:
        self.public_dir = public_dir
        self.cache_seconds = cache_seconds
        self.routes = routes
        self.variants = _VariantCache()

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        request = _request(environ)
        answer = self._route(request)
        if answer is None and request.method in ("GET", "HEAD"):
            answer, headers = self._serve(request)
        else:
            if answer is None:
                answer = _text(HTTPStatus.METHOD_NOT_ALLOWED, "method not allowed\n", allow=True)
            headers = _own_headers(answer)
        if answer.status != HTTPStatus.NOT_MODIFIED:
            headers.append(("Content-Length", str(len(answer.body))))
        # On every response, errors included: browsers must not sniff a feed into HTML.
        headers.append(("X-Content-Type-Options", "nosniff"))
        event(
            log, "feed_request", logging.DEBUG, client=request.client,
            method=request.method, path=request.target, status=answer.status,
        )  # fmt: skip
        start_response(f"{answer.status} {HTTPStatus(answer.status).phrase}", headers)
        if request.method == "HEAD" or answer.status == HTTPStatus.NOT_MODIFIED:
            return []
        return [answer.body]

    def _route(self, request: Request) -> Response | None:
        """The routes' answer; None when there are none or they pass."""
        if self.routes is None or request.method not in ROUTED_METHODS:
            return None
        try:
            return self.routes(request)
        except Exception:  # a broken route must not take the feeds down with it
            exception(
                log, "feed_server", status="route_error", method=request.method,
                path=request.target,
            )  # fmt: skip
            return _text(HTTPStatus.INTERNAL_SERVER_ERROR, "internal error\n")

    def _serve(self, request: Request) -> tuple[Response, list[tuple[str, str]]]:
        """A file of the public directory (or 304, or 404) and its headers."""
        missing = _text(HTTPStatus.NOT_FOUND, "not found\n")
        missing_headers = _own_headers(missing)
        target = resolve_request_path(self.public_dir, request.target)
        if target is None:
            return missing, missing_headers
        try:
            with open(target, "rb") as handle:
                # fstat and read the same open file: publish replaces files by rename. The
                # file is read only when its variants are not cached or its bytes are sent.
                stat = os.fstat(handle.fileno())
                content_type = file_type(self.public_dir, target)
                compressible = content_type.startswith(COMPRESSIBLE)
                key = (str(target), stat.st_ino, stat.st_mtime_ns, stat.st_size)
                variants = self.variants.get(key, handle, compressible)
                use_gzip = variants.gzip_body is not None and accepts_gzip(
                    request.headers.get("accept-encoding")
                )
                etag = variants.gzip_etag if use_gzip else variants.etag
                not_modified = _not_modified(request, etag, stat.st_mtime)
                if not_modified:
                    body = b""
                elif use_gzip and variants.gzip_body is not None:
                    body = variants.gzip_body
                else:
                    body = _read(handle)
        except OSError:
            return missing, missing_headers
        headers = [
            ("ETag", etag),
            ("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True)),
            ("Cache-Control", f"public, max-age={self.cache_seconds}"),
        ]
        if compressible:
            headers.append(("Vary", "Accept-Encoding"))
        if not_modified:
            return Response(int(HTTPStatus.NOT_MODIFIED)), headers
        headers.append(("Content-Type", content_type))
        if use_gzip:
            headers.append(("Content-Encoding", "gzip"))
        return Response(int(HTTPStatus.OK), body, content_type), headers
