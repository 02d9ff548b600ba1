"""`paperfeed serve` under load on loopback: a feed fetched plainly (200) and conditionally
(304), with Debian's `wrk` (installed by `make bench` when missing), else a small Python load
generator. Every load run is bounded in time and sent to 127.0.0.1 only."""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks import synth
from benchmarks.common import Row, median

ROOT = Path(__file__).resolve().parents[1]
SECONDS = 5
CONNECTIONS = 16
PATH = "/feeds/all.atom"


def _publish_sample(home: Path) -> None:
    """A public folder with feeds from 30 sample-sized issues."""
    from worker import attempts, publishing
    from worker.db import dispose_engines
    from worker.settings import load_settings
    from worker.sources import default_source

    settings = load_settings({"PAPERFEED_HOME": str(home)})
    settings.ensure_dirs()
    from worker.db import upgrade

    upgrade(settings.database_url)
    for seed in range(1, 31):
        path = home / f"{seed}.txt"
        path.write_bytes(synth.make_issue(seed, date=synth.issue_date(seed), **synth.SAMPLE_SIZED))
        attempts.ingest_path(settings, path, default_source(settings))
    publishing.publish_dirty(settings)
    dispose_engines()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(port: int, headers: dict[str, str]) -> tuple[int, dict[str, str]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("GET", PATH, headers=headers)
        response = conn.getresponse()
        response.read()
        # Names lower-cased: they are case-insensitive, and servers spell them differently.
        return response.status, {name.lower(): value for name, value in response.getheaders()}
    finally:
        conn.close()


def _wrk(port: int, headers: dict[str, str]) -> float:
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "5s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{PATH}"], capture_output=True, text=True,
        timeout=SECONDS + 30, check=True,
    ).stdout  # fmt: skip
    if "Non-2xx or 3xx responses" in out:
        raise RuntimeError(f"wrk saw error responses:\n{out}")
    found = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if found is None:
        raise RuntimeError(f"no Requests/sec in wrk's output:\n{out}")
    return float(found.group(1))


def _python_load(port: int, headers: dict[str, str]) -> float:
    """Keep-alive GETs from CONNECTIONS threads for SECONDS; requests per second."""
    deadline = time.monotonic() + SECONDS
    counts = [0] * CONNECTIONS

    def worker(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        while time.monotonic() < deadline:
            conn.request("GET", PATH, headers=headers)
            conn.getresponse().read()
            counts[n] += 1
        conn.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(CONNECTIONS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.monotonic() - started)


def run(runs: int = 3) -> list[Row]:
    use_wrk = shutil.which("wrk") is not None
    load = _wrk if use_wrk else _python_load
    with tempfile.TemporaryDirectory(prefix="paperfeed-serve-") as tmp:
        home = Path(tmp)
        _publish_sample(home)
        port = _free_port()
        env = {**os.environ, "PAPERFEED_HOME": str(home), "PAPERFEED_LOG_LEVEL": "WARNING"}
        server = subprocess.Popen(
            [sys.executable, "-m", "worker.cli", "serve", "--host", "127.0.0.1", "--port",
             str(port)], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        try:
            for _ in range(100):
                with contextlib.suppress(OSError):
                    if _get(port, {})[0] == 200:
                        break
                time.sleep(0.1)
            gzip = {"Accept-Encoding": "gzip"}
            _, headers = _get(port, gzip)
            size = Path(home / "public" / PATH.lstrip("/")).stat().st_size
            conditional = {**gzip, "If-None-Match": headers["etag"]}
            assert _get(port, conditional)[0] == 304
            full = median([load(port, gzip) for _ in range(runs)])
            cached = median([load(port, conditional) for _ in range(runs)])
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    tool = (
        f"wrk, {CONNECTIONS} connections, {SECONDS} s"
        if use_wrk
        else f"Python load generator ({CONNECTIONS} threads, {SECONDS} s; wrk not installed)"
    )
    return [
        Row(
            f"paperfeed serve, {PATH} ({size / 1000:.0f} kB, gzip) answered 200 "
            f"({tool}, median of {runs})",
            f"{full:,.0f} requests/s",
            ">= 1,000 requests/s",
            full >= 1000,
        ),
        Row(
            f"paperfeed serve, {PATH} answered 304 (If-None-Match, median of {runs})",
            f"{cached:,.0f} requests/s",
            ">= 1,000 requests/s",
            cached >= 1000,
        ),
    ]
