"""Celery signal handlers of the worker: logging set-up, a start and an end line per task,
and task counters and failures recorded in the database for `paperfeed status` and /metrics.

Loaded through the Celery app's `include` list, so every worker process connects them.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from functools import cache
from logging import WARNING
from typing import Any

from celery.signals import setup_logging, task_failure, task_postrun, task_prerun
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
    _record(task.name, seconds, failed=state == "FAILURE")


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


def _record(name: str, seconds: float, *, failed: bool) -> None:
    """Add one run to the task's counters and to its duration bucket (UPDATEs of sums, so
    concurrent workers add up)."""
    from worker.db import session_scope
    from worker.models import DURATION_BUCKETS, TaskDuration, TaskStat
    from worker.storage import insert_ignoring_conflict

    row = {"task": name, "runs": 0, "failures": 0, "seconds": 0.0, "last_run_at": None}
    le = next(bound for bound in DURATION_BUCKETS if seconds <= bound)
    try:
        with session_scope(_settings().database_url) as session:
            insert_ignoring_conflict(session, TaskDuration, {"task": name, "le": le, "runs": 0})
            session.execute(
                update(TaskDuration)
                .where(TaskDuration.task == name, TaskDuration.le == le)
                .values(runs=TaskDuration.runs + 1)
            )
            insert_ignoring_conflict(session, TaskStat, row)
            session.execute(
                update(TaskStat)
                .where(TaskStat.task == name)
                .values(
                    runs=TaskStat.runs + 1,
                    failures=TaskStat.failures + int(failed),
                    seconds=TaskStat.seconds + seconds,
                    last_run_at=dt.datetime.now(dt.UTC),
                )
            )
    except SQLAlchemyError as exc:
        logs.event(log, "task_stats_not_recorded", WARNING, task=name, error=str(exc))


def _args(args: Any) -> str:
    try:
        return json.dumps(list(args or ()), ensure_ascii=False, default=str)
    except TypeError:
        return repr(args)
