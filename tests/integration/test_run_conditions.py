"""`paperfeed run` (SQLite, embedded broker) under conditions a newsroom's machine meets: a
disk that fills up and empties again, URL sources that hang beside a drop folder (these two
run in `make conditions`), and a client that tries to smuggle a request past a proxy. The
longer ones print the figure they measured."""

from __future__ import annotations

import re
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from benchmarks.synth import make_issue
from tests.integration.conftest import (
    Running,
    http_get,
    start_paperfeed,
    stop_paperfeed,
    wait_for,
)
from tests.integration.harness import fill, mounted
from tests.unit.feeds.test_server_framing import exchange, statuses

pytestmark = pytest.mark.integration


def _ingested(running: Running, source: str = "drop") -> int:
    body = http_get(running.base_url + "/metrics")[1].decode()
    found = re.search(rf'paperfeed_issues_ingested_total{{source="{source}"}} (\d+)', body)
    return int(found.group(1)) if found else 0


def _get(url: str) -> tuple[int, bytes]:
    """Status and body, the body of an error answer included."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _deliver(folder: Path, staging: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (staging / name).write_bytes(data)
    for name in files:
        (staging / name).rename(folder / name)


@pytest.mark.conditions
@pytest.mark.timeout(400)
def test_a_full_disk_stops_work_only_until_space_returns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    with mounted(["-t", "tmpfs", "-o", "size=40m", "tmpfs"], home):
        # A small PAPERFEED_MAX_BYTES: "low on space" is twice it, well under the tmpfs.
        running = start_paperfeed(home, PAPERFEED_MAX_BYTES="200000")
        try:
            drop, staging = home / "drop", home / "staging"
            staging.mkdir()
            issues = {f"issue-{n:02d}.txt": make_issue(n, pages=1, articles_per_page=2)
                      for n in range(1, 9)}  # fmt: skip
            first, later = dict(list(issues.items())[:3]), dict(list(issues.items())[3:])
            _deliver(drop, staging, first)
            wait_for(lambda: _ingested(running) == 3, 60, running, "the first three ingests")
            for name, data in later.items():  # written now: there is no room for them later
                (staging / name).write_bytes(data)
            fill(home / "filler")
            wait_for(lambda: http_get(running.base_url + "/healthz")[0] == 503, 30, running,
                     "/healthz to report the full disk")  # fmt: skip
            assert b"disk full" in _get(running.base_url + "/healthz")[1]
            for name in later:  # arrive while the disk is full: the claims cannot be recorded
                (staging / name).rename(drop / name)
            time.sleep(15)  # scans fail, and the scheduler cannot write its messages
            assert b"the disk holding" in _get(running.base_url + "/status?lang=en")[1]
            (home / "filler").unlink()
            freed = time.monotonic()

            seen: list[object] = []

            def recovered() -> bool:
                health = _get(running.base_url + "/healthz")
                seen[:] = [health, _ingested(running), sorted(p.name for p in drop.iterdir())]
                return health[0] == 200 and seen[1] == len(issues)

            while not recovered():
                if time.monotonic() - freed >= 60:  # where the files are, for the report
                    left = [str(p.relative_to(home)) for p in home.rglob("*.txt")]
                    raise AssertionError((seen, sorted(left), running.output()[-6000:]))
                time.sleep(0.5)
            took = time.monotonic() - freed
            assert not list(drop.iterdir()) and "worker_exit" not in running.output()
            with capsys.disabled():
                print(f"\nfull disk: all {len(issues)} issues in, worker healthy, "
                      f"{took:.1f} s after space returned")  # fmt: skip
        finally:
            stop_paperfeed(running)


class HangingSite(ThreadingHTTPServer):
    """A newspaper site that takes `hold` seconds before it answers anything."""

    daemon_threads = True

    def __init__(self, hold: float) -> None:
        self.hold, self.requests, self.waiting = hold, 0, 0
        self.stopping, self.lock = threading.Event(), threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with site.lock:
                    site.requests += 1
                    site.waiting += 1
                try:
                    if site.stopping.wait(site.hold):
                        return
                finally:
                    with site.lock:
                        site.waiting -= 1
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)


@pytest.fixture
def hanging_site() -> Iterator[HangingSite]:
    site = HangingSite(hold=300)
    thread = threading.Thread(target=site.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield site
    site.stopping.set()
    site.shutdown()
    site.server_close()


@pytest.mark.conditions
@pytest.mark.timeout(300)
def test_slow_url_sources_never_delay_a_drop_folder(
    tmp_path: Path, hanging_site: HangingSite, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    port = hanging_site.server_address[1]
    sources = [f'[[source]]\nname = "drop"\nkind = "drop"\npath = "{home}/drop"\n']
    for name in ("slow-a", "slow-b"):  # two: as many as the worker has processes
        sources.append(
            f'[[source]]\nname = "{name}"\nkind = "url"\npoll_interval = 1\nlookback_days = 3\n'
            f'url = "http://127.0.0.1:{port}/{name}/{{date:%Y%m%d}}.txt"\nallow_private = true\n'
        )
    (home / "paperfeed.toml").write_text("\n".join(sources), encoding="utf-8")
    running = start_paperfeed(home, PAPERFEED_WORKERS="2")
    try:
        wait_for(lambda: hanging_site.waiting >= 2, 60, running, "both sites to be polled")
        started = time.monotonic()
        files = {f"issue-{n:02d}.txt": make_issue(n, pages=1, articles_per_page=2)
                 for n in range(1, 21)}  # fmt: skip
        staging = home / "staging"
        staging.mkdir()
        _deliver(home / "drop", staging, files)
        wait_for(lambda: _ingested(running) == len(files), 90, running, "the dropped issues")
        took = time.monotonic() - started
        # Both polls were still waiting on their sites when the last issue went in. (A poll
        # queued while another of its source holds the lease ends at once: not counted.)
        assert hanging_site.waiting >= 2, running.output()[-3000:]
        with capsys.disabled():
            print(
                f"\nslow URL sources: {len(files)} dropped issues in {took:.1f} s while two"
                f" polls waited on a site that answers after {hanging_site.hold:.0f} s"
            )
    finally:
        stop_paperfeed(running)


def test_run_refuses_smuggling_probes_with_400(tmp_path: Path) -> None:
    running = start_paperfeed(tmp_path / "home")
    try:
        port = int(running.base_url.rsplit(":", 1)[1])
        smuggled = b"GET /status HTTP/1.1\r\nHost: x\r\n\r\n"
        probes = [
            b"Content-Length: 6\r\nTransfer-Encoding: chunked\r\n",
            b"Content-Length: 6\r\nContent-Length: 40\r\n",
            b"Transfer-Encoding: chunked\r\n",
        ]
        for headers in probes:
            raw = (b"POST /status/reingest HTTP/1.1\r\nHost: x\r\n" + headers + b"\r\n0\r\n\r\n"
                   + smuggled)  # fmt: skip
            received = exchange(port, raw)
            assert statuses(received) == [400], (headers, received[:200])  # one answer only
    finally:
        stop_paperfeed(running)
