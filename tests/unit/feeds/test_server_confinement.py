"""Only regular, non-hidden files inside the public directory are ever served."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.unit.feeds.serverhelp import SECRET, running_site


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/feeds/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/feeds/..%2f..%2fsecret.txt",
        "/%252e%252e/secret.txt",  # double-encoded: a literal "%2e%2e" name, which is absent
        "/..%5c..%5csecret.txt",
        "/%c0%ae%c0%ae/secret.txt",  # overlong UTF-8 dots
        "//secret.txt",
        "/feeds/out-link.atom",  # symlink pointing outside
        "/index.html%00.atom",
        "/.env",
        "/feeds/.all.atom.x1y2.tmp",  # a publish temp file
        "/feeds",  # a directory
        "/feeds/people/",  # a directory without index.html
        "http://127.0.0.1/../secret.txt",
    ],
)
def test_escape_attempts_get_404(tmp_path: Path, path: str) -> None:
    with running_site(tmp_path) as site:
        response = site.request(path)
    assert response.status == 404
    assert SECRET not in response.body


def test_raw_nul_in_request_line_gets_no_file(tmp_path: Path) -> None:
    with running_site(tmp_path) as site, socket.create_connection(("127.0.0.1", site.port)) as s:
        s.sendall(b"GET /index.html\x00/../../secret.txt HTTP/1.1\r\nHost: x\r\n\r\n")
        s.settimeout(10)
        answer = s.recv(65536)
    assert answer.startswith(b"HTTP/1.1 404")
    assert SECRET not in answer
