"""The floors of the end-to-end figures: a bare Celery worker (`benchmarks.noop_app`: Celery
alone, no paperfeed module but the embedded broker's transport) started as `paperfeed run`
starts its worker, with the same settings, command line and broker (Redis, or the built-in
folder broker): no-op tasks per second, and its peak memory sampled as the paperfeed
worker's is (`common.TreeMemory`)."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from benchmarks import cluster
from benchmarks.common import REDIS, TreeMemory, flush_redis, median

# What cannot travel as JSON, or names paperfeed's own tasks: queues are made again from
# their names, and the scheduler sends the no-op task as often as paperfeed's sends a scan.
LEFT_OUT = ("task_queues", "task_routes", "task_annotations", "beat_schedule")
CONDITIONS = (
    "a bare Celery worker, same settings and command line (--beat with a no-op entry every "
    "0.5 s, 2 prefork processes, acks late, prefetch 1, Redis), tasks sent from this process"
)
EMBEDDED_CONDITIONS = (
    "a bare Celery worker, same settings and command line (--beat with a no-op entry every "
    "0.5 s, 2 prefork processes, acks late, prefetch 1, the built-in folder broker polled "
    "every 50 ms, without mingle, gossip and heartbeat), tasks sent from this process"
)


def bare_config(settings: Any) -> dict[str, Any]:
    """paperfeed's Celery settings for `settings`, for `noop_app.make_app`."""
    from worker.celery_app import INGEST_QUEUE, PUBLISH_QUEUE, celery_config

    config = {k: v for k, v in celery_config(settings).items() if k not in LEFT_OUT}
    config["queue_names"] = [INGEST_QUEUE, PUBLISH_QUEUE]
    interval = settings.scan_interval
    config["beat_schedule"] = {
        "noop": {"task": "bare.noop", "schedule": interval,
                 "options": {"expires": max(interval * 2, 5)}},
    }  # fmt: skip
    return config


def burst(app: Any, busy: Callable[[], bool], tasks: int, timeout: float = 300) -> float:
    """Seconds from sending `tasks` no-op tasks until `busy` says the broker holds none."""
    started = time.perf_counter()
    for _ in range(tasks):
        app.send_task("bare.noop")
    while busy():
        if time.perf_counter() - started > timeout:
            raise RuntimeError(f"{tasks} no-op tasks not done after {timeout:.0f} s")
        time.sleep(0.005)
    return time.perf_counter() - started


def run(tasks: int = 2000, bursts: int = 3) -> tuple[float, int]:
    """On Redis: (no-op tasks per second, median of `bursts`; peak PSS in bytes of the
    worker's processes summed, sampled every 0.1 s during one more burst)."""
    import redis

    from worker.celery_app import INGEST_QUEUE

    flush_redis()
    client = redis.Redis.from_url(REDIS)

    def busy() -> bool:
        # Acks late: a task leaves "unacked" once it ran.
        return bool(client.llen(INGEST_QUEUE) or client.hlen("unacked"))

    try:
        with _bare_worker({"CELERY_BROKER_URL": REDIS}) as (app, process):
            burst(app, busy, 1, timeout=60)  # the worker is up and consuming
            rates = [tasks / burst(app, busy, tasks) for _ in range(bursts)]
            with TreeMemory(process.pid) as memory:
                burst(app, busy, tasks)
            return median(rates), memory.peak_worker
    finally:
        client.close()
        flush_redis()


def run_embedded(tasks: int = 2000, bursts: int = 3) -> float:
    """On the built-in folder broker (`worker.broker`): no-op tasks per second, median of
    `bursts`, each timed until the queue folder holds none of them (it deletes a message
    as a process takes it; the two a full prefetch holds then are done in microseconds)."""
    from worker.celery_app import INGEST_QUEUE

    with _bare_worker({}) as (app, _process):
        folder = Path(app.conf.broker_transport_options["data_folder_in"])
        wanted = f"{INGEST_QUEUE}.msg"

        def busy() -> bool:
            return any(name.partition(".")[2] == wanted for name in os.listdir(folder))

        burst(app, busy, 1, timeout=60)
        return median([tasks / burst(app, busy, tasks) for _ in range(bursts)])


@contextlib.contextmanager
def _bare_worker(broker: dict[str, str]) -> Iterator[tuple[Any, subprocess.Popen[bytes]]]:
    """The bare worker started with `paperfeed run`'s command line for `broker` (no
    CELERY_BROKER_URL: the embedded broker under a fresh home), and an app to send with."""
    from benchmarks import noop_app
    from worker import runner
    from worker.settings import load_settings

    with tempfile.TemporaryDirectory(prefix="pf-bare-") as tmp:
        settings = load_settings({
            "PAPERFEED_HOME": tmp, "PAPERFEED_WORKERS": "2", "PAPERFEED_SCAN_INTERVAL": "0.5",
            "PAPERFEED_LOG_LEVEL": "WARNING", **broker,
        })  # fmt: skip
        settings.ensure_dirs()
        config = bare_config(settings)
        command = [
            "benchmarks.noop_app" if part == "worker.celery_app" else part
            for part in runner.worker_command(settings)
        ]
        env = {**os.environ, "PAPERFEED_BENCH_CELERY": json.dumps(config)}
        with (Path(tmp) / "bare.log").open("wb") as log:
            process = subprocess.Popen(
                command, env=env, cwd=cluster.ROOT, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        try:
            yield noop_app.make_app(config), process
        finally:
            cluster.stop_run(process)
