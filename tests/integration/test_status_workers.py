"""`paperfeed status` on real Redis and PostgreSQL with a real Celery worker: no worker
answering is a problem naming how to start one; a worker that answers while no scan ran
for minutes names the scheduler (beat)."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from tests.integration.harness import Cluster
from worker.status import Status, collect

pytestmark = pytest.mark.integration


def _codes(status: Status) -> list[str]:
    return [p.code for p in status.problems]


def test_no_worker_then_a_worker_without_its_scheduler(
    tmp_path: Path, postgres_url: str, redis_url: str
) -> None:
    home = tmp_path / "home"
    env = {"PAPERFEED_HOME": str(home), "DATABASE_URL": postgres_url,
           "CELERY_BROKER_URL": redis_url, "PAPERFEED_STABLE_SECONDS": "0"}  # fmt: skip
    cluster = Cluster(home, env)
    try:
        cluster.scan()  # one beat tick: the source's last scan is now
        nobody = collect(cluster.settings, cluster.sources)
        assert nobody.workers == () and _codes(nobody) == ["no_worker"]
        assert "start `paperfeed run`, or the worker" in nobody.problems[0]
        assert nobody.problems[0].text("zh-CN").startswith("没有工作进程响应 ping：请启动")

        cluster.start_worker(concurrency=1)
        deadline = time.monotonic() + 60
        while not (found := collect(cluster.settings, cluster.sources)).workers:
            assert time.monotonic() < deadline, cluster.output()
            time.sleep(0.5)
        assert found.ok, found.problems  # it answers, and the scan was just now

        later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=10)
        silent = collect(cluster.settings, cluster.sources, now=later)
        assert _codes(silent) == ["scheduler_silent"]
        assert "is beat (the scheduler, `celery -A worker.celery_app beat`) running?" in str(
            silent.problems[0]
        )
        assert "调度器 beat" in silent.problems[0].text("zh-CN")
    finally:
        cluster.stop_all()
