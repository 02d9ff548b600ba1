"""`paperfeed run`: a supervised Celery worker with its scheduler, plus the feed server.

The worker (and, with URL sources, a fetcher for their polls) runs as a child process and
is started again if it exits (Redis going away can make a worker's main process exit); the
feed server runs in a thread of this process.
"""

from __future__ import annotations

import collections
import errno
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from logging import WARNING
from types import FrameType
from typing import TYPE_CHECKING

from worker import attempts, home_lock, intake, publishing
from worker.celery_app import FETCH_QUEUE, INGEST_QUEUE, PUBLISH_QUEUE
from worker.db import upgrade
from worker.folders import folder_problems
from worker.intake import drop
from worker.logs import event
from worker.problems import Problem
from worker.progress import plural
from worker.publishing import output
from worker.settings import ConfigError, Settings
from worker.sources import load_sources

if TYPE_CHECKING:
    from feeds.server import FeedServer

log = logging.getLogger("paperfeed.run")


@dataclass
class WorkerWatch:
    """What `paperfeed run` knows of the workers it supervises, for /healthz and /status: a
    worker that exits again and again (a full disk, a broken broker) is not healthy, even
    though one is always being started."""

    running: dict[str, bool] = field(default_factory=dict)
    exits: collections.deque[tuple[float, str, int | None]] = field(
        default_factory=lambda: collections.deque(maxlen=50)
    )
    clock: Callable[[], float] = time.monotonic

    def started(self, name: str) -> None:
        self.running[name] = True

    def exited(self, name: str, code: int | None) -> None:
        self.running[name] = False
        self.exits.append((self.clock(), name, code))

    def problem(self) -> Problem | None:
        """None while every worker runs and none has kept exiting; else what a person reads."""
        now = self.clock()
        for name, running in self.running.items():
            codes = [code for _, who, code in self.exits if who == name]
            recent = [code for at, who, code in self.exits if who == name and now - at < WINDOW]
            said = Problem.of(f"process_{name}")
            if not running and codes:
                return Problem.of("run_worker_exited", name=said, exit_code=str(codes[-1]))
            if not running:
                return Problem.of("run_worker_stopped", name=said)
            if len(recent) >= RESTARTS_UNHEALTHY:
                return Problem.of(
                    "run_worker_restarting", name=said, count=len(recent),
                    minutes=f"{WINDOW / 60:.0f}", exit_code=str(recent[-1]),
                )  # fmt: skip
        return None


WINDOW = 300.0  # seconds
RESTARTS_UNHEALTHY = 3
WATCH = WorkerWatch()


def prepare(settings: Settings) -> None:
    """Folders, schema and the published feeds and pages, so the server has something to
    show at once. Every feed is rendered again only when something a document shows
    changed since the last full publish (base URL, titles, the sources file, paperfeed
    itself; `publishing.output`) or the public folder lost its index; otherwise the
    worker publishes what is dirty, and the start does not grow with the archive."""
    settings.ensure_dirs()
    load_sources(settings)  # a bad sources file stops here, with every problem listed
    upgrade(settings.database_url)
    if not output.is_current(settings):
        publishing.publish_feeds(settings, ["*"])


def watched(settings: Settings) -> str:
    """What the start banner names: each enabled source's folder, or its name for a URL.

    >>> from worker.settings import load_settings
    >>> watched(load_settings({"PAPERFEED_DROP_DIR": "/srv/drop"}))
    '/srv/drop'
    """
    shown = [
        str(s.path) if s.kind == "drop" else f"{s.name} (URL)"
        for s in load_sources(settings)
        if s.enabled
    ]
    return ", ".join(shown) or "no enabled source"


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
        intake.scan(once, sources, ids.append, force=True)
        settling = any(
            drop.ready_files(s.path, stable_seconds=0) for s in sources if s.path and s.enabled
        )
        if not settling or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    counts = {"ingested": 0, "duplicate": 0, "failed": 0}
    for input_id in dict.fromkeys(ids):
        result = attempts.ingest_input(settings, input_id, sources)
        if result is not None:
            counts[result.status] += 1
    report = publishing.publish_dirty(settings)
    written = 0 if report is None else len(report.written_files)
    print(
        f"paperfeed: {counts['ingested']} ingested, {counts['duplicate']} duplicate, "
        f"{counts['failed']} failed; {plural(written, 'file')} written to {settings.public_dir}",
        flush=True,
    )
    problems = folder_problems(sources, settings)
    for problem in problems:
        print(f"paperfeed: {problem.message}", file=sys.stderr)
    return 1 if problems else 0


def worker_command(settings: Settings) -> list[str]:
    """The command line of the supervised worker (with its embedded beat scheduler)."""
    return _celery_worker(
        settings, "worker", [INGEST_QUEUE, PUBLISH_QUEUE], str(settings.workers), "--beat"
    )


def fetcher_command(settings: Settings) -> list[str]:
    """The worker that polls URL sources: threads, not processes (it waits on the network,
    and each poll keeps to its own budget), apart from the ingests so that a slow site
    never holds one of their processes."""
    return _celery_worker(settings, "fetch", [FETCH_QUEUE], "4", "--pool", "threads")


def _celery_worker(
    settings: Settings, role: str, queues: list[str], concurrency: str, *extra: str
) -> list[str]:
    command = [
        # --quiet: no banner; the start line `run` prints names what matters.
        sys.executable, "-m", "celery", "-A", "worker.celery_app", "--quiet", "worker", *extra,
        "--queues", ",".join(queues), "--concurrency", concurrency,
        "--loglevel", settings.log_level, "--hostname", f"paperfeed-{role}-{os.getpid()}@%h",
    ]  # fmt: skip
    if settings.embedded:
        # The filesystem transport has no broadcast channel worth the polling it costs.
        command += ["--without-mingle", "--without-gossip", "--without-heartbeat"]
    return command


def worker_commands(settings: Settings) -> dict[str, list[str]]:
    """Every worker `paperfeed run` supervises: the worker, and the fetcher when a URL
    source is configured."""
    commands = {"worker": worker_command(settings)}
    if any(s.kind == "url" and s.enabled for s in load_sources(settings)):
        commands["fetcher"] = fetcher_command(settings)
    return commands


@dataclass
class _Child:
    """One supervised worker process, and when it may be started again."""

    name: str
    command: list[str]
    process: subprocess.Popen[bytes] | None = None
    backoff: float = 1.0
    started: float = 0.0
    restart_at: float | None = None

    def tend(self, watch: WorkerWatch, now: float) -> None:
        """Start it, notice it exited, or start it again once its backoff is over."""
        if self.process is not None and self.process.poll() is None:
            if now - self.started > 60:
                self.backoff = 1.0
            return
        if self.process is not None and self.restart_at is None:
            code = self.process.returncode
            watch.exited(self.name, code)
            event(log, "worker_exit", WARNING, worker=self.name, code=code,
                  restart_in=f"{self.backoff:.0f}s")  # fmt: skip
            self.restart_at = now + self.backoff
            self.backoff = min(self.backoff * 2, 30)
        if self.restart_at is not None and now < self.restart_at:
            return
        self.process = subprocess.Popen(self.command)
        self.started, self.restart_at = now, None
        watch.started(self.name)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # warm shutdown: running tasks finish

    def wait(self) -> None:
        if self.process is None:
            return
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def bind(settings: Settings, host: str, port: int, how: str) -> FeedServer:
    """The feed server bound to `host`:`port`; a port in use (or an address that cannot be
    had) is a ConfigError of one line saying `how` to choose another."""
    from feeds.server import make_server

    try:
        return make_server(settings.public_dir, host, port)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise ConfigError(f"port {port} is in use; choose another with {how}") from None
        if exc.errno == errno.EACCES:
            raise ConfigError(
                f"port {port} needs privileges this user lacks; choose one above 1023 with {how}"
            ) from None
        raise ConfigError(
            f"cannot listen on {host}:{port} ({exc.strerror or exc}); check PAPERFEED_HOST"
        ) from None


def links_note(settings: Settings, host: str, port: int) -> str | None:
    """A line to print when the pages' links (PAPERFEED_BASE_URL, or the default made from
    PAPERFEED_HOST and PAPERFEED_PORT) do not point at the address being served: the base
    URL is one setting, and a `--port` or a busy port does not silently change it.

    >>> from worker.settings import load_settings
    >>> links_note(load_settings({}), "127.0.0.1", 8094)[:44]
    'the pages link to http://127.0.0.1:8080, not'
    >>> links_note(load_settings({}), "127.0.0.1", 8080) is None
    True
    """
    served = {f"{host}:{port}"}
    if host in {"0.0.0.0", "::", "127.0.0.1", "localhost"}:
        served |= {f"127.0.0.1:{port}", f"localhost:{port}"}
    linked = settings.base_url.split("://", 1)[-1].split("/", 1)[0]
    if linked in served or not linked.startswith(("127.0.0.1:", "localhost:", f"{host}:")):
        return None  # a public name in front (a proxy): links there are right
    return (
        f"the pages link to {settings.base_url}, not to http://{host}:{port}/: set"
        f" PAPERFEED_BASE_URL=http://{host}:{port} (and PAPERFEED_PORT) and publish again"
        " (`paperfeed feeds rebuild --all`) to link here"
    )


def run_forever(settings: Settings, watch: WorkerWatch = WATCH) -> int:
    """Run until SIGINT or SIGTERM; restart each worker whenever it exits."""
    # The home first, then the port: a second run on this home is told who holds it, and
    # neither it nor a busy port lets `run` migrate or publish anything.
    lock = home_lock.take(settings)
    try:
        server = bind(settings, settings.host, settings.port, "PAPERFEED_PORT")
    except BaseException:
        lock.release()
        raise
    try:
        prepare(settings)
    except BaseException:
        server.server_close()
        lock.release()
        raise
    threading.Thread(target=server.serve_forever, name="feed-server", daemon=True).start()
    host, port = str(server.server_address[0]), server.server_address[1]
    lock.record(f"http://{host}:{port}/")
    broker = "embedded broker" if settings.embedded else "Redis"
    print(
        f"paperfeed: watching {watched(settings)} ({broker}); feeds at http://{host}:{port}/",
        flush=True,
    )
    for problem in folder_problems(load_sources(settings), settings):
        print(f"paperfeed: WARNING: {problem.message}", flush=True)
    if note := links_note(settings, host, port):
        print(f"paperfeed: note: {note}", flush=True)
    stopping = threading.Event()

    def stop(signum: int, _frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    children = [_Child(name, command) for name, command in worker_commands(settings).items()]
    try:
        while not stopping.is_set():
            for child in children:
                child.tend(watch, time.monotonic())
            stopping.wait(0.5)
    finally:
        for child in children:
            child.stop()
        for child in children:
            child.wait()
        server.shutdown()
        server.server_close()
        lock.release()
    return 0
