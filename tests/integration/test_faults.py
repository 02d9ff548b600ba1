"""The fault scenarios of shared/spec/reliability.md, on real Redis, PostgreSQL and Celery
workers: each input ends ingested or failed with a reason, once, whatever is killed."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis as redis_client

from benchmarks.synth import make_issue
from tests.integration.conftest import free_port
from tests.integration.harness import Cluster, assert_nothing_lost

pytestmark = pytest.mark.integration

FAST = {
    "PAPERFEED_STABLE_SECONDS": "0",
    "PAPERFEED_LEASE_SECONDS": "8",
    "PAPERFEED_TASK_TIME_LIMIT": "5",
    "PAPERFEED_SOURCE": "faults",
    "PAPERFEED_LOG_LEVEL": "INFO",
}


def _files(count: int, first_seed: int = 1, prefix: str = "issue") -> dict[str, bytes]:
    return {
        f"{prefix}-{seed:04d}.txt": make_issue(seed)
        for seed in range(first_seed, first_seed + count)
    }


@pytest.fixture
def cluster(tmp_path: Path, postgres_url: str, redis_url: str) -> Iterator[Cluster]:
    env = {
        **FAST,
        "PAPERFEED_HOME": str(tmp_path / "home"),
        "DATABASE_URL": postgres_url,
        "CELERY_BROKER_URL": redis_url,
    }
    instance = Cluster(tmp_path / "home", env)
    try:
        yield instance
    finally:
        instance.stop_all()


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[dict[str, object]]:
    """A Redis server of this test's own, so it can be killed, restarted and frozen."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is not installed") if os.environ.get("CI") else pytest.skip(
            "redis-server is not installed"
        )
    port = free_port()
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
               "--appendonly", "no", "--dir", str(tmp_path)]  # fmt: skip
    state: dict[str, object] = {"url": f"redis://127.0.0.1:{port}/0", "command": command}

    def start() -> None:
        state["process"] = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        client = redis_client.Redis(port=port)
        for _ in range(100):
            try:
                client.ping()
                break
            except redis_client.ConnectionError:
                time.sleep(0.05)
        client.close()

    state["start"] = start
    start()
    yield state
    process = state["process"]
    assert isinstance(process, subprocess.Popen)
    process.kill()
    process.wait()


def test_duplicate_delivery_has_one_committed_effect(cluster: Cluster, tmp_path: Path) -> None:
    files = _files(3)
    for name, data in files.items():
        cluster.drop(name, data)
    result = cluster.scan()
    for input_id in result.new:  # every message delivered twice more, to two processes
        cluster.enqueue(input_id)
        cluster.enqueue(input_id)
    cluster.start_worker(concurrency=2)
    cluster.start_worker(concurrency=2)
    cluster.wait_settled(len(files), 60)
    assert_nothing_lost(cluster, files, tmp_path)


def test_pool_child_killed_mid_parse_runs_again(cluster: Cluster, tmp_path: Path) -> None:
    files = {"slow-0001.txt": make_issue(1), **_files(2, first_seed=2)}
    worker = cluster.start_worker(concurrency=1, PAPERFEED_FAULTS="parse:sleep=3:slow-*")
    for name, data in files.items():
        cluster.drop(name, data)
    cluster.scan()
    cluster.wait_for(lambda: cluster.states()["slow-0001.txt"][1] == 1, 30, "the slow parse")
    children = subprocess.run(
        ["pgrep", "-P", str(worker.pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    assert children, "the worker has no pool child"
    for child in children:
        os.kill(int(child), signal.SIGKILL)
    cluster.wait_settled(len(files), 90)
    assert cluster.states()["slow-0001.txt"][0] == "ingested"
    assert_nothing_lost(cluster, files, tmp_path)


def test_whole_worker_killed_mid_backlog_loses_and_repeats_nothing(
    cluster: Cluster, tmp_path: Path
) -> None:
    files = _files(200)
    for name, data in files.items():
        cluster.drop(name, data)
    cluster.scan()
    first = cluster.start_worker(concurrency=2)
    cluster.wait_for(
        lambda: sum(s == "ingested" for s, _, _ in cluster.states().values()) >= 30,
        90, "30 ingests",
    )  # fmt: skip
    cluster.kill(first)
    cluster.start_worker(concurrency=2)
    cluster.wait_settled(len(files), 180)
    assert_nothing_lost(cluster, files, tmp_path)


def test_poison_file_stops_after_its_attempts_and_spares_the_others(
    cluster: Cluster, tmp_path: Path
) -> None:
    files = {"poison-0001.txt": make_issue(1), **_files(4, first_seed=2)}
    env = {"PAPERFEED_FAULTS": "parse:exit:poison-*"}
    for name, data in files.items():
        cluster.drop(name, data)
    cluster.scan()
    cluster.start_worker(concurrency=2, **env)
    cluster.wait_settled(len(files), 120)
    status, attempts, error = cluster.states()["poison-0001.txt"]
    assert (status, attempts) == ("failed", 3)
    assert error is not None and "gave up after 3 attempts" in error
    assert (cluster.settings.failed_dir / "poison-0001.txt.error.txt").exists()
    assert_nothing_lost(cluster, files, tmp_path)


def test_hard_time_limit_counts_attempts_then_fails_with_timeout(
    cluster: Cluster, tmp_path: Path
) -> None:
    files = {"slow-0001.txt": make_issue(1), **_files(2, first_seed=2)}
    cluster.start_worker(concurrency=2, PAPERFEED_FAULTS="parse:sleep=30:slow-*")
    for name, data in files.items():
        cluster.drop(name, data)
    cluster.wait_settled(len(files), 120)
    status, attempts, error = cluster.states()["slow-0001.txt"]
    assert (status, attempts) == ("failed", 3)
    assert error is not None and "timeout" in error
    note = (cluster.settings.failed_dir / "slow-0001.txt.error.txt").read_text("utf-8")
    assert "timeout" in note
    assert_nothing_lost(cluster, files, tmp_path)


def test_crash_after_commit_is_finished_without_parsing_again(
    cluster: Cluster, tmp_path: Path
) -> None:
    files = {"crash-0001.txt": make_issue(1), **_files(2, first_seed=2)}
    cluster.start_worker(concurrency=1, PAPERFEED_FAULTS="after_commit:raise:crash-*")
    for name, data in files.items():
        cluster.drop(name, data)
    cluster.wait_settled(len(files), 60)
    assert cluster.states()["crash-0001.txt"][:2] == ("ingested", 1)  # parsed exactly once
    assert len(list(cluster.settings.archive_dir.rglob("crash-0001.txt"))) == 1
    assert_nothing_lost(cluster, files, tmp_path)


def test_two_scanners_on_one_folder_claim_each_file_once(cluster: Cluster, tmp_path: Path) -> None:
    files = _files(40)
    for name, data in files.items():
        cluster.drop(name, data)
    env = {**os.environ, **cluster.env}
    code = (
        "from worker.settings import load_settings; from worker import jobs;"
        "from worker.sources import default_source; s = load_settings();"
        "r = jobs.scan(s, [default_source(s)], lambda i: None, force=True);"
        "print(len(r.new))"
    )
    runs = [
        subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    claimed = sum(int(run.communicate(timeout=60)[0] or 0) for run in runs)
    assert claimed == len(files)
    assert len(cluster.states()) == len(files)
    cluster.start_worker(concurrency=2)
    cluster.wait_settled(len(files), 90)
    assert_nothing_lost(cluster, files, tmp_path)


def test_warm_shutdown_finishes_the_running_task_once(cluster: Cluster, tmp_path: Path) -> None:
    files = {"slow-0001.txt": make_issue(1)}
    worker = cluster.start_worker(concurrency=1, PAPERFEED_FAULTS="parse:sleep=2:slow-*")
    for name, data in files.items():
        cluster.drop(name, data)
    cluster.scan()
    cluster.wait_for(lambda: cluster.states()["slow-0001.txt"][1] == 1, 30, "the task to start")
    worker.send_signal(signal.SIGTERM)  # as a supervisor stops it: the main process only
    assert worker.wait(timeout=60) == 0
    cluster.start_worker(concurrency=1)
    cluster.wait_settled(len(files), 60)
    assert cluster.states()["slow-0001.txt"][:2] == ("ingested", 1)
    assert_nothing_lost(cluster, files, tmp_path)


def test_redis_crash_mid_backlog_recovers_through_the_ledger(
    tmp_path: Path, postgres_url: str, private_redis: dict[str, object]
) -> None:
    env = {**FAST, "PAPERFEED_HOME": str(tmp_path / "home"), "DATABASE_URL": postgres_url,
           "CELERY_BROKER_URL": str(private_redis["url"])}  # fmt: skip
    cluster = Cluster(tmp_path / "home", env)
    try:
        files = _files(60)
        for name, data in files.items():
            cluster.drop(name, data)
        cluster.scan()
        cluster.start_worker(concurrency=2)
        cluster.wait_for(
            lambda: sum(s == "ingested" for s, _, _ in cluster.states().values()) >= 5,
            60, "the first ingests",
        )  # fmt: skip
        process = private_redis["process"]
        assert isinstance(process, subprocess.Popen)
        process.kill()  # SIGKILL: the queue and every unacked message are gone
        process.wait()
        time.sleep(1)
        start = private_redis["start"]
        assert callable(start)
        start()
        cluster.start_worker(concurrency=2)  # in case the first one's main process exited
        cluster.wait_settled(len(files), 180, scan_every=2)
        assert_nothing_lost(cluster, files, tmp_path)
    finally:
        cluster.stop_all()
