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
        "from worker.settings import load_settings; from worker import intake;"
        "from worker.sources import default_source; s = load_settings();"
        "r = intake.scan(s, [default_source(s)], lambda i: None, force=True);"
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


@pytest.mark.conditions  # a minute or more: in `make conditions`, which CI runs too
def test_redis_hang_then_work_resumes_within_a_minute(
    tmp_path: Path, postgres_url: str, private_redis: dict[str, object]
) -> None:
    env = {**FAST, "PAPERFEED_HOME": str(tmp_path / "home"), "DATABASE_URL": postgres_url,
           "CELERY_BROKER_URL": str(private_redis["url"])}  # fmt: skip
    cluster = Cluster(tmp_path / "home", env)
    process = private_redis["process"]
    assert isinstance(process, subprocess.Popen)
    try:
        cluster.start_worker(concurrency=2)
        first = _files(3)
        for name, data in first.items():
            cluster.drop(name, data)
        cluster.wait_settled(len(first), 60)
        process.send_signal(signal.SIGSTOP)  # Redis frozen: connections hang, nothing answers
        time.sleep(45)
        process.send_signal(signal.SIGCONT)
        resumed = time.monotonic()
        later = _files(3, first_seed=10)
        for name, data in later.items():
            cluster.drop(name, data)
        cluster.wait_settled(len(first) + len(later), 60, scan_every=2)
        assert time.monotonic() - resumed < 60
        assert_nothing_lost(cluster, {**first, **later}, tmp_path)
    finally:
        process.send_signal(signal.SIGCONT)
        cluster.stop_all()


def _restart_postgres() -> None:
    version = os.listdir("/etc/postgresql")[0]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart", "-m", "fast"],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip


def test_postgres_restart_between_and_during_tasks(cluster: Cluster, tmp_path: Path) -> None:
    if shutil.which("pg_ctlcluster") is None or not Path("/etc/postgresql").is_dir():
        message = "PostgreSQL is not a local pg_ctlcluster cluster here; cannot restart it"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    cluster.start_worker(concurrency=2, PAPERFEED_FAULTS="parse:sleep=2:slow-*")
    first = _files(3)
    for name, data in first.items():
        cluster.drop(name, data)
    cluster.wait_settled(len(first), 60)
    _restart_postgres()  # between tasks: the pooled connections are all dead now
    during = {"slow-0001.txt": make_issue(50), **_files(4, first_seed=20)}
    for name, data in during.items():
        cluster.drop(name, data)
    cluster.scan()
    cluster.wait_for(lambda: cluster.states().get("slow-0001.txt", ("", 0))[1] >= 1, 30,
                     "the slow task to start")  # fmt: skip
    _restart_postgres()  # during a task
    cluster.wait_settled(len(first) + len(during), 120, scan_every=2)
    assert_nothing_lost(cluster, {**first, **during}, tmp_path)


def test_two_beat_schedulers_tick_harmlessly(cluster: Cluster, tmp_path: Path) -> None:
    beats = []
    for number in (1, 2):
        log = tmp_path / f"beat{number}.log"
        with log.open("wb") as out:
            beats.append(subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "worker.celery_app", "beat",
                 "--schedule", str(tmp_path / f"beat{number}.db"), "--loglevel", "INFO"],
                env={**os.environ, **cluster.env, "PAPERFEED_SCAN_INTERVAL": "1"},
                stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            ))  # fmt: skip
    cluster.workers.extend(beats)  # stopped with the workers
    cluster.start_worker(concurrency=2)
    files = _files(30)
    for name, data in files.items():
        cluster.drop(name, data)
    cluster.wait_for(lambda: cluster.settled(len(files)), 90, "both beats' scans to settle")
    assert_nothing_lost(cluster, files, tmp_path)
    assert all(attempts == 1 for _, attempts, _ in cluster.states().values())


def test_bad_inputs_fail_with_reasons_and_spare_the_rest(cluster: Cluster, tmp_path: Path) -> None:
    limit = len(make_issue(99)) * 20
    good = _files(3)
    bad = {
        "empty.txt": b"",
        "photo.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 64,
        "truncated-gbk.txt": "本报讯（记者王孟鹤）今天".encode("gb18030")[:-1]
        + b"\xff\xfe\x00" * 50,
        "huge.txt": make_issue(99) * 40,
    }
    cluster.start_worker(concurrency=2, PAPERFEED_MAX_BYTES=str(limit))
    (tmp_path / "outside.txt").write_bytes(make_issue(98))
    (cluster.settings.drop_dir / "link.txt").symlink_to(tmp_path / "outside.txt")
    for name, data in {**good, **bad}.items():
        cluster.drop(name, data)
    cluster.wait_settled(len(good) + len(bad), 90)
    states = cluster.states()
    assert all(states[name][0] == "ingested" for name in good)
    assert all(states[name][0] == "failed" for name in bad), states
    reasons = {name: states[name][2] or "" for name in bad}
    assert "empty" in reasons["empty.txt"]
    assert "PAPERFEED_MAX_BYTES" in reasons["huge.txt"]
    assert reasons["photo.jpg"] and reasons["truncated-gbk.txt"]
    for name in bad:
        note = cluster.settings.failed_dir / f"{name}.error.txt"
        assert f"reason: {reasons[name]}" in note.read_text("utf-8"), name
    assert (cluster.settings.drop_dir / "link.txt").is_symlink()  # never followed, never taken
    assert_nothing_lost(cluster, {**good, **bad}, tmp_path)


@pytest.mark.conditions  # a minute or more: in `make conditions`, which CI runs too
@pytest.mark.timeout(900)  # settling, then a reference ingest of the same 1000 files
def test_a_thousand_files_at_once_are_each_ingested_once(
    cluster: Cluster, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {
        f"brief-{seed:04d}.txt": make_issue(seed, pages=1, articles_per_page=2)
        for seed in range(1, 1001)
    }
    for name, data in files.items():
        cluster.drop(name, data)
    started = time.monotonic()
    cluster.scan()
    cluster.start_worker(concurrency=2)
    took = cluster.wait_settled(len(files), 300, scan_every=2)
    elapsed = time.monotonic() - started
    with capsys.disabled():  # the figure the issue asks for, shown in every run's output
        print(
            f"\n1000 files, 2 worker processes: settled in {elapsed:.1f} s "
            f"({len(files) / elapsed:.1f} files/s; {took:.1f} s after the worker started)"
        )
    assert_nothing_lost(cluster, files, tmp_path)


@pytest.mark.conditions  # a minute or more: in `make conditions`, which CI runs too
def test_embedded_broker_recovers_a_killed_worker_through_the_ledger(tmp_path: Path) -> None:
    env = {**FAST, "PAPERFEED_HOME": str(tmp_path / "home")}
    cluster = Cluster(tmp_path / "home", env)
    try:
        files = _files(40)
        for name, data in files.items():
            cluster.drop(name, data)
        cluster.scan()
        first = cluster.start_worker(concurrency=2)
        cluster.wait_for(
            lambda: sum(s == "ingested" for s, _, _ in cluster.states().values()) >= 5,
            60, "the first ingests",
        )  # fmt: skip
        cluster.kill(first)  # the filesystem broker already deleted the fetched messages
        cluster.start_worker(concurrency=2)
        cluster.wait_settled(len(files), 120, scan_every=2)
        assert_nothing_lost(cluster, files, tmp_path)
    finally:
        cluster.stop_all()
