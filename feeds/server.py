"""A small static HTTP server for the public directory: feeds, index page, nothing else.

Built on the standard library so it can run in a thread of ``paperfeed run``
(``start_in_thread``; ``server.shutdown()`` stops it). Readers poll feeds every few minutes,
so it answers conditional requests (ETag, If-Modified-Since → 304) and gzips text. It serves
only regular files inside the public directory: ``..``, encoded traversal, NUL, hidden names
(such as publish's ``.all.atom.*.tmp`` files) and symlinks leading out all get 404. A request
whose length a proxy in front could read differently (Transfer-Encoding, two Content-Length
headers, a folded or malformed header) gets 400 and the connection is closed, and every body
is read whole, so nothing can be smuggled in after a request. Those checks, which need only
the request, are `feeds.request_checks`.

The worker may pass in ``routes``: a callable that answers some requests itself (the
operators' /status, /healthz, /metrics) and returns None for the rest, which are served
from the public directory. This module imports nothing of the worker.
"""

from __future__ import annotations

import collections
import email.message
import email.utils
import gzip
import hashlib
import logging
import os
import socket
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import cast

from feeds.logfields import event, exception

# Re-exported: the table lived here before publish targets needed it too.
from feeds.mediatypes import CONTENT_TYPES as CONTENT_TYPES
from feeds.mediatypes import DEFAULT_TYPE as DEFAULT_TYPE
from feeds.request_checks import (
    accepts_gzip,
    etag_matches,
    file_type,
    framing_problem,
    not_modified_since,
    resolve_request_path,
)

log = logging.getLogger(__name__)

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
CACHE_ENTRIES = 256
MAX_BODY = 64 * 1024  # the largest request body handed to routes (forms are tiny)


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
_installed_routes: Routes | None = None


def install_routes(routes: Routes | None) -> None:
    """Routes for every server this process makes from now on (``paperfeed run`` makes its
    server deep inside the runner); ``make_server(routes=...)`` overrides them."""
    global _installed_routes
    _installed_routes = routes


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

    def get(self, key: tuple[str, int, int, int], data: bytes, compress: bool) -> _Variants:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        digest = hashlib.sha256(data).hexdigest()[:32]
        # mtime=0: the gzip body is the same bytes for the same file content.
        body = gzip.compress(data, compresslevel=6, mtime=0) if compress else None
        made = _Variants(etag=f'"{digest}"', gzip_etag=f'"{digest}-gz"', gzip_body=body)
        with self._lock:
            self._items[key] = made
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return made


class FeedServer(ThreadingHTTPServer):
    """ThreadingHTTPServer bound to one public directory."""

    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        public_dir: Path,
        cache_seconds: int,
        routes: Routes | None = None,
    ) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.public_dir = public_dir
        self.cache_seconds = cache_seconds
        self.routes = routes
        self.variants = _VariantCache()
        super().__init__(address, FeedRequestHandler)


class FeedRequestHandler(BaseHTTPRequestHandler):
    """GET and HEAD of files in the public directory; 405 for other methods."""

    protocol_version = "HTTP/1.1"
    server_version = "paperfeed"
    sys_version = ""
    timeout = 30  # an idle keep-alive connection must not hold a thread forever
    body = b""

    def parse_request(self) -> bool:
        """The standard parse, then the framing checks, then the whole body read: what is
        left on the connection is the next request and nothing else."""
        self.body = b""
        if not super().parse_request():
            return False
        problem = framing_problem(self.headers)
        if problem is not None:
            self.close_connection = True
            self._send_text(HTTPStatus.BAD_REQUEST, f"bad request: {problem}\n")
            return False
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.close_connection = True
            self._send_text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "request too large\n")
            return False
        if length:
            self.body = self.rfile.read(length)
            if len(self.body) < length:  # the client went away mid-body
                self.close_connection = True
                return False
        return True

    def do_GET(self) -> None:
        if not self._route():
            self._serve(send_body=True)

    def do_HEAD(self) -> None:
        if not self._route():
            self._serve(send_body=False)

    def do_POST(self) -> None:
        if not self._route():
            self._method_not_allowed()

    def _method_not_allowed(self) -> None:
        self._send_text(HTTPStatus.METHOD_NOT_ALLOWED, "method not allowed\n", allow=True)

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = _method_not_allowed

    def _route(self) -> bool:
        """Let the server's routes answer; False when there are none or they pass."""
        routes = cast(FeedServer, self.server).routes
        if routes is None:
            return False
        headers = {name.lower(): value for name, value in self.headers.items()}
        try:
            answer = routes(
                Request(self.command, self.path, headers, self.body, str(self.client_address[0]))
            )
        except Exception:  # a broken route must not take the feeds down with it
            exception(log, "feed_server", status="route_error", method=self.command, path=self.path)
            self._send_text(HTTPStatus.INTERNAL_SERVER_ERROR, "internal error\n")
            return True
        if answer is None:
            return False
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        names = {name.lower() for name, _ in answer.headers}
        if "cache-control" not in names:
            self.send_header("Cache-Control", "no-store")
        for name, value in answer.headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)
        return True

    def end_headers(self) -> None:
        # On every response, errors included: browsers must not sniff a feed into HTML.
        self.send_header("X-Content-Type-Options", "nosniff")
        if self.close_connection:
            self.send_header("Connection", "close")  # say so: a proxy must not reuse it
        super().end_headers()

    def _serve(self, *, send_body: bool) -> None:
        server = cast(FeedServer, self.server)
        target = resolve_request_path(server.public_dir, self.path)
        if target is None:
            self._send_text(HTTPStatus.NOT_FOUND, "not found\n", body=send_body)
            return
        try:
            with open(target, "rb") as handle:
                # fstat and read the same open file: publish replaces files by rename.
                stat = os.fstat(handle.fileno())
                data = handle.read()
        except OSError:
            self._send_text(HTTPStatus.NOT_FOUND, "not found\n", body=send_body)
            return
        content_type = file_type(server.public_dir, target)
        compressible = content_type.startswith(COMPRESSIBLE)
        key = (str(target), stat.st_ino, stat.st_mtime_ns, stat.st_size)
        variants = server.variants.get(key, data, compressible)
        use_gzip = variants.gzip_body is not None and accepts_gzip(
            self.headers.get("Accept-Encoding")
        )
        etag = variants.gzip_etag if use_gzip else variants.etag
        body = variants.gzip_body if use_gzip and variants.gzip_body is not None else data

        if_none_match = self.headers.get("If-None-Match")
        if_modified_since = self.headers.get("If-Modified-Since")
        if if_none_match is not None:
            not_modified = etag_matches(if_none_match, etag)
        else:
            not_modified = if_modified_since is not None and not_modified_since(
                if_modified_since, stat.st_mtime
            )
        self.send_response(HTTPStatus.NOT_MODIFIED if not_modified else HTTPStatus.OK)
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        self.send_header("Cache-Control", f"public, max-age={server.cache_seconds}")
        if compressible:
            self.send_header("Vary", "Accept-Encoding")
        if not_modified:
            self.end_headers()
            return
        self.send_header("Content-Type", content_type)
        if use_gzip:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _send_text(
        self, status: HTTPStatus, text: str, *, body: bool = True, allow: bool = False
    ) -> None:
        payload = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Cache-Control", "no-store")
        if allow:
            self.send_header("Allow", ALLOWED_METHODS)
        self.end_headers()
        if body:
            self.wfile.write(payload)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        # One debug line per request; feed readers poll all day and would flood the log.
        event(
            log, "feed_request", logging.DEBUG, client=self.client_address[0],
            method=self.command, path=self.path, status=code,
        )  # fmt: skip

    def log_message(self, format: str, *args: object) -> None:
        event(
            log, "feed_server", logging.WARNING, client=self.client_address[0], error=format % args
        )


def make_server(
    public_dir: Path,
    host: str,
    port: int,
    *,
    cache_seconds: int = 300,
    routes: Routes | None = None,
) -> ThreadingHTTPServer:
    """A bound, not yet serving, server for ``public_dir`` (port 0 picks a free port).

    Use ``server.server_address`` for the real port, ``server.serve_forever()`` to serve,
    ``server.shutdown()`` from another thread to stop and ``server.server_close()`` after.
    ``routes`` (default: those given to ``install_routes``) answer requests first.
    """
    return FeedServer((host, port), Path(public_dir), cache_seconds, routes or _installed_routes)


def start_in_thread(server: ThreadingHTTPServer) -> threading.Thread:
    """Serve in a daemon thread (for ``paperfeed run``); stop with ``server.shutdown()``."""
    thread = threading.Thread(target=server.serve_forever, name="feed-server", daemon=True)
    thread.start()
    return thread


def serve(public_dir: Path, host: str, port: int, *, cache_seconds: int = 300) -> None:
    """Serve ``public_dir`` until interrupted (Ctrl-C), then close the socket."""
    server = make_server(public_dir, host, port, cache_seconds=cache_seconds)
    bound_host, bound_port = server.server_address[:2]
    event(log, "feed_server_start", dir=str(public_dir), host=bound_host, port=bound_port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        event(log, "feed_server_stop", dir=str(public_dir))
