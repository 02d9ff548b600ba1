"""A small cluster for fault tests: Celery workers in child processes on a real broker and
database, scans driven from the test, and the checks of shared/spec/reliability.md; and
what makes a condition real: a mount of the test's own, a file system filled up."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import func, select

from worker import attempts, intake, publishing
from worker.broker import redis_forgot
from worker.celery_app import create_app
from worker.db import session_scope, upgrade
from worker.intake import drop
from worker.models import Article, Credit, DirtyFeed, Input, Issue, Person
from worker.settings import load_settings
from worker.sources import default_source


@dataclass
class Cluster:
    """Workers, settings and helpers around one PAPERFEED_HOME."""

    home: Path
    env: dict[str, str]
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)
    logs: list[Path] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.settings = load_settings(self.env)
        self.settings.ensure_dirs()
        upgrade(self.settings.database_url)
        self.sources = [default_source(self.settings)]
        self.app = create_app(self.settings)

    # -- processes ------------------------------------------------------------------------
    def start_worker(self, concurrency: int = 2, **extra_env: str) -> subprocess.Popen[bytes]:
        number = len(self.workers) + 1
        log = self.home.parent / f"{self.home.name}-worker{number}.log"
        command = [
            sys.executable, "-m", "celery", "-A", "worker.celery_app", "worker",
            "--queues", "ingest,publish", "--concurrency", str(concurrency),
            "--hostname", f"w{number}-{os.getpid()}@%h", "--loglevel", "INFO",
            "--without-mingle", "--without-gossip",
        ]  # fmt: skip
        with log.open("wb") as out:
            process = subprocess.Popen(
                command, env={**os.environ, **self.env, **extra_env}, stdout=out,
                stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        self.workers.append(process)
        self.logs.append(log)
        return process

    def kill(self, process: subprocess.Popen[bytes]) -> None:
        """SIGKILL a worker and its pool children, as a crash or the OOM killer would."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def stop_all(self) -> None:
        for process in self.workers:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 30
        for process in self.workers:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.kill(process)

    def output(self) -> str:
        return "\n".join(log.read_text("utf-8", errors="replace")[-4000:] for log in self.logs)

    # -- work -----------------------------------------------------------------------------
    def drop(self, name: str, data: bytes) -> None:
        """Deliver a file the way an uploader should: written aside, then renamed in."""
        partial = self.settings.drop_dir / f".{name}.part"
        partial.write_bytes(data)
        partial.rename(self.settings.drop_dir / name)

    def enqueue(self, input_id: int) -> None:
        self.app.send_task("paperfeed.ingest_input", args=[input_id])

    def scan(self) -> intake.ScanResult:
        """What one beat tick does (`worker.tasks.scan`)."""
        forgot = not self.settings.embedded and redis_forgot(str(self.settings.broker_url))
        result = intake.scan(
            self.settings, self.sources, self.enqueue, force=True, requeue_all=forgot
        )
        if publishing.publish_owed(self.settings, grace_seconds=0):
            self.app.send_task("paperfeed.publish")
        return result

    def settled(self, expected: int) -> bool:
        return all(self.settle_checks(expected).values())

    def settle_checks(self, expected: int) -> dict[str, bool]:
        with session_scope(self.settings.database_url, write=False) as session:
            total = session.scalar(select(func.count()).select_from(Input)) or 0
            open_ = session.scalar(
                select(func.count()).select_from(Input).where(
                    (Input.status == "pending") | Input.filed.is_(False)
                )
            )  # fmt: skip
            dirty = session.scalar(select(func.count()).select_from(DirtyFeed))
        waiting = bool(pending_drops(self.settings.drop_dir)) or any(
            self.settings.work_dir.rglob("*--*")
        )
        return {
            f"{total} inputs, {expected} expected": total == expected,
            f"{open_} open": open_ == 0,
            f"{dirty} dirty feeds": dirty == 0,
            "nothing waiting in drop/ or work/": not waiting,
        }

    def wait_settled(self, expected: int, seconds: float, *, scan_every: float = 1.0) -> float:
        """Scan like beat until every input reached a final state; returns the time taken."""
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            self.scan()
            if self.settled(expected):
                return time.monotonic() - started
            time.sleep(scan_every)
        with session_scope(self.settings.database_url, write=False) as session:
            dirty = list(session.scalars(select(DirtyFeed.key)))
            unfiled = list(session.scalars(select(Input.original_name).where(~Input.filed)))
        leftovers = [*pending_drops(self.settings.drop_dir), *self.settings.work_dir.rglob("*")]
        raise AssertionError(
            f"not settled after {seconds}s: {self.states()}\ndirty feeds: {dirty[:10]}\n"
            f"unfiled: {unfiled}\nchecks: {self.settle_checks(expected)}\n"
            f"files left: {leftovers[:10]}\n{self.output()[-8000:]}"
        )

    def wait_for(self, check: Callable[[], bool], seconds: float, what: str) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if check():
                return
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}:\n{self.output()[-6000:]}")

    def states(self) -> dict[str, tuple[str, int, str | None]]:
        """Original file name → (status, attempts, error) from the ledger."""
        with session_scope(self.settings.database_url, write=False) as session:
            rows = session.execute(
                select(Input.original_name, Input.status, Input.attempts, Input.error)
            ).all()
        return {name: (status, attempts, error) for name, status, attempts, error in rows}


def pending_drops(folder: Path) -> list[Path]:
    """Files in a drop folder that paperfeed should still take (not symlinks, FIFOs, hidden
    names or partial uploads, which it never takes)."""
    return list(drop.survey(folder, stable_seconds=0).ready)


def article_snapshot(database_url: str) -> set[tuple[object, ...]]:
    """Every live article as comparable values: key, headline, page, body, credits."""
    with session_scope(database_url, write=False) as session:
        articles = session.scalars(select(Article).where(Article.withdrawn_at.is_(None))).all()
        credits = {
            (c.article_id, name, c.role)
            for c, name in session.execute(select(Credit, Person.name).join(Person)).all()
        }
        return {
            (
                a.key, a.headline, a.page, tuple(a.paragraphs),
                tuple(sorted((n, r) for aid, n, r in credits if aid == a.id)),
            )
            for a in articles
        }  # fmt: skip


def reference_snapshot(tmp: Path, files: Iterable[tuple[str, bytes]], source: str) -> set[object]:
    """What synchronous ingests of the same files into a fresh database store."""
    settings = load_settings({"PAPERFEED_HOME": str(tmp), "PAPERFEED_SOURCE": source})
    settings.ensure_dirs()
    upgrade(settings.database_url)
    for name, data in files:
        path = tmp / name
        path.write_bytes(data)
        attempts.ingest_path(settings, path, default_source(settings))
    return article_snapshot(settings.database_url)  # type: ignore[return-value]


def assert_nothing_lost(cluster: Cluster, files: dict[str, bytes], tmp: Path) -> None:
    """The pass criteria of the spec: one final state per input, empty drop and work
    folders, stored articles equal to a synchronous reference, one issue per input."""
    settings = cluster.settings
    states = cluster.states()
    hashes = {hashlib.sha256(data).hexdigest() for data in files.values()}
    assert len(states) == len(hashes), states
    assert all(status in {"ingested", "failed"} for status, _, _ in states.values()), states
    assert not pending_drops(settings.drop_dir)
    assert not any(settings.work_dir.rglob("*--*"))
    good = [(n, d) for n, d in sorted(files.items()) if states.get(n, ("",))[0] == "ingested"]
    expected = reference_snapshot(tmp / "reference", good, settings.source)
    assert article_snapshot(settings.database_url) == expected
    with session_scope(settings.database_url, write=False) as session:
        issues = session.scalar(select(func.count()).select_from(Issue).where(
            Issue.status != "failed"))  # fmt: skip
    assert issues == len({hashlib.sha256(d).hexdigest() for _, d in good})


def _must(what: str) -> None:
    """A condition this machine cannot make: fatal in CI, a skip elsewhere."""
    pytest.fail(what) if os.environ.get("CI") else pytest.skip(what)


@contextlib.contextmanager
def mounted(options: list[str], target: Path) -> Iterator[None]:
    """`mount OPTIONS TARGET` for a test's duration (a tmpfs to fill, a bind mount to cross;
    it needs root, as CI has)."""
    target.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", *options, str(target)], capture_output=True, text=True)
    if done.returncode != 0:
        _must(f"cannot mount {options} on {target}: {done.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(target)], capture_output=True, check=False)


def fill(path: Path) -> None:
    """Write `path` until its file system is full."""
    chunk = b"\0" * (1 << 20)
    with path.open("wb") as out:
        try:
            while True:
                out.write(chunk)
                out.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC, exc
