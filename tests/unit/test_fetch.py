"""Fetching from URL sources, against a real HTTP server on 127.0.0.1 that each test scripts:
validators, retries and backoff, timeouts, the byte cap, the deadline, redirects, TLS, the
URL rule and the refusal of private addresses. Loopback only; backoff sleeps are recorded,
not slept."""

from __future__ import annotations

import datetime as dt
import doctest
import gzip
import http.server
import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

import worker.intake.answers
import worker.intake.fetch
import worker.intake.guard
import worker.urls
from worker.intake.fetch import Fetched, FetchState, SourceError, issue_urls

AUTO = -1  # Reply.length: announce the real body length


def fetch(url: str, **options: object) -> Fetched:
    """`worker.intake.fetch.fetch` as a source with `allow_private = true` calls it: the scripted
    server is on loopback, which any other source is refused."""
    return worker.intake.fetch.fetch(url, **{"allow_private": True, **options})  # type: ignore[arg-type]


@dataclass
class Reply:
    """One scripted response. `length=None` sends no Content-Length (the body ends when the
    connection closes); `delay` waits before the status line; `trickle` waits between bytes."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    length: int | None = AUTO
    repeat: int = 1
    delay: float = 0.0
    trickle: float = 0.0


class Handler(http.server.BaseHTTPRequestHandler):
    server: Server

    def do_GET(self) -> None:
        self.server.seen.append((self.path, dict(self.headers)))
        reply = self.server.next_reply()
        stopping = self.server.stopping
        if reply.delay and stopping.wait(reply.delay):
            return
        try:
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            length = len(reply.body) * reply.repeat if reply.length == AUTO else reply.length
            if length is not None:
                self.send_header("Content-Length", str(length))
            self.end_headers()
            if reply.trickle:
                for index, byte in enumerate(reply.body):
                    if index == len(reply.body) - 1:
                        self.server.trickled_to_end.append(self.path)
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    if stopping.wait(reply.trickle):
                        return
            else:
                for _ in range(reply.repeat):
                    self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading, as it should past a limit

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep the test output clean


class Server(http.server.ThreadingHTTPServer):
    """Answers GETs from a script of replies, and records each request's path and headers."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.replies: list[Reply] = []
        self.seen: list[tuple[str, dict[str, str]]] = []
        # Paths whose trickled body got to its last byte; noted just before that byte goes
        # out, so a client that has read the whole body always finds its path here.
        self.trickled_to_end: list[str] = []
        self.stopping = threading.Event()
        self.lock = threading.Lock()

    def script(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    def next_reply(self) -> Reply:
        with self.lock:
            return self.replies.pop(0) if self.replies else Reply(599, b"unscripted request")

    def url(self, path: str = "/a01.txt", scheme: str = "http") -> str:
        return f"{scheme}://127.0.0.1:{self.server_port}{path}"

    @property
    def paths(self) -> list[str]:
        return [path for path, _headers in self.seen]


def _serve(server: Server) -> Iterator[Server]:
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def server() -> Iterator[Server]:
    yield from _serve(Server())


@pytest.fixture
def sleeps() -> list[float]:
    """Pass `sleep=sleeps.append`: backoff waits are recorded instead of slept."""
    return []


class FakeClock:
    """A monotonic clock that only moves when the fetch sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


# --- conditional GET -------------------------------------------------------------------------


def test_etag_is_stored_then_sent_and_304_keeps_the_state(server: Server) -> None:
    server.script(Reply(200, "本报讯".encode(), {"ETag": '"v1"'}), Reply(304))

    first = fetch(server.url())
    second = fetch(server.url(), state=first.state)

    assert (first.status, first.data, first.state) == ("new", "本报讯".encode(), FetchState('"v1"'))
    assert (first.attempts, first.http_status, first.error) == (1, 200, None)
    assert (second.status, second.data, second.state) == ("not_modified", None, first.state)
    assert "If-None-Match" not in server.seen[0][1]
    assert server.seen[1][1]["If-None-Match"] == '"v1"'
    assert server.seen[0][1]["User-Agent"].startswith("paperfeed/")


def test_last_modified_round_trips_as_if_modified_since(server: Server) -> None:
    stamp = "Fri, 01 Mar 2024 06:00:00 GMT"
    server.script(Reply(200, b"issue", {"Last-Modified": stamp}), Reply(304))

    first = fetch(server.url())
    second = fetch(server.url(), state=first.state)

    assert first.state == FetchState(etag=None, last_modified=stamp)
    assert server.seen[1][1]["If-Modified-Since"] == stamp
    assert second.status == "not_modified"


def test_new_content_without_validators_replaces_the_old_ones(server: Server) -> None:
    server.script(Reply(200, b"changed"))

    result = fetch(server.url(), state=FetchState('"v1"', "Fri, 01 Mar 2024 06:00:00 GMT"))

    assert (result.status, result.state) == ("new", FetchState())


@pytest.mark.parametrize(
    ("content_type", "charset"),
    [
        ("text/plain; charset=GBK", "gbk"),
        ('text/plain;charset="UTF-8"', "utf-8"),
        ("text/plain; charset=gb2312", "gb2312"),
        ("text/plain", None),
        (None, None),
    ],
)
def test_charset_comes_from_the_content_type_header(
    server: Server, content_type: str | None, charset: str | None
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    server.script(Reply(200, "要闻".encode("gbk"), headers))

    assert fetch(server.url()).charset == charset


def test_gzip_body_arrives_decompressed(server: Server) -> None:
    body = "本报讯（记者王孟鹤）".encode() * 50
    server.script(Reply(200, gzip.compress(body), {"Content-Encoding": "gzip"}))

    assert fetch(server.url()).data == body


# --- statuses and retries --------------------------------------------------------------------


@pytest.mark.parametrize("status", [404, 410])
def test_unpublished_issue_is_missing_without_retry_or_error(
    server: Server, sleeps: list[float], status: int
) -> None:
    old = FetchState('"v1"')
    server.script(Reply(status), Reply(200, b"too late"))

    result = fetch(server.url(), state=old, sleep=sleeps.append)

    assert (result.status, result.error, result.state) == ("missing", None, old)
    assert (result.attempts, result.http_status, len(server.seen), sleeps) == (1, status, 1, [])


def test_forbidden_is_an_error_without_retry(server: Server, sleeps: list[float]) -> None:
    server.script(Reply(403), Reply(200, b"too late"))

    result = fetch(server.url(), sleep=sleeps.append)

    assert (result.status, result.attempts, result.http_status) == ("error", 1, 403)
    assert result.error is not None
    assert server.url() in result.error
    assert "HTTP 403" in result.error
    assert "retrying will not help" in result.error
    assert "access rights" in result.error
    assert (len(server.seen), sleeps) == (1, [])


def test_server_errors_are_retried_with_exponential_backoff(
    server: Server, sleeps: list[float]
) -> None:
    server.script(Reply(503), Reply(503), Reply(200, b"issue"))

    result = fetch(server.url(), backoff=0.5, sleep=sleeps.append)

    assert (result.status, result.data, result.attempts) == ("new", b"issue", 3)
    assert sleeps == [0.5, 1.0]
    assert len(server.seen) == 3


def test_retries_run_out_into_an_error_naming_the_last_status(
    server: Server, sleeps: list[float]
) -> None:
    server.script(*[Reply(500)] * 4)

    result = fetch(server.url(), retries=3, sleep=sleeps.append)

    assert (result.status, result.attempts, result.http_status) == ("error", 4, 500)
    assert result.error is not None
    assert "4 attempts" in result.error
    assert "HTTP 500" in result.error
    assert "next poll" in result.error
    assert sleeps == [1.0, 2.0, 4.0]


def test_429_honours_a_numeric_retry_after_up_to_the_cap(
    server: Server, sleeps: list[float]
) -> None:
    server.script(
        Reply(429, headers={"Retry-After": "7"}),
        Reply(429, headers={"Retry-After": "86400"}),
        Reply(200, b"issue"),
    )

    result = fetch(server.url(), deadline=1000, sleep=sleeps.append)

    assert (result.status, result.attempts) == ("new", 3)
    assert sleeps == [7.0, worker.intake.answers.MAX_RETRY_AFTER]


def test_read_timeout_is_retried(server: Server, sleeps: list[float]) -> None:
    server.script(Reply(200, b"late", delay=2), Reply(200, b"issue"))

    result = fetch(server.url(), read_timeout=0.3, sleep=sleeps.append)

    assert (result.status, result.data, result.attempts, sleeps) == ("new", b"issue", 2, [1.0])


def test_refused_connection_is_an_error_not_an_exception(sleeps: list[float]) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    result = fetch(f"http://127.0.0.1:{port}/a01.txt", retries=1, sleep=sleeps.append)

    assert (result.status, result.attempts, result.http_status) == ("error", 2, None)
    assert result.error is not None
    assert "could not connect" in result.error


def test_body_shorter_than_its_content_length_is_retried(
    server: Server, sleeps: list[float]
) -> None:
    server.script(Reply(200, b"cut short", length=1000), Reply(200, b"cut short", length=1000))

    result = fetch(server.url(), retries=1, sleep=sleeps.append)

    assert (result.status, result.attempts) == ("error", 2)
    assert result.error is not None
    assert "broke off during the download" in result.error


# --- byte cap and deadline -------------------------------------------------------------------


def test_announced_length_over_the_cap_is_refused_unread(
    server: Server, sleeps: list[float]
) -> None:
    server.script(Reply(200, b"x" * 10, length=10_000_000))

    result = fetch(server.url(), max_bytes=1000, sleep=sleeps.append)

    assert (result.status, result.data, result.attempts, sleeps) == ("error", None, 1, [])
    assert result.error is not None
    assert "10000000" in result.error
    assert "limit of 1000" in result.error
    assert "PAPERFEED_MAX_BYTES" in result.error


def test_streamed_body_over_the_cap_is_cut_off(server: Server, sleeps: list[float]) -> None:
    server.script(Reply(200, b"x" * 65536, length=None, repeat=100))  # 6.5 MB, no length

    result = fetch(server.url(), max_bytes=100_000, sleep=sleeps.append)

    assert (result.status, result.data, result.attempts, sleeps) == ("error", None, 1, [])
    assert result.error is not None
    assert "limit of 100000 bytes (PAPERFEED_MAX_BYTES)" in result.error


def test_cap_counts_decompressed_bytes(server: Server) -> None:
    bomb = gzip.compress(b"\0" * 5_000_000)  # a few kilobytes on the wire
    server.script(Reply(200, bomb, {"Content-Encoding": "gzip"}))

    result = fetch(server.url(), max_bytes=100_000)

    assert result.status == "error"
    assert result.error is not None
    assert "PAPERFEED_MAX_BYTES" in result.error


def test_deadline_stops_a_trickling_download(server: Server, sleeps: list[float]) -> None:
    # Each byte comes well within the read timeout, so only the total deadline can stop it.
    server.script(Reply(200, b"x" * 200, trickle=0.05))

    result = fetch(server.url(), read_timeout=0.3, deadline=0.4, sleep=sleeps.append)

    assert (result.status, result.data, result.attempts, sleeps) == ("error", None, 1, [])
    assert result.error is not None
    assert "gave up after" in result.error
    assert server.trickled_to_end == []  # it stopped mid-body, not after the 10 s of trickle


def test_deadline_covers_the_retries(server: Server) -> None:
    clock = FakeClock()
    server.script(*[Reply(503)] * 5)

    result = fetch(
        server.url(), retries=10, backoff=1, deadline=2.5, sleep=clock.sleep, clock=clock
    )

    assert (result.status, result.attempts, clock.sleeps) == ("error", 2, [1.0])
    assert result.error is not None
    assert "gave up after 1.0 s (deadline 2.5 s)" in result.error
    assert "HTTP 503" in result.error


# --- redirects and the URL rule --------------------------------------------------------------


def test_redirect_is_followed(server: Server) -> None:
    server.script(Reply(302, headers={"Location": "/20240301/a01.txt"}), Reply(200, b"issue"))

    result = fetch(server.url())

    assert (result.status, result.data, result.attempts) == ("new", b"issue", 1)
    assert server.paths == ["/a01.txt", "/20240301/a01.txt"]


def test_redirect_to_a_disallowed_url_is_an_error_and_is_not_followed(server: Server) -> None:
    # Chosen behaviour: an error result, not SourceError, since the server did it, not the caller.
    server.script(Reply(301, headers={"Location": "http://paper.example/a01.txt"}))

    result = fetch(server.url())

    assert (result.status, result.attempts, len(server.seen)) == ("error", 1, 1)
    assert result.error is not None
    assert "redirected to http://paper.example/a01.txt" in result.error


def test_redirect_loop_stops_after_five_hops(server: Server) -> None:
    server.script(*[Reply(307, headers={"Location": "/again"})] * 10)

    result = fetch(server.url())

    assert result.status == "error"
    assert result.error is not None
    assert "more than 5 redirects" in result.error
    assert len(server.seen) == 6


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://paper.example/20240301/a01.txt",
        "http://paper.example/20240301/a01.txt",
        "http://10.0.0.1/a01.txt",
        "http://127.0.0.1.paper.example/a01.txt",
        "https:///a01.txt",
        "paper.example/20240301/a01.txt",
        "https://paper.example:99999/a01.txt",
    ],
)
def test_disallowed_urls_raise_source_error(url: str) -> None:
    with pytest.raises(SourceError, match=r"only https:// URLs"):
        fetch(url)


@pytest.mark.parametrize(
    "url", ["https://paper.example/a01.txt", "http://localhost:8080/a", "http://[::1]:8080/a"]
)
def test_allowed_urls_pass_the_check(url: str) -> None:
    worker.intake.fetch.check_url(url, allow_private=True)


@pytest.mark.parametrize("url", ["http://localhost:8080/a", "http://127.0.0.1:8080/a"])
def test_plain_http_even_to_this_machine_needs_allow_private(url: str) -> None:
    with pytest.raises(SourceError, match="allow_private"):
        worker.intake.fetch.fetch(url)


def test_credentials_in_a_url_are_never_shown(sleeps: list[float]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there

    result = fetch(f"http://ed:s3cret@127.0.0.1:{port}/a01.txt", retries=0, sleep=sleeps.append)

    assert result.status == "error" and result.error is not None
    assert "s3cret" not in result.error and "ed:s3" not in result.error
    assert f"http://***@127.0.0.1:{port}/a01.txt" in result.error


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    """A server with a self-signed certificate for 127.0.0.1."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed; it makes the self-signed test certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = Server()
    server.socket = context.wrap_socket(server.socket, server_side=True)
    yield from ((s, cert) for s in _serve(server))


def test_tls_is_verified_even_when_the_session_turns_it_off(
    tls_server: tuple[Server, Path],
) -> None:
    server, cert = tls_server
    server.script(Reply(200, b"trusted"), Reply(200, b"not for paperfeed"))
    with requests.get(server.url(scheme="https"), verify=str(cert), timeout=5) as control:
        assert control.content == b"trusted"  # the server works for a client that trusts it
    with requests.Session() as session:
        # trust_env off too: REQUESTS_CA_BUNDLE in the environment would otherwise override
        # the session's verify=False and hide a fetch that forgot to force verification.
        session.verify, session.trust_env = False, False

        result = fetch(server.url(scheme="https"), session=session)

    assert (result.status, result.attempts) == ("error", 1)
    assert result.error is not None
    assert "TLS certificate check failed" in result.error
    assert len(server.seen) == 1


# --- issue URLs ------------------------------------------------------------------------------


def test_issue_urls_look_back_across_a_month_boundary() -> None:
    urls = issue_urls(
        "https://paper.example/{date:%Y%m}/{date:%d}/a01.txt",
        today=dt.date(2024, 3, 2),
        lookback_days=3,
    )

    assert urls == [
        (dt.date(2024, 3, 2), "https://paper.example/202403/02/a01.txt"),
        (dt.date(2024, 3, 1), "https://paper.example/202403/01/a01.txt"),
        (dt.date(2024, 2, 29), "https://paper.example/202402/29/a01.txt"),
        (dt.date(2024, 2, 28), "https://paper.example/202402/28/a01.txt"),
    ]


def test_issue_urls_without_lookback_is_today_only() -> None:
    urls = issue_urls(
        "https://p.example/{date:%Y-%m-%d}.txt", today=dt.date(2024, 1, 1), lookback_days=0
    )

    assert urls == [(dt.date(2024, 1, 1), "https://p.example/2024-01-01.txt")]


@pytest.mark.parametrize(
    ("template", "lookback"),
    [("https://p.example/{day}.txt", 0), ("https://p.example/{date:%Y%m%d}.txt", -1)],
)
def test_issue_urls_refuse_a_bad_template_or_lookback(template: str, lookback: int) -> None:
    with pytest.raises(SourceError):
        issue_urls(template, today=dt.date(2024, 3, 1), lookback_days=lookback)


@pytest.mark.parametrize("module", [worker.intake.fetch, worker.intake.answers, worker.urls])
def test_docstring_examples_hold(module: object) -> None:
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert (result.failed, result.attempted > 0) == (0, True)


# --- private addresses -----------------------------------------------------------------------


def _certificate(tmp_path: Path, address: str) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed; it makes the self-signed test certificate")
    key, cert = tmp_path / f"{address}-key.pem", tmp_path / f"{address}-cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1",
         "-subj", f"/CN={address}", "-addext", f"subjectAltName=IP:{address}"],
        check=True, capture_output=True,
    )  # fmt: skip
    return key, cert


class PaperSite(Server):
    """An https server on 127.0.0.2 that this test's fetches treat as a public address."""

    def __init__(self, key: Path, cert: Path) -> None:
        http.server.ThreadingHTTPServer.__init__(self, ("127.0.0.2", 0), Handler)
        self.replies, self.seen, self.trickled_to_end = [], [], []
        self.stopping, self.lock = threading.Event(), threading.Lock()
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self.socket = context.wrap_socket(self.socket, server_side=True)

    def url(self, path: str = "/a01.txt", scheme: str = "https") -> str:
        return f"{scheme}://127.0.0.2:{self.server_port}{path}"


@pytest.fixture
def paper_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server: Server
) -> Iterator[PaperSite]:
    """The paper's site (trusted, "public") and, as `server`, a service on loopback."""
    key, cert = _certificate(tmp_path, "127.0.0.2")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))
    real = worker.intake.guard.public_address
    monkeypatch.setattr(
        worker.intake.guard,
        "public_address",
        lambda address: address == "127.0.0.2" or real(address),
    )
    yield from _serve(PaperSite(key, cert))


def test_a_public_site_is_fetched_over_the_guard(paper_site: PaperSite) -> None:
    paper_site.script(Reply(200, b"issue"))

    result = worker.intake.fetch.fetch(paper_site.url())

    assert (result.status, result.data) == ("new", b"issue")


def test_a_redirect_to_loopback_is_refused_unconnected(
    paper_site: PaperSite, server: Server
) -> None:
    target = f"https://127.0.0.1:{server.server_port}/latest/meta-data/"
    paper_site.script(Reply(302, headers={"Location": target}))
    server.script(Reply(200, b"secret"))

    result = worker.intake.fetch.fetch(paper_site.url(), retries=0)

    assert result.status == "error" and result.error is not None
    assert "refused to connect" in result.error and "127.0.0.1" in result.error
    assert server.seen == []  # the loopback service never got a request


def test_allow_private_lets_a_source_reach_its_intranet_server(
    paper_site: PaperSite, server: Server
) -> None:
    paper_site.script(Reply(302, headers={"Location": server.url()}))
    server.script(Reply(200, b"intranet issue"))

    result = worker.intake.fetch.fetch(paper_site.url(), allow_private=True)

    assert (result.status, result.data) == ("new", b"intranet issue")


def test_credentials_go_to_the_sites_own_host_only(paper_site: PaperSite, server: Server) -> None:
    paper_site.script(Reply(302, headers={"Location": server.url()}))
    server.script(Reply(200, b"issue"))

    result = worker.intake.fetch.fetch(paper_site.url(), allow_private=True, auth=("ed", "s3cret"))

    assert result.status == "new"
    assert paper_site.seen[0][1].get("Authorization", "").startswith("Basic ")
    assert "Authorization" not in server.seen[0][1]


@pytest.mark.parametrize(
    ("address", "public"),
    [("8.8.8.8", True), ("10.1.2.3", False), ("172.16.0.1", False), ("192.168.1.1", False),
     ("100.64.0.1", False), ("169.254.169.254", False), ("127.0.0.1", False), ("0.0.0.0", False),
     ("::1", False), ("fe80::1", False), ("fd00::1", False), ("::ffff:127.0.0.1", False),
     ("2606:4700::1111", True), ("224.0.0.1", False)],
)  # fmt: skip
def test_which_addresses_count_as_public(address: str, public: bool) -> None:
    assert worker.intake.guard.public_address(address) is public
