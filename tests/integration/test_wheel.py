"""An installed paperfeed, not a source checkout: the wheel `pip wheel .` builds, installed
into a fresh virtual environment, upgrades a database, ingests, publishes and serves."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT
from tests.integration.conftest import free_port, http_get

pytestmark = pytest.mark.integration


def _run(command: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, f"{command} exited {done.returncode}:\n{done.stdout}{done.stderr}"
    return done.stdout


def test_the_wheel_installs_and_runs_without_the_source_tree(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
         cwd=tmp_path)  # fmt: skip
    wheel = next(dist.glob("paperfeed-*.whl"))
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path)
    _run([str(venv / "bin" / "pip"), "install", "-q", str(wheel)], cwd=tmp_path)

    # Outside the checkout, with nothing of it on the path: only the installed package.
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PAPERFEED_", "PYTHON"))}
    env.pop("DATABASE_URL", None)
    env.pop("CELERY_BROKER_URL", None)
    port = free_port()
    env |= {"PAPERFEED_HOME": str(home), "PAPERFEED_PORT": str(port),
            "PAPERFEED_STABLE_SECONDS": "0"}  # fmt: skip
    paperfeed = str(venv / "bin" / "paperfeed")
    located = _run([str(venv / "bin" / "python"), "-c", "import worker; print(worker.__file__)"],
                   cwd=tmp_path, env=env)  # fmt: skip
    assert str(venv) in located and str(ROOT) not in located

    _run([paperfeed, "db", "upgrade"], cwd=tmp_path, env=env)
    issue = next(EXAMPLES.glob("*.txt"))
    _run([paperfeed, "ingest", str(issue)], cwd=tmp_path, env=env)
    (home / "drop").mkdir(parents=True, exist_ok=True)
    # The next day's issue in the drop folder: `run --once` claims it, ingests it and exits.
    (home / "drop" / "2026-11-21-qinghe-daily.txt").write_bytes(
        issue.read_bytes().replace(b"2026-11-20", b"2026-11-21")
    )
    _run([paperfeed, "run", "--once"], cwd=tmp_path, env=env)
    assert list((home / "drop").iterdir()) == []

    server = subprocess.Popen(
        [paperfeed, "serve", "--port", str(port)], cwd=tmp_path, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        status, body = 0, b""
        while time.monotonic() < deadline and status != 200:
            status, body = http_get(f"http://127.0.0.1:{port}/feeds/all.atom")
            time.sleep(0.2)
        assert status == 200
        assert body.count(b"<entry>") >= 2
        # The operator pages come from templates inside the package: the wheel carries them.
        status, body = http_get(f"http://127.0.0.1:{port}/status?lang=en")
        assert status == 200 and b'<section id="issues"><h2>Recent issues</h2><table>' in body
        status, body = http_get(f"http://127.0.0.1:{port}/status/issues/1?lang=en")
        assert status == 200 and b'<section id="issue"><table><tr><th>source</th>' in body
        # And the public site's pages (feeds/templates).
        status, body = http_get(f"http://127.0.0.1:{port}/index.html")
        assert status == 200 and body.startswith(b"<!DOCTYPE html>")
    finally:
        server.terminate()
        server.wait(timeout=30)
