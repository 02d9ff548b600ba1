"""Real services for integration tests: a fresh PostgreSQL database, a Redis database, and
`paperfeed run` in a child process.

Locally these tests skip with a message naming the variable to set when a service is not
reachable; with CI=true they fail instead, so CI never skips them.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

REQUIRED = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
POSTGRES = os.environ.get(
    "PAPERFEED_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REDIS = os.environ.get("PAPERFEED_TEST_REDIS", "redis://127.0.0.1:6379/15")


def _unavailable(what: str, variable: str, error: Exception) -> None:
    message = f"{what} is not reachable ({error}); set {variable} to one, or run .ci/run"
    if REQUIRED:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def postgres_admin() -> str:
    try:
        engine = create_engine(POSTGRES)
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        engine.dispose()
    except Exception as exc:  # any failure to connect means: no server here
        _unavailable("PostgreSQL", "PAPERFEED_TEST_POSTGRES", exc)
    return POSTGRES


@pytest.fixture
def postgres_url(postgres_admin: str) -> Iterator[str]:
    """A new, empty database for one test, dropped afterwards."""
    name = f"paperfeed_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(postgres_admin, isolation_level="AUTOCOMMIT", pool_pre_ping=True)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(postgres_admin).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        from worker.db import dispose_engines

        dispose_engines()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def redis_url() -> Iterator[str]:
    """A Redis database emptied before and after the test."""
    import redis

    try:
        client = redis.Redis.from_url(REDIS)
        client.flushdb()
    except Exception as exc:
        _unavailable("Redis", "PAPERFEED_TEST_REDIS", exc)
    yield REDIS
    client.flushdb()
    client.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Running:
    """A `paperfeed run` child process and where to find its output."""

    process: subprocess.Popen[bytes]
    base_url: str
    home: Path
    env: dict[str, str]
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def start_paperfeed(home: Path, **env: str) -> Running:
    port = free_port()
    full_env = {
        **os.environ,
        "PAPERFEED_HOME": str(home),
        "PAPERFEED_PORT": str(port),
        "PAPERFEED_SCAN_INTERVAL": "1",
        "PAPERFEED_STABLE_SECONDS": "0.5",
        "PAPERFEED_WORKERS": "2",
        # Shorter than the default second (every test waits for its publish), not zero:
        # publishes still wait for the ingests around them.
        "PAPERFEED_PUBLISH_DELAY": "0.3",
        **env,
    }
    for name in ("DATABASE_URL", "CELERY_BROKER_URL"):
        if name not in env:
            full_env.pop(name, None)
    log = home.parent / f"{home.name}-run.log"
    home.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "worker.cli", "run"],
            env=full_env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    running = Running(process, f"http://127.0.0.1:{port}", home, full_env, log)
    wait_for(lambda: http_get(running.base_url + "/")[0] == 200, 60, running, "the index page")
    return running


def stop_paperfeed(running: Running) -> None:
    if running.process.poll() is None:
        running.process.send_signal(signal.SIGTERM)
        try:
            running.process.wait(timeout=90)
        except subprocess.TimeoutExpired:
            os.killpg(running.process.pid, signal.SIGKILL)
            running.process.wait()


def http_get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""
    except OSError:
        return 0, b""


def wait_for(check: object, seconds: float, running: Running, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(check) and check():
            return
        if running.process.poll() is not None:
            pytest.fail(f"paperfeed run exited while waiting for {what}:\n{running.output()}")
        time.sleep(0.3)
    pytest.fail(f"timed out after {seconds}s waiting for {what}:\n{running.output()[-6000:]}")
