"""The server runs in a daemon thread of another process and stops on shutdown()."""

from __future__ import annotations

import http.client
import time
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


def test_shutdown_does_not_wait_for_an_idle_keep_alive_client(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_bytes(b"<!DOCTYPE html>")
    server = make_server(tmp_path, "127.0.0.1", 0)
    thread = start_in_thread(server)
    conn = http.client.HTTPConnection("127.0.0.1", int(server.server_address[1]), timeout=10)
    conn.request("GET", "/")
    assert conn.getresponse().read() == b"<!DOCTYPE html>"  # the connection stays open
    started = time.monotonic()
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)
    assert not thread.is_alive() and time.monotonic() - started < 5
    conn.close()
