"""`paperfeed run`: a supervised Celery worker with its scheduler, plus the feed server.

The worker runs as a child process and is started again if it exits (Redis going away can
make a worker's main process exit); the feed server runs in a thread of this process.
"""

from __future__ import annotations

import collections
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from types import FrameType

from worker import drop, jobs
from worker.celery_app import QUEUES
from worker.db import upgrade
from worker.settings import Settings
from worker.sources import load_sources

log = logging.getLogger("paperfeed.run")


@dataclass
class WorkerWatch:
    """What `paperfeed run` knows of the worker it supervises, for /healthz and /status: a
    worker that exits again and again (a full disk, a broken broker) is not healthy, even
    though one is always being started."""

    running: bool = False
    exits: collections.deque[tuple[float, int | None]] = field(
        default_factory=lambda: collections.deque(maxlen=20)
    )
    clock: Callable[[], float] = time.monotonic

    def started(self) -> None:
        self.running = True

    def exited(self, code: int | None) -> None:
        self.running = False
        self.exits.append((self.clock(), code))

    def problem(self) -> str | None:
        """None while the worker runs and has not kept exiting; else what a person reads."""
        now = self.clock()
        recent = [code for at, code in self.exits if now - at < RESTART_WINDOW]
        if not self.running:
            last = f" (it exited with code {self.exits[-1][1]})" if self.exits else ""
            return f"not running, waiting to be restarted{last}"
        if len(recent) >= RESTARTS_UNHEALTHY:
            return (
                f"it exited {len(recent)} times in the last {RESTART_WINDOW // 60:.0f} minutes"
                f" (last exit code {recent[-1]}); its log says why"
            )
        return None


RESTART_WINDOW = 300.0  # seconds
RESTARTS_UNHEALTHY = 3
WATCH = WorkerWatch()


def prepare(settings: Settings) -> None:
    """Folders, schema and an index page, so the server has something to show at once."""
    settings.ensure_dirs()
    load_sources(settings)  # a bad sources file stops here, with every problem listed
    upgrade(settings.database_url)
    jobs.publish_feeds(settings, ["*"])


def run_once(settings: Settings) -> int:
    """Ingest every file waiting in the drop folders, publish, and return.

    Files still being written are waited for (up to the stability time), and inputs left
    unfinished by an earlier run are finished too: with no worker running, every lease is
    treated as expired.
    """
    prepare(settings)
    sources = load_sources(settings)
    once = replace(settings, lease_seconds=0)
    ids: list[int] = []
    deadline = time.monotonic() + settings.stable_seconds + 1
    while True:
        jobs.scan(once, sources, ids.append, force=True)
        settling = any(
            drop.ready_files(s.path, stable_seconds=0) for s in sources if s.path and s.enabled
        )
        if not settling or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    counts = {"ingested": 0, "duplicate": 0, "failed": 0}
    for input_id in dict.fromkeys(ids):
        result = jobs.ingest_input(settings, input_id, sources)
        if result is not None:
            counts[result.status] += 1
    report = jobs.publish_dirty(settings)
    written = 0 if report is None else len(report.written_files)
    print(
        f"paperfeed: {counts['ingested']} ingested, {counts['duplicate']} duplicate, "
        f"{counts['failed']} failed; {written} files written to {settings.public_dir}",
        flush=True,
    )
    return 0


def worker_command(settings: Settings) -> list[str]:
    """The command line of the supervised worker (with its embedded beat scheduler)."""
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "worker.celery_app",
        "worker",
        "--beat",
        "--queues",
        ",".join(QUEUES),
        "--concurrency",
        str(settings.workers),
        "--loglevel",
        settings.log_level,
        "--hostname",
        f"paperfeed-{os.getpid()}@%h",
    ]
    if settings.embedded:
        # The filesystem transport has no broadcast channel worth the polling it costs.
        command += ["--without-mingle", "--without-gossip", "--without-heartbeat"]
    return command


def run_forever(settings: Settings, watch: WorkerWatch = WATCH) -> int:
    """Run until SIGINT or SIGTERM; restart the worker whenever it exits."""
    from feeds.server import make_server

    prepare(settings)
    server = make_server(settings.public_dir, settings.host, settings.port)
    threading.Thread(target=server.serve_forever, name="feed-server", daemon=True).start()
    host, port = server.server_address[:2]
    broker = "embedded broker" if settings.embedded else "Redis"
    print(
        f"paperfeed: watching {settings.drop_dir} ({broker}); feeds at http://{host}:{port}/",
        flush=True,
    )
    stopping = threading.Event()

    def stop(signum: int, _frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    child: subprocess.Popen[bytes] | None = None
    backoff = 1.0
    try:
        while not stopping.is_set():
            if child is None or child.poll() is not None:
                if child is not None:
                    watch.exited(child.returncode)
                    log.warning(
                        "event=worker_exit code=%s restart_in=%.0fs", child.returncode, backoff
                    )
                    if stopping.wait(backoff):
                        break
                    backoff = min(backoff * 2, 30)
                child = subprocess.Popen(worker_command(settings))
                watch.started()
                started = time.monotonic()
            elif time.monotonic() - started > 60:
                backoff = 1.0
            stopping.wait(0.5)
    finally:
        if child is not None and child.poll() is None:
            child.send_signal(signal.SIGTERM)  # warm shutdown: running tasks finish
            try:
                child.wait(timeout=60)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        server.shutdown()
        server.server_close()
    return 0
