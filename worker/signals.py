"""Celery signal handlers of the worker: logging set-up, a start and an end line per task,
and task counters and failures recorded in the database for `paperfeed status` and /metrics.

Loaded through the Celery app's `include` list, so every worker process connects them.
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import logging
import threading
import time
from dataclasses import dataclass, field
from functools import cache
from logging import WARNING
from typing import Any

from celery.signals import (
    setup_logging,
    task_failure,
    task_postrun,
    task_prerun,
    worker_process_shutdown,
)
from sqlalchemy import delete, update
from sqlalchemy.exc import SQLAlchemyError

from worker import logs
from worker.settings import Settings, load_settings

log = logging.getLogger("paperfeed.tasks")

# Run every few seconds (a URL source's poll every poll_interval): their start and end
# lines are DEBUG, unless one failed; what they found is logged by the scan and the ingests.
QUIET_TASKS = {"paperfeed.scan", "paperfeed.poll_url"}
KEEP_FAILURES = dt.timedelta(days=30)
_started: dict[str, float] = {}


@cache
def _settings() -> Settings:
    return load_settings()


@setup_logging.connect
def _setup_logging(loglevel: Any = None, **_: Any) -> None:
    # Connected, this replaces Celery's own logging set-up: our format (text or JSON) for
    # the worker's lines and the tasks' lines alike.
    settings = _settings()
    logs.configure(loglevel or settings.log_level, settings.log_format)
    for name in ("celery.beat", "celery.worker.strategy", "celery.app.trace"):
        logging.getLogger(name).addFilter(_routine_at_debug)
    for warning in settings.warnings:  # a worker started without the `paperfeed` command
        logs.event(log, "settings", logging.WARNING, warning=warning)


def _routine_at_debug(record: logging.LogRecord) -> bool:
    """Celery's own INFO lines become DEBUG where they say nothing new: beat sending a scan
    or poll (every few seconds), and a worker receiving a task or the task succeeding (our
    task_start and task_end lines say so, with the arguments). At INFO the log then holds
    what arrived and what went wrong. Failures and retries keep their level."""
    if record.levelno != logging.INFO:
        return True
    message = record.getMessage()
    routine = any(f"({name})" in message for name in QUIET_TASKS) or (
        message.startswith("Task paperfeed.") and message.endswith(" received")
    )
    if record.name == "celery.app.trace" and " succeeded in " in message:
        routine = message.startswith("Task paperfeed.")
    if not routine:
        return True
    record.levelno, record.levelname = logging.DEBUG, "DEBUG"
    return logging.getLogger().isEnabledFor(logging.DEBUG)


@task_prerun.connect
def _task_started(task_id: str = "", task: Any = None, args: Any = (), **_: Any) -> None:
    _started[task_id] = time.monotonic()
    level = logging.DEBUG if task.name in QUIET_TASKS else logging.INFO
    logs.event(log, "task_start", level, task=task.name, id=task_id, args=_args(args))


@task_postrun.connect
def _task_finished(
    task_id: str = "", task: Any = None, args: Any = (), state: str | None = None, **_: Any
) -> None:
    seconds = time.monotonic() - _started.pop(task_id, time.monotonic())
    level = logging.DEBUG if task.name in QUIET_TASKS and state == "SUCCESS" else logging.INFO
    logs.event(
        log, "task_end", level, task=task.name, id=task_id, args=_args(args), state=state,
        ms=round(seconds * 1000),
    )  # fmt: skip
    _count(task.name, seconds, failed=state == "FAILURE")


@task_failure.connect
def _task_failed(
    task_id: str = "", exception: BaseException | None = None, args: Any = (),
    sender: Any = None, **_: Any,
) -> None:  # fmt: skip
    from worker.db import session_scope
    from worker.models import TaskFailure

    name = getattr(sender, "name", "unknown")
    error = f"{type(exception).__name__}: {exception}" if exception else "unknown error"
    now = dt.datetime.now(dt.UTC)
    try:
        with session_scope(_settings().database_url) as session:
            session.add(
                TaskFailure(task=name, task_id=task_id, args=_args(args), error=error[:2000],
                            failed_at=now)
            )  # fmt: skip
            session.execute(delete(TaskFailure).where(TaskFailure.failed_at < now - KEEP_FAILURES))
    except SQLAlchemyError as exc:  # the database being down is likely why the task failed
        logs.event(log, "task_failure_not_recorded", WARNING, task=name, id=task_id, error=str(exc))


@dataclass
class _Tally:
    """Runs of one task not yet added to its counters: how many, failed, seconds, when the
    last one ended, and how many fell in each duration bucket."""

    runs: int = 0
    failures: int = 0
    seconds: float = 0.0
    last_run_at: dt.datetime | None = None
    buckets: collections.Counter[float] = field(default_factory=collections.Counter)

    def add(self, seconds: float, *, failed: bool) -> None:
        from worker.models import DURATION_BUCKETS

        self.runs += 1
        self.failures += int(failed)
        self.seconds += seconds
        self.last_run_at = dt.datetime.now(dt.UTC)
        self.buckets[next(bound for bound in DURATION_BUCKETS if seconds <= bound)] += 1


# Counters are added at most once a second per process, for every run since: a write
# transaction per task took ~10 ms of each (a scan, an ingest, a publish alike), most of it
# waiting on SQLite for the other process's writes. A process killed loses at most that
# second's counts; the work itself is in the ledger, not here.
FLUSH_SECONDS = 1.0
_pending: dict[str, _Tally] = {}
_lock = threading.Lock()
_flushed_at = 0.0
_timer: threading.Timer | None = None


def _count(name: str, seconds: float, *, failed: bool) -> None:
    """Count one run of `name`; write the counts now if the last write is a second old,
    else within a second (a timer), so an idle process still says what it ran."""
    global _timer
    with _lock:
        _pending.setdefault(name, _Tally()).add(seconds, failed=failed)
        due = time.monotonic() - _flushed_at >= FLUSH_SECONDS
        if not due and _timer is None:
            _timer = threading.Timer(FLUSH_SECONDS, _flush)
            _timer.daemon = True
            _timer.start()
    if due:
        _flush()


@worker_process_shutdown.connect
def _flush(**_: Any) -> None:
    """Write the counts gathered since the last write."""
    global _flushed_at, _timer
    with _lock:
        tallies = dict(_pending)
        _pending.clear()
        _flushed_at = time.monotonic()
        if _timer is not None:
            _timer.cancel()
            _timer = None
    if tallies:
        _write(tallies)


def _record(name: str, seconds: float, *, failed: bool) -> None:
    """Add one run to the task's counters and to its duration bucket, now."""
    tally = _Tally()
    tally.add(seconds, failed=failed)
    _write({name: tally})


def _write(tallies: dict[str, _Tally]) -> None:
    """Add the runs to each task's counters and duration buckets (UPDATEs of sums, so
    concurrent workers add up), in one transaction."""
    from worker.db import session_scope
    from worker.models import TaskDuration, TaskStat
    from worker.storage import insert_ignoring_conflict

    try:
        with session_scope(_settings().database_url) as session:
            for name in sorted(tallies):  # one order in every process: no deadlock
                tally = tallies[name]
                for le, runs in sorted(tally.buckets.items()):
                    insert_ignoring_conflict(
                        session, TaskDuration, {"task": name, "le": le, "runs": 0}
                    )
                    session.execute(
                        update(TaskDuration)
                        .where(TaskDuration.task == name, TaskDuration.le == le)
                        .values(runs=TaskDuration.runs + runs)
                    )
                row = {"task": name, "runs": 0, "failures": 0, "seconds": 0.0}
                insert_ignoring_conflict(session, TaskStat, row)
                session.execute(
                    update(TaskStat)
                    .where(TaskStat.task == name)
                    .values(
                        runs=TaskStat.runs + tally.runs,
                        failures=TaskStat.failures + tally.failures,
                        seconds=TaskStat.seconds + tally.seconds,
                        last_run_at=tally.last_run_at,
                    )
                )
    except SQLAlchemyError as exc:
        names = ",".join(sorted(tallies))
        logs.event(log, "task_stats_not_recorded", WARNING, task=names, error=str(exc))


def _args(args: Any) -> str:
    try:
        return json.dumps(list(args or ()), ensure_ascii=False, default=str)
    except TypeError:
        return repr(args)
