"""Request framing: whatever a proxy in front could read as a different request length is
refused with 400 and the connection closed; a body is always read whole, so the bytes after
a request are the next request and nothing else. Raw sockets, as a smuggler would send."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest

from tests.unit.feeds.serverhelp import running_site

SMUGGLED = b"GET /feeds/all.rss HTTP/1.1\r\nHost: x\r\n\r\n"


def exchange(port: int, raw: bytes) -> bytes:
    """Send `raw` at once and read every byte the server sends until it closes or pauses."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        conn.sendall(raw)
        conn.settimeout(1.0)
        received = b""
        try:
            while chunk := conn.recv(65536):
                received += chunk
        except TimeoutError:
            pass
    return received


def statuses(received: bytes) -> list[int]:
    """The status of each response in a stream of them (the test bodies end in newlines)."""
    return [int(code) for code in re.findall(rb"(?:^|\n)HTTP/1\.[01] (\d{3}) ", received)]


@pytest.mark.parametrize(
    "headers",
    [
        b"Content-Length: 44\r\nTransfer-Encoding: chunked\r\n",
        b"Transfer-Encoding: chunked\r\nContent-Length: 44\r\n",
        b"Transfer-Encoding: chunked\r\n",
        b"Transfer-Encoding: xchunked\r\n",
        b"Content-Length: 44\r\nContent-Length: 0\r\n",
        b"Content-Length: 44\r\nContent-Length: 44\r\n",
        b"Content-Length: 44, 44\r\n",
        b"Content-Length: +44\r\n",
        b"Content-Length : 44\r\n",
        b"X-Pad: a\r\n Content-Length: 44\r\n",
    ],
    ids=["cl-te", "te-cl", "te", "te-odd", "cl-cl-differ", "cl-cl-same", "cl-list", "cl-sign",
         "space-before-colon", "folded"],
)  # fmt: skip
def test_ambiguous_framing_is_refused_and_the_connection_closed(
    tmp_path: Path, headers: bytes
) -> None:
    body = b"0\r\n\r\n" + SMUGGLED
    request = b"POST /status/reingest HTTP/1.1\r\nHost: x\r\n" + headers + b"\r\n" + body
    with running_site(tmp_path) as site:
        received = exchange(site.port, request)
    assert statuses(received) == [400]  # one answer, and nothing for the smuggled request
    assert b"Connection: close" in received


def test_a_body_on_a_get_is_read_not_taken_for_the_next_request(tmp_path: Path) -> None:
    first = (
        b"GET /feeds/all.atom HTTP/1.1\r\nHost: x\r\nContent-Length: "
        + str(len(SMUGGLED)).encode()
        + b"\r\n\r\n"
        + SMUGGLED
    )
    second = b"GET /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    with running_site(tmp_path) as site:
        received = exchange(site.port, first + second)
    assert statuses(received) == [200, 200]  # two requests sent, two answered
    assert b"<rss" not in received  # the body's request was never served
    assert b"<!DOCTYPE html>" in received


def test_a_plain_request_keeps_its_connection(tmp_path: Path) -> None:
    pipelined = b"GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n" * 2
    with running_site(tmp_path) as site:
        received = exchange(site.port, pipelined)
    assert statuses(received) == [200, 200]


def test_a_body_over_the_limit_is_413_and_the_connection_closed(tmp_path: Path) -> None:
    too_long = b"a" * (64 * 1024 + 1)
    request = (
        b"POST /status/reingest HTTP/1.1\r\nHost: x\r\nContent-Length: "
        + str(len(too_long)).encode()
        + b"\r\n\r\n"
    )
    with running_site(tmp_path) as site:
        received = exchange(site.port, request)  # the headers alone: the server answers early
    assert statuses(received) == [413]
    assert b"Connection: close" in received
