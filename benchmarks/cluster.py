"""End to end on Redis and PostgreSQL, and on the embedded defaults (SQLite and the built-in
broker): `paperfeed run` with two worker processes, issues
dropped into the drop folder, timed until every input is filed and every feed published.
The same runs sample the memory of the whole `paperfeed run` process tree."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import func, select

from benchmarks import synth
from benchmarks.common import (
    REDIS,
    Row,
    TreeMemory,
    flush_redis,
    median,
    postgres_database,
    times,
)

ROOT = Path(__file__).resolve().parents[1]
SERVICE_VARIABLES = ("DATABASE_URL", "CELERY_BROKER_URL")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _finished(url: str, expected: int) -> bool:
    """Every input filed in a final state and no feed waiting for its rebuild."""
    from worker.db import session_scope
    from worker.models import DirtyFeed, Input

    with session_scope(url, write=False) as session:
        done = session.scalar(
            select(func.count())
            .select_from(Input)
            .where(Input.status.in_(("ingested", "failed")), Input.filed.is_(True))
        )
        dirty = session.scalar(select(func.count()).select_from(DirtyFeed))
    return done == expected and dirty == 0


def _drop(folder: Path, name: str, data: bytes) -> None:
    partial = folder / f".{name}.part"
    partial.write_bytes(data)
    partial.rename(folder / name)


def run_cluster(
    issues: int, *, first_seed: int, timeout: float, sample: bool = True, embedded: bool = False
) -> tuple[float, int, int, int, int]:
    """Drop `issues` sample-sized issues into a running `paperfeed run` (two worker processes)
    on a fresh database; returns (seconds from the first drop to all feeds published, peak
    RSS of the process tree summed, peak RSS of one process, processes seen, peak PSS of
    the Celery worker's processes summed; zeros without `sample`).

    Sampling reads every process's page accounting ten times a second, a fifth of a core
    on this machine: runs timed for their rate leave it out."""
    data = [
        (f"{synth.issue_date(s).isoformat()}-{s}.txt",
         synth.make_issue(s, date=synth.issue_date(s), **synth.SAMPLE_SIZED))
        for s in range(first_seed, first_seed + issues + 1)
    ]  # fmt: skip
    services = _embedded_services() if embedded else _redis_postgres()
    with services as (url, broker), tempfile.TemporaryDirectory(prefix="paperfeed-e2e-") as tmp:
        home = Path(tmp) / "home"
        url = url or f"sqlite:///{home / 'paperfeed.db'}"
        port = free_port()
        env = {
            **{k: v for k, v in os.environ.items() if k not in SERVICE_VARIABLES},
            "PAPERFEED_HOME": str(home),
            "DATABASE_URL": url,
            **({"CELERY_BROKER_URL": broker} if broker else {}),
            "PAPERFEED_WORKERS": "2",
            "PAPERFEED_PORT": str(port),
            "PAPERFEED_SCAN_INTERVAL": "0.5",
            "PAPERFEED_PUBLISH_DELAY": "0.5",
            "PAPERFEED_STABLE_SECONDS": "0",
            "PAPERFEED_LOG_LEVEL": os.environ.get("PAPERFEED_BENCH_LOG_LEVEL", "WARNING"),
        }
        log = Path(os.environ.get("PAPERFEED_BENCH_LOG_DIR", tmp)) / "run.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "worker.cli", "run"], env=env, cwd=ROOT, stdout=out,
                stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        try:
            drop = home / "drop"
            wait_for(lambda: index_up(port), 60, "the feed server", log)
            # One issue first: the worker is up and has published once before the clock starts.
            _drop(drop, *data[0])
            wait_for(lambda: _finished(url, 1), 60, "the warm-up issue", log)
            memory = TreeMemory(process.pid)  # not started without `sample`: peaks stay 0
            with memory if sample else contextlib.nullcontext():
                started = time.perf_counter()
                for name, body in data[1:]:
                    _drop(drop, name, body)
                wait_for(lambda: _finished(url, issues + 1), timeout, f"{issues} issues", log)
                seconds = time.perf_counter() - started
            return (
                seconds, memory.peak_total, memory.peak_single, memory.processes,
                memory.peak_worker,
            )  # fmt: skip
        finally:
            stop_run(process)


@contextlib.contextmanager
def _redis_postgres() -> Iterator[tuple[str | None, str | None]]:
    with postgres_database("e2e") as url:
        flush_redis()
        try:
            yield url, REDIS
        finally:
            flush_redis()


@contextlib.contextmanager
def _embedded_services() -> Iterator[tuple[str | None, str | None]]:
    yield None, None  # SQLite in the home, and the built-in broker


def index_up(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def wait_for(check: object, seconds: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(check) and check():
            return
        time.sleep(0.1)
    tail = log.read_text("utf-8", errors="replace")[-3000:]
    raise RuntimeError(f"timed out after {seconds:.0f} s waiting for {what}:\n{tail}")


def stop_run(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


# Tasks each issue sends: its ingest, and the publish that ingest queues.
TASKS_PER_ISSUE = 2


# The back-fill sampled for memory: 5,000 issues took 5-6 minutes alone, a third of the
# run's budget; the worker's peak comes from its bounded caches and the final publish,
# which 2,000 issues (20,000 articles) fill as well.
BACKFILL = 2000


def run(runs: int = 3, issues: int = 150, backfill: int = BACKFILL) -> list[Row]:
    from benchmarks import celery_floor

    timings = [run_cluster(issues, first_seed=1, timeout=600, sample=False) for _ in range(runs)]
    rate = median([issues / t[0] for t in timings])
    noop_rate, bare = celery_floor.run()
    # Seeds from 5,000: issues dated 2013 onwards. From 100,000 they were dated in the
    # 2270s, which the parser does not take for a date: every issue fell on the day it
    # arrived and replaced the one before, an edition corrected thousands of times over.
    filled = run_cluster(backfill, first_seed=5_000, timeout=900)
    embedded = [
        run_cluster(issues, first_seed=1, timeout=600, sample=False, embedded=True)
        for _ in range(runs)
    ]
    embedded_rate = median([issues / t[0] for t in embedded])
    embedded_noop = celery_floor.run_embedded()
    # A no-op task costs 1/noop_rate; an issue costs 1/rate and sends TASKS_PER_ISSUE.
    slower = noop_rate / (TASKS_PER_ISSUE * rate)
    embedded_slower = embedded_noop / (TASKS_PER_ISSUE * embedded_rate)
    return [
        Row(
            f"end to end, embedded defaults (SQLite, built-in broker), 2 worker processes, "
            f"drop folder to published feeds ({issues} sample-sized issues, median of {runs}; "
            f"scan interval and publish delay 0.5 s); floor: no-op tasks per second, "
            f"{celery_floor.EMBEDDED_CONDITIONS}, median of 3 bursts of 2,000; ratio: an "
            f"issue's time against its {TASKS_PER_ISSUE} tasks at the floor's rate",
            f"{embedded_rate:,.1f} issues/s",
            ">= 20 issues/s",
            embedded_rate >= 20,
            floor=f"{embedded_noop:,.0f} tasks/s",
            ratio=f"{times(embedded_slower)} (Celery {100 / embedded_slower:.0f}% of the time)",
        ),
        Row(
            f"end to end, Redis + PostgreSQL, 2 worker processes, drop folder to published "
            f"feeds ({issues} sample-sized issues, median of {runs}; scan interval and "
            f"publish delay 0.5 s, no memory sampled); floor: no-op tasks per second, "
            f"{celery_floor.CONDITIONS}, median of 3 bursts of 2,000; ratio: an issue's time "
            f"against its {TASKS_PER_ISSUE} tasks (ingest, publish) at the floor's rate",
            f"{rate:,.1f} issues/s",
            ">= 50 issues/s",
            rate >= 50,
            floor=f"{noop_rate:,.0f} tasks/s",
            ratio=f"{times(slower)} (Celery {100 / slower:.0f}% of the time)",
        ),
        *memory_rows(backfill, filled, bare),
    ]


def memory_rows(backfill: int, filled: tuple[float, int, int, int, int], bare: int) -> list[Row]:
    """The memory of the back-fill run beside the bare worker's, and its rate."""
    from benchmarks import celery_floor

    seconds, peak_total, peak_single, processes, worker = filled
    return [
        Row(
            f"peak memory of the Celery worker (parent, its scheduler and 2 pool children, "
            f"PSS summed) during a {backfill:,}-issue back-fill (one run, sampled every 0.1 s "
            f"with psutil, every process whose command line names celery); floor: the same "
            f"sampling of {celery_floor.CONDITIONS}, during a burst of 2,000 no-op tasks",
            f"{worker / 10**6:,.0f} MB (largest single process {peak_single / 10**6:,.0f} MB RSS)",
            "<= 1.5x floor",
            worker <= 1.5 * bare,
            floor=f"{bare / 10**6:,.0f} MB",
            ratio=times(worker / bare),
        ),
        Row(
            f"  the whole `paperfeed run` tree ({processes} processes, with the supervisor "
            "and the feed server), RSS summed (counts pages shared after fork in each)",
            f"{peak_total / 10**6:,.0f} MB",
        ),
        Row(
            f"  the same {backfill:,}-issue back-fill, drop folder to published feeds",
            f"{backfill / seconds:,.1f} issues/s ({seconds:,.0f} s)",
        ),
    ]
