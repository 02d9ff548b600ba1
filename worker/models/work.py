"""The record of work: inputs (the ledger), URL sources' fetch state, named locks, task
counters, durations and failures."""

from __future__ import annotations

import datetime as dt
import math

from sqlalchemy import Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from worker.models.base import Base, UTCDateTime


class Input(Base):
    """The ledger: one row per input content hash, the record of work (the broker only carries
    messages). A pending input whose lease ran out is handed out again by the next scan."""

    __tablename__ = "inputs"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(20), index=True)  # pending|ingested|failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # Attempts that ended for reasons outside the file (the database, a time limit spent
    # waiting for it): not in `attempts`, retried with backoff up to a larger budget.
    interruptions: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    lease_expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), index=True)
    claim: Mapped[str | None] = mapped_column(String(600))  # file name in the work folder
    filed: Mapped[bool] = mapped_column(default=False)  # moved to archive/ or failed/
    original_name: Mapped[str] = mapped_column(String(500))
    url: Mapped[str | None] = mapped_column(Text)
    size: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    error: Mapped[str | None] = mapped_column(Text)
    issue_id: Mapped[int | None] = mapped_column(ForeignKey("issues.id"))
    # A failed input's file under failed/ (relative to it), for `paperfeed failures retry`.
    kept: Mapped[str | None] = mapped_column(String(1000))
    # Set aside by a person (`paperfeed failures dismiss`): listed, but status stays green.
    dismissed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class FetchState(Base):
    """What a URL source last answered: validators for conditional GET, and the outcome."""

    __tablename__ = "fetch_state"

    url: Mapped[str] = mapped_column(String(1000), primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20))
    error: Mapped[str | None] = mapped_column(Text)
    checked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class Lock(Base):
    """A named lease held by one process at a time (the publisher), across hosts."""

    __tablename__ = "locks"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    until: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class TaskStat(Base):
    """Counters per Celery task name, kept by the worker's signal handlers (`worker.signals`):
    runs, failures and seconds spent. Only ever incremented, so /metrics served by any
    process reports the same monotonic counters."""

    __tablename__ = "task_stats"

    task: Mapped[str] = mapped_column(String(200), primary_key=True)
    runs: Mapped[int] = mapped_column(Integer, default=0)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)
    last_run_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


# Upper bounds (seconds) of the task-duration histogram's buckets: a scan takes milliseconds,
# an ingest tenths of a second, a back-fill's publish minutes.
DURATION_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, math.inf)


class TaskDuration(Base):
    """How many runs of a task took at most `le` seconds and more than the bucket below
    (`DURATION_BUCKETS`): /metrics sums them into a Prometheus histogram."""

    __tablename__ = "task_durations"

    task: Mapped[str] = mapped_column(String(200), primary_key=True)
    le: Mapped[float] = mapped_column(Float, primary_key=True)  # +inf for the last bucket
    runs: Mapped[int] = mapped_column(Integer, default=0)


class TaskFailure(Base):
    """One task that raised, for `paperfeed status` (rows older than 30 days are pruned)."""

    __tablename__ = "task_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    task: Mapped[str] = mapped_column(String(200))
    task_id: Mapped[str | None] = mapped_column(String(200))
    args: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str] = mapped_column(Text)
    failed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
    dismissed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
