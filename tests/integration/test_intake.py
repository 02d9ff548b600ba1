"""Intake under real conditions, on real PostgreSQL, Redis (or SQLite and the embedded
broker) and Celery workers: file names and entries that once stopped a whole source, a
drop folder on another mount, attempts that are not the file's fault, a Redis that lost
its data. Each test first makes the condition real, then shows nothing is lost."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.synth import make_issue
from tests.integration.harness import Cluster, assert_nothing_lost, mounted
from tests.integration.test_faults import FAST, _files, private_redis  # noqa: F401
from worker.db import session_scope
from worker.intake import drop
from worker.models import Input

pytestmark = pytest.mark.integration
GBK_NAME = os.fsdecode("卫东新闻第五版".encode("gbk") + b".txt")  # as Windows FTP clients leave it
LONG_NAME = "2026-11-20-" + "x" * 235 + ".txt"  # 250 bytes


def _age(path: Path, seconds: float) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past), follow_symlinks=False)


def _status_json(cluster: Cluster) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", "worker.cli", "status", "--json"],
        env={**os.environ, **cluster.env}, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    return json.loads(done.stdout)  # type: ignore[no-any-return]


@pytest.fixture
def cluster(tmp_path: Path, postgres_url: str, redis_url: str) -> Iterator[Cluster]:
    env = {**FAST, "PAPERFEED_HOME": str(tmp_path / "home"), "DATABASE_URL": postgres_url,
           "CELERY_BROKER_URL": redis_url}  # fmt: skip
    instance = Cluster(tmp_path / "home", env)
    try:
        yield instance
    finally:
        instance.stop_all()


def test_odd_names_a_fifo_and_a_symlink_never_stop_fifty_good_files(
    cluster: Cluster, tmp_path: Path
) -> None:
    folder = cluster.settings.drop_dir
    files = _files(50)
    for name, data in files.items():
        cluster.drop(name, data)
    odd = {LONG_NAME: make_issue(60), GBK_NAME: make_issue(61)}
    for name, data in odd.items():  # written in place: ".NAME.part" would be too long
        (folder / name).write_bytes(data)
    os.mkfifo(folder / "upload.fifo")
    (tmp_path / "outside.txt").write_bytes(make_issue(62))
    (folder / "link.txt").symlink_to(tmp_path / "outside.txt")
    for entry in ("upload.fifo", "link.txt"):
        _age(folder / entry, drop.LEFTOVER_SECONDS + 60)
    scanned = cluster.scan()
    assert len(scanned.new) == 52 and scanned.failed == ()
    cluster.start_worker(concurrency=2)
    cluster.wait_settled(52, 180)
    states = cluster.states()
    assert all(states[name][0] == "ingested" for name in files), states
    assert states["卫东新闻第五版.txt"][0] == states[LONG_NAME][0] == "ingested"
    readable = {"卫东新闻第五版.txt": odd[GBK_NAME], LONG_NAME: odd[LONG_NAME]}
    assert_nothing_lost(cluster, {**files, **readable}, tmp_path)
    status = _status_json(cluster)
    [source] = status["sources"]  # type: ignore[index]
    assert sorted(source["leftovers"]) == ["link.txt (symlink)", "upload.fifo (not a regular file)"]
    assert any("2 entries in its drop folder" in p for p in status["problems"])  # type: ignore[union-attr]


def test_a_claim_across_a_bind_mount_takes_every_file_once(
    cluster: Cluster, tmp_path: Path
) -> None:
    # As compose once laid it out: the drop folder a bind mount inside the home's volume.
    outside = tmp_path / "ftp-upload"
    outside.mkdir()
    folder = cluster.settings.drop_dir
    with mounted(["--bind", str(outside)], folder):
        probe = folder / "probe"
        probe.write_bytes(b"x")
        with pytest.raises(OSError) as crossing:
            os.rename(probe, cluster.settings.work_dir / "probe")
        assert crossing.value.errno == errno.EXDEV  # the claim really crosses mounts
        probe.unlink()
        files = _files(20)
        for name, data in files.items():
            cluster.drop(name, data)
        cluster.scan()
        cluster.start_worker(concurrency=2)
        cluster.wait_settled(len(files), 120)
        assert_nothing_lost(cluster, files, tmp_path)
        assert os.listdir(outside) == []  # nothing left, nothing set aside
        archived = sorted(p.name for p in cluster.settings.archive_dir.rglob("*.txt"))
        assert archived == sorted(files)


@pytest.mark.conditions
def test_small_files_beside_a_slow_file_on_sqlite_are_never_charged_a_timeout(
    tmp_path: Path,
) -> None:
    # SQLite and the embedded broker: a write transaction holds the whole database, so a
    # slow parse inside one made every other ingest wait past its time limit.
    env = {**FAST, "PAPERFEED_HOME": str(tmp_path / "home")}
    cluster = Cluster(tmp_path / "home", env)
    try:
        slow = {"slow-0001.txt": make_issue(1)}
        small = _files(12, first_seed=2)
        cluster.start_worker(concurrency=2, PAPERFEED_FAULTS="parse:sleep=30:slow-*")
        for name, data in {**slow, **small}.items():
            cluster.drop(name, data)
        cluster.wait_settled(len(slow) + len(small), 120)
        with session_scope(cluster.settings.database_url, write=False) as session:
            rows = {
                row.original_name: (row.status, row.attempts, row.interruptions, row.error)
                for row in session.query(Input)
            }
        for name in small:
            assert rows[name] == ("ingested", 1, 0, None), (name, rows[name])
        status, attempts, _, error = rows["slow-0001.txt"]
        assert (status, attempts) == ("failed", 3) and error is not None and "timeout" in error
        # The same bytes dropped again, once the cause is gone, get a new round.
        cluster.stop_all()
        cluster.start_worker(concurrency=2)
        failed = cluster.settings.failed_dir / "slow-0001.txt"
        shutil.copy(failed, tmp_path / "again.txt")
        (tmp_path / "again.txt").rename(cluster.settings.drop_dir / "slow-0001.txt")
        cluster.wait_settled(len(slow) + len(small), 120)
        assert cluster.states()["slow-0001.txt"][:2] == ("ingested", 1)
        assert_nothing_lost(cluster, {**slow, **small}, tmp_path)
    finally:
        cluster.stop_all()


def test_redis_restarted_without_its_data_hands_work_out_again_at_once(
    tmp_path: Path,
    postgres_url: str,
    private_redis: dict[str, object],  # noqa: F811
) -> None:
    # A lease of ten minutes: without the check, the lost messages would wait that long.
    env = {
        **FAST,
        "PAPERFEED_HOME": str(tmp_path / "home"),
        "DATABASE_URL": postgres_url,
        "CELERY_BROKER_URL": str(private_redis["url"]),
        "PAPERFEED_LEASE_SECONDS": "600",
    }
    cluster = Cluster(tmp_path / "home", env)  # fmt: skip
    try:
        files = _files(20)
        for name, data in files.items():
            cluster.drop(name, data)
        assert len(cluster.scan().new) == len(files)  # registered and queued, nothing running
        process = private_redis["process"]
        assert isinstance(process, subprocess.Popen)
        process.kill()  # no append-only file, no snapshot: the queue is gone
        process.wait()
        start = private_redis["start"]
        assert callable(start)
        start()
        cluster.start_worker(concurrency=2)
        cluster.wait_settled(len(files), 90)
        assert_nothing_lost(cluster, files, tmp_path)
    finally:
        cluster.stop_all()
