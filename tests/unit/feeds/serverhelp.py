"""A real feed server on 127.0.0.1 for the server tests, over a small public directory."""

from __future__ import annotations

import http.client
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from feeds.server import make_server

FILES = {
    "index.html": b"<!DOCTYPE html><html lang='zh-CN'><title>t</title></html>\n",
    "feeds/all.atom": b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'/>\n" * 20,
    "feeds/all.rss": b"<?xml version='1.0'?><rss version='2.0'><channel/></rss>\n" * 20,
    "feeds/people/wang-menghe.atom": b"<feed xmlns='http://www.w3.org/2005/Atom'/>\n",
    "status.json": b'{"ok": true}\n',
    "feeds/all.json": b'{"version": "https://jsonfeed.org/version/1.1", "items": []}\n',
    "feeds.opml": b"<opml version='2.0'><body/></opml>\n",
    "feeds/.all.atom.x1y2.tmp": b"partial",
    ".env": b"SECRET=1\n",
}
SECRET = b"outside the public directory\n"


@dataclass(frozen=True)
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


@dataclass(frozen=True)
class Site:
    public: Path
    port: int

    def request(self, path: str, method: str = "GET", **headers: str) -> Response:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.putrequest(method, path, skip_accept_encoding=True)
            for name, value in headers.items():
                conn.putheader(name.replace("_", "-"), value)
            conn.endheaders()
            answer = conn.getresponse()
            return Response(answer.status, answer.headers, answer.read())
        finally:
            conn.close()


def build_public(root: Path) -> Path:
    """A public dir with feeds, hidden files and two symlinks, one leading outside."""
    public = root / "public"
    for name, data in FILES.items():
        path = public / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (root / "secret.txt").write_bytes(SECRET)
    os.symlink(root / "secret.txt", public / "feeds" / "out-link.atom")
    os.symlink(public / "feeds" / "all.atom", public / "latest.atom")
    return public


@contextmanager
def running_site(root: Path, cache_seconds: int = 300) -> Iterator[Site]:
    public = build_public(root)
    server = make_server(public, "127.0.0.1", 0, cache_seconds=cache_seconds)
    # A short poll interval so that shutdown() returns quickly after each test.
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield Site(public, int(server.server_address[1]))
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
