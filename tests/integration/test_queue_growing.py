"""A queue that keeps growing, on real Redis: real Celery messages pile up in the `ingest`
queue with no worker taking them, the lengths are sampled as the worker's scan samples
them, and `paperfeed status`, --json, /status, /healthz and /metrics say so with the fix."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from worker import queue_samples
from worker.celery_app import create_app
from worker.db import upgrade
from worker.queues import queue_lengths
from worker.settings import Settings, load_settings
from worker.sources import load_sources
from worker.status import collect
from worker.web import health_problem

pytestmark = pytest.mark.integration


def _settings(home: Path, postgres_url: str, redis_url: str) -> Settings:
    home.mkdir(parents=True, exist_ok=True)
    env = {"PAPERFEED_HOME": str(home), "DATABASE_URL": postgres_url,
           "CELERY_BROKER_URL": redis_url}  # fmt: skip
    settings = load_settings(env)
    settings.ensure_dirs()
    upgrade(settings.database_url)
    return settings


def _send(settings: Settings, count: int) -> None:
    """`count` real ingest messages, as a scan sends them, for inputs no worker will take."""
    app = create_app(settings)
    try:
        for n in range(count):
            app.send_task("paperfeed.ingest_input", args=[10_000 + n], queue="ingest")
    finally:
        app.close()


def test_a_growing_queue_is_named_everywhere_with_its_fix(
    tmp_path: Path, postgres_url: str, redis_url: str
) -> None:
    settings = _settings(tmp_path / "home", postgres_url, redis_url)
    sources = load_sources(settings)
    start = time.time() - 300
    for step, count in enumerate((20, 30, 40)):  # 20, then 50, then 90 waiting
        _send(settings, count)
        assert queue_samples.record(settings, queue_lengths(settings), at=start + 120 * step)
    assert queue_lengths(settings)["ingest"] == 90
    _send(settings, 30)  # and 120 now

    found = collect(settings, sources, ping=lambda _: ["celery@here"])
    (problem,) = [p for p in found.problems if p.code == "queue_growing"]
    assert problem.startswith("queue ingest keeps growing: 20 → 120 messages over the last 5")
    assert "start more workers" in problem
    assert problem.text("zh-CN").startswith("队列 ingest 持续增长：最近 5 分钟内从 20 条增加到 120")
    assert found.growing_queues == ("ingest",)
    assert "queue ingest keeps growing" in str(health_problem(settings, None, sources))

    env = {**os.environ, "PAPERFEED_HOME": str(settings.home), "DATABASE_URL": postgres_url,
           "CELERY_BROKER_URL": redis_url}  # fmt: skip
    command = [sys.executable, "-m", "worker.cli", "status"]
    shown = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert shown.returncode == 1 and "queue ingest keeps growing: 20 → 120" in shown.stdout
    as_json = subprocess.run([*command, "--json"], env=env, capture_output=True, text=True,
                             timeout=60)  # fmt: skip
    codes = [d["code"] for d in json.loads(as_json.stdout)["problem_details"]]
    assert "queue_growing" in codes


def test_a_queue_being_worked_off_is_not_growing(
    tmp_path: Path, postgres_url: str, redis_url: str
) -> None:
    """A burst that the workers take down again, and a short rise, say nothing."""
    settings = _settings(tmp_path / "home", postgres_url, redis_url)
    now = dt.datetime.now(dt.UTC)
    _send(settings, 60)
    at = now.timestamp()
    for step, length in enumerate((200, 150, 90)):  # falling towards the 60 left
        queue_samples.record(settings, {"ingest": length}, at=at - 300 + 120 * step)
    found = collect(settings, load_sources(settings), ping=lambda _: ["celery@here"], now=now)
    assert "queue_growing" not in [p.code for p in found.problems]

    # The samples sit in Redis with an expiry; one sample a half-minute at most.
    import redis

    client = redis.Redis.from_url(redis_url)
    key = queue_samples.REDIS_KEY.format(queue="ingest")
    assert client.zcard(key) == 3 and 0 < client.ttl(key) <= 2 * queue_samples.WINDOW
    assert not queue_samples.record(settings, {"ingest": 61}, at=at - 60 + 10)
    client.close()
