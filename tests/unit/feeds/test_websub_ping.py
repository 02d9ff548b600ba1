"""ping_hub against a real hub stand-in on 127.0.0.1: what it sends, and that failures are
returned, never raised."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs

import pytest
import requests

from feeds.websub import PingResult, ping_hub

TOPICS = ["https://feeds.example.org/feeds/all.atom", "https://feeds.example.org/feeds/all.rss"]


class Hub(HTTPServer):
    """Records every POST; answers with ``status``."""

    def __init__(self, status: int) -> None:
        self.status = status
        self.posts: list[tuple[str, str, dict[str, list[str]]]] = []
        super().__init__(("127.0.0.1", 0), HubHandler)


class HubHandler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        hub = self.server
        assert isinstance(hub, Hub)
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        hub.posts.append((self.path, self.headers["Content-Type"], parse_qs(body)))
        payload = b"" if hub.status < 300 else b"hub is unhappy"
        self.send_response(hub.status)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def running_hub(status: int = 204) -> Iterator[tuple[Hub, str]]:
    hub = Hub(status)
    thread = threading.Thread(target=hub.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield hub, f"http://127.0.0.1:{hub.server_address[1]}/hub"
    finally:
        hub.shutdown()
        hub.server_close()
        thread.join(timeout=10)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_one_publish_post_per_topic() -> None:
    with running_hub(204) as (hub, url):
        results = ping_hub(url, TOPICS)
    assert results == [PingResult(t, ok=True, status=204) for t in TOPICS]
    assert [(path, ctype) for path, ctype, _ in hub.posts] == [
        ("/hub", "application/x-www-form-urlencoded")
    ] * 2
    assert [form for _, _, form in hub.posts] == [
        {"hub.mode": ["publish"], "hub.url": [topic]} for topic in TOPICS
    ]


def test_repeated_topics_are_pinged_once_and_none_means_no_request() -> None:
    with running_hub(202) as (hub, url):
        assert len(ping_hub(url, [TOPICS[0], TOPICS[0]])) == 1
        assert ping_hub(url, []) == []
    assert len(hub.posts) == 1


def test_hub_error_is_returned_not_raised() -> None:
    with running_hub(500) as (_, url):
        (result,) = ping_hub(url, TOPICS[:1])
    assert not result.ok and result.status == 500
    assert result.error is not None and "hub is unhappy" in result.error


def test_unreachable_hub_is_returned_not_raised() -> None:
    results = ping_hub(f"http://127.0.0.1:{free_port()}/hub", TOPICS, timeout=5)
    assert [(r.ok, r.status) for r in results] == [(False, None), (False, None)]
    assert all(r.error and "ConnectionError" in r.error for r in results)


def test_malformed_hub_url_is_returned_not_raised() -> None:
    (result,) = ping_hub("not a url", TOPICS[:1])
    assert not result.ok and result.error


def test_given_session_is_used_and_left_open() -> None:
    with running_hub(204) as (hub, url), requests.Session() as session:
        session.headers["X-Trace"] = "1"
        assert ping_hub(url, TOPICS[:1], session=session)[0].ok
        assert ping_hub(url, TOPICS[1:], session=session)[0].ok  # still usable
    assert len(hub.posts) == 2


@pytest.mark.parametrize("status", [301, 404])
def test_non_2xx_is_a_failure(status: int) -> None:
    with running_hub(status) as (_, url):
        assert not ping_hub(url, TOPICS[:1])[0].ok
