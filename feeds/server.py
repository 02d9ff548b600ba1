"""The feed server: the public directory and the operators' routes over HTTP, on waitress.

waitress is a pure-Python, threaded WSGI server made for production: the routes (database
reads, the search index) stay plain blocking functions, and it runs in a thread of
``paperfeed run`` (``start_in_thread``; ``server.shutdown()`` stops it). The application,
with its validators, 304s and gzip variants, is `feeds.site_app`; path confinement is
`feeds.request_checks`.

Framing: waitress refuses a bad or repeated Content-Length, a space before a colon and an
unknown Transfer-Encoding with 400 (501) and closes the connection. It would accept a chunked
body, and join a folded header line into the one above; a proxy in front could read either
differently and disagree where the next request starts. So its parser is given the checks
paperfeed had before (`feeds.request_checks.framing_problem`): Transfer-Encoding, two
Content-Lengths and folded or malformed lines are 400 and the connection is closed. Bodies
are read whole by waitress before the application runs, and bounded (413 above MAX_BODY).

The worker may pass in ``routes``: a callable that answers some requests itself (the
operators' /status, /healthz, /metrics) and returns None for the rest, which are served
from the public directory. This module imports nothing of the worker.
"""

from __future__ import annotations

import http.client
import io
import logging
import socket
import threading
from pathlib import Path
from typing import Any

from waitress import wasyncore
from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser, ParsingError
from waitress.server import TcpWSGIServer

from feeds.logfields import event

# Re-exported: the table lived here before publish targets needed it too.
from feeds.mediatypes import CONTENT_TYPES as CONTENT_TYPES
from feeds.mediatypes import DEFAULT_TYPE as DEFAULT_TYPE
from feeds.request_checks import framing_problem
from feeds.site_app import COMPRESSIBLE as COMPRESSIBLE
from feeds.site_app import FeedApp
from feeds.site_app import Request as Request
from feeds.site_app import Response as Response
from feeds.site_app import Routes as Routes

log = logging.getLogger(__name__)

MAX_BODY = 64 * 1024  # the largest request body handed to routes (forms are tiny)
THREADS = 8  # requests answered at once; a slow /search must not hold up the feeds
IDLE_SECONDS = 30  # an idle keep-alive connection must not hold a socket forever
_installed_routes: Routes | None = None


def install_routes(routes: Routes | None) -> None:
    """Routes for every server this process makes from now on (``paperfeed run`` makes its
    server deep inside the runner); ``make_server(routes=...)`` overrides them."""
    global _installed_routes
    _installed_routes = routes


class _StrictParser(HTTPRequestParser):
    """waitress's request parser, refusing what a proxy could frame differently."""

    def parse_header(self, header_plus: bytes) -> None:
        _, _, lines = header_plus.partition(b"\r\n")
        try:
            # The standard library's reading of the block, as http.server had it: a fold
            # shows as a line break in a value, a space before a colon as a defect.
            headers = http.client.parse_headers(io.BytesIO(lines + b"\r\n\r\n"))
        except http.client.HTTPException as exc:
            raise ParsingError(f"bad request: {type(exc).__name__}") from None
        problem = framing_problem(headers)
        if problem is not None:
            raise ParsingError(f"bad request: {problem}")
        super().parse_header(header_plus)


class _StrictChannel(HTTPChannel):
    parser_class = _StrictParser


class _FeedWSGIServer(TcpWSGIServer):
    channel_class = _StrictChannel


class FeedServer:
    """A bound waitress server with the lifecycle of ``socketserver``: ``serve_forever``,
    ``shutdown`` (from another thread) and ``server_close``."""

    def __init__(
        self, address: tuple[str, int], public_dir: Path, cache_seconds: int, routes: Routes | None
    ) -> None:
        family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(address)  # a busy port is an OSError here, before anything runs
            sock.listen(1024)
        except BaseException:
            sock.close()
            raise
        # waitress warns of every request that waits for a free thread: under a burst of
        # readers that is hundreds of lines a second about nothing wrong.
        logging.getLogger("waitress.queue").setLevel(logging.ERROR)
        self.app = FeedApp(public_dir, cache_seconds, routes)
        self.public_dir = public_dir
        self.server_address: tuple[str, int] = sock.getsockname()[:2]
        # waitress's socket map: fd → its dispatchers (the stubs say sockets).
        self._map: dict[int, Any] = {}
        adjustments = Adjustments(
            sockets=[sock],
            threads=THREADS,
            ident="paperfeed",
            channel_timeout=IDLE_SECONDS,
            max_request_body_size=MAX_BODY,
            asyncore_use_poll=True,
            # The routes decide whom to believe about X-Forwarded-* (PAPERFEED_TRUSTED_PROXIES
            # and the like); waitress would drop those headers before they could.
            clear_untrusted_proxy_headers=False,
        )
        # As waitress's create_server does for a socket it is given, with the strict channel.
        self._server = _FeedWSGIServer(
            self.app,
            map=self._map,
            _sock=sock,
            adj=adjustments,
            bind_socket=False,
            sockinfo=(sock.family, sock.type, sock.proto, sock.getsockname()),
        )
        self._stop = threading.Event()
        self._stopped = threading.Event()
        self._stopped.set()

    def serve_forever(self, poll_interval: float = 0.5) -> None:
        """Answer requests until ``shutdown()``."""
        self._stopped.clear()
        try:
            while not self._stop.is_set():
                wasyncore.loop(timeout=poll_interval, use_poll=True, map=self._map, count=1)
        finally:
            self._stop.clear()
            self._stopped.set()

    def shutdown(self) -> None:
        """Stop ``serve_forever`` and wait for it to return."""
        self._stop.set()
        self._server.pull_trigger()  # wake the loop now, not after its poll interval
        self._stopped.wait()

    def server_close(self) -> None:
        """Close the listening socket and every connection; finish the worker threads."""
        wasyncore.close_all(self._map)
        self._server.task_dispatcher.shutdown()


def make_server(
    public_dir: Path,
    host: str,
    port: int,
    *,
    cache_seconds: int = 300,
    routes: Routes | None = None,
) -> FeedServer:
    """A bound, not yet serving, server for ``public_dir`` (port 0 picks a free port).

    Use ``server.server_address`` for the real port, ``server.serve_forever()`` to serve,
    ``server.shutdown()`` from another thread to stop and ``server.server_close()`` after.
    ``routes`` (default: those given to ``install_routes``) answer requests first.
    """
    return FeedServer((host, port), Path(public_dir), cache_seconds, routes or _installed_routes)


def start_in_thread(server: FeedServer) -> threading.Thread:
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
