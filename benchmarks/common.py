"""What every benchmark shares: medians of timed runs, throwaway PostgreSQL databases and Redis
databases, memory of a process tree, and the description of the machine and the versions."""

from __future__ import annotations

import contextlib
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

POSTGRES = os.environ.get(
    "PAPERFEED_BENCH_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REDIS = os.environ.get("PAPERFEED_BENCH_REDIS", "redis://127.0.0.1:6379/14")
# The databases a run creates are named PREFIX_<what>_<random>: two runs on one server
# (say, two checkouts) each see only their own, and what a killed run left is easy to find.
PREFIX = os.environ.get("PAPERFEED_BENCH_DB_PREFIX", "paperfeed_bench")
MB = 1_000_000


@dataclass(frozen=True)
class Row:
    """One line of the table: what was measured, the figure, its floor (the same work
    without paperfeed's overhead, measured in the same run) and the figure's ratio to it,
    the target and its verdict."""

    name: str
    value: str
    target: str = ""
    met: bool | None = None
    floor: str = ""
    ratio: str = ""

    @property
    def verdict(self) -> str:
        return {True: "met", False: "MISSED", None: ""}[self.met]

    def line(self) -> str:
        """The row as printed while its group runs."""
        floor = f" (floor {self.floor}; {self.ratio})" if self.floor else ""
        return f"{self.name}: {self.value}{floor}"


def median(values: list[float]) -> float:
    return statistics.median(values)


def times(slower: float) -> str:
    """A ratio to a floor as the table prints it: how many times the floor's cost.

    >>> times(3.14159), times(12.5)
    ('3.1x', '12x')
    """
    return f"{slower:.1f}x" if slower < 10 else f"{slower:.0f}x"


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


@contextlib.contextmanager
def postgres_database(what: str = "db") -> Iterator[str]:
    """A new, empty PostgreSQL database named PREFIX_`what`_<random>; dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"{PREFIX}_{what}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(POSTGRES).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        from worker.db import dispose_engines

        dispose_engines()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def flush_redis() -> None:
    import redis

    client = redis.Redis.from_url(REDIS)
    client.flushdb()
    client.close()


SHOWN: set[str] = set()  # rows already printed while their group ran


def show(rows: list[Row], row: Row) -> None:
    """Keep the row, and print it now, for groups that run for minutes."""
    rows.append(row)
    SHOWN.add(row.name)
    print(f"  {row.line()}", file=sys.stderr, flush=True)


class TreeMemory:
    """Samples the resident memory of a process and all its descendants every `interval`
    seconds in a thread; `peak_total` is the largest sum over the tree, `peak_single` the
    largest single process. RSS counts pages shared after fork once per process, so the sum
    overstates the tree's real use; it is the figure an OOM policy would see.

    `peak_worker` is the largest proportional set size (PSS: each shared page divided among
    the processes sharing it) summed over the Celery worker's processes alone, the parent
    (with the scheduler) and its pool children: the memory the worker itself costs.
    """

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        import psutil

        self._root = psutil.Process(pid)
        self._interval = interval
        self._stop = threading.Event()
        self.peak_total = self.peak_single = self.peak_worker = 0
        self.processes = 0
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                tree = [self._root, *self._root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            sizes = []
            worker = 0
            for process in tree:
                with contextlib.suppress(psutil.Error):
                    sizes.append(process.memory_info().rss)
                    if "celery" in " ".join(process.cmdline()):
                        worker += process.memory_full_info().pss
            self.peak_worker = max(self.peak_worker, worker)
            self.peak_total = max(self.peak_total, sum(sizes))
            self.peak_single = max(self.peak_single, max(sizes, default=0))
            self.processes = max(self.processes, len(sizes))
            self._stop.wait(self._interval)


def _command(*args: str) -> str:
    try:
        out = subprocess.run(args, capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "unavailable"
    return (out.stdout or out.stderr).strip().splitlines()[0] if (out.stdout or out.stderr) else ""


def machine() -> list[tuple[str, str]]:
    """Cores, memory, CPU model and the versions of everything measured."""
    import celery
    import sqlalchemy

    cpu = "unknown"
    with contextlib.suppress(OSError), open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return [
        ("cores", str(os.cpu_count())),
        ("memory", f"{memory:.1f} GiB"),
        ("CPU", cpu),
        ("OS", platform.platform()),
        ("Python", platform.python_version()),
        ("SQLite", sqlite3.sqlite_version),
        ("PostgreSQL server", _postgres_version()),
        ("Redis server", _redis_version()),
        ("celery", celery.__version__),
        ("sqlalchemy", sqlalchemy.__version__),
        ("wrk", _command("wrk", "--version") or "not installed"),
    ]


def _postgres_version() -> str:
    from sqlalchemy import create_engine, text

    try:
        engine = create_engine(POSTGRES)
        with engine.connect() as conn:
            version = str(conn.execute(text("SHOW server_version")).scalar())
        engine.dispose()
        return version
    except Exception as exc:  # any failure: say so in the table, do not stop
        return f"unreachable ({type(exc).__name__})"


def _redis_version() -> str:
    import redis

    try:
        client = redis.Redis.from_url(REDIS)
        version = str(client.info("server")["redis_version"])
        client.close()
        return version
    except Exception as exc:
        return f"unreachable ({type(exc).__name__})"
