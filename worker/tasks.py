"""Celery tasks: thin shells that take ids, call `worker.intake`,
`worker.attempts` and `worker.publishing`, and enqueue what comes next.

Messages carry JSON primitives only (input and issue ids), never paths or objects; the
ledger in the database says what each id means and how far it got.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import resource
import time
from functools import cache
from logging import DEBUG, WARNING
from typing import Any

from celery.exceptions import Reject, SoftTimeLimitExceeded
from celery.signals import worker_init, worker_process_init, worker_ready
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from worker import attempts, intake, publishing
from worker.celery_app import app
from worker.logs import event
from worker.settings import load_settings
from worker.sources import SourceConfig, load_sources

log = logging.getLogger("paperfeed.tasks")
settings = load_settings()


@cache
def sources() -> tuple[SourceConfig, ...]:
    """The configured sources, read once per process (restart workers after editing)."""
    return load_sources(settings)


@worker_ready.connect
def _prepare(**_: Any) -> None:
    settings.ensure_dirs()
    sources()  # a bad sources file stops the worker at start, with every problem listed


# How far a pool child may grow past the memory it shares with the parent at fork before
# it is replaced, once its task ends. An ingest grows a child by a few hundred kB; a publish
# that writes the documents of many ingests by 15-20 MB that it keeps (its pages are freed
# but stay the process's), and a publish of thousands of files by more. A fresh child costs
# a fork, a new database connection and its caches filled again.
CHILD_GROWTH_KIB = 20_000


@worker_init.connect
def _prepare_pool(sender: Any = None, **_: Any) -> None:
    # Runs in the parent before the pool children are forked. What every child would
    # otherwise load for itself is loaded once here, and shared: the database driver and
    # engines, the dialect's first handshake, and the mapper configuration.
    # Then everything is left out of garbage collection: a collection in a child would
    # otherwise write to every object it visits, and so copy into the child each page it
    # shares with the parent. The free memory the imports left is given back before the
    # children are forked, and the limit is taken from what is resident after that.
    _preload()
    gc.collect()
    gc.freeze()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
    if sender is not None:
        sender.max_memory_per_child = child_memory_limit(sender.max_memory_per_child)


def child_memory_limit(configured: int | None) -> int:
    """The peak RSS (KiB) past which a pool child is replaced after its task: this process's
    resident memory now (the children start from its pages) plus CHILD_GROWTH_KIB, and
    never more than `configured` (worker_max_memory_per_child) when that is set.

    Celery compares each child's peak RSS after every task; a child that held a large
    publish otherwise keeps those pages, and the next large publish may run in the other
    child and grow that one as well. The parent's own peak is no base: it counts what
    importing the app passed through and let go (~30 MB here), and against it a child
    could grow ~80 MB before it was replaced."""
    limit = resident_kib() + CHILD_GROWTH_KIB
    return min(limit, configured) if configured else limit


def resident_kib() -> int:
    """This process's resident memory now, in KiB; its peak where /proc is missing."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            pages = int(statm.read().split()[1])
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return pages * resource.getpagesize() // 1024


def _preload() -> None:
    from sqlalchemy.orm import configure_mappers

    from worker.db import dispose_engines, get_engine

    configure_mappers()
    engine = get_engine(settings.database_url)
    get_engine(settings.database_url, write=False)
    if engine.dialect.name != "sqlite":
        # The first connection of an engine asks the server its version and settings, and
        # sets the dialect up from them: ~4 MB written in each process that does it. Done
        # here, the children share it. A database that cannot be reached is left to them.
        with contextlib.suppress(SQLAlchemyError), engine.connect():
            pass
        dispose_engines()  # no connection of this process is inherited


@worker_process_init.connect
def _fresh_connections(**_: Any) -> None:
    # A forked pool child must neither use nor close the parent's database connections.
    from worker.db import dispose_engines

    dispose_engines(close=False)


# The database restarting under a task: try again shortly rather than wait for the lease.
RETRY_ON_DATABASE: dict[str, Any] = {
    "autoretry_for": (OperationalError,),
    "retry_backoff": 2,
    "retry_backoff_max": 30,
    "max_retries": 8,
}


@app.task(name="paperfeed.scan", ignore_result=True)
def scan() -> int:
    """Claim ready files, hand URL sources that are due to their poll task, hand out
    expired leases, and queue a publish if one is owed."""
    settings.ensure_dirs()
    result = intake.scan(
        settings, sources(), ingest_input.delay, dispatch=poll_url.delay,
        requeue_all=broker_forgot(),
    )  # fmt: skip
    if publishing.publish_owed(settings):
        publish.delay()
    sample_queues()
    return len(result.new) + len(result.retried)


def sample_queues() -> None:
    """Keep the queues' lengths (at most twice a minute), so that `paperfeed status` can
    tell a queue that keeps growing."""
    from worker import queue_samples
    from worker.queues import queue_lengths

    try:
        queue_samples.record(settings, queue_lengths(settings))
    except Exception as exc:  # a status aid: never the scan's failure
        # A full disk or a broker away: the scan and `status` say so louder, each scan.
        event(log, "queue_sample", DEBUG, error=repr(exc))


def broker_forgot() -> bool:
    """Whether Redis lost its queues (restarted without persistence) since the last scan:
    the messages of every pending input are sent again at once, not after their lease."""
    if settings.embedded:
        return False
    from worker.broker import redis_forgot

    assert settings.broker_url is not None
    try:
        return redis_forgot(settings.broker_url)
    except Exception as exc:  # the enqueue after it says the same more loudly
        event(log, "broker_check", WARNING, error=repr(exc))
        return False


@app.task(name="paperfeed.poll_url", ignore_result=True)
def poll_url(source_name: str) -> int:
    """Poll one URL source (its own task, on the fetch queue) and queue what it brought."""
    source = next((s for s in sources() if s.name == source_name and s.kind == "url"), None)
    if source is None:
        return 0  # removed from the sources file since the scan sent this
    found: list[int] = []
    try:
        intake.poll_url(settings, source, found)
    finally:
        unsent = intake.send_all(settings, found, ingest_input.delay)
    if unsent is not None:
        raise unsent
    return len(found)


def _database_backoff(retries: int) -> int:
    """Seconds before a task that met a database error runs again: 2, 4, 8 … 30."""
    return int(min(30, 2 * 2**retries))


@app.task(bind=True, name="paperfeed.ingest_input", ignore_result=True, max_retries=8)
def ingest_input(self: Any, input_id: int, resumed: bool = False) -> str | None:
    """One attempt at one input; then queue the rebuild of the feeds it changed.

    How an attempt ends decides whether it counts against the file: a parse that runs out
    of time does; the database going away, or the time running out while the attempt waited
    for the database, does not (`attempts.Attempt`, `ledger.begin_attempt`).
    """
    attempt = attempts.Attempt()
    try:
        result = attempts.ingest_input(
            settings, input_id, sources(), attempt=attempt, resumed=resumed
        )
    except SoftTimeLimitExceeded:
        if attempt.parsing:
            # Counted as an attempt already; the next scan retries until they run out.
            attempts.note_timeout(settings, input_id, settings.task_time_limit)
            event(log, "ingest", WARNING, input=input_id, status="timeout")
            return "timeout"
        attempts.note_interrupted(settings, input_id, "the time limit ran out outside the parse")
        return "interrupted"
    except OperationalError as exc:
        # The database restarting under the task: try again shortly rather than wait for the
        # lease; an attempt already counted is moved to the interruptions then.
        countdown = _database_backoff(self.request.retries)
        try:
            raise self.retry(
                exc=exc, countdown=countdown, kwargs={"resumed": resumed or attempt.begun}
            ) from exc
        except Reject:
            # The retry's message could not be sent either (the disk holding the database
            # and the embedded broker is full): the next scan sends the input again.
            intake.give_back(settings, [input_id])
            raise
    if result is not None and result.feeds:
        queue_publish()  # the ingest committed, and with it the feeds it marked dirty
    return None if result is None else result.status


PUBLISH_SLACK = 0.2  # seconds
# When the publish this process queued last is due (a time.monotonic() reading).
_publish_due = 0.0


def queue_publish(countdown: float | None = None) -> None:
    """A publish, PAPERFEED_PUBLISH_DELAY (or `countdown`) seconds from now: the feeds just
    marked are published once the ingests around them are over (`publishing.publish_wait`).

    None is sent while a publish this process queued is still to come: that one reads the
    marks after this commit, and queues itself again if they are too fresh then (`publish`).
    Each ingest sent its own before, a task per issue that found the marks fresh and ended.
    """
    global _publish_due
    now = time.monotonic()
    if countdown is None:
        if _publish_due > now + PUBLISH_SLACK / 4:
            return
        countdown = settings.publish_delay
    if countdown > 0:
        publish.apply_async(countdown=countdown)
    else:
        publish.delay()
    _publish_due = now + countdown


@app.task(name="paperfeed.publish", ignore_result=True, **RETRY_ON_DATABASE)
def publish() -> int:
    """Rebuild every feed marked dirty, and the index page, once ingests have paused (or
    the oldest mark has waited PAPERFEED_PUBLISH_MAX_DELAY)."""
    # Past a little slack for clocks and timers, come back when the marks will be quiet:
    # the ingests that marked them since may have sent no publish of their own.
    wait = publishing.publish_wait(settings)
    if wait > PUBLISH_SLACK:
        _publish_later(wait)
        return 0
    report = publishing.publish_dirty(settings)
    if report is None:
        # Another publisher's lease: what was marked after it began is not in its run.
        if publishing.publish_leased(settings):
            _publish_later(max(settings.publish_delay, PUBLISH_SLACK))
        return 0  # or nothing was marked
    release_memory()
    return len(report.written_files)


def _publish_later(wait: float) -> None:
    """Queue a publish `wait` seconds from now, unless one this process queued comes then."""
    if _publish_due < time.monotonic() + wait - PUBLISH_SLACK:
        queue_publish(countdown=wait)


@cache
def _malloc_trim() -> Any:
    return getattr(ctypes.CDLL(None), "malloc_trim", None)  # glibc's; None elsewhere


def release_memory() -> None:
    """Give back to the system the free memory a publish left: the allocator would keep it
    for this process, which may not publish again for a while."""
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@app.task(name="paperfeed.reingest", ignore_result=True, **RETRY_ON_DATABASE)
def reingest(issue_id: int) -> str:
    """Parse one stored issue again from its raw bytes."""
    result = attempts.reingest(settings, issue_id, sources())
    if result.feeds:
        queue_publish()
    return result.status
