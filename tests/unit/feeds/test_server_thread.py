"""The server runs in a daemon thread of another process and stops on shutdown()."""

from __future__ import annotations

import http.client
from pathlib import Path

from feeds.server import make_server, start_in_thread


def test_start_and_shutdown(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_bytes(b"<!DOCTYPE html>")
    server = make_server(tmp_path, "127.0.0.1", 0)
    thread = start_in_thread(server)
    assert thread.daemon
    port = int(server.server_address[1])
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/")
    assert conn.getresponse().read() == b"<!DOCTYPE html>"
    conn.close()
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)
    assert not thread.is_alive()
